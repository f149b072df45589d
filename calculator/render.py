"""The result as HTML: one renderer for the build-time prerender and for the browser.

`render_result` turns an estimate() result (USD, for the data-low/data-high contract) and
the same result in the displayed currency into the markup of the results panel. Every text
is escaped; every figure is written by calculator.french, so the page shows exactly what the
prerender, the guide and the command line write (the page does not reformat anything).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from . import french


def money_text(amount: float, currency: str) -> str:
    """An amount as HTML text: « 1 234,50 $ »."""
    return escape(french.money(amount, currency))


def pays(stream: Mapping[str, Any]) -> bool:
    """A stream shown with its amount: eligible and paying something. The others go to « Autres revenus
    possibles », one line each, never as « 0 $ »."""
    return bool(stream["eligible"]) and stream["high"] > 0


def why_not(stream: Mapping[str, Any]) -> str:
    """What a stream that pays nothing says instead of an amount: why it is closed (its reasons, when not eligible)
    or what would open it (`unlock`)."""
    return " ".join(stream["reasons"]) if not stream["eligible"] else stream["unlock"] + "."


def balance_pays(balance: Mapping[str, Any]) -> bool:
    """A way TikTok pays that is listed: one that pays something with these figures (no « 0 $ par mois » line)."""
    return bool(balance["monthly"]["high"] > 0)


def render_result(result: dict[str, Any], shown: dict[str, Any]) -> str:
    """The results panel: the summary (total and one sentence), the net in France, then the detail: the range
    chart, one section per stream that pays, the others in one list, the payout, the exchange rate."""

    def span(pair: dict[str, float]) -> str:
        return escape(french.readable_span(pair["low"], pair["high"], shown["currency"]))

    streams = [(name, stream, shown["streams"][name]) for name, stream in result["streams"].items()]
    paying = [item for item in streams if pays(item[1])]
    others = [item for item in streams if not pays(item[1])]
    detail = [_chart(shown, [item[2] for item in paying if item[1]["in_total"]]),
              *(_stream(name, stream, view, span) for name, stream, view in paying)]
    if others:
        detail.append(_others(others))
    detail.append(_payout(shown["payout"], span))
    for notice in result["notices"]:
        detail.append(f'<p class="cpt-warning" data-notice="{escape(notice["code"])}">{escape(notice["message"])} '
                      f'{_links(notice["references"])}</p>')
    if "exchange_rate" in shown:
        rate = shown["exchange_rate"]
        detail.append(f'<p class="cpt-hint">Montants convertis à {french.money(rate["value"], "EUR")} pour 1\u00a0$ '
                      f'(taux du {french.date(rate["as_of"])}).</p>')
    return "\n".join([_summary(result, shown, span), *([_net(result["net"])] if "net" in result else []),
                      f'<div class="cpt-detail" id="cpt-detail">{"".join(detail)}</div>'])


def _summary(result: dict[str, Any], shown: dict[str, Any], span: Any) -> str:
    """The answer at a glance: the headline total and one plain sentence; the page keeps it in view."""
    def pair(amounts: dict[str, float]) -> tuple[float, float]:
        return amounts["low"], amounts["high"]

    net = result["net"]["net"] if "net" in result else None
    sentence = french.summary_sentence(pair(shown["total"]), pair(shown["payout"]["tiktok_monthly"]),
                                       shown["currency"], None if net is None else pair(net))
    return (f'<section class="cpt-summary" data-summary aria-label="Résumé de l\'estimation">'
            f'<p class="cpt-total" data-total data-low="{result["total"]["low"]!r}" '
            f'data-high="{result["total"]["high"]!r}">Total estimé : {span(shown["total"])} par mois</p>'
            f'<p class="cpt-sentence">{escape(sentence)} <a class="cpt-to-detail" href="#cpt-detail">Voir le '
            f"détail</a></p></section>")


def _others(others: list[tuple[str, dict[str, Any], dict[str, Any]]]) -> str:
    """Streams that pay nothing, one line each: why not (not eligible) or what would open them."""
    items = []
    for name, stream, view in others:
        why = why_not(view)
        items.append(f'<li data-stream="{escape(name)}" data-low="{stream["low"]!r}" data-high="{stream["high"]!r}" '
                     f'data-eligible="{"true" if stream["eligible"] else "false"}" '
                     f'data-confidence="{escape(stream["confidence"])}"><strong>{escape(view["label"])}</strong> : '
                     f'{"<span class=cpt-ineligible>non éligible.</span> " if not stream["eligible"] else ""}'
                     f"{escape(why)}</li>")
    return (f'<section class="cpt-others" data-others><h2>Autres revenus possibles</h2>'
            f'{"<ul>" + "".join(items) + "</ul>" if items else ""}</section>')


NET_ROWS = (("gross", "Revenus bruts estimés"), ("social_contributions", "Cotisations sociales et formation"),
            ("income_tax", "Impôt sur le revenu"), ("net", "Ce qu'il vous reste"))


def _net(net: dict[str, Any]) -> str:
    """What is left in France, in euros: a table low/high per line, warnings, rates used and their date."""
    def euros(amount: float) -> str:
        return escape(french.readable_money(amount, "EUR"))

    rows = "".join(
        f'<tr data-net="{part}" data-low="{net[part]["low"]!r}" data-high="{net[part]["high"]!r}">'
        f'<th scope="row">{label}</th><td>{euros(net[part]["low"])}</td><td>{euros(net[part]["high"])}</td></tr>'
        for part, label in NET_ROWS
    )
    how = net["income_tax_basis"]
    html = [f'<section class="cpt-net" data-net-block data-tax-status="{escape(net["tax_status"])}">',
            "<h2>Ce qu'il vous reste en France, par mois</h2>",
            f'<p>{escape(net["label"])}, impôt : {escape(how)}.</p>']
    if net["turnover"] != net["gross"]:
        html.append(f'<p>Chiffre d\'affaires déclaré (ventes de vos produits comprises) : '
                    f'{euros(net["turnover"]["low"])} à {euros(net["turnover"]["high"])}.</p>')
    html.append(f'<table class="cpt-net-table"><thead><tr><th scope="col">Par mois</th>'
                f'<th scope="col">Bas de fourchette</th><th scope="col">Haut de fourchette</th></tr></thead>'
                f'<tbody>{rows}</tbody></table>')
    for warning in net["warnings"]:
        html.append(f'<p class="cpt-warning" data-warning="{escape(warning["code"])}">{escape(warning["message"])}</p>')
    simulators = " et ".join(_link(ref) for ref in net["simulators"] if ref["url"])
    html.append(f'<p class="cpt-disclaimer">Estimation, pas un conseil fiscal : vérifiez avec les simulateurs '
                f'officiels ({simulators}). Taux en vigueur au {french.date(net["in_force_on"])}, '
                f'dollars convertis au taux du {french.date(net["exchange_rate"]["as_of"])}.</p>')
    items = "".join(f"<li>{escape(rate['label'])} : {_rate_value(rate)}"
                    f"{'' if rate['since'] is None else ' depuis le ' + french.date(rate['since'])}"
                    f" (vérifié le {french.date(rate['as_of'])}). {_links(rate['references'])}</li>"
                    for rate in net["rates"])
    html.append(f'<details><summary>Taux utilisés et sources</summary><ul>{items}</ul></details></section>')
    return "".join(html)


RATE_UNITS = {"EUR per year": " par an", "EUR per part per year": " par part et par an",
              "EUR per half-part per year": " par demi-part et par an"}


def _rate_value(rate: dict[str, Any]) -> str:
    if rate["unit"] == "percent":
        return french.percent(rate["value"])
    return french.money(rate["value"], "EUR") + RATE_UNITS.get(rate["unit"], "")


def _links(references: list[dict[str, Any]]) -> str:
    return " ; ".join(_link(ref) for ref in references)


def _link(reference: dict[str, Any]) -> str:
    """A reference as a link, or its title alone when it has no address (a décret cited by its title)."""
    title = escape(reference["title"])
    note = escape(french.weak_source_note(reference.get("evidence", ""), reference["title"]))
    if reference["url"]:
        return f'<a href="{escape(reference["url"])}" rel="noopener noreferrer">{title}</a>{note}'
    return f"{title}{note}"


def render_goal(goal: dict[str, Any]) -> str:
    """The goal panel: at a glance, what the first lever (the views, the question the mode asks) needs, then in the
    detail what each lever needs on its own, or why it cannot get there."""
    meaning = "nets" if goal["net"] else "bruts"
    target = money_text(goal["target"], "EUR")
    for_target = f"Pour {target} {meaning} par mois"
    html = [_goal_summary(goal, for_target), '<div class="cpt-detail" id="cpt-detail">',
            f"<p>{for_target}, il faudrait, avec une seule de ces sources :</p>"]
    if goal["net"]:
        html.append(f'<p>Soit {money_text(goal["gross_needed"]["eur"], "EUR")} bruts par mois avant '
                    f"cotisations et impôt.</p>")
    for name, lever in goal["levers"].items():
        low = "" if lever["low"] is None else f' data-low="{lever["low"]}" data-high="{lever["high"]}"'
        html.append(f'<section class="cpt-stream" data-requirement="{escape(name)}"{low} '
                    f'data-reachable="{"true" if lever["reachable"] else "false"}"><h2>{escape(lever["label"])}</h2>')
        if lever["reachable"]:
            amount = french.count_span(lever["low"], lever["high"], lever["unit"])
            html.append(f'<p class="cpt-amount">{escape(amount[:1].upper() + amount[1:])}</p>')
            if lever["at_minimum"]:
                html.append("<p>Au mieux, le minimum du programme suffit déjà.</p>")
        else:
            html.append(f'<p class="cpt-ineligible">Hors de portée. {escape(" ".join(lever["reasons"]))}</p>')
        html.append("</section>")
    html.append('<p class="cpt-hint">Le premier nombre suppose le meilleur taux trouvé dans les sources, le second '
                "le moins bon.</p></div>")
    return "\n".join(html)


def _goal_summary(goal: dict[str, Any], for_target: str) -> str:
    """The goal's answer at a glance, kept in view as the estimate's summary is: what the first lever that gets there
    on its own needs (the views when they can: the question the mode asks), and how many others could."""
    reachable = [lever for lever in goal["levers"].values() if lever["reachable"]]
    if reachable:
        first = reachable[0]
        answer = french.count_span(first["low"], first["high"], first["unit"])
        sentence = french.goal_sentence(first["label"], len(reachable) - 1)
    else:
        answer, sentence = "hors de portée", french.goal_sentence(None, 0)
    return (f'<section class="cpt-summary" data-summary aria-label="Résumé de l\'objectif">'
            f'<p class="cpt-total" data-goal data-target="{goal["target"]!r}">{for_target} : {escape(answer)}</p>'
            f'<p class="cpt-sentence">{escape(sentence)} <a class="cpt-to-detail" href="#cpt-detail">Voir le '
            f"détail</a></p></section>")


def _stream(name: str, stream: dict[str, Any], shown: dict[str, Any], span: Any) -> str:
    """A stream that pays: its headline band, one line of why, and on demand the extremes and the sources."""
    title = shown["label"] if stream["in_total"] else f"{shown['label']}, pour comparaison (hors total)"
    html = [f'<section class="cpt-stream" data-stream="{escape(name)}" data-low="{stream["low"]!r}" '
            f'data-high="{stream["high"]!r}" data-eligible="true" '
            f'data-confidence="{escape(stream["confidence"])}">',
            f"<h2>{escape(title)}</h2>",
            f'<p class="cpt-amount">{span(shown)} par mois</p>',
            f'<p class="cpt-confidence">Conditions remplies ; fiabilité '
            f'{escape(french.confidence(stream["confidence"]))}.</p>']
    extremes = shown["extremes"]
    wider = ("" if (extremes["low"], extremes["high"]) == (shown["low"], shown["high"])
             else f"<p>De {span(extremes)} par mois selon toutes les sources.</p>")
    items = []
    for entry in shown["ranges"]:
        flag = " (hypothèse du modèle)" if entry["assumption"] else ""
        grade = french.evidence(entry["evidence"]) + ("" if entry["in_headline"] else ", hors fourchette retenue")
        links = _links(entry["references"])
        items.append(f'<li data-evidence="{escape(entry["evidence"])}">{escape(entry["source"])}{flag} '
                     f"[{escape(grade)}] : {span(entry)}. {links}</li>")
    html.append(f'<details><summary>Extrêmes et sources</summary>{wider}<ul>{"".join(items)}</ul></details>')
    html.append("</section>")
    return "".join(html)


def _chart(shown: dict[str, Any], streams: list[dict[str, Any]]) -> str:
    """Range bars on one scale from 0: each stream that pays, from its low to its high amount, then the total.
    Each bar's label (name and band) stands above it, so no label is cut or crowded on a phone."""
    total = {**shown["total"], "label": "Total"}
    rows = [*streams, total] if streams else [total]
    top = max([row["high"] for row in rows] + [1.0])
    bars = []
    for row in rows:
        x = min(100 * row["low"] / top, 99.5)
        width = max(100 * (row["high"] - row["low"]) / top, 0.5)
        band = french.readable_span(row["low"], row["high"], shown["currency"])
        kind = " cpt-bar-total" if row is total else ""
        bars.append(f'<div class="cpt-bar{kind}"><span>{escape(row["label"])} : {escape(band)}</span>'
                    f'<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
                    f'<rect class="cpt-track" x="0" y="2" width="100" height="6"></rect>'
                    f'<rect class="cpt-range" x="{x:.2f}" y="0" width="{width:.2f}" height="10"></rect></svg></div>')
    summary = " ; ".join(f"{row['label']} : {french.readable_span(row['low'], row['high'], shown['currency'])}"
                         for row in rows)
    label = escape(f"Fourchettes mensuelles par source de revenus. {summary}.")
    return f'<figure class="cpt-chart" role="img" aria-label="{label}">{"".join(bars)}</figure>'


