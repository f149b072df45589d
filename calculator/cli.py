"""Command line: `python -m calculator --rates rates.yml --followers N --age N ...`.

Prints a French summary, or with --json exactly what `estimate()` returns (in USD unless
--currency EUR). Bad input exits with status 2 and a message naming the flag.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from . import french
from .currency import CURRENCIES, in_currency
from .estimate import estimate
from .goal import requirements
from .inputs import INPUT_FIELDS, InputError, choices
from .rate_card import rate_card
from .rates import Rates, RatesError, parse_rates
from .render import balance_pays, pays, why_not
from .scenarios import load_scenario


def flag(key: str) -> str:
    return "--" + key.replace("_", "-")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="Estime ce que TikTok et les revenus qui l'entourent rapportent par mois, en fourchettes sourcées.",
    )
    parser.add_argument("--rates", type=Path, default=Path("rates.yml"), help="fichier des taux (rates.yml)")
    parser.add_argument("--json", action="store_true", help="afficher le résultat brut d'estimate() en JSON")
    parser.add_argument("--currency", default="USD", help=f"devise affichée : {', '.join(CURRENCIES)}")
    parser.add_argument("--scenario", metavar="NOM", help="partir d'un cas de scenarios/NOM.yml (ou d'un chemin)")
    parser.add_argument("--cases", type=Path, default=Path("scenarios"), help="dossier des scénarios")
    parser.add_argument("--list-niches", action="store_true", help="lister les niches possibles et quitter")
    parser.add_argument("--rate-card", action="store_true",
                        help="grille tarifaire d'un kit média : le prix de chaque prestation pour une marque")
    parser.add_argument("--target-eur", metavar="EUROS",
                        help="mode objectif : ce qu'il faut pour gagner ce montant par mois, net si --tax-status "
                             "est donné, brut sinon")
    for field in INPUT_FIELDS:
        # Values stay text: the calculator reads them, so the CLI and the page reject the same things.
        # argparse formats help with %: the hints' own « % » (« 61,5 % ») are written %%.
        hint = (field.hint + ("" if field.required else " (facultatif)")).replace("%", "%%")
        if field.kind == "flag":
            parser.add_argument(flag(field.key), dest=field.key, action="store_const", const="true", help=hint)
        else:
            parser.add_argument(flag(field.key), dest=field.key, metavar="N" if field.kind != "choice" else "CHOIX",
                                help=hint)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        rates = parse_rates(arguments.rates.read_text(encoding="utf-8"))
    except OSError as error:
        parser.error(f"--rates : lecture impossible de {arguments.rates} ({error.strerror})")
    except RatesError as error:
        print(f"{arguments.rates} : {error}", file=sys.stderr)
        return 1
    if arguments.list_niches:
        niche_field = next(field for field in INPUT_FIELDS if field.key == "niche")
        for key, label in choices(niche_field, rates).items():
            print(f"{key}\t{label}")
        return 0
    inputs: dict[str, object] = {}
    if arguments.scenario:
        path = Path(arguments.scenario)
        if not path.suffix:
            path = arguments.cases / f"{arguments.scenario}.yml"
        try:
            inputs.update(load_scenario(path).inputs)
        except (OSError, ValueError) as error:
            parser.error(f"--scenario : {error}")
    inputs.update({field.key: getattr(arguments, field.key) for field in INPUT_FIELDS
                   if getattr(arguments, field.key) is not None})
    try:
        if arguments.rate_card:
            card = rate_card(inputs, rates)
            print(json.dumps(card, ensure_ascii=False, indent=2) if arguments.json else rate_card_summary(card))
            return 0
        if arguments.target_eur is not None:
            goal = requirements(arguments.target_eur, inputs, rates)
            print(json.dumps(goal, ensure_ascii=False, indent=2) if arguments.json else goal_summary(goal))
            return 0
        result = in_currency(estimate(inputs, rates), rates, arguments.currency)
    except InputError as error:
        parser.error(f"{'--target-eur' if error.key == 'target' else flag(error.key)} : {error.message}")
    if arguments.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(summary(result, rates))
    return 0


def summary(result: Mapping[str, Any], rates: Rates) -> str:
    """A short French text version of an estimate() result."""
    currency = result["currency"]
    def span(pair: Mapping[str, float]) -> str:
        return french.money_span(pair["low"], pair["high"], currency)
    lines = [f"Estimation mensuelle ({currency})", ""]
    # As on the page (calculator/render.py): a stream that pays nothing is no « 0 $ » line with its sources, but
    # one line under « Autres revenus possibles » saying why not or what would open it.
    others = [stream for stream in result["streams"].values() if not pays(stream)]
    for stream in (stream for stream in result["streams"].values() if pays(stream)):
        counted = "" if stream["in_total"] else " (pour comparaison, hors total)"
        lines.append(f"{stream['label']}{counted} : {span(stream)}")
        extremes = stream["extremes"]
        if stream["eligible"] and extremes["high"] > 0:  # nothing to weigh in a stream that pays nothing
            wider = ("" if (extremes["low"], extremes["high"]) == (stream["low"], stream["high"])
                     else f" ; de {span(extremes)} selon toutes les sources")
            lines.append(f"  Fiabilité : {french.confidence(stream['confidence'])}{wider}")
        for entry in stream["ranges"]:
            flags = [*(["hypothèse"] if entry["assumption"] else []), french.evidence(entry["evidence"]),
                     *([] if entry["in_headline"] else ["hors fourchette retenue"])]
            lines.append(f"  - {entry['source']} [{', '.join(flags)}] : {span(entry)}")
    if others:
        lines += ["", "Autres revenus possibles :"]
        lines += [f"  {stream['label']} : {'' if stream['eligible'] else 'non éligible. '}{why_not(stream)}"
                  for stream in others]
    total = result["total"]
    payout = result["payout"]
    lines += ["", f"Total : {span(total)}", ""]
    lines.append(f"Versements de TikTok ({payout['region_label']}) :")
    for balance in payout["balances"]:
        if not balance_pays(balance):
            continue  # as on the page
        minimum = balance["minimum"]
        floor = "aucun minimum" if minimum is None else \
            f"minimum {span(minimum)}"
        lines.append(f"  {balance['label']} : {span(balance['monthly'])} par mois, {floor}. {balance['schedule']}")
    months = payout["months_to_first_payout"]
    if months is None:
        lines.append("Premier versement : jamais avec ces chiffres (rien n'est payé par TikTok).")
    else:
        lines.append(french.first_payout(months["low"], months["high"]))
    lines += [f"Attention : {notice['message']}" for notice in result["notices"]]
    if "net" in result:
        lines += ["", *net_summary(result["net"])]
    if "exchange_rate" in result:
        rate = result["exchange_rate"]
        lines.append(f"Taux de change : 1 USD = {french.number(rate['value'])} EUR (au {rate['as_of']}).")
    return "\n".join(lines)


NET_LINES = (("gross", "Brut"), ("social_contributions", "Cotisations sociales et formation"),
             ("income_tax", "Impôt sur le revenu"), ("net", "Reste"))


def net_summary(net: Mapping[str, Any]) -> list[str]:
    """The net block as text lines, in euros."""
    lines = [f"Ce qu'il vous reste en France ({net['label']}), par mois :"]
    lines += [f"  {label} : {french.money_span(net[part]['low'], net[part]['high'], 'EUR')}"
              for part, label in NET_LINES]
    lines.append(f"  Impôt : {net['income_tax_basis']}.")
    lines += [f"  Attention : {warning['message']}" for warning in net["warnings"]]
    lines.append(f"  Taux en vigueur au {french.date(net['in_force_on'])} ; estimation, pas un conseil fiscal : "
                 f"vérifiez avec {' et '.join(str(ref['url']) for ref in net['simulators'] if ref['url'])}.")
    return lines


def goal_summary(goal: Mapping[str, Any]) -> str:
    """A short French text version of a requirements() result."""
    meaning = "nets" if goal["net"] else "bruts"
    lines = [f"Pour {french.money(goal['target'], 'EUR')} {meaning} par mois, avec une seule de ces sources :"]
    for lever in goal["levers"].values():
        if lever["reachable"]:
            lines.append(f"  {lever['label']} : {french.count_span(lever['low'], lever['high'], lever['unit'])}")
        else:
            lines.append(f"  {lever['label']} : hors de portée. {' '.join(lever['reasons'])}")
    return "\n".join(lines)



def rate_card_summary(card: Mapping[str, Any]) -> str:
    """A short French text version of a rate_card() result: each deliverable in USD and EUR, then what is left."""
    lines = ["Grille tarifaire pour une marque (prix d'une prestation)"]
    if card["tier"] is not None:
        lines.append(f"Palier : {card['tier']['label']} ; coefficient d'engagement "
                     f"{french.number(card['engagement_factor'])}, de niche "
                     f"{french.span(card['niche_factor']['low'], card['niche_factor']['high'])}.")
    lines += [f"Non éligible : {reason}" for reason in card["reasons"]]
    for item in card["deliverables"].values():
        usd = french.money_span(item["low"], item["high"], "USD")
        eur = french.money_span(item["eur"]["low"], item["eur"]["high"], "EUR")
        lines += ["", f"{item['label']}, {item['per']} : {usd} (soit {eur})",
                  f"  {item['description']} Calcul : {item['basis']}.",
                  f"  Fiabilité : {french.confidence(item['confidence'])}"]
        for entry in item["ranges"]:
            flags = [*(["hypothèse"] if entry["assumption"] else []), french.evidence(entry["evidence"]),
                     *([] if entry["in_headline"] else ["hors fourchette retenue"])]
            lines.append(f"  - {entry['source']} [{', '.join(flags)}] : "
                         f"{french.money_span(entry['low'], entry['high'], 'USD')}")
        if "net" in item:
            net = item["net"]
            lines.append(f"  Il vous reste : {french.money_span(net['net']['low'], net['net']['high'], 'EUR')} "
                         f"(cotisations {french.money_span(*_bounds(net['social_contributions']), 'EUR')}, impôt "
                         f"{french.money_span(*_bounds(net['income_tax']), 'EUR')})")
            # The VAT franchise and a residence abroad are said once, after the card.
            lines += [f"  Attention : {warning['message']}" for warning in net["warnings"]
                      if warning["code"] not in ("vat_franchise", "region")]
    lines += ["", "En France, ce que déclarent les tiktokeurs interrogés par Bolt Influence (2022) :"]
    lines += [f"  {answer['label']} : {french.percent(answer['share'])} des créateurs"
              for answer in card["france_survey"]]
    lines += [f"Attention : {notice['message']}" for notice in card["notices"]]
    if "net_basis" in card:
        first = next(iter(card["deliverables"].values()))["net"]
        lines += ["", card["net_basis"], f"Impôt : {first['income_tax_basis']}.", card["vat"]["message"]]
        lines += [f"Attention : {warning['message']}" for warning in first["warnings"] if warning["code"] == "region"]
        crossing = [item["label"] for item in card["deliverables"].values()
                    if any(warning["code"] == "vat_franchise" for warning in item["net"]["warnings"])]
        if crossing:
            lines.append(f"À raison d'un partenariat par mois, le haut de la fourchette dépasse ce seuil sur douze "
                         f"mois pour : {', '.join(crossing)}.")
    rate = card["exchange_rate"]
    lines.append(f"Taux de change : 1 USD = {french.number(rate['value'])} EUR (au {rate['as_of']}).")
    return "\n".join(lines)


def _bounds(pair: Mapping[str, float]) -> tuple[float, float]:
    return pair["low"], pair["high"]
