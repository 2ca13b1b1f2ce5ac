### Simplified Chinese (zh-CN) translation of the company profile page.

## Page

profile-title = 公司简介
profile-description = 中国宏桥集团概览：上市情况、总资产、员工及生产基地。

## Section: At a glance

profile-at-a-glance-title = 公司概览
# "179.6 billion yuan" written as 1,796亿元 (Chinese units of 亿).
profile-at-a-glance-p1 = 中国宏桥是全球最大的铝生产商之一，于2011年在香港联合交易所主板上市。截至2019年末，公司总资产达1,796亿元。
# "more than 43,000 workers" written as 4.3万余名 (Chinese units of 万).
profile-at-a-glance-p2 = 中国宏桥在国内外拥有11个生产基地，员工4.3万余名。宏桥致力于为员工提供健康、安全、舒适的工作环境和多元化的发展机会。

## Section: History

profile-history-title = 发展历程
# The source sentence is incomplete; translated as it stands.
# (176.7 billion yuan = 1,767亿元; more than 40000 employees = 4万余名.)
profile-history-p1 = 中国宏桥集团有限公司于开曼群岛注册成立，并于2011年在香港联合交易所主板上市。截至2018年末，公司总资产达1,767亿元，员工4万余名。公司是一家大型企业，集热电
