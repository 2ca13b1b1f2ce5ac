### German (de) translation of the home page (in progress: only the first messages are translated;
### the remaining ones fall back to en-US until they are added).

## Page

# Company name, kept in its English form as used in German-language media.
home-title = China Hongqiao Group

home-description = Die China Hongqiao Group ist einer der weltweit größten Aluminiumproduzenten und deckt die gesamte Wertschöpfungskette der Aluminiumindustrie ab.

## Section: Who we are

home-who-we-are-title = Wer wir sind
