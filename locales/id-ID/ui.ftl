### Indonesian (id-ID) translation of the user-interface strings of the China Hongqiao Group site.

## Brand

# The company is known in Indonesia by its English name (as in Indonesian business media); kept as is.
-company-name = China Hongqiao Group
# Short name used in running text; kept in its English form, like the full name.
-company-short-name = China Hongqiao

## Site

site-name = { -company-name }
# Punctuation only: the en dash is also the usual separator in Indonesian page titles.
site-title-separator = –
skip-to-content = Langsung ke konten utama

## Navigation

nav-label = Navigasi utama
menu-button = Menu
footer-nav-label = Peta situs
nav-home = Beranda
nav-profile = Profil Perusahaan
nav-social-responsibility = Tanggung Jawab Sosial
nav-overseas = Kontribusi di Luar Negeri

## Search

search-label = Cari di situs ini
search-placeholder = Masukkan kata kunci
search-button = Cari
# Indonesian has only the CLDR category "other"; nouns are not inflected for number ("1 hasil", "5 hasil").
search-results =
    { $count ->
        [0] Tidak ada hasil untuk “{ $query }”
       *[other] { $count } hasil untuk “{ $query }”
    }

## Language switcher

language-switcher-label = Bahasa
language-switcher-current = Bahasa saat ini: { $language }

## Footer

footer-copyright = © { $year } { -company-name }. Hak cipta dilindungi undang-undang.

## Notices

notice-partly-translated = Sebagian isi halaman ini belum diterjemahkan dan ditampilkan dalam bahasa lain.
fallback-badge = { $language }
fallback-explanation = Belum diterjemahkan ke { $page-language }: ditampilkan dalam { $language }.
# $source is a language name in that language ("English"), so it is shown in parentheses rather than after "bahasa".
notice-outdated-translation = Terjemahan ini mungkin sudah tidak mutakhir. [Baca versi aslinya ({ $source })]({ $url }).

## Error page

not-found-title = Halaman tidak ditemukan
not-found-text = Halaman yang Anda cari tidak ada atau telah dipindahkan. [Kembali ke beranda]({ $url }).

## Print

print-contents = Daftar Isi
print-page-number = Halaman { $page } dari { $total }
print-title = Ikhtisar Perusahaan
print-date = { $day } { $month ->
        [1] Januari
        [2] Februari
        [3] Maret
        [4] April
        [5] Mei
        [6] Juni
        [7] Juli
        [8] Agustus
        [9] September
        [10] Oktober
        [11] November
       *[12] Desember
    } { $year }
print-see-page = { $link } (lihat hlm. { $page })
