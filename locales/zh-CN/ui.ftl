### Simplified Chinese (zh-CN) translation of the user-interface strings of the China Hongqiao Group site.

## Brand

# 中国宏桥集团: the group's established name in mainland China.
-company-name = 中国宏桥集团
# 中国宏桥: the established short form used in running text.
-company-short-name = 中国宏桥

## Site

site-name = { -company-name }
# A full-width vertical bar is the usual separator in Chinese page titles ("公司简介 ｜ 中国宏桥集团").
site-title-separator = ｜
skip-to-content = 跳转至主要内容

## Navigation

nav-label = 主导航
menu-button = 菜单
footer-nav-label = 网站导航
nav-home = 首页
nav-profile = 公司简介
nav-social-responsibility = 社会责任
nav-overseas = 海外贡献

## Search

search-label = 站内搜索
search-placeholder = 请输入关键词
search-button = 搜索
# Chinese has only the CLDR category `other`; `[0]` gives a natural "no results" sentence.
search-results =
    { $count ->
        [0] 未找到与“{ $query }”相关的结果
       *[other] 找到{ $count }条与“{ $query }”相关的结果
    }

## Language switcher

language-switcher-label = 语言
language-switcher-current = 当前语言：{ $language }

## Footer

# Mainland sites usually write "版权所有 © 年份 公司名".
footer-copyright = 版权所有 © { $year } { -company-name }

## Notices

notice-partly-translated = 本页部分内容尚未翻译，暂以其他语言显示。
fallback-badge = { $language }
fallback-explanation = 尚未翻译成{ $page-language }，暂以{ $language }显示。
# $source (the language name) is put in parentheses so the sentence reads well whether it is "English" or "英语".
notice-outdated-translation = 本译文可能已过时。[查看原文（{ $source }）]({ $url })。

## Error page

not-found-title = 页面未找到
not-found-text = 您访问的页面不存在或已被移动。[返回首页]({ $url })。

## Print

print-contents = 目录
print-page-number = 第{ $page }页，共{ $total }页
print-title = 集团概览
print-date = { $year }年{ $month }月{ $day }日
print-see-page = { $link }（见第{ $page }页）
