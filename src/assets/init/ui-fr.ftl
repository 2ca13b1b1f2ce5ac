### Chaînes de l’interface, en français.

-site-name = {site_name}

site-name = { -site-name }
site-title-separator = –
skip-to-content = Aller au contenu principal
nav-label = Navigation principale
nav-home = Accueil
search-label = Rechercher sur le site
search-placeholder = Saisissez un mot-clé
search-button = Rechercher
search-results =
    { $count ->
        [0] Aucun résultat pour « { $query } »
        [one] { $count } résultat pour « { $query } »
       *[other] { $count } résultats pour « { $query } »
    }
language-switcher-label = Langue
language-switcher-current = Langue actuelle : { $language }
footer-copyright = © { $year } { -site-name }
notice-partly-translated = Certaines parties de cette page ne sont pas encore traduites et s’affichent dans une autre langue.
notice-outdated-translation = Cette traduction n’est peut-être plus à jour. [Lire la version originale ({ $source })]({ $url }).
not-found-title = Page introuvable
not-found-text = La page demandée n’existe pas. [Retour à l’accueil]({ $url }).
print-contents = Sommaire
print-page-number = Page { $page } sur { $total }
