### Page d’accueil, en français.

home-title = {site_name}
home-description = Bienvenue sur {site_name}.
home-welcome-title = Bienvenue
home-welcome-p1 = Voici la page d’accueil de votre nouveau site multilingue. Rédigez vos pages en Markdown dans `content/` ; `fluentpress extract` transforme chaque bloc en un message que les traducteurs traduisent dans `locales/`.
home-welcome-p2 = [En savoir plus sur Project Fluent](https://projectfluent.org/)
