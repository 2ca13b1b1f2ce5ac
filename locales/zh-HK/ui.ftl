### Traditional Chinese (Hong Kong, zh-HK) translation of the user-interface strings.

## Brand

-company-name = 中國宏橋集團
-company-short-name = 中國宏橋

## Site

site-name = { -company-name }
# Chinese page titles customarily use a full-width vertical bar: 「公司簡介｜中國宏橋集團」.
site-title-separator = ｜
skip-to-content = 跳至主要內容

## Navigation

nav-label = 主選單
menu-button = 選單
footer-nav-label = 網站導覽
nav-home = 首頁
nav-profile = 公司簡介
nav-social-responsibility = 社會責任
nav-overseas = 海外貢獻

## Search

search-label = 搜尋本網站
search-placeholder = 請輸入關鍵字
search-button = 搜尋
# Chinese has only the CLDR category "other"; the numeric [0] variant gives a natural "no results" sentence.
search-results =
    { $count ->
        [0] 找不到與「{ $query }」相關的結果
       *[other] 找到 { $count } 項與「{ $query }」相關的結果
    }

## Language switcher

language-switcher-label = 語言
language-switcher-current = 現時語言：{ $language }

## Footer

footer-copyright = © { $year } { -company-name } 版權所有

## Notices

notice-partly-translated = 本頁部分內容尚未翻譯，現以其他語言顯示。
fallback-badge = { $language }
fallback-explanation = 尚未翻譯成{ $page-language }，現以{ $language }顯示。
notice-outdated-translation = 此譯本可能已經過時。[閱讀原文（{ $source }）]({ $url })。

## Error page

not-found-title = 找不到網頁
not-found-text = 閣下所查閱的網頁不存在或已遷移。[返回首頁]({ $url })。

## Print

print-contents = 目錄
print-page-number = 第 { $page } 頁，共 { $total } 頁
print-title = 集團概覽
print-date = { $year }年{ $month }月{ $day }日
print-see-page = { $link }（見第{ $page }頁）
