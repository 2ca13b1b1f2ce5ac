### Simplified Chinese (zh-CN) translation of the social responsibility page.

## Page

social-responsibility-title = 社会责任与公益
social-responsibility-description = 中国宏桥如何支持运营所在地社区：从植树造林到留守儿童教育。

## Section: Community

social-responsibility-community-title = 社区
social-responsibility-community-p1 = 中国宏桥始终关注当地社区利益，致力于提升社区福祉，并将此视为实现自身价值的途径。公司组织开展形式多样的社区服务活动，涵盖植树、厂区清洁、无偿献血及安全宣传等，受到员工的广泛关注。

## Section: Environment and education

social-responsibility-environment-education-title = 环境与教育
# "more than 40,000 trees" written as 4万余棵 (Chinese units of 万).
social-responsibility-environment-education-p1 = 2018年，公司在各运营地植树4万余棵，在助力当地环保工作的同时提升了员工的环保意识。公司资助北京彩虹公益基金会发起的“彩虹家园”项目，为留守儿童打造生活、学习、交友和分享爱的空间。2018年1月，全国首个“彩虹家园”在安徽省建成并投入使用。这所儿童之家位于大别山区，为当地留守儿童提供优质教育，也为政府的“精准扶贫”工作贡献了力量。
# "2 million yuan" written as 200万元.
social-responsibility-environment-education-p2 = 2018年6月，山东魏桥铝电有限公司向北京彩虹公益基金会追加捐款200万元，助力该基金会推动教育公平、资助贫困学生，并关注儿童认知能力的发展。

## Section: Employee charity

social-responsibility-employee-charity-title = 员工公益
# "more than 40 villagers" is translated as written (40余名村民).
social-responsibility-employee-charity-p1 = 宏桥员工心系西藏贫困儿童，自发通过社交媒体组织爱心公益活动，为孩子们募集旧衣物、鞋帽以及生活用品、学习用品和床上用品。他们还自费购买了运动鞋、书包等物资，并将全部物资送到西藏40余名村民手中，作为送给孩子们的儿童节礼物。
