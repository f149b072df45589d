"""The media kit as HTML (/kit-media/): one renderer for the build-time prerender and for the browser.

`render_kit` turns calculator.kit.media_kit()'s plain data into the sheet a creator prints or saves as a PDF
for a brand: who they are, their figures, their audience and best videos, the rate card, the date. Every
text the reader typed is escaped here; every figure is written by calculator.french, amounts rounded for
reading like the results panel (`readable_span`) while `data-low`/`data-high` keep the exact USD of
`rate_card()`. What concerns the creator alone (what a deal leaves after URSSAF and tax, the VAT reminder,
how each price is built) is marked `cpt-kit-private`: on screen, never printed.
"""

from __future__ import annotations

from html import escape
from typing import Any

from . import french

BLANK_HANDLE = "Votre nom ou pseudo"
"""What the sheet shows before the reader gives a name."""


def render_kit(kit: dict[str, Any], currency: str) -> str:
    """The kit's sheet, amounts in `currency` (USD or EUR at the card's dated rate)."""
    card = kit["card"]
    parts = [_head(kit), _figures(kit["creator"]), _audience(kit["personal"]), _videos(kit["personal"]),
             _rates(card, currency), _date(kit, card, currency), _private(card), _notices(card)]
    return "\n".join(part for part in parts if part)


def _head(kit: dict[str, Any]) -> str:
    personal = kit["personal"]
    handle = personal["handle"]
    name = (f'<h2 class="cpt-kit-name" data-kit-handle>{escape(handle)}</h2>' if handle else
            f'<h2 class="cpt-kit-name cpt-kit-blank" data-kit-handle>{BLANK_HANDLE}</h2>')
    about = " · ".join(escape(text) for text in (personal["niche_words"], kit["creator"]["niche"]) if text)
    contact = (f'<p class="cpt-kit-contact" data-kit-contact>Contact : {escape(personal["contact"])}</p>'
               if personal["contact"] else "")
    return (f'<header class="cpt-kit-head"><p class="cpt-kit-kicker">Kit média TikTok</p>{name}'
            f'<p class="cpt-kit-about">{about}</p>{contact}</header>')


def _figures(creator: dict[str, Any]) -> str:
    figures = [("followers", "Abonnés", french.number(creator["followers"]))]
    if creator["engagement_rate"] is not None:
        figures.append(("engagement_rate", "Taux d'engagement", french.percent(creator["engagement_rate"])))
    if creator["monthly_views"]:
        figures.append(("monthly_views", "Vues sur 30 jours", french.number(creator["monthly_views"])))
    figures.append(("region", "Pays de résidence", creator["region"]))
    items = "".join(f'<div data-kit-figure="{key}"><dt>{label}</dt><dd>{escape(text)}</dd></div>'
                    for key, label, text in figures)
    return f'<dl class="cpt-kit-figures">{items}</dl>'


def _audience(personal: dict[str, Any]) -> str:
    columns = []
    for key, title in (("countries", "Pays"), ("ages", "Âge"), ("genders", "Genre")):
        if personal[key]:
            rows = "".join(f'<li><span>{escape(share["label"])}</span> <span>{french.percent(share["percent"])}'
                           f"</span></li>" for share in personal[key])
            columns.append(f'<div data-kit-audience="{key}"><h4>{title}</h4><ul>{rows}</ul></div>')
    if not columns:
        return ""
    return (f'<section class="cpt-kit-audience"><h3>Audience (TikTok Studio)</h3>'
            f'<div class="cpt-kit-columns">{"".join(columns)}</div></section>')


def _videos(personal: dict[str, Any]) -> str:
    if not personal["videos"]:
        return ""
    rows = []
    for video in personal["videos"]:
        title = escape(video["title"]) if video["title"] else "Vidéo"
        views = ("" if video["views"] is None
                 else f' <span class="cpt-kit-views">{french.number(video["views"])} vues</span>')
        rows.append(f"<li><span>{title}</span>{views}</li>")
    return f'<section class="cpt-kit-videos"><h3>Meilleures vidéos</h3><ol>{"".join(rows)}</ol></section>'


