### French (fr) translation of the home page.

## Page

# Registered brand name, kept in English.
home-title = China Hongqiao Group
home-description = China Hongqiao Group figure parmi les plus grands producteurs d’aluminium au monde et couvre l’ensemble de la filière de l’aluminium.

## Section: Who we are

home-who-we-are-title = Qui sommes-nous ?
# The source says "one of the world's largest aluminum producer" (singular); translated with the intended plural.
# The legal name "China Hongqiao Group Co., Ltd." is kept as registered.
home-who-we-are-p1 = China Hongqiao Group Co., Ltd. est l’un des plus grands producteurs d’aluminium au monde et couvre l’ensemble de la filière de l’aluminium. Spécialisé dans la thermoélectricité, l’exploitation minière et la fabrication de produits en aluminium, le groupe place le développement durable et le bien-être social au cœur de son action.
home-who-we-are-p2 = [En savoir plus sur l’entreprise](@/profile.md)

## Section: What we do

home-what-we-do-title = Nos activités
# Same singular "producer" defect as above, translated with the intended plural. "per year" is not repeated after "annuelle".
home-what-we-do-p1 = China Hongqiao est l’un des plus grands producteurs d’aluminium au monde, avec une capacité de production annuelle de plus de 6 millions de tonnes. Tourné vers l’innovation et attaché à la qualité, le groupe propose un portefeuille de produits diversifié qui couvre toute la filière de l’aluminium et s’étend au secteur de l’énergie.
home-what-we-do-p2 = [Découvrir nos projets à l’international](@/overseas.md)

## Section: Environmental, Social and Governance

home-esg-title = Environnement, social et gouvernance
home-esg-p1 = Comptant parmi les plus grands producteurs d’aluminium au monde, China Hongqiao reste fidèle à sa valeur fondamentale, « de la société, pour la société », et demeure engagé en faveur du bien-être social et de la protection de l’environnement.
home-esg-p2 = [En savoir plus sur notre responsabilité sociale](@/social-responsibility.md)
