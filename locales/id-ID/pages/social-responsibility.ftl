### Indonesian (id-ID) translation of the social responsibility page.

## Page

social-responsibility-title = Tanggung Jawab Sosial dan Kesejahteraan Publik
# "Left-behind children" (children whose parents work away from home) is rendered descriptively.
social-responsibility-description = Bagaimana China Hongqiao mendukung masyarakat di sekitar wilayah operasionalnya, mulai dari penanaman pohon hingga pendidikan bagi anak-anak yang ditinggal orang tuanya merantau.

## Section: Community

social-responsibility-community-title = Komunitas
social-responsibility-community-p1 = China Hongqiao senantiasa memperhatikan kepentingan masyarakat setempat, berdedikasi untuk meningkatkan kesejahteraan masyarakat, dan memandang hal tersebut sebagai perwujudan nilai-nilainya. Perusahaan menyelenggarakan beragam kegiatan pelayanan masyarakat, mulai dari penanaman pohon dan kegiatan bersih-bersih pabrik hingga donor darah dan kampanye kesadaran keselamatan. Kegiatan-kegiatan tersebut menarik minat yang besar dari para karyawan.

## Section: Environment and education

social-responsibility-environment-education-title = Lingkungan dan pendidikan
# "Rainbow Home" and "Beijing Rainbow Foundation" are translated, with the English names in parentheses at first mention.
# "The country's first" and "the government's" refer to China; made explicit ("di Tiongkok", "pemerintah Tiongkok")
# so that Indonesian readers do not read them as referring to Indonesia.
social-responsibility-environment-education-p1 = Pada tahun 2018, perusahaan menanam lebih dari 40.000 pohon di lokasi-lokasi operasionalnya, sehingga turut mendukung upaya pelestarian lingkungan setempat sekaligus meningkatkan kesadaran para karyawan. Perusahaan juga mensponsori proyek “Rumah Pelangi” (Rainbow Home) yang diprakarsai oleh Yayasan Pelangi Beijing (Beijing Rainbow Foundation), yang menyediakan ruang bagi anak-anak yang ditinggal orang tuanya merantau untuk tinggal, belajar, berteman, dan berbagi kasih sayang. Pada bulan Januari 2018, “Rumah Pelangi” pertama di Tiongkok selesai dibangun dan dibuka di Provinsi Anhui. Berlokasi di kawasan Pegunungan Dabie, pusat anak-anak ini menyediakan pendidikan berkualitas bagi para pelajar setempat yang ditinggal orang tuanya merantau. Pusat ini juga turut mendukung upaya “pengentasan kemiskinan yang tepat sasaran” pemerintah Tiongkok.
# The registered company name is kept in English.
social-responsibility-environment-education-p2 = Pada bulan Juni 2018, Shandong Weiqiao Aluminum & Electricity Co., Ltd. menyumbangkan tambahan dana sebesar 2 juta yuan kepada Yayasan Pelangi Beijing untuk membantu yayasan tersebut memajukan pemerataan pendidikan, mendukung pelajar dari keluarga kurang mampu, serta memberikan perhatian pada perkembangan kognitif anak-anak.

## Section: Employee charity

social-responsibility-employee-charity-title = Kegiatan amal karyawan
# "Living, learning" in the source means daily-life and learning supplies; translated with that meaning.
social-responsibility-employee-charity-p1 = Karena sangat peduli terhadap anak-anak Tibet yang hidup dalam kemiskinan, para karyawan Hongqiao atas inisiatif sendiri menyelenggarakan kegiatan amal melalui media sosial, dengan mengumpulkan pakaian bekas, sepatu, topi, perlengkapan sehari-hari, perlengkapan belajar, dan perlengkapan tidur untuk anak-anak tersebut. Mereka juga membeli sepatu olahraga, tas sekolah, dan barang-barang lainnya dengan biaya sendiri, lalu mengirimkan seluruh bantuan tersebut kepada lebih dari 40 warga desa di Tibet sebagai hadiah Hari Anak.
