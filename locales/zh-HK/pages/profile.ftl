### Traditional Chinese (Hong Kong, zh-HK) translation of the company profile page.

## Page

profile-title = 公司簡介
profile-description = 中國宏橋集團概覽：上市地位、資產總值、僱員及生產基地。

## Section: At a glance

profile-at-a-glance-title = 概覽
# 179.6 billion yuan is written the Hong Kong way as 人民幣1,796億元.
profile-at-a-glance-p1 = 中國宏橋是全球最大的鋁生產商之一，於2011年在香港聯合交易所主板上市。截至2019年底，其資產總值達人民幣1,796億元。
profile-at-a-glance-p2 = 中國宏橋在中國境內外的11個生產基地共僱用逾43,000名僱員。宏橋致力為僱員提供健康、安全、舒適的工作環境及多元化的發展機會。

## Section: History

profile-history-title = 發展歷程
# The source sentence is incomplete; translated as it stands.
# 176.7 billion yuan is written as 人民幣1,767億元; "40000" as 40,000.
profile-history-p1 = 中國宏橋集團有限公司於開曼群島註冊成立，並於2011年在香港聯合交易所主板上市。截至2018年底，集團資產總值達人民幣1,767億元，僱員逾40,000名。集團是一家大型企業，集熱電
