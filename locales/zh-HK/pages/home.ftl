### Traditional Chinese (Hong Kong, zh-HK) translation of the home page.

## Page

home-title = 中國宏橋集團
home-description = 中國宏橋集團是全球最大的鋁生產商之一，業務覆蓋整條鋁產業鏈。

## Section: Who we are

home-who-we-are-title = 關於我們
# The English "one of the world's largest aluminum producer" (singular) is translated with its intended meaning.
home-who-we-are-p1 = 中國宏橋集團有限公司是全球最大的鋁生產商之一，業務覆蓋整條鋁產業鏈，專注於熱電、採礦及鋁產品生產，並以可持續發展及社會公益為核心。
home-who-we-are-p2 = [進一步了解本公司](@/profile.md)

## Section: What we do

home-what-we-do-title = 我們的業務
# "annual production capacity of more than 6 million tonnes per year": the redundant "per year" is rendered once (年產能逾600萬噸).
home-what-we-do-p1 = 中國宏橋是全球最大的鋁生產商之一，年產能逾600萬噸。集團以創新為核心、以品質為重，產品組合多元化，涵蓋鋁產業鏈並延伸至能源領域。
home-what-we-do-p2 = [查看我們的海外項目](@/overseas.md)

## Section: Environmental, Social and Governance

# Standard Hong Kong (HKEX) rendering of ESG.
home-esg-title = 環境、社會及管治
home-esg-p1 = 作為全球最大的鋁生產商之一，中國宏橋秉持「取之於社會，用之於社會」的核心價值，始終致力推動社會公益及環境保護。
home-esg-p2 = [了解我們的社會責任](@/social-responsibility.md)
