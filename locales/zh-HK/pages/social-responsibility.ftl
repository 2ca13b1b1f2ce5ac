### Traditional Chinese (Hong Kong, zh-HK) translation of the social responsibility page.

## Page

social-responsibility-title = 社會責任及公益
social-responsibility-description = 中國宏橋如何支援營運所在地的社區：由植樹活動到留守兒童教育。

## Section: Community

social-responsibility-community-title = 社區
social-responsibility-community-p1 = 中國宏橋一直關注當地社區的利益，致力改善社區福祉，並視之為實現自身價值的途徑。公司舉辦多元化的社區服務活動，由植樹及廠區清潔活動，以至捐血及安全意識活動，均吸引僱員踴躍參與。

## Section: Environment and education

social-responsibility-environment-education-title = 環境及教育
social-responsibility-environment-education-p1 = 2018年，公司在各營運地點種植逾40,000棵樹木，在支持當地環保工作的同時，亦提升了員工的環保意識。公司贊助由北京彩虹公益基金會發起的「彩虹家園」項目，為留守兒童提供一個生活、學習、結交朋友及分享關愛的空間。2018年1月，全國首個「彩虹家園」於安徽省落成啟用。該兒童中心位於大別山區，為當地留守學生提供優質教育，亦為政府的「精準扶貧」工作出一分力。
# 2 million yuan is written as 人民幣200萬元.
social-responsibility-environment-education-p2 = 2018年6月，山東魏橋鋁電有限公司再向北京彩虹公益基金會捐款人民幣200萬元，協助該機構推動教育公平、扶助貧困學生，並關注兒童的認知發展。

## Section: Employee charity

social-responsibility-employee-charity-title = 僱員慈善活動
social-responsibility-employee-charity-p1 = 宏橋僱員心繫西藏的貧困兒童，自發透過社交媒體組織慈善活動，為孩子們收集舊衣物、鞋帽，以及生活用品、學習用品和床上用品。他們亦自費購買運動鞋、書包及其他物資，並將全部物資作為兒童節禮物，送給西藏40多名村民。
