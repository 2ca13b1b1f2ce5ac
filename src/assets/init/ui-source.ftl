### User-interface strings, written by hand. Translators translate every message into
### locales/<locale>/ui.ftl, keeping every { $variable } and { -term }.

-site-name = {site_name}

site-name = { -site-name }
site-title-separator = –
skip-to-content = Skip to main content
nav-label = Main navigation
nav-home = Home
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
language-switcher-label = Language
# $language is the name of the language of the page, in that language.
language-switcher-current = Current language: { $language }
# $year is the four-digit year, passed as text.
footer-copyright = © { $year } { -site-name }
notice-partly-translated = Parts of this page are not yet translated and are shown in another language.
# $source is the name of the original language; $url the original page.
notice-outdated-translation = This translation may be outdated. [Read the original in { $source }]({ $url }).
not-found-title = Page not found
not-found-text = The page you are looking for does not exist. [Go to the home page]({ $url }).
print-contents = Contents
print-page-number = Page { $page } of { $total }
