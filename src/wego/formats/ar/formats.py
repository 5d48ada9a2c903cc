# 5 نوفمبر 2014، 14:30 (month names from Django's Arabic translations; Arabic comma)
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y، H:i"
TIME_FORMAT = "H:i"
# Latin digits, grouped by thousands with "," and "." before decimals, as Unicode CLDR writes
# Arabic with Latin digits (Django's Arabic defaults group nothing: "10100000").
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
