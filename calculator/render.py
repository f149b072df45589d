"""The result as HTML: one renderer for the build-time prerender and for the browser.

`render_result` turns an estimate() result (USD, for the data-low/data-high contract) and
the same result in the displayed currency into the markup of the results panel. Every text
is escaped; amounts sit in `<span data-money="…">`, written here for readers without
JavaScript and rewritten by the page with Intl.NumberFormat("fr-FR") when it runs.
"""

from __future__ import annotations

import datetime
from html import escape
from typing import Any

from .money import french_number

SYMBOLS = {"USD": "$", "EUR": "€"}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def render_result(result: dict[str, Any], shown: dict[str, Any]) -> str:
    """The results panel: total, range chart, one section per stream, payout, exchange rate."""
    symbol = SYMBOLS.get(shown["currency"], shown["currency"])

    def money(amount: float) -> str:
        return f'<span data-money="{amount!r}">{french_number(amount)}\u00a0{escape(symbol)}</span>'

    def span(pair: dict[str, float]) -> str:
        return f"{money(pair['low'])} à {money(pair['high'])}"

    parts = [
        f'<p class="cpt-total" data-total data-low="{result["total"]["low"]!r}" '
        f'data-high="{result["total"]["high"]!r}">Total estimé : {span(shown["total"])} par mois</p>',
        _chart(shown, symbol),
    ]
    for name, stream in result["streams"].items():
        parts.append(_stream(name, stream, shown["streams"][name], span))
    parts.append(_payout(shown["payout"], money, span))
    if "exchange_rate" in shown:
        rate = shown["exchange_rate"]
        parts.append(f'<p class="cpt-hint">Montants convertis à {french_number(rate["value"])}\u00a0€ pour 1\u00a0$ '
                     f'(taux du {_long_date(rate["as_of"])}).</p>')
    return "\n".join(parts)


def _stream(name: str, stream: dict[str, Any], shown: dict[str, Any], span: Any) -> str:
    title = shown["label"] if stream["in_total"] else f"{shown['label']} (pour comparaison, hors total)"
    eligible = "true" if stream["eligible"] else "false"
    html = [f'<section class="cpt-stream" data-stream="{escape(name)}" data-low="{stream["low"]!r}" '
            f'data-high="{stream["high"]!r}" data-eligible="{eligible}">',
            f"<h2>{escape(title)}</h2>",
            f'<p class="cpt-amount">{span(shown)} par mois</p>']
    if not stream["eligible"]:
        html.append(f'<p class="cpt-ineligible">Non éligible : {escape(" ".join(shown["reasons"]))}</p>')
    items = []
    for entry in shown["ranges"]:
        flag = " (hypothèse du modèle)" if entry["assumption"] else ""
        links = " ; ".join(
            f'<a href="{escape(ref["url"])}" rel="noopener noreferrer">{escape(ref["title"])}</a>' if ref["url"]
            else escape(ref["title"])
            for ref in entry["references"]
        )
        items.append(f"<li>{escape(entry['source'])}{flag} : {span(entry)}. {links}</li>")
    html.append(f'<details><summary>Sources et fourchettes</summary><ul>{"".join(items)}</ul></details>')
    html.append("</section>")
    return "".join(html)


def _chart(shown: dict[str, Any], symbol: str) -> str:
    """One bar per stream, from its low to its high amount on a common scale; the label says it in words."""
    streams = list(shown["streams"].values())
    top = max([stream["high"] for stream in streams] + [1.0])
    rows = []
    for stream in streams:
        x = min(100 * stream["low"] / top, 99.5)
        width = max(100 * (stream["high"] - stream["low"]) / top, 0.5)
        rows.append(f'<div class="cpt-bar"><span>{escape(stream["label"])}</span>'
                    f'<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
                    f'<rect x="{x:.2f}" y="1" width="{width:.2f}" height="8"></rect></svg></div>')
    summary = " ; ".join(f"{stream['label']} : {french_number(stream['low'])} à {french_number(stream['high'])}"
                         f"\u00a0{symbol}" for stream in streams)
    label = escape(f"Fourchettes mensuelles par source de revenus. {summary}.")
    return f'<figure class="cpt-chart" role="img" aria-label="{label}">{"".join(rows)}</figure>'


def _payout(payout: dict[str, Any], money: Any, span: Any) -> str:
    months = payout["months_to_first_payout"]
    if months is None:
        timing = "Avec ces chiffres, TikTok ne vous verse rien : aucun retrait possible."
    else:
        slowest = "jamais si le mois est mauvais" if months["high"] is None else f"{months['high']} mois au pire"
        timing = f"Premier retrait possible après {months['low']} mois au mieux, {slowest}."
    methods = " ou ".join(escape(method) for method in payout["methods"])
    return (f'<section class="cpt-payout" data-payout><h2>Retirer l\'argent versé par TikTok '
            f'({escape(payout["region_label"])})</h2>'
            f"<p>Versé par TikTok chaque mois : {span(payout['tiktok_monthly'])}. {timing}</p>"
            f"<p>Retrait minimum : {span(payout['minimum'])} selon le pays, par {methods}, au plus "
            f"{money(payout['daily_limit'])} par jour, traité sous {french_number(payout['processing_days'])} "
            f"jours.</p></section>")


def _long_date(iso: str) -> str:
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
