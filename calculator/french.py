"""The one formatter for French readers: numbers, money, percentages and dates.

The results panel, the command line and the guide's pages all write figures through these
functions, so a figure reads the same everywhere. The rules are those of
`Intl.NumberFormat("fr-FR")` and of Babel's fr_FR patterns (`#,##0.####`, `#,##0.00##`):
a narrow no-break space between thousands, a comma before decimals, a no-break space before
a unit, and rounding half to even on the decimal digits the reader sees (2.675 -> 2,68).
Pure standard library: it runs in the browser under Pyodide too.
"""

from __future__ import annotations

import datetime
import math
from decimal import ROUND_HALF_EVEN, Context, Decimal

NBSP = "\u00a0"
"""Between a figure and its unit (« 10 $ », « 24,6 % »)."""
THOUSANDS = "\u202f"
"""Between groups of three digits (« 10 000 »), as Intl.NumberFormat('fr-FR') writes it."""
SYMBOLS = {"USD": "$", "EUR": "€"}
"""How French text writes each currency the calculator shows, after the amount."""
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
MAX_DECIMALS = 4
"""Rates per 1 000 views or per diamond and the exchange rate need four decimals (0,8486); amounts, two."""
_DIGITS = Context(prec=330)
"""Enough digits to round any finite float to MAX_DECIMALS (the largest has 309 before the point): an error
message may quote a huge number a reader typed (« 1e300 % n'est pas une tranche »)."""


EVIDENCE = {"official": "source officielle", "press": "presse", "study": "étude", "vendor": "site commercial",
            "seed": "article source", "unverified": "non vérifiée"}
"""How a reference's or a range's `evidence` (calculator.rates.EVIDENCE) reads."""
CONFIDENCE = {"high": "élevée (sources officielles)", "medium": "moyenne (presse ou études)",
              "low": "faible (sites commerciaux ou article source)", "unverified": "non vérifiée"}
"""How a stream's `confidence` reads, after « Fiabilité : »."""


WEAK_SOURCES = {"vendor": "site commercial", "seed": "article source", "unverified": "source non vérifiée"}
"""The grades a reader is told about wherever such a source is cited, after its title."""


def weak_source_note(grade: str, title: str) -> str:
    """' [site commercial]' after a vendor's title (as the panel marks a range's grade), '' for a better source
    or a title that already says it."""
    note = WEAK_SOURCES.get(grade)
    return "" if note is None or note in title else f" [{note}]"


def evidence(grade: str) -> str:
    """'press' -> 'presse'."""
    return EVIDENCE.get(grade, grade)


def confidence(level: str) -> str:
    """'medium' -> 'moyenne (presse ou études)'."""
    return CONFIDENCE.get(level, level)


def number(value: float, *, cents: bool = False) -> str:
    """10000 -> '10 000', 0.5 -> '0,5', 0.84861 -> '0,8486'; with cents, at least two decimals: 0.5 -> '0,50'."""
    if not math.isfinite(value):
        return "infini" if value > 0 else "moins l'infini" if value < 0 else "pas un nombre"
    # The shortest text that reads back as the same float (what Babel rounds from): most figures are
    # cents and need no rounding, so Decimal (ten times slower, and the panel writes ~80 figures an
    # answer) is only used when there is something to round.
    text = repr(value) if isinstance(value, float) else str(value)
    whole, _, decimals = text.partition(".")
    if "e" in text or len(decimals) > MAX_DECIMALS:
        rounded = Decimal(text).quantize(Decimal(1).scaleb(-MAX_DECIMALS), rounding=ROUND_HALF_EVEN, context=_DIGITS)
        whole, _, decimals = f"{rounded:f}".partition(".")
    sign, whole = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    decimals = decimals.rstrip("0")
    if not decimals and int(whole) == 0:
        sign = ""  # -0.0, or a negative number that rounds to 0
    if cents:
        decimals = decimals.ljust(2, "0")
    grouped = f"{int(whole):,}".replace(",", THOUSANDS)
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


