### German (de) translation of the user-interface strings of the China Hongqiao Group site.
### Formal register (Sie); German quotation marks „…“.

## Brand

# The company presents itself in German-language media under its English name; it is kept unchanged.
-company-name = China Hongqiao Group
# Short name used in running text; likewise kept in its English form.
-company-short-name = China Hongqiao

## Site

site-name = { -company-name }
# The en dash is also the usual separator in German page titles; identical to the source on purpose.
site-title-separator = –
skip-to-content = Zum Hauptinhalt springen

## Navigation

nav-label = Hauptnavigation
menu-button = Menü
footer-nav-label = Seitenübersicht
nav-home = Startseite
nav-profile = Unternehmensprofil
# "Gesellschaftliche Verantwortung" is the established German term for corporate social responsibility.
nav-social-responsibility = Gesellschaftliche Verantwortung
# "Overseas Contribution" rendered as the idiomatic German heading for a company's activities abroad.
nav-overseas = Internationales Engagement

## Search

search-label = Website durchsuchen
search-placeholder = Bitte geben Sie einen Suchbegriff ein
search-button = Suchen
search-results =
    { $count ->
        [0] Keine Ergebnisse für „{ $query }“
        [one] { $count } Ergebnis für „{ $query }“
       *[other] { $count } Ergebnisse für „{ $query }“
    }

## Language switcher

language-switcher-label = Sprache
language-switcher-current = Aktuelle Sprache: { $language }

## Footer

footer-copyright = © { $year } { -company-name }. Alle Rechte vorbehalten.

## Notices

notice-partly-translated = Teile dieser Seite sind noch nicht übersetzt und werden in einer anderen Sprache angezeigt.
fallback-badge = { $language }
fallback-explanation = Noch nicht übersetzt ({ $page-language }): angezeigt auf { $language }.
# $source is the language's own name (e.g. "English"), so it is placed in parentheses rather than after "auf".
notice-outdated-translation = Diese Übersetzung ist möglicherweise nicht mehr aktuell. [Original lesen ({ $source })]({ $url }).

## Error page

not-found-title = Seite nicht gefunden
not-found-text = Die gesuchte Seite existiert nicht oder wurde verschoben. [Zur Startseite]({ $url }).

## Print

print-contents = Inhalt
print-page-number = Seite { $page } von { $total }
print-title = Unternehmensüberblick
print-date = { $day }. { $month ->
        [1] Januar
        [2] Februar
        [3] März
        [4] April
        [5] Mai
        [6] Juni
        [7] Juli
        [8] August
        [9] September
        [10] Oktober
        [11] November
       *[12] Dezember
    } { $year }
print-see-page = { $link } (siehe S. { $page })