def _rates(card: dict[str, Any], currency: str) -> str:
    head = '<section class="cpt-kit-rates" data-rate-card><h3>Tarifs indicatifs par prestation, hors taxes</h3>'
    if not card["eligible"]:
        reasons = escape(" ".join(card["reasons"]))
        return f'{head}<p class="cpt-warning" data-kit-ineligible>Pas encore de tarif : {reasons}</p></section>'
    rows = []
    for key, item in card["deliverables"].items():
        shown = item["eur"] if currency == "EUR" else item
        price = escape(french.readable_span(shown["low"], shown["high"], currency))
        rows.append(f'<tr data-deliverable="{escape(key)}" data-low="{item["low"]!r}" data-high="{item["high"]!r}" '
                    f'data-confidence="{escape(item["confidence"])}"><th scope="row">{escape(item["label"])}'
                    f'<small>{escape(item["description"])}</small></th>'
                    f'<td>{price} <span class="cpt-kit-per">{escape(item["per"])}</span></td></tr>')
    how = "".join(f"<li><strong>{escape(item['label'])}</strong> : {escape(item['basis'])} ; fiabilité "
                  f"{escape(french.confidence(item['confidence']))}.</li>" for item in card["deliverables"].values())
    survey = "".join(f"<li>{escape(answer['label'])} : {french.percent(answer['share'])} des créateurs</li>"
                     for answer in card["france_survey"])
    return (f'{head}<table class="cpt-kit-table"><thead><tr><th scope="col">Prestation</th>'
            f'<th scope="col">Tarif</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<details class="cpt-kit-private"><summary>Comment chaque tarif est calculé</summary><ul>{how}</ul>'
            f"<p>En France, ce que déclarent les tiktokeurs interrogés par Bolt Influence (2022) :</p>"
            f'<ul data-kit-survey>{survey}</ul></details></section>')


def _date(kit: dict[str, Any], card: dict[str, Any], currency: str) -> str:
    made = (f'Kit établi le {french.date(kit["date"])}.' if kit["date"] else "Kit d'exemple, calculé à l'avance.")
    rate = card["exchange_rate"]
    converted = (f' Montants en euros au taux de {french.money(rate["value"], "EUR")} pour 1\u00a0$ '
                 f'du {french.date(rate["as_of"])}.' if currency == "EUR" else "")
    when = f' data-kit-date="{escape(kit["date"])}"' if kit["date"] else ""
    return f'<p class="cpt-kit-date"{when}>{made}{converted} Tarifs sourcés, à négocier selon la demande.</p>'


def _private(card: dict[str, Any]) -> str:
    """For the creator alone, with a tax status: what one deal of each kind leaves, and how to invoice it."""
    if "net_basis" not in card or not card["eligible"]:
        return ""
    rows = "".join(
        f'<tr data-kit-net="{escape(key)}" data-low="{item["net"]["net"]["low"]!r}" '
        f'data-high="{item["net"]["net"]["high"]!r}"><th scope="row">{escape(item["label"])}</th>'
        f'<td>{escape(french.readable_span(item["net"]["net"]["low"], item["net"]["net"]["high"], "EUR"))}</td></tr>'
        for key, item in card["deliverables"].items())
    vat = card["vat"]
    basis = next(iter(card["deliverables"].values()))["net"]["income_tax_basis"]
    return (f'<section class="cpt-kit-private cpt-net" data-kit-net-block><h3>Pour vous (non imprimé) : ce qu\'il '
            f"vous reste d'un partenariat</h3><p>{escape(card['net_basis'])} Impôt : {escape(basis)}.</p>"
            f'<table class="cpt-net-table"><thead><tr><th scope="col">Prestation</th><th scope="col">Net, après '
            f'cotisations et impôt</th></tr></thead><tbody>{rows}</tbody></table>'
            f'<p class="cpt-warning" data-kit-vat>{escape(vat["message"])}</p></section>')


def _notices(card: dict[str, Any]) -> str:
    """What concerns the creator's whole income (a minor's blocked account), for them: on screen only."""
    return "".join(f'<p class="cpt-warning cpt-kit-private" data-notice="{escape(notice["code"])}">'
                   f'{escape(notice["message"])}</p>' for notice in card["notices"])
