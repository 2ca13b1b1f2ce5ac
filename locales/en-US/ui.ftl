### User-interface strings of the China Hongqiao Group site, written by hand (not generated).
### Translators: translate every message into locales/<locale>/ui.ftl. Keep every { $variable }
### and { -term } as it is; move it within the sentence as your language needs.

## Brand

# The company's name as the brand. Each locale defines its own established form.
-company-name = China Hongqiao Group
# The short name used in running text.
-company-short-name = China Hongqiao

## Site

site-name = { -company-name }
# Shown in the browser tab after the page title: "Company Profile – China Hongqiao Group".
site-title-separator = –
skip-to-content = Skip to main content

## Navigation

nav-label = Main navigation
# The button that opens the menu (navigation, languages, search) on a phone.
menu-button = Menu
# The navigation repeated in the footer.
footer-nav-label = Site map
nav-home = Home
nav-profile = Company Profile
nav-social-responsibility = Social Responsibility
nav-overseas = Overseas Contribution

## Search

search-label = Search the site
search-placeholder = Please enter the keyword
search-button = Search
# $count is the number of pages found, $query what the visitor typed.
search-results =
    { $count ->
        [0] No results for “{ $query }”
        [one] { $count } result for “{ $query }”
       *[other] { $count } results for “{ $query }”
    }

## Language switcher

language-switcher-label = Language
# $language is the name of the language of the page, in that language ("Français").
language-switcher-current = Current language: { $language }

## Footer

# $year is the four-digit year, passed as text.
footer-copyright = © { $year } { -company-name }. All rights reserved.

## Notices

# Shown on a page where some text is missing in this language and appears in another one.
notice-partly-translated = Parts of this page are not yet translated and are shown in another language.
# The marker after a block shown in another language than the page. $language is that
# language's own name ("English").
fallback-badge = { $language }
# Shown when the marker is hovered or focused. $page-language is the name of this
# page's language, $language that of the language the block is shown in.
fallback-explanation = Not yet translated into { $page-language }: shown in { $language }.
# Shown when the original text changed after this translation was made.
# $source is the name of the original language; the link leads to the original page.
notice-outdated-translation = This translation may be outdated. [Read the original in { $source }]({ $url }).

## Error page

not-found-title = Page not found
not-found-text = The page you are looking for does not exist or has moved. [Go to the home page]({ $url }).

## Print

print-contents = Contents
# Page numbers in the footer of printed documents.
print-page-number = Page { $page } of { $total }
# The title on the cover of the printed documents.
print-title = Company Overview
# The cover's date. $year, $month (1 to 12) and $day are numbers: name the month as your
# language writes dates.
print-date = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $day }, { $year }
# A link to another part of the printed document, with the page it is on: "Our plants (see p. 5)".
# $link is the link's text, $page the page number. Keep a no-break space between "p." and the number.
print-see-page = { $link } (see p. { $page })
