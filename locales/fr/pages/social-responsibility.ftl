### French (fr) translation of the social responsibility page.

## Page

social-responsibility-title = Responsabilité sociale et engagement solidaire
# "Left-behind children" (children who stay in their home village while their parents work in the cities)
# is rendered as « enfants restés au village ».
social-responsibility-description = Comment China Hongqiao soutient les communautés qui entourent ses sites, de la plantation d’arbres à l’éducation des enfants restés au village.

## Section: Community

social-responsibility-community-title = Communauté
social-responsibility-community-p1 = Toujours attentif aux intérêts des communautés locales, China Hongqiao s’attache à améliorer leur bien-être et y voit une manière de concrétiser ses valeurs. Le groupe organise des actions solidaires variées, de la plantation d’arbres et du nettoyage des usines au don du sang et à la sensibilisation à la sécurité. Ces actions suscitent un vif intérêt parmi les salariés.

## Section: Environment and education

social-responsibility-environment-education-title = Environnement et éducation
# "Beijing Rainbow Foundation" (北京彩虹公益基金会) and its "Rainbow Home" project have no established French name;
# translated as « Fondation Arc-en-ciel de Pékin » and « Maison Arc-en-ciel ». "Targeted poverty alleviation" uses
# the usual French rendering of the Chinese policy, « réduction ciblée de la pauvreté ».
social-responsibility-environment-education-p1 = En 2018, l’entreprise a planté plus de 40 000 arbres sur ses sites d’exploitation, contribuant ainsi à la protection de l’environnement local tout en sensibilisant son personnel. Elle a parrainé le projet « Maison Arc-en-ciel » lancé par la Fondation Arc-en-ciel de Pékin, qui offre aux enfants restés au village un lieu où vivre, étudier, se faire des amis et partager de l’affection. En janvier 2018, la première « Maison Arc-en-ciel » du pays a été achevée et a ouvert ses portes dans la province de l’Anhui. Situé dans la région des monts Dabie, ce centre pour enfants dispense un enseignement de qualité aux élèves de la région restés au village. Il contribue également à la politique de « réduction ciblée de la pauvreté » menée par le gouvernement.
# Registered company name, kept in English.
social-responsibility-environment-education-p2 = En juin 2018, Shandong Weiqiao Aluminum & Electricity Co., Ltd. a versé 2 millions de yuans supplémentaires à la Fondation Arc-en-ciel de Pékin, afin d’aider celle-ci à promouvoir l’égalité des chances dans l’éducation, à soutenir les élèves démunis et à favoriser le développement cognitif des enfants.

## Section: Employee charity

social-responsibility-employee-charity-title = Engagement caritatif des salariés
# "more than 40 villagers" is translated as written (« plus de 40 villageois »).
social-responsibility-employee-charity-p1 = Profondément touchés par la situation des enfants tibétains défavorisés, des salariés de Hongqiao ont spontanément organisé des actions caritatives via les réseaux sociaux, collectant à leur intention des vêtements, des chaussures et des chapeaux usagés, ainsi que des articles de la vie courante, des fournitures scolaires et de la literie. Ils ont également acheté à leurs frais des chaussures de sport, des cartables et d’autres articles, puis ont fait parvenir l’ensemble de ces dons à plus de 40 villageois du Tibet à l’occasion de la Journée des enfants.
