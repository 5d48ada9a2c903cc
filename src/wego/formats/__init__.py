"""One way to write dates per language (FORMAT_MODULE_PATH): Django's English default reads
"Nov. 5, 2014", templates wrote "1 Dec 2026" or "1 December 2026", and "j F Y" printed
"1 12월 2026" in Korean. Pages, PDFs and emails use the named formats (DATE_FORMAT,
DATETIME_FORMAT, YEAR_MONTH_FORMAT, MONTH_DAY_FORMAT) and these files say what each is."""
