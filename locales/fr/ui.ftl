### French (fr) translation of the user-interface strings of the China Hongqiao Group site.

## Brand

# The group's name is kept in its English form, as in the French-language press in Guinea and elsewhere.
-company-name = China Hongqiao Group
# Short name used in running text, kept in English like the full name.
-company-short-name = China Hongqiao

## Site

site-name = { -company-name }
# Punctuation only: the en dash is also the usual separator in French.
site-title-separator = –
skip-to-content = Aller au contenu principal

## Navigation

nav-label = Navigation principale
menu-button = Menu
footer-nav-label = Plan du site
nav-home = Accueil
nav-profile = Présentation de l’entreprise
nav-social-responsibility = Responsabilité sociale
nav-overseas = Contribution à l’international

## Search

search-label = Rechercher sur le site
search-placeholder = Saisissez un mot-clé
search-button = Rechercher
# French CLDR plural categories: `one` (0 and 1) and `other`. The numeric [0] variant gives a distinct "no results" message.
search-results =
    { $count ->
        [0] Aucun résultat pour « { $query } »
        [one] { $count } résultat pour « { $query } »
       *[other] { $count } résultats pour « { $query } »
    }

## Language switcher

language-switcher-label = Langue
language-switcher-current = Langue actuelle : { $language }

## Footer

footer-copyright = © { $year } { -company-name }. Tous droits réservés.

## Notices

notice-partly-translated = Certaines parties de cette page ne sont pas encore traduites et s’affichent dans une autre langue.
fallback-badge = { $language }
fallback-explanation = Pas encore traduit en { $page-language } : affiché en { $language }.
# $source is a language name in its own language (e.g. "English"), so it is put in parentheses
# rather than after « en » (« en English » would read badly).
notice-outdated-translation = Cette traduction n’est peut-être plus à jour. [Lire la version originale ({ $source })]({ $url }).

## Error page

not-found-title = Page introuvable
not-found-text = La page que vous recherchez n’existe pas ou a été déplacée. [Aller à la page d’accueil]({ $url }).

## Print

print-contents = Sommaire
print-page-number = Page { $page } sur { $total }
print-title = Présentation du groupe
print-date = { $day } { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    } { $year }
print-see-page = { $link } (voir p. { $page })
