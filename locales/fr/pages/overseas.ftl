### French (fr) translation of the overseas contribution page.

## Page

overseas-title = Contribution à l’international
overseas-description = Les projets de China Hongqiao en Guinée et en Indonésie, et ses dons de matériel médical pendant l’épidémie de COVID-19.

## Introduction

# "Belt and Road" is rendered with the official French name of the initiative, « la Ceinture et la Route ».
overseas-intro-p1 = China Hongqiao aligne étroitement sa politique sur l’initiative chinoise « la Ceinture et la Route ». Dans le cadre de ses investissements à l’étranger, le groupe s’attache à dynamiser l’économie locale et assume pleinement sa responsabilité sociale. Les projets menés par Hongqiao en Guinée et en Indonésie ont tous deux apporté des changements positifs et suscité une large reconnaissance au sein des communautés locales.

## Section: Guinea

overseas-guinea-title = Guinée
# "SMB Winning" is the name used in Guinea; "Winning International Group", "UMS" and the port's name follow
# the forms used by the French-language press.
overseas-guinea-p1 = En 2014, Hongqiao s’est associé à l’armateur singapourien Winning International Group, au port de Yantai, géant chinois du secteur, et à la société UMS, basée en Guinée, pour former le consortium SMB Winning. Fidèle à son principe de « développement gagnant-gagnant », le consortium contribue, parallèlement à la mise en valeur des ressources en bauxite, à des projets locaux dans les domaines de l’emploi, de l’éducation, des transports, de la santé, des loisirs et du développement durable des communautés. Il a ainsi inauguré un nouveau modèle de coopération multipartite gagnant-gagnant dans l’exploitation minière à l’étranger.
overseas-guinea-p2 = En décembre 2018, le consortium a signé avec le gouvernement guinéen trois conventions portant sur la construction ferroviaire, la construction d’une usine d’alumine et la mise en valeur des ressources en bauxite, toutes approuvées à l’unanimité par l’Assemblée nationale de Guinée. Ce sont aussi les premières conventions de l’histoire de la Guinée à avoir recueilli un tel soutien. Le projet de Hongqiao en Guinée a non seulement consolidé la chaîne d’approvisionnement du groupe en matières premières, mais a aussi créé un grand nombre d’emplois locaux et amélioré la qualité de vie des habitants.
# "Guinea's mining law" is the Guinean Code minier. "Winning Consortium" and "the alliance" both refer to
# the SMB Winning consortium and are rendered as such. "$200 million" is US dollars.
overseas-guinea-p3 = Au-delà du respect des lois et règlements locaux en matière d’exploitation minière et de protection de l’environnement, le consortium SMB Winning soutient de sa propre initiative le développement des communautés locales. Ses dépenses consacrées au développement communautaire ont largement dépassé le seuil fixé par le Code minier guinéen, soit 0,5 % du chiffre d’affaires de l’entreprise. L’ensemble de ces efforts a permis d’améliorer le niveau de vie des habitants de la région de Boké, en Guinée. À fin décembre 2018, le consortium employait directement plus de 5 000 personnes recrutées localement, et 3 000 autres travaillaient pour ses sous-traitants et prestataires de services. Il a créé plus de 50 000 emplois (directs et indirects) en Guinée et rapporté plus de 200 millions de dollars de recettes à l’État en 2018. Dans le sillage du consortium, de plus en plus d’entreprises et d’investisseurs de secteurs comme les mines, la construction d’infrastructures et l’agriculture ont afflué en Guinée, donnant un nouvel élan au développement de l’économie locale.

## Section: Indonesia

overseas-indonesia-title = Indonésie
# "PT. Well Harvest Winning Alumina Refinery" and "Harita Group" are registered names, never translated.
overseas-indonesia-p1 = En Indonésie, China Hongqiao s’est associé à Winning International Group, basé à Singapour, et à la société indonésienne Harita Group pour créer une coentreprise, PT. Well Harvest Winning Alumina Refinery. Plus grande entreprise d’alumine industrielle d’Indonésie et d’Asie du Sud-Est, elle a comblé un vide dans l’industrie indonésienne. Fidèle à sa valeur fondamentale, « l’humain au centre, une coopération gagnant-gagnant », l’entreprise a employé des milliers de travailleurs locaux et stimulé le développement économique et social.
overseas-indonesia-p2 = Forte d’une équipe dédiée à la responsabilité sociale, PT. Well Harvest Winning Alumina Refinery a lancé de nombreux projets au service du bien-être de la population locale. L’entreprise s’est consacrée à l’entretien des ponts et des routes, à la construction de mosquées et de postes de sécurité, à la réparation du littoral endommagé et à la construction d’écoles. Elle s’est également engagée dans d’autres actions communautaires, comme des collectes de fonds pour les personnes démunies, des dons aux écoles, l’aide aux soins médicaux et la lutte contre les incendies. En 2018, l’entreprise a poursuivi sa relation gagnant-gagnant avec les habitants en exploitant, en coordination avec les villageois, des installations qui profitent aux deux parties. Ces plantations, fermes et centres de santé ont répondu aux besoins des usines tout en procurant des revenus considérables aux habitants.

## Section: Medical donations

overseas-medical-donations-title = Dons de matériel médical
overseas-medical-donations-p1 = Dans le cadre de sa plus récente action de soutien aux communautés à l’étranger, China Hongqiao a fait don de fournitures médicales indispensables à l’Italie et à l’Allemagne, deux pays durement touchés par l’épidémie de COVID-19.