def amount(value: float) -> str:
    """An amount of money without its symbol: whole amounts without decimals, others with cents ('0,50')."""
    return number(value, cents=not float(value).is_integer())


def money(value: float, currency: str) -> str:
    """'1 234 $', '0,50 €': the amount, a no-break space and the currency's symbol."""
    return f"{amount(value)}{NBSP}{symbol(currency)}"


def symbol(currency: str) -> str:
    return SYMBOLS.get(currency, currency)


def percent(value: float) -> str:
    """24.6 -> '24,6 %' (the value is already in percent)."""
    return f"{number(value)}{NBSP}%"


def span(low: float, high: float) -> str:
    """'5 000' when both bounds agree, else '5 000 à 10 000' (counts, not money)."""
    return number(low) if low == high else f"{number(low)} à {number(high)}"


def money_span(low: float, high: float, currency: str) -> str:
    """'0 $' when both bounds agree (never « 0 $ à 0 $ »), else '1,41 $ à 141,41 $'."""
    first, last = money(low, currency), money(high, currency)
    return first if first == last else f"{first} à {last}"


READABLE_DIGITS = 3
"""Significant digits an amount keeps where readers see it in the results panel (« 1 180 $ », « 11,8 $ »,
« 1,41 $ »): the sources' rates differ tenfold, so a cent on a thousand dollars is noise. Data attributes and
JSON keep the exact value."""


def readable_money(value: float, currency: str) -> str:
    """An amount rounded to READABLE_DIGITS significant digits: 1 178,41 -> '1 180 $', 11,78 -> '11,8 $'."""
    return f"{number(rounded(value, READABLE_DIGITS))}{NBSP}{symbol(currency)}"


def readable_span(low: float, high: float, currency: str) -> str:
    """Two amounts as readable_money writes them, one when both read alike: '1,41 $ à 141 $', '0 $'."""
    first, last = readable_money(low, currency), readable_money(high, currency)
    return first if first == last else f"{first} à {last}"


def vat_switch(tolerance_eur: float) -> str:
    """When receipts above the VAT franchise become taxable (CGI art. 293 B): the clause the net block's warning and
    the rate card's invoicing reminder both say (« … passent à la TVA dès le dépassement du seuil majoré … »)."""
    return (f"passent à la TVA dès le dépassement du seuil majoré de {money(tolerance_eur, 'EUR')}, sinon à partir du "
            "1er janvier suivant")


def summary_sentence(total: tuple[float, float], tiktok: tuple[float, float], currency: str,
                     net: tuple[float, float] | None = None) -> str:
    """The results in one plain sentence: what TikTok itself would pay, what all the incomes add up to and, with
    a tax status, what is left in euros. `total`, `tiktok` and `net` are (low, high) per month."""
    if total[1] <= 0:
        sentence = ("Avec ces chiffres, aucun revenu ne s'ouvre encore : la liste « Autres revenus possibles » "
                    "dit ce qu'il faudrait.")
    elif total == tiktok:
        sentence = (f"TikTok vous verserait environ {readable_span(*tiktok, currency)} par mois ; vos autres "
                    "revenus (partenariats, LIVE, ventes…) s'y ajoutent.")
    elif tiktok[1] <= 0:
        sentence = (f"Vous gagneriez environ {readable_span(*total, currency)} par mois, payés par vos partenaires "
                    "et vos clients : TikTok lui-même ne vous verserait rien.")
    else:
        sentence = (f"Vous gagneriez environ {readable_span(*total, currency)} par mois, dont "
                    f"{readable_span(*tiktok, currency)} versés par TikTok.")
    if net is not None and total[1] > 0:
        sentence += (f" Après cotisations et impôt, il vous resterait environ {readable_span(*net, 'EUR')} "
                     "par mois.")
    return sentence


