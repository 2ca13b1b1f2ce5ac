### Indonesian (id-ID) translation of the overseas contribution page.

## Page

overseas-title = Kontribusi di Luar Negeri
overseas-description = Proyek-proyek China Hongqiao di Guinea dan Indonesia, serta donasi perlengkapan medisnya selama wabah COVID-19.

## Introduction

# "Belt and Road" is "Sabuk dan Jalan" in Indonesian; "China" as a country is "Tiongkok" in formal usage.
overseas-intro-p1 = China Hongqiao menyelaraskan kebijakannya secara erat dengan inisiatif “Sabuk dan Jalan” Tiongkok. Dalam berinvestasi di luar negeri, perusahaan berkomitmen untuk memberikan dorongan bagi perekonomian setempat serta menjalankan tanggung jawab sosialnya. Proyek-proyek Hongqiao di Guinea dan Indonesia sama-sama telah membawa perubahan positif dan mendapat pengakuan luas dari masyarakat setempat.

## Section: Guinea

# The country's name is the same in Indonesian.
overseas-guinea-title = Guinea
# Company names stay in English (Winning International Group, UMS); the consortium is "Konsorsium SMB Winning";
# "Yantai Port" is rendered "Pelabuhan Yantai".
overseas-guinea-p1 = Pada tahun 2014, Hongqiao bermitra dengan Winning International Group, perusahaan pelayaran yang berbasis di Singapura; Pelabuhan Yantai, perusahaan raksasa asal Tiongkok; dan UMS, perusahaan asal Guinea, untuk membentuk koalisi bernama Konsorsium SMB Winning. Dengan memegang teguh prinsip “pembangunan yang saling menguntungkan”, Konsorsium ini, seraya mengembangkan sumber daya bauksit, terus berkontribusi pada penciptaan lapangan kerja, pendidikan, transportasi, layanan kesehatan, hiburan, serta proyek-proyek pembangunan masyarakat berkelanjutan di wilayah setempat. Dengan demikian, koalisi ini merintis pola baru kerja sama multipihak yang saling menguntungkan di sektor pertambangan luar negeri.
# "Conventions" (agreements with the state) are rendered "perjanjian".
overseas-guinea-p2 = Pada bulan Desember 2018, Konsorsium menandatangani tiga perjanjian dengan pemerintah Guinea mengenai pembangunan jalur kereta api, pembangunan pabrik alumina, dan pengembangan sumber daya bauksit, yang seluruhnya disetujui secara bulat oleh Majelis Nasional Guinea. Ketiga perjanjian tersebut juga merupakan perjanjian pertama dalam sejarah Guinea yang memperoleh dukungan sebesar itu. Proyek Hongqiao di Guinea tidak hanya memperkaya rantai pasokan bahan baku perusahaan, tetapi juga menciptakan banyak lapangan kerja lokal dan meningkatkan kualitas hidup penduduk setempat.
# "Boke" is written with its official spelling "Boké". "$200 million" is taken as US dollars: US$200 juta.
# Numbers in Indonesian format: 0,5 persen; 5.000; 3.000; 50.000.
overseas-guinea-p3 = Selain mematuhi hukum dan peraturan setempat di bidang pertambangan dan perlindungan lingkungan, Konsorsium Winning juga secara sukarela mendukung pembangunan masyarakat setempat. Pengeluarannya untuk pembangunan masyarakat jauh melampaui besaran yang ditetapkan dalam undang-undang pertambangan Guinea, yaitu 0,5 persen dari pendapatan penjualan perusahaan. Seluruh upaya tersebut telah meningkatkan taraf hidup penduduk di wilayah Boké, Guinea. Per Desember 2018, aliansi ini mempekerjakan secara langsung lebih dari 5.000 penduduk lokal, ditambah 3.000 orang lainnya yang dipekerjakan oleh subkontraktor dan penyedia jasa. Aliansi ini telah menciptakan lebih dari 50.000 peluang kerja (baik langsung maupun tidak langsung) di Guinea dan menghasilkan pendapatan lebih dari US$200 juta bagi pemerintah pada tahun 2018. Mengikuti jejak koalisi ini, semakin banyak perusahaan dan investor dari berbagai sektor seperti pertambangan, pembangunan infrastruktur, dan pertanian berbondong-bondong masuk ke Guinea, sehingga semakin mendorong pembangunan ekonomi setempat.

## Section: Indonesia

# The country's name is the same in Indonesian.
overseas-indonesia-title = Indonesia
# "PT. Well Harvest Winning Alumina Refinery" and "Harita Group" are registered names, kept as they are.
overseas-indonesia-p1 = Di Indonesia, China Hongqiao bermitra dengan Winning International Group yang berbasis di Singapura dan perusahaan lokal Harita Group untuk mendirikan perusahaan patungan, PT. Well Harvest Winning Alumina Refinery. Perusahaan ini merupakan produsen alumina industri terbesar di Indonesia dan Asia Tenggara, yang mengisi kekosongan dalam industri Indonesia. Dengan berpegang pada nilai intinya, “berorientasi pada manusia, kerja sama yang saling menguntungkan”, perusahaan ini telah mempekerjakan ribuan tenaga kerja lokal dan mendorong pembangunan ekonomi dan sosial.
overseas-indonesia-p2 = Dengan tim tanggung jawab sosial yang khusus, PT. Well Harvest Winning Alumina Refinery memprakarsai berbagai program yang bermanfaat bagi kesejahteraan masyarakat setempat. Perusahaan berkomitmen memelihara jembatan dan jalan, membangun masjid dan pos keamanan, memperbaiki garis pantai yang rusak, serta membangun sekolah. Perusahaan juga aktif dalam kegiatan kemasyarakatan rutin lainnya, seperti penggalangan dana bagi warga kurang mampu, pemberian sumbangan kepada sekolah, bantuan layanan kesehatan, dan pemadaman kebakaran. Pada tahun 2018, perusahaan melanjutkan hubungan yang saling menguntungkan dengan warga setempat melalui pengelolaan bersama warga desa atas fasilitas-fasilitas yang melayani kepentingan kedua belah pihak. Perkebunan, lahan pertanian, dan pusat layanan kesehatan tersebut memenuhi kebutuhan pabrik sekaligus memberikan pendapatan yang cukup besar bagi warga setempat.

## Section: Medical donations

overseas-medical-donations-title = Donasi perlengkapan medis
overseas-medical-donations-p1 = Sebagai upaya terbarunya dalam mendukung masyarakat di luar negeri, China Hongqiao menyumbangkan perlengkapan medis yang dibutuhkan kepada Italia dan Jerman — dua negara yang terdampak parah oleh wabah COVID-19.
