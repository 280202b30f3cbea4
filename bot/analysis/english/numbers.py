"""Number words, scales, currencies and units as English writes them next to a number."""

from __future__ import annotations

import re

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12,
    "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
}
# currency written before the number: symbol or code
CUR_PRE = {
    "us$": "USD", "u.s.$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL", "$": "USD", "£": "GBP", "€": "EUR",
    "¥": "JPY", "₩": "KRW", "₹": "INR", "₽": "RUB", "₺": "TRY", "₴": "UAH", "₦": "NGN",
    "rs": "INR", "rs.": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY",
    "cny": "CNY", "rmb": "CNY", "inr": "INR", "krw": "KRW", "chf": "CHF", "cad": "CAD",
    "aud": "AUD", "idr": "IDR", "rub": "RUB", "hkd": "HKD", "sek": "SEK", "nok": "NOK",
    "dkk": "DKK", "brl": "BRL", "zar": "ZAR", "mxn": "MXN", "sgd": "SGD", "try": "TRY",
}
# currency written after the number (plural forms included)
CUR_POST = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "pounds": "GBP", "pound": "GBP",
    "pounds sterling": "GBP", "sterling": "GBP", "euros": "EUR", "euro": "EUR", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "won": "KRW", "rupees": "INR", "rupee": "INR",
    "rupiah": "IDR", "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB",
    "hryvnias": "UAH", "hryvnia": "UAH", "francs": "CHF", "swiss francs": "CHF", "pesos": "MXN",
    "rand": "ZAR", "naira": "NGN", "lira": "TRY", "ringgit": "MYR", "baht": "THB",
    "dinars": "DZD", "shekels": "ILS", "kronor": "SEK", "krona": "SEK", "kroner": "NOK",
    "real": "BRL", "reais": "BRL", "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY",
    "cny": "CNY", "inr": "INR", "krw": "KRW", "idr": "IDR", "chf": "CHF",
}
# sub-units: value divided by 100
SUBUNIT = {"p": "GBP", "pence": "GBP", "cents": "USD", "cent": "USD"}
# measurement units after the number -> short unit
UNITS = {
    "per cent": "%", "percent": "%", "pct": "%", "pc": "%", "%": "%",
    "percentage points": "pp", "percentage point": "pp", "points": None,
    "basis points": "bp", "basis point": "bp",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mi", "mile": "mi", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "cm": "cm", "mm": "mm", "feet": "ft", "foot": "ft", "ft": "ft", "inches": "in",
    "yards": "yd", "kg": "kg", "kilograms": "kg", "kilogrammes": "kg", "kilos": "kg",
    "grams": "g", "tonnes": "t", "tonne": "t", "tons": "t", "ton": "t", "metric tons": "t",
    "pounds weight": "lb", "lbs": "lb", "lb": "lb", "ounces": "oz", "litres": "l", "liters": "l",
    "gallons": "gal", "barrels": "barrels", "barrel": "barrels", "bpd": "barrels",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "knots": "kn", "hectares": "ha", "acres": "acres",
    "square kilometres": "km2", "square kilometers": "km2", "sq km": "km2", "square miles": "mi2",
    "degrees": "degrees", "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh", "mwh": "MWh",
    "gwh": "GWh", "magnitude": "magnitude", "ghz": "GHz", "mb": "MB", "gb": "GB", "tb": "TB",
    "megawatts": "MW", "megawatt": "MW", "gigawatts": "GW", "gigawatt": "GW", "kilowatts": "kW",
    "centimetres": "cm", "centimeters": "cm", "millimetres": "mm", "millimeters": "mm",
    "cubic metres": "m3", "cubic meters": "m3", "sq miles": "mi2", "square feet": "sq ft",
}

# scale words and suffixes as a regex alternation: "2.5 million", "1.3bn", "Rs 500 crore"
SCALE_WORD_RE = r"(?:hundred|thousand|million|billion|trillion|crores?|lakhs?)"
SCALE_SUFFIX_RE = r"(?:bn|mn|mln|tn|m|k|b)"
# the words between the two ends of a range: "10,000-12,000", "10 to 12", "between 10 and 12"
RANGE_SEPARATOR_RE = r"(?:\s*[-–—]\s*|\s+to\s+|\s+and\s+)"
RANGE_OPENER_RE = r"(?:between\s+|from\s+)"
# "2.6 million barrels of oil", "... a day": barrels are the unit of an amount, not the thing counted
BARREL_AMOUNT = re.compile(r"\s+(?:of\b|a\s+day\b|per\s+day\b|a\s+year\b|per\s+year\b|daily\b)", re.IGNORECASE)
MAGNITUDE_BEFORE = re.compile(r"\bmagnitude[\s-]+(?:of\s+)?$", re.IGNORECASE)
# words after "100m" that make the m metres, not millions
METRE_CONTEXT = {"tall", "high", "long", "deep", "wide", "away", "above", "below", "race",
                 "sprint", "freestyle", "hurdles", "metres", "meters", "relay", "dash"}
# "two-thirds", "3 quarters": a fraction, not a count
FRACTION_AFTER = re.compile(r"[-\s](?:halfs?|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|"
                            r"tenths?|hundredths?|thousandths?)\b", re.I)
# the scale words that make a bare number an amount of money when the parse says MONEY
MONEY_SCALE_WORDS = {"million", "billion", "trillion", "bn", "m", "crore", "lakh", "thousand"}
PERCENT_WORDS = {"%", "percent", "cent", "pc", "pct"}
# a currency written before the number: symbol, "Rs", or an ISO code in capitals
CURRENCY_BEFORE_RE = (r"(?:US\$|U\.S\.\$|AU?\$|CA?\$|HK\$|NZ\$|S\$|R\$|[$£€¥₩₹₽₺₴₦]|Rs\.?\s?"
                      r"|(?-i:(?:USD|EUR|GBP|JPY|CNY|RMB|INR|KRW|CHF|CAD|AUD|IDR|RUB|HKD|SEK|NOK|DKK|BRL|ZAR|MXN|SGD))\s?)")
# "1 in 4", "seven out of ten", "one in every five": the words between a ratio's two numbers
RATIO_LINK_RE = r"\s+(?:in|out\s+of)\s+(?:every\s+)?"