def goal_sentence(label: str | None, others: int) -> str:
    """The goal at a glance, after its headline figure: the one source that figure counts on (`label`; None when no
    source gets there on its own) and how many other sources could (`others`)."""
    if label is None:
        return "Aucune source n'y mène seule avec ces chiffres : le détail dit ce qui manque à chacune."
    sentence = f"C'est ce qu'il faudrait avec la seule source « {label} »."
    if others > 1:
        return f"{sentence} {others} autres sources y mènent aussi."
    return f"{sentence} Une autre source y mène aussi." if others == 1 else sentence


def first_payout(soonest: int, latest: int | None) -> str:
    """« … après 2 mois au mieux, 37 mois au pire. », or « … après 1 mois. » when both cases agree; `latest` is None
    when the worst month would never reach the minimum."""
    if latest == soonest:
        return f"Premier versement possible après {soonest} mois."
    slowest = "jamais si le mois est mauvais" if latest is None else f"{latest} mois au pire"
    return f"Premier versement possible après {soonest} mois au mieux, {slowest}."


COUNT_DIGITS = 2
"""Significant digits a count keeps in prose (« environ 290 000 », « 4,4 millions »): a count of views the
calculator derives from rates that differ tenfold has no more precision than that. Data attributes and JSON
keep the exact value."""
_BIG = ((10**9, "milliard"), (10**6, "million"))


def rounded(value: float, digits: int = COUNT_DIGITS) -> float:
    """value to `digits` significant digits, half to even (293 398 -> 290 000, 4 400 963 -> 4 400 000)."""
    if value == 0 or not math.isfinite(value):
        return value
    exact = Decimal(repr(float(value)))
    quantum = Decimal(1).scaleb(exact.adjusted() - digits + 1)
    return float(exact.quantize(quantum, rounding=ROUND_HALF_EVEN, context=_DIGITS))


def count(value: float, digits: int = COUNT_DIGITS) -> str:
    """A count rounded for prose: 293 398 -> '290 000', 4 400 963 -> '4,4 millions', 1e9 -> '1 milliard'."""
    shown = rounded(value, digits)
    for size, word in _BIG:
        if abs(shown) >= size:
            multiple = shown / size
            return f"{number(rounded(multiple, digits))} {word}{'s' if abs(multiple) >= 2 else ''}"
    return number(shown)


def count_span(low: float, high: float, noun: str, digits: int = COUNT_DIGITS) -> str:
    """Two counts of the same thing in prose, rounded: 'environ 290 000 à 4,4 millions de vues sur 30 jours'.

    « environ » only when rounding changed a bound; one figure when both round alike; « de » (or « d' »)
    between « millions » and the noun, as French writes it.
    """
    first, last = count(low, digits), count(high, digits)
    about = "environ " if rounded(low, digits) != low or rounded(high, digits) != high else ""
    big = last.rpartition(" ")[2]
    if first.rpartition(" ")[2].rstrip("s") == big.rstrip("s") and big[:1].isalpha() and first != last:
        first = first.rpartition(" ")[0]  # « 3,4 à 340 millions », not « 3,4 millions à 340 millions »
    figures = first if first == last else f"{first} à {last}"
    link = " "
    if last.endswith(("million", "millions", "milliard", "milliards")):
        link = " d'" if noun[:1].lower() in "aeéèêiîoôuhy" else " de "
    return f"{about}{figures}{link}{noun}"


def date(day: datetime.date | str) -> str:
    """'2026-01-01' or a date -> '1er janvier 2026', as French writes the first of the month."""
    day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def date_span(first: datetime.date, last: datetime.date) -> str:
    """'le 25 novembre 2026', or 'du 25 novembre au 1er décembre 2026' (the year or month said once when shared)."""
    if first == last:
        return f"le {date(first)}"
    start = date(first)
    if first.year == last.year:
        start = start.rpartition(" ")[0]
        if first.month == last.month:
            start = start.rpartition(" ")[0]
    return f"du {start} au {date(last)}"


def month(day: datetime.date) -> str:
    """'janvier 2026'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def short_date(day: datetime.date) -> str:
    """'01/01/2026'."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
