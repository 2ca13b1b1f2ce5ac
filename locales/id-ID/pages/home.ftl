### Indonesian (id-ID) translation of the home page.

## Page

# The company name is used in its English form in Indonesia; kept as is.
home-title = China Hongqiao Group
home-description = China Hongqiao Group adalah salah satu produsen aluminium terbesar di dunia, dengan kegiatan usaha yang mencakup seluruh rantai industri aluminium.

## Section: Who we are

home-who-we-are-title = Tentang kami
# The source says "largest aluminum producer" (singular); translated with the intended meaning ("salah satu produsen ... terbesar").
# "Thermoelectric" refers to thermal power generation, rendered "pembangkitan listrik termal".
home-who-we-are-p1 = China Hongqiao Group Co., Ltd. adalah salah satu produsen aluminium terbesar di dunia dengan kegiatan usaha yang mencakup seluruh rantai industri aluminium. Perusahaan ini bergerak di bidang pembangkitan listrik termal, pertambangan, dan produksi produk aluminium, serta menempatkan keberlanjutan dan kesejahteraan sosial sebagai inti dari seluruh kegiatannya.
home-who-we-are-p2 = [Pelajari lebih lanjut tentang perusahaan](@/profile.md)

## Section: What we do

home-what-we-do-title = Bidang usaha kami
# "Producer" (singular) in the source; translated with the intended meaning.
home-what-we-do-p1 = China Hongqiao adalah salah satu produsen aluminium terbesar di dunia dengan kapasitas produksi tahunan lebih dari 6 juta ton. Dengan berpusat pada inovasi dan berfokus pada kualitas, perusahaan ini memiliki portofolio produk yang beragam, yang mencakup rantai industri aluminium dan merambah ke sektor energi.
home-what-we-do-p2 = [Lihat proyek-proyek kami di luar negeri](@/overseas.md)

## Section: Environmental, Social and Governance

home-esg-title = Lingkungan, Sosial, dan Tata Kelola
home-esg-p1 = Sebagai salah satu produsen aluminium terbesar di dunia, China Hongqiao memegang teguh nilai intinya, “dari masyarakat, untuk masyarakat”, dan senantiasa berkomitmen pada kesejahteraan sosial serta pelestarian lingkungan.
home-esg-p2 = [Baca tentang tanggung jawab sosial kami](@/social-responsibility.md)
