### Simplified Chinese (zh-CN) translation of the home page.

## Page

home-title = 中国宏桥集团
home-description = 中国宏桥集团是全球最大的铝生产商之一，业务覆盖铝行业全产业链。

## Section: Who we are

home-who-we-are-title = 关于我们
# "one of the world's largest aluminum producer" (sic) is translated with its intended plural meaning.
home-who-we-are-p1 = 中国宏桥集团有限公司是全球最大的铝生产商之一，业务覆盖铝行业全产业链，专注于热电、采矿及铝产品生产，始终将可持续发展和社会公益置于核心地位。
home-who-we-are-p2 = [进一步了解公司](@/profile.md)

## Section: What we do

home-what-we-do-title = 我们的业务
# "more than 6 million tonnes" written as 600万吨 (Chinese units of 万).
home-what-we-do-p1 = 中国宏桥是全球最大的铝生产商之一，年产能逾600万吨。公司以创新为核心、以质量为根本，产品组合丰富多元，覆盖铝产业链并延伸至能源领域。
home-what-we-do-p2 = [查看我们的海外项目](@/overseas.md)

## Section: Environmental, Social and Governance

# ESG is rendered 环境、社会及治理 as on mainland corporate sites.
home-esg-title = 环境、社会及治理
home-esg-p1 = 作为全球最大的铝生产商之一，中国宏桥秉持“取之于社会，用之于社会”的核心价值观，始终致力于社会公益事业和环境保护。
home-esg-p2 = [了解我们的社会责任](@/social-responsibility.md)