def _timing(months: dict[str, Any] | None, nothing: str) -> str:
    return nothing if months is None else french.first_payout(months["low"], months["high"])




def _payout(payout: dict[str, Any], span: Any) -> str:
    timing = _timing(payout["months_to_first_payout"], "Avec ces chiffres, TikTok ne vous verse rien.")
    items = []
    for balance in payout["balances"]:
        if not balance_pays(balance):
            continue
        floor = ("aucun minimum de retrait trouvé" if balance["minimum"] is None
                 else f"retrait minimum {span(balance['minimum'])}")
        items.append(f'<li data-balance="{escape(balance["key"])}"><strong>{escape(balance["label"])}</strong> : '
                     f"{span(balance['monthly'])} par mois, {floor}. {escape(balance['schedule'])} "
                     f"{escape(_timing(balance['months_to_first_payout'], 'Rien à verser avec ces chiffres.'))} "
                     f"{_links(balance['references'])}</li>")
    return (f'<section class="cpt-payout" data-payout><h2>Ce que TikTok vous verse, et quand '
            f'({escape(payout["region_label"])})</h2>'
            f"<p>Versé par TikTok chaque mois : {span(payout['tiktok_monthly'])}. {timing}</p>"
            f'{"<ul>" + "".join(items) + "</ul>" if items else ""}</section>')
