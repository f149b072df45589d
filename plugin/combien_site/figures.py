"""The guide's figures: every figure in a page's Markdown comes from rates.yml or the calculator.

Pages are Jinja templates rendered before Markdown (`on_page_markdown`). They see:
- `rates`: the parsed rates.yml (calculator.Rates), e.g. `{{ rates.creator_fund.rpm[0] | usd }}`;
- filters that format for French readers through calculator.french (the formatter the panel and the
  CLI use too): `usd`, `eur`, `number`, `percent`,
  `usd_long` (« 200 millions de dollars »), `date`, `month`, `refs` (Markdown links, weak sources labelled),
  `about` for counts the calculator derives (`{{ goal.levers.creator_rewards | about("vues") }}`: « environ
  290 000 à 4,4 millions de vues », two significant digits); `usd` and `eur` also take a `{low, high}` pair
  of a result (« 0 $ » when both agree, never « 0 $ à 0 $ »);
- functions that call the calculator: `scenario("un-million-de-vues")` (a scenarios/ file),
  `estimate(followers=…, …)`, `requirements(1000, followers=…, …)` (goal mode), and tables:
  `glance_table()`, `rpm_table()`, `stream_table(result, "creator_rewards")`, `parameters_table()`,
  `net_table(result)` (what is left in France), `goal_table([500, 1000], followers=…, …)`,
  `france_table()` (the French rates per category); the `schedule` filter writes a figure's
  dated values (« 24,6 % depuis le 1er janvier 2025, puis 25,6 % depuis le 1er janvier 2026 »);
- `asset(NAME)`: the address, from this page, of a content-hashed file (`config.extra.calculator`);
- `site_url`: the configured address of the site (mkdocs.yml), ending with a slash.

Every parameter a page shows is recorded, and the page ends with the dates its figures were
checked (their `as_of`, one day or the first and the last) and, apart, the own date of a figure that
is a day's value (the exchange rate, DATED_VALUES). Undefined names fail the build (StrictUndefined).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from calculator import INPUT_FIELDS, Parameter, Rates, Reference, estimate, french, rate_card, requirements
from calculator.inputs import goal_inputs
from calculator.rates import AccountRule, CountryList, Fact, Milestone
from calculator.scenarios import load_scenario

from .rates import LoadedRates

NBSP = french.NBSP
UNITS = {
    "USD": "$",
    "EUR per USD": "€ pour 1 $",
    "USD per 1000 views": "$ pour 1 000 vues",
    "USD per 1000 qualified views": "$ pour 1 000 vues qualifiées",
    "EUR per 1000 views": "€ pour 1 000 vues",
    "EUR per 1000 qualified views": "€ pour 1 000 vues qualifiées",
    "USD per video": "$ par vidéo",
    "USD per 1000 followers per video": "$ par vidéo pour 1 000 abonnés",
    "USD per coin": "$ par pièce",
    "USD per diamond": "$ par diamant",
    "USD per day": "$ par jour",
    "diamonds per coin": "diamant(s) par pièce",
    "percent": "%",
    "factor": "coefficient",
    "followers": "abonnés",
    "views per 30 days": "vues sur 30 jours",
    "qualified views": "vues qualifiées",
    "years": "ans",
    "seconds": "secondes",
    "days": "jours",
    "months": "mois",
    "EUR per year": "€ par an",
    "EUR per video": "€ par vidéo",
    "posts per 30 days": "publications sur 30 jours",
    "videos": "vidéos",
    "countries": "pays",
    "day of month": "jour du mois",
}


DATED_VALUES = {"usd_to_eur": "le taux de change utilisé est celui de la BCE du {date}"}
"""Figures whose `as_of` is the day of the value itself (a day's exchange rate), not the day it was checked: the
page's footer gives their own date instead of counting them among the checks."""


def render_page(markdown: str, page: Page, rates: LoadedRates, scenarios: Path, assets: Mapping[str, Any],
                site_url: str = "") -> str:
    """The page's Markdown with its figures written, its footnotes and the date they were checked."""
    figures = Figures(rates.rates, rates.by_path, page, scenarios, assets, site_url)
    try:
        text = figures.environment.from_string(markdown).render(figures.context())
    except jinja2.TemplateError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    if figures.used:
        text += checked_note(figures.used, _relative(page, "sources.md"))
    return text + figures.footnotes()


def checked_note(used: Mapping[str, Parameter], sources_page: str) -> str:
    """The page's last line: when its figures were checked (one day, or the first and last), the own date of
    a figure that is a day's value (the exchange rate), and where each source's publication date is."""
    checks = sorted({parameter.as_of for path, parameter in used.items() if path not in DATED_VALUES})
    dated = [DATED_VALUES[path].format(date=french.date(parameter.as_of))
             for path, parameter in used.items() if path in DATED_VALUES]
    parts = []
    if checks:
        newest = checks[-1]
        parts.append(f"Chiffres de cette page vérifiés {french.date_span(checks[0], newest)}")
    else:
        newest = max(parameter.as_of for parameter in used.values())
    parts += dated
    sentence = " ; ".join(parts)
    sentence = sentence[:1].upper() + sentence[1:]
    return (f"\n\n{sentence}. La date de publication de chaque source est sur la page "
            f"[Sources et méthode]({sources_page}).\n"
            f"{{: .cpt-checked data-checked=\"{newest.isoformat()}\" }}\n")


class Figures:
    """The names a page's template sees; records each parameter it formats."""

    def __init__(self, rates: Rates, by_path: dict[str, Parameter], page: Page, scenarios: Path,
                 assets: Mapping[str, Any], site_url: str = "") -> None:
        self.page = page
        self.site_url = site_url if site_url.endswith("/") or not site_url else site_url + "/"
        self.cited: dict[Reference, int] = {}
        self.assets = assets
        self.rates = rates
        self.by_path = by_path
        self.scenarios = scenarios
        self.used: dict[str, Parameter] = {}
        self.environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                                              keep_trailing_newline=True)
        filters: dict[str, Callable[..., str]] = {
            "usd": lambda figure: self.amount(figure, "$"),
            "eur": lambda figure: self.amount(figure, "€"),
            "number": lambda figure: self.amount(figure, ""),
            "percent": lambda figure: self.amount(figure, "%"),
            "usd_long": self.usd_long,
            "about": lambda pair, noun: french.count_span(pair["low"], pair["high"], noun),
            "date": lambda item: french.date(self.when(item)),
            "month": lambda item: french.month(self.when(item)),
            "refs": self.refs,
            "cite": self.cite,
            "schedule": self.schedule,
        }
        self.environment.filters.update(filters)

    def context(self) -> dict[str, Any]:
        return {
            "rates": self.rates,
            "site_url": self.site_url,
            "input_fields": INPUT_FIELDS,
            "asset": self.asset,
            "scenario": self.scenario,
            "estimate": self.estimate,
            "glance_table": self.glance_table,
            "rpm_table": self.rpm_table,
            "stream_table": self.stream_table,
            "parameters_table": self.parameters_table,
            "requirements": self.requirements,
            "net_table": self.net_table,
            "goal_table": self.goal_table,
            "france_table": self.france_table,
            "sources_table": self.sources_table,
            "rate_card": self.rate_card,
            "rate_card_table": self.rate_card_table,
        }

    # --- formatting ---------------------------------------------------------
    def record(self, figure: object) -> None:
        if isinstance(figure, Parameter):
            self.used.setdefault(figure.path, figure)

    def amount(self, figure: Parameter | float | Mapping[str, float], unit: str) -> str:
        """'0,02 à 0,04 $' for a range, '10 000' for a number; French separators, cents for money. A result's
        `{low, high}` pair of money reads '1,41 $ à 141,41 $', or one amount when both agree."""
        if isinstance(figure, Mapping):
            return french.money_span(figure["low"], figure["high"], {"$": "USD", "€": "EUR"}[unit])
        self.record(figure)
        suffix = f"{NBSP}{unit}" if unit else ""
        bounds = [figure.low, figure.high] if isinstance(figure, Parameter) and figure.is_range else [
            figure.value if isinstance(figure, Parameter) else figure]
        money = unit in ("$", "€") and not all(float(bound).is_integer() for bound in bounds)
        return " à ".join(french.number(bound, cents=money) for bound in bounds) + suffix

    def usd_long(self, figure: Parameter) -> str:
        """200000000 -> '200 millions de dollars'."""
        self.record(figure)
        for size, word in ((1e9, "milliard"), (1e6, "million")):
            if figure.value >= size:
                count = figure.value / size
                return f"{french.number(count)} {word}{'s' if count >= 2 else ''} de dollars"
        return f"{french.number(figure.value)} dollars"

    def schedule(self, figure: Parameter) -> str:
        """A figure's dated values in French, oldest first; its single value when it has no schedule."""
        unit = "%" if figure.unit == "percent" else "€"
        if not figure.schedule:
            return self.amount(figure, unit)
        self.record(figure)
        steps = [f"{french.number(item.value)}{NBSP}{unit} depuis le {french.date(item.since)}"
                 for item in figure.schedule]
        return ", puis ".join(steps)

    def when(self, item: Milestone | datetime.date) -> datetime.date:
        return item.date if isinstance(item, Milestone) else item

    def refs(self, item: Parameter | Milestone | Iterable[Reference]) -> str:
        """The item's references as Markdown links (plain title when there is no url)."""
        self.record(item)
        references = item.references if isinstance(item, Parameter | Milestone) else tuple(item)
        return ", ".join(reference_link(ref) for ref in references)

    def asset(self, name: str) -> str:
        """The address from this page of a content-hashed file (`asset("builder_script")`), for raw HTML."""
        return get_relative_url(str(self.assets[name]), self.page.url)

    def cite(self, item: Parameter | Milestone | Fact | AccountRule | CountryList) -> str:
        """Footnote marks for the item's references; footnotes() lists them at the end of the page."""
        self.record(item)
        marks = []
        for reference in item.references:
            number = self.cited.setdefault(reference, len(self.cited) + 1)
            marks.append(f"[^{number}]")
        return "".join(marks)

    def footnotes(self) -> str:
        lines = [f"[^{number}]: {reference_link(ref)}" for ref, number in self.cited.items()]
        return "\n\n" + "\n".join(lines) + "\n" if lines else ""

    # --- the calculator -----------------------------------------------------
    def estimate(self, **inputs: object) -> dict[str, Any]:
        result: dict[str, Any] = estimate(inputs, self.rates)
        for stream in result["streams"].values():
            for entry in stream["ranges"]:
                self.record(self.by_path[entry["parameter"]])
        for rate in result.get("net", {}).get("rates", []):
            self.record(self.by_path[rate["parameter"]])
        return result

    def requirements(self, target: float, **inputs: object) -> dict[str, Any]:
        """Goal mode; records the rates it rests on (those of the same inputs' estimate)."""
        self.estimate(**goal_inputs(inputs))
        return requirements(target, inputs, self.rates)

    def scenario(self, name: str) -> dict[str, Any]:
        return self.estimate(**{str(k): v for k, v in load_scenario(self.scenarios / f"{name}.yml").inputs.items()})

    def rate_card(self, scenario: str | None = None, **inputs: object) -> dict[str, Any]:
        """calculator.rate_card for these inputs (a scenario's, when named, overridden by the others); records
        the figures it rests on."""
        given = {} if scenario is None else dict(load_scenario(self.scenarios / f"{scenario}.yml").inputs)
        card: dict[str, Any] = rate_card({**given, **inputs}, self.rates)
        for item in card["deliverables"].values():
            for entry in item["ranges"]:
                self.record(self.by_path[entry["parameter"]])
            for rate in item.get("net", {}).get("rates", []):
                self.record(self.by_path[rate["parameter"]])
        return card

    # --- tables -----------------------------------------------------------------
    def rate_card_table(self, card: dict[str, Any]) -> str:
        """One row per deliverable of a rate_card() result: its price in USD and EUR, its reliability and, with a
        tax status, what one such deal a month leaves; the ratios' sources are cited on the label."""
        net = "net" in card["deliverables"]["dedicated_video"]
        rows = ["| Prestation | Prix | En euros | Fiabilité |" + (" Il vous reste |" if net else ""),
                "|---|---|---|---|" + ("---|" if net else "")]
        for item in card["deliverables"].values():
            marks = "".join(self.cite(self.by_path[entry["parameter"]]) for entry in item["ranges"]
                            if "factor" in entry)
            cells = [f"{item['label']} ({item['per']}){marks}",
                     french.money_span(item["low"], item["high"], "USD"),
                     french.money_span(item["eur"]["low"], item["eur"]["high"], "EUR"),
                     french.confidence(item["confidence"]).split(" (")[0]]
            if net:
                cells.append(french.money_span(item["net"]["net"]["low"], item["net"]["net"]["high"], "EUR"))
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def stream_table(self, result: dict[str, Any], name: str) -> str:
        """One row per sourced range of a stream in an estimate() result, with its evidence; ranges left out of
        the headline (a better class of evidence exists) say so."""
        rows = ["| Source du taux | Preuve | Montant sur le mois |", "|---|---|---|"]
        for entry in result["streams"][name]["ranges"]:
            marks = self.cite(self.by_path[entry["parameter"]])
            grade = french.evidence(entry["evidence"]) + ("" if entry["in_headline"] else ", hors fourchette retenue")
            rows.append(f"| {readable(entry['source'])}{marks} | {grade} | "
                        f"{french.money_span(entry['low'], entry['high'], 'USD')} |")
        return "\n".join(rows)

    def sources_table(self) -> str:
        """Every reference of rates.yml: its title (a link when it has an address), its grade, its date."""
        rows = ["| Source | Preuve | Publiée le |", "|---|---|---|"]
        for ref in self.rates.sources:
            title = f"[{ref.title}]({ref.url})" if ref.url else f"*{ref.title}*"
            published = "non indiquée" if ref.published is None else french.short_date(ref.published)
            rows.append(f"| {title} | {french.evidence(ref.evidence)} | {published} |")
        return "\n".join(rows)

    def net_table(self, result: dict[str, Any]) -> str:
        """What is left in France, low and high, for an estimate() result with a tax status."""
        net = result["net"]
        rows = ["| Par mois | Bas de fourchette | Haut de fourchette |", "|---|---|---|"]
        for part, label in (("gross", "Revenus bruts"), ("turnover", "Chiffre d'affaires déclaré"),
                            ("social_contributions", "Cotisations sociales et formation professionnelle"),
                            ("income_tax", "Impôt sur le revenu"), ("net", "**Ce qu'il reste**")):
            if part == "turnover" and net["turnover"] == net["gross"]:
                continue
            rows.append(f"| {label} | {self.amount(net[part]['low'], '€')} | {self.amount(net[part]['high'], '€')} |")
        return "\n".join(rows)

    def goal_table(self, targets: list[float], **inputs: object) -> str:
        """For each monthly target: views (Creator Rewards alone), sponsored videos, LIVE diamonds."""
        answers = [self.requirements(target, **inputs) for target in targets]
        meaning = "nets" if answers[0]["net"] else "bruts"
        rows = [f"| Pour, par mois ({meaning}) | " + " | ".join(
                    label_and_note(lever["label"])[0] for lever in answers[0]["levers"].values()) + " |",
                "|---|" + "---|" * len(answers[0]["levers"])]
        for target, answer in zip(targets, answers, strict=True):
            cells = [french.count_span(lever["low"], lever["high"], lever["unit"]) if lever["reachable"]
                     else "hors de portée" for lever in answer["levers"].values()]
            rows.append(f"| {self.amount(target, '€')} | " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def france_table(self) -> str:
        """The French rates, one column per micro-entreprise category, each row cited."""
        categories = list(self.rates.france.categories.values())
        rows = ["| Taux et seuils | " + " | ".join(category.label for category in categories) + " |",
                "|---|" + "---|" * len(categories)]
        for name, label in (("social_contributions", "Cotisations sociales"),
                            ("training_levy", "Formation professionnelle (CFP)"),
                            ("chamber_fee", "Taxe pour frais de chambre (TFC)"),
                            ("versement_liberatoire", "Versement libératoire de l'impôt"),
                            ("allowance", "Abattement pour frais (impôt au barème)"),
                            ("turnover_ceiling", "Plafond du régime micro"),
                            ("vat_threshold", "Seuil de franchise de TVA"),
                            ("vat_tolerance", "Seuil majoré de TVA")):
            cells = []
            for category in categories:
                figure: Parameter | None = getattr(category, name)
                if figure is None:
                    cells.append("aucune")
                    continue
                unit = "%" if figure.unit == "percent" else "€"
                cells.append(f"{self.amount(figure, unit)}{self.cite(figure)}")
            rows.append(f"| {label} | " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def rpm_table(self) -> str:
        """The two programmes' rates per 1,000 views: each programme's name on a row of its own, then one row per
        source (a reader on a phone does not read the programme's name again on every row)."""
        rows = ["| Source | Preuve | Pour 1 000 vues |", "|---|---|---|"]
        for programme in (self.rates.creator_rewards, self.rates.creator_fund):
            name, note = label_and_note(programme.label)
            rows.append(f"| **{name}**{f' ({note})' if note else ''} | | |")  # the programme once, above its rows
            for rpm in programme.rpm:
                rows.append(f"| {readable(rpm.label)}{self.cite(rpm)} | "
                            f"{french.evidence(rpm.evidence)} | {self.amount(rpm, money_symbol(rpm))} |")
        return "\n".join(rows)

    def glance_table(self) -> str:
        """Home page: each way of earning, what it takes, and what it pays per 1,000 views (if it does)."""
        rates = self.rates
        rewards, fund, live = rates.creator_rewards, rates.creator_fund, rates.live_gifts

        def link(label: str, target: str) -> str:
            return f"[{label}]({_relative(self.page, target)})"

        def number(parameter: Parameter) -> str:
            return self.amount(parameter, "")

        rewards_rpm = " ; ".join(self.amount(rpm, money_symbol(rpm)) for rpm in rewards.rpm)
        fund_rpm = " ; ".join(self.amount(rpm, money_symbol(rpm)) for rpm in fund.rpm)
        fund_end = french.date(rates.milestones["creator_fund_end"].date)
        not_per_view = "pas de taux par vue :"
        rows = [
            ("Programme", "Conditions", "Gain typique pour 1 000 vues"),
            (link(rewards.label, "programmes/recompenses-createurs.md"),
             f"{number(rewards.min_followers)} abonnés, {number(rewards.min_monthly_views)} vues sur 30 jours, "
             f"{number(rewards.min_age)} ans, vidéos de plus de {number(rewards.min_video_seconds)} secondes",
             f"{rewards_rpm} selon la source"),
            (link(fund.label, "programmes/fonds-createurs.md"), f"fermé en France depuis le {fund_end}", fund_rpm),
            (link(rates.brand_deals.label, "revenus/partenariats.md"),
             f"à partir d'environ {number(rates.brand_deals.min_followers)} abonnés",
             f"{not_per_view} un prix par vidéo"),
            (link(rates.affiliate.label, "revenus/affiliation.md"),
             "aucune condition officielle pour les liens hors TikTok", f"{not_per_view} une commission par vente"),
            (link(live.label, "revenus/live.md"), f"{number(live.min_followers)} abonnés, {number(live.min_age)} ans",
             f"{not_per_view} des diamants"),
            (link(rates.subscriptions.label, "revenus/abonnements.md"),
             f"{number(rates.subscriptions.views_route_followers)} abonnés, {number(rates.subscriptions.min_age)} ans",
             f"{not_per_view} une part de chaque abonnement"),
            (link(rates.own_products.label, "revenus/produits.md"), "un produit et une communauté",
             f"{not_per_view} une marge par vente"),
        ]
        header, *body = rows
        return "\n".join(["| " + " | ".join(header) + " |", "|---|---|---|",
                          *("| " + " | ".join(row) + " |" for row in body)])

    def parameters_table(self) -> str:
        """Every parameter of rates.yml: label, figure, unit, as-of date, references or assumption."""
        rows = ["| Paramètre | Valeur | Unité | Vérifié le | Références |", "|---|---|---|---|---|"]
        for parameter in self.rates.parameters():
            self.record(parameter)
            figure = (f"{french.number(parameter.low)} à {french.number(parameter.high)}" if parameter.is_range
                      else french.number(parameter.value))
            if parameter.schedule:
                figure = " ; ".join(f"{french.number(item.value)} depuis le {french.short_date(item.since)}"
                                    for item in parameter.schedule)
            sources = self.refs(parameter) or ""
            if parameter.assumption:
                sources = f"**Hypothèse du modèle** : {rationale(parameter.rationale or '')}" + (
                    f" ({sources})" if sources else "")
            rows.append(f"| {readable(parameter.label)} <br><small>`{parameter.path}`</small> | {figure} | "
                        f"{UNITS.get(parameter.unit, parameter.unit)} | "
                        f"{french.short_date(parameter.as_of)} | {sources} |")
        return "\n".join(rows)


ASSUMPTION = re.compile(r"^(Hypothèse|Référence) du modèle\s*[:;,.]\s*", re.IGNORECASE)


def rationale(text: str) -> str:
    """An assumption's rationale after the table's own « Hypothèse du modèle : » (never said twice)."""
    rest = ASSUMPTION.sub("", text, count=1)
    return rest[:1].upper() + rest[1:]


def reference_link(ref: Reference) -> str:
    """A reference in Markdown: a link (its title alone when it has no address), then its grade when it is weak
    (« [site commercial] », « [article source] », « [source non vérifiée] »), wherever it is cited."""
    link = f"[{ref.title}]({ref.url})" if ref.url else f"*{ref.title}*"
    return link + french.weak_source_note(ref.evidence, ref.title)


def label_and_note(label: str) -> tuple[str, str]:
    """A label's text and the note in its closing parentheses: « Rémunération …, selon Napolify (fourchette
    reprise par l'article source) » -> the readable label, and « fourchette reprise par l'article source »."""
    if not label.endswith(")"):
        return label, ""
    depth = 0
    for index in range(len(label) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(label[index], 0)
        if depth == 0:
            text = label[:index].rstrip()
            return (text, label[index + 1:-1]) if text else (label, "")
    return label, ""


DIGIT_GROUP = re.compile(r"(\d) (\d{3})\b")


def readable(label: str) -> str:
    """A table cell for a label: its text, and its note below in small type; « 1 000 » never breaks in a narrow
    column."""
    text, note = (DIGIT_GROUP.sub("\\1\u202f\\2", part) for part in label_and_note(label))
    return f"{text}<br><small>{note}</small>" if note else text


def money_symbol(parameter: Parameter) -> str:
    """« € » for a figure a source gave in euros (its unit starts with EUR), « $ » otherwise."""
    return "€" if parameter.unit.startswith("EUR ") else "$"


def _relative(page: Page, target: str) -> str:
    """A Markdown link from `page` to the page whose source is `target` (MkDocs checks and rewrites it)."""
    return get_relative_url(target, page.file.src_uri)
