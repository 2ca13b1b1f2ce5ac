### Simplified Chinese (zh-CN) translation of the overseas contribution page.

## Page

overseas-title = 海外贡献
overseas-description = 中国宏桥在几内亚和印度尼西亚的项目，以及新冠肺炎疫情期间的医疗物资捐赠。

## Introduction

overseas-intro-p1 = 中国宏桥紧密对接国家“一带一路”倡议，在开展海外投资的同时，致力于为当地经济注入发展动力，积极履行社会责任。宏桥在几内亚和印度尼西亚的海外项目均为当地社区带来了积极变化，并获得广泛认可。

## Section: Guinea

overseas-guinea-title = 几内亚
# SMB Winning Consortium is known in China as "SMB-Winning 赢联盟", shortened to 赢联盟.
overseas-guinea-p1 = 2014年，宏桥与新加坡航运企业韦立国际集团、中国港口巨头烟台港以及几内亚UMS公司携手，共同组建“SMB-Winning 赢联盟”。赢联盟秉持“共赢发展”的理念，在开发铝土矿资源的同时，积极助力当地就业、教育、交通、医疗、文娱及社区可持续发展项目，由此开创了海外矿业多方合作共赢的新模式。
overseas-guinea-p2 = 2018年12月，赢联盟与几内亚政府签署了铁路建设、氧化铝厂建设和铝土矿资源开发三项协议，均获几内亚国民议会全票通过，这也是几内亚历史上首次有协议获得如此高的支持。宏桥的几内亚项目不仅丰富了公司的原材料供应链，还为当地创造了大量就业岗位，提升了当地居民的生活质量。
# Boke is written 博凯; "50,000" is written 5万 and "$200 million" 2亿美元 (Chinese units of 万 and 亿).
overseas-guinea-p3 = 赢联盟在遵守几内亚矿业和环保法律法规的基础上，自发支持当地社区发展，其社区建设投入远超几内亚《矿业法》规定的标准（公司销售收入的0.5%）。这些努力提升了几内亚博凯地区居民的生活水平。截至2018年12月，赢联盟直接雇用当地员工5,000余名，另有3,000人受雇于分包商和服务商。赢联盟已为几内亚带来5万余个直接和间接就业机会，并于2018年为几内亚政府创造逾2亿美元的收入。在赢联盟的带动下，越来越多来自矿业、基础设施建设、农业等行业的企业和投资者纷纷进入几内亚，为当地经济发展进一步注入动力。

## Section: Indonesia

overseas-indonesia-title = 印度尼西亚
# PT. Well Harvest Winning Alumina Refinery and Harita Group are registered names, kept in their original form.
overseas-indonesia-p1 = 在印度尼西亚，中国宏桥与总部位于新加坡的韦立国际集团及当地企业Harita Group合资成立了PT. Well Harvest Winning Alumina Refinery。该公司是印度尼西亚乃至东南亚地区最大的工业氧化铝企业，填补了印度尼西亚的产业空白。公司秉持“以人为本、合作共赢”的核心价值观，雇用了数千名当地员工，带动了当地经济社会发展。
overseas-indonesia-p2 = PT. Well Harvest Winning Alumina Refinery设有专门的社会责任团队，发起了众多惠及当地民生的项目。公司致力于维护桥梁和道路、修建清真寺和治安岗亭、修复受损海岸线以及兴建学校，还积极参与扶贫募捐、捐资助学、医疗援助和消防灭火等社区日常事务。2018年，公司与村民协作运营多项服务双方的设施，延续与当地居民的共赢关系。这些种植园、农场和卫生中心既满足了工厂的需求，也为当地居民带来了可观的收入。

## Section: Medical donations

overseas-medical-donations-title = 医疗物资捐赠
overseas-medical-donations-p1 = 作为支持海外社区的最新举措，中国宏桥向受新冠肺炎疫情重创的意大利和德国捐赠了必需的医疗物资。
