"""A built page's readable text, and how the guide writes a parameter, to compare the two (tests/site)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from babel.numbers import format_decimal

from calculator import Parameter


def text_of(page: Path) -> str:
    """The readable text of a built page, spaces normalised."""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return re.sub(r"[ \u00a0\u202f\t\n]+", " ", text)


def shown(parameter: Parameter) -> str:
    """How the guide writes a parameter (French separators), spaces normalised like text_of."""
    bounds = [parameter.low, parameter.high] if parameter.is_range else [parameter.value]
    cents = parameter.unit.startswith(("USD", "EUR")) and not all(bound.is_integer() for bound in bounds)

    def number(value: float) -> str:
        pattern = "#,##0.00##" if cents else "#,##0.####"
        return str(format_decimal(value, format=pattern, locale="fr_FR")).replace("\u202f", " ")

    if parameter.path.endswith(("us_fund", "us_pledge", "global_pledge")):
        return number(parameter.value / 1e6) + " millions"
    return " à ".join(number(bound) for bound in bounds)
