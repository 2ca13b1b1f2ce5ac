### Indonesian (id-ID) translation of the company profile page.

## Page

profile-title = Profil Perusahaan
profile-description = Sekilas tentang China Hongqiao Group: pencatatan saham, total aset, karyawan, dan basis produksi.

## Section: At a glance

profile-at-a-glance-title = Sekilas tentang perusahaan
# "Producer" (singular) in the source; translated with the intended meaning. 179.6 billion is written 179,6 miliar.
profile-at-a-glance-p1 = China Hongqiao adalah salah satu produsen aluminium terbesar di dunia. Perusahaan ini mencatatkan sahamnya di Papan Utama Bursa Efek Hong Kong pada tahun 2011. Hingga akhir tahun 2019, total asetnya mencapai 179,6 miliar yuan.
# "China" as a country is "Tiongkok" in formal Indonesian usage (Keppres No. 12/2014); the company name keeps "China".
profile-at-a-glance-p2 = China Hongqiao mempekerjakan lebih dari 43.000 pekerja di 11 basis produksinya di Tiongkok dan luar negeri. Hongqiao berkomitmen menyediakan lingkungan kerja yang sehat, aman, dan nyaman, serta beragam kesempatan.

## Section: History

profile-history-title = Sejarah
# The source sentence is incomplete; translated as it stands.
# "40000" in the source is written 40.000 per Indonesian convention.
profile-history-p1 = China Hongqiao Group Co., Ltd. didirikan di Kepulauan Cayman dan mencatatkan sahamnya di Papan Utama Bursa Efek Hong Kong pada tahun 2011. Pada akhir tahun 2018, total asetnya mencapai 176,7 miliar yuan dengan lebih dari 40.000 karyawan. Perusahaan ini merupakan perusahaan berskala besar yang mengintegrasikan pembangkitan listrik termal
