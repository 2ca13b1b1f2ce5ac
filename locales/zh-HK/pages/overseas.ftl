### Traditional Chinese (Hong Kong, zh-HK) translation of the overseas contribution page.

## Page

overseas-title = 海外貢獻
overseas-description = 中國宏橋在幾內亞及印尼的項目，以及其於新冠肺炎疫情期間的醫療物資捐贈。

## Introduction

overseas-intro-p1 = 中國宏橋緊密配合國家「一帶一路」倡議，在海外投資的同時致力為當地經濟注入動力，積極承擔社會責任。宏橋在幾內亞及印尼的海外項目均為當地社區帶來正面轉變，並獲廣泛認同。

## Section: Guinea

overseas-guinea-title = 幾內亞
# "SMB Winning Consortium" is rendered with its established Chinese name 「SMB-Winning 贏聯盟」.
overseas-guinea-p1 = 2014年，宏橋與新加坡航運企業韋立國際集團、中國大型港口企業煙台港及幾內亞公司UMS合作，組成「SMB-Winning 贏聯盟」。聯盟秉持「共贏發展」的理念，在開發鋁土礦資源的同時，持續為當地的就業、教育、交通、醫療、文娛及社區可持續發展項目作出貢獻，從而開創了海外礦業多方合作共贏的新模式。
overseas-guinea-p2 = 2018年12月，聯盟與幾內亞政府簽署鐵路建設、氧化鋁廠建設及鋁土礦資源開發三項協定，全部獲幾內亞國民議會一致通過，亦是幾內亞歷史上首批獲得如此廣泛支持的協定。宏橋的幾內亞項目不僅豐富了公司的原材料供應鏈，更為當地創造大量就業機會，提升了當地居民的生活質素。
# "$200 million" is taken to be US dollars (2億美元); "5000" is written as 5,000.
overseas-guinea-p3 = 贏聯盟在遵守當地採礦及環保法律法規之餘，亦自發支持當地社區發展，其社區建設開支遠超幾內亞《礦業法》規定的水平（即公司銷售收入的0.5%）。種種努力提升了幾內亞博凱地區居民的生活水平。截至2018年12月，聯盟直接僱用逾5,000名當地人員，另有3,000人受僱於分包商及服務供應商。聯盟為幾內亞直接及間接創造逾50,000個就業機會，並於2018年為當地政府帶來逾2億美元收入。在聯盟帶動下，更多來自採礦、基建及農業等行業的企業和投資者紛紛進入幾內亞，進一步推動當地經濟發展。

## Section: Indonesia

overseas-indonesia-title = 印尼
# "PT. Well Harvest Winning Alumina Refinery" (registered name) and "Harita Group" are kept in their original form.
overseas-indonesia-p1 = 在印尼，中國宏橋與新加坡韋立國際集團及當地企業Harita Group合資成立PT. Well Harvest Winning Alumina Refinery。該公司是印尼以至東南亞最大的工業氧化鋁企業，填補了印尼的產業空白。公司秉持「以人為本、合作共贏」的核心價值，僱用了數以千計的當地工人，帶動當地經濟及社會發展。
overseas-indonesia-p2 = PT. Well Harvest Winning Alumina Refinery設有專責的社會責任團隊，推行多項惠及當地民生的項目。公司致力維修橋樑及道路、興建清真寺及保安亭、修復受損海岸線及興建學校，亦積極參與其他日常社區工作，例如為貧困人士籌款、向學校捐款、協助醫療服務及消防工作。2018年，公司與村民協調，共同營運服務雙方的設施，延續與當地居民的共贏關係。這些種植園、農場及醫療中心既滿足了廠房的需要，亦為當地居民帶來可觀收入。

## Section: Medical donations

overseas-medical-donations-title = 醫療物資捐贈
overseas-medical-donations-p1 = 在支援海外社區的最新行動中，中國宏橋向受新冠肺炎疫情重創的意大利及德國捐贈所需醫療物資。
