### French (fr) translation of the company profile page.

## Page

profile-title = Présentation de l’entreprise
profile-description = China Hongqiao Group en bref : cotation, actif total, effectifs et sites de production.

## Section: At a glance

profile-at-a-glance-title = En bref
# Singular "producer" in the source; translated with the intended plural. "Main Board" is kept in parentheses,
# as it is the official name of the Hong Kong market segment.
profile-at-a-glance-p1 = China Hongqiao est l’un des plus grands producteurs d’aluminium au monde. Le groupe a été introduit en 2011 sur le marché principal (Main Board) de la Bourse de Hong Kong. À la fin de 2019, son actif total s’élevait à 179,6 milliards de yuans.
profile-at-a-glance-p2 = China Hongqiao emploie plus de 43 000 personnes sur ses 11 sites de production en Chine et à l’étranger. Hongqiao s’attache à offrir à ses salariés un environnement de travail sain, sûr et confortable ainsi que des perspectives professionnelles variées.

## Section: History

profile-history-title = Historique
# The source sentence is incomplete; translated as it stands.
profile-history-p1 = China Hongqiao Group Co., Ltd. a été fondé aux îles Caïmans et introduit en 2011 sur le marché principal de la Bourse de Hong Kong. Fin 2018, le groupe affichait un actif total de 176,7 milliards de yuans et comptait plus de 40 000 salariés. Il s’agit d’une entreprise de grande envergure intégrant la thermoélectricité
