"""The calculator's form: each input as the widget shows it, and form text <-> value both ways.

Text -> value is calculator.inputs' reading (French spacing and comma, the yes/no words), reached
here through `value_of`; value -> text is `text_of`, the one rule that writes a value into the
form: the initial form, the presets, the links tests build. A yes/no input is a checkbox: ticked
it sends CHECKED, unticked nothing (blank reads as no); a link may tick it with any of
inputs.YES_WORDS, which its field carries to the page (the page script holds no such rule).

`widget()` gathers what overrides/partials/calculator-*.html show: the fields with their choices
and initial text, the preset buttons, the query keys a link may carry, and the panel of the initial
form computed now, so the page has real figures before Python starts in the browser. Pure Python
and standard library, like the rest of the package (scenarios are read by the caller).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from . import french
from .currency import CURRENCIES
from .estimate import estimate
from .goal import LEVERS
from .inputs import INPUT_FIELDS, YES_WORDS, Group, InputError, InputField, Kind, choices, read_inputs, validate_inputs
from .kit import PERSONAL_GROUPS, Personal, PersonalGroup, media_kit
from .rate_card import card_inputs
from .rates import Rates
from .render import render_result
from .render_kit import render_kit

if TYPE_CHECKING:
    from .scenarios import Scenario

CHECKED = "true"
"""What a ticked yes/no box sends (its `value`), and how a link or a preset writes yes; no is blank."""
GOAL_TARGET = "1000"
"""What the goal mode's target field holds for a new visitor (euros per month)."""
EXTRA_QUERY_KEYS = ("currency", "target")
"""What a link may give besides the inputs: the displayed currency, and the target that opens the goal mode."""
GOAL_SOLVES = frozenset(lever.input_key for lever in LEVERS)
"""The inputs the goal mode solves for, hidden while it is on (views, sponsored videos, diamonds)."""


def text_of(value: object) -> str:
    """A value as the form holds it: yes -> "true", no or none -> "", 20000.0 -> "20000", 2.6 -> "2.6".

    Numbers are written so that inputs.py reads back the very same number (no exponent, no
    rounding), in the plain form a link carries; readers may type « 2,6 » or « 10 000 » as well.
    """
    if value is None or value is False:
        return ""
    if value is True:
        return CHECKED
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def texts_of(inputs: Mapping[str, object]) -> dict[str, str]:
    """Inputs given as values (a scenario, a test case) as the form texts a link or the page carries."""
    return {key: text_of(value) for key, value in inputs.items()}


def initial_text(field: InputField) -> str:
    """What a new visitor finds in the field: the required fields' example, the others' default."""
    return text_of(field.initial if field.required else field.default)


def initial_texts() -> dict[str, str]:
    """The whole initial form, every input key with its text: what the page asks Python first."""
    return {field.key: initial_text(field) for field in INPUT_FIELDS}


def value_of(key: str, text: str, rates: Rates) -> object:
    """What calculator.inputs reads from one field's text (the other fields as initially filled).

    Raises InputError, with the message the page shows beside the field, when the text is not valid.
    """
    values, errors = read_inputs({**initial_texts(), key: text}, rates)
    if values is None:
        raise InputError(key, errors[key])
    return getattr(values, key)


def query_keys() -> tuple[str, ...]:
    """Every key a link may carry to fill the form (/calculateur/?monthly_views=300000&currency=EUR)."""
    return (*(field.key for field in INPUT_FIELDS), *EXTRA_QUERY_KEYS)


@dataclass(frozen=True)
class Option:
    """One choice of a <select>: the text sent, the French label shown, whether it is the initial one."""

    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class FormField:
    """One input as the widget shows it (overrides/partials/calculator-widget.html)."""

    key: str
    label: str
    hint: str
    kind: Kind
    group: Group
    required: bool
    text: str
    """The initial text (for a yes/no box: CHECKED when initially ticked, else blank)."""
    options: tuple[Option, ...]
    """For a choice: every valid value, from rates.yml, in its order."""
    solved_by_goal: bool
    """The goal mode solves for this input, so it is hidden while that mode is on."""
    placeholder: str = ""
    """What an empty text field shows: the figure a blank stands for (0 when blank means none)."""
    checked_text: str = CHECKED
    yes_words: tuple[str, ...] = ()
    """For a yes/no box: the texts that tick it when a link or a preset gives them (case and spaces aside)."""

    @property
    def checked(self) -> bool:
        """A yes/no box ticked for a new visitor."""
        return self.text == self.checked_text


def form_field(field: InputField, rates: Rates) -> FormField:
    text = initial_text(field)
    options = tuple(Option(value, label, value == text) for value, label in choices(field, rates).items()) \
        if field.kind == "choice" else ()
    return FormField(key=field.key, label=field.label, hint=field.hint, kind=field.kind, group=field.group,
                     required=field.required, text=text, options=options, solved_by_goal=field.key in GOAL_SOLVES,
                     placeholder=placeholder(field, rates), yes_words=YES_WORDS if field.kind == "flag" else ())


def placeholder(field: InputField, rates: Rates) -> str:
    """'' for a required field; the figure a blank stands for (« 40 », « 2,6 »); else 0, which a blank means."""
    if field.required:
        return ""
    if field.blank_means is not None:
        return french.number(rates.parameters_by_path()[field.blank_means].value)
    return "0"


@dataclass(frozen=True)
class Preset:
    """A preset button: a scenario of scenarios/ marked `preset: true`, as the form texts it fills in."""

    name: str
    title: str
    description: str
    texts: dict[str, str]
    """Every input key: a preset replaces whatever the previous one filled in."""


class PresetError(ValueError):
    """A preset's inputs are not valid: the build fails, naming the scenario and the field."""

    def __init__(self, scenario: str, error: InputError) -> None:
        super().__init__(f"{scenario}: {error}")
        self.scenario = scenario
        self.error = error


def preset(scenario: Scenario, rates: Rates) -> Preset:
    try:
        validate_inputs(scenario.inputs, rates)  # read, not calculated: only its errors matter here
    except InputError as error:
        raise PresetError(scenario.name, error) from None
    texts = {}
    for field in INPUT_FIELDS:
        given = scenario.inputs.get(field.key)
        # What the preset leaves out: required fields and choices keep their initial value, the
        # other incomes are emptied (blank reads as zero).
        kept = initial_text(field) if field.required or field.kind == "choice" else ""
        texts[field.key] = kept if given is None else text_of(given)
    return Preset(scenario.name, scenario.title, scenario.description, texts)


@dataclass(frozen=True)
class GroupSpec:
    """Fields the reader opens together, under a summary in the first person (« J'ai des partenariats »)."""

    key: str
    title: str
    keys: tuple[str, ...]


CORE_KEYS = ("followers", "age", "monthly_views", "video_seconds")
"""The four fields every reader fills in first; the embed shows only these unless told otherwise."""
ACCOUNT_KEYS = ("qualified_views_percent", "account_type", "region")
"""Shown with the four, kept short: they decide who TikTok pays, and a blank or the initial choice is right for most."""
GROUPS = (
    GroupSpec("brand_deals", "J'ai des partenariats", ("sponsored_videos", "engagement_rate", "niche")),
    GroupSpec("live", "Je fais des LIVE", ("live_diamonds",)),
    GroupSpec("shop", "Je vends sur TikTok Shop", ("affiliate_channel", "affiliate_sales", "average_order_value")),
    GroupSpec("subscriptions", "J'ai des abonnés payants", ("subscribers", "subscription_price")),
    GroupSpec("products", "Je vends mes produits", ("product_sales", "product_price", "product_type")),
    GroupSpec("net", "Ce qu'il me reste en France (micro-entreprise, impôt)",
              ("tax_status", "versement_liberatoire", "household", "children", "other_taxable_income")),
)
"""Every other input, in groups the reader opens; the page opens a group whose values a link or a preset sets
(any control that differs from the served form). Each input key is in CORE_KEYS, ACCOUNT_KEYS or one group."""


KIT_CORE_KEYS = ("followers", "engagement_rate", "monthly_views", "niche", "region", "age")
"""The media kit's first block (/kit-media/): what its sheet shows of the creator, and what the rate card reads
(`age` for the notices; `monthly_views` may stay blank there)."""
KIT_GROUPS = ("net",)
"""The calculator's groups the kit shows too: with a tax status, what one deal of each kind leaves."""
KIT_KEYS = (*KIT_CORE_KEYS, *(key for group in GROUPS if group.key in KIT_GROUPS for key in group.keys))
"""Every calculator input the kit's form holds: a link from the calculator carries these (and the currency)."""
KIT_CURRENCY = "EUR"
"""The kit's amounts for a new visitor: French brands are quoted in euros (the dated rate)."""


def kit_currencies() -> tuple[str, ...]:
    """The kit's currency switch, KIT_CURRENCY first (the first option is what a link without `currency` shows)."""
    return (KIT_CURRENCY, *(currency for currency in CURRENCIES if currency != KIT_CURRENCY))


def kit_prerender(rates: Rates) -> str:
    """The kit of the initial form with no text of the reader's, computed at build time (no date: it is not one
    reader's kit)."""
    values, _ = read_inputs(card_inputs({key: text for key, text in initial_texts().items() if key in KIT_KEYS}),
                            rates)
    assert values is not None  # the initial form is valid (a test holds it)
    return render_kit(media_kit(values, Personal(), rates, None), KIT_CURRENCY)


@dataclass(frozen=True)
class FieldGroup:
    """A group as the widget shows it: a <details> whose summary is the title, closed for a new visitor."""

    key: str
    title: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class Widget:
    """Everything the widget's templates show, from rates.yml, calculator.inputs and the scenarios."""

    fields: tuple[FormField, ...]
    """Every input, in INPUT_FIELDS order."""
    core: tuple[FormField, ...]
    """The first block: CORE_KEYS then ACCOUNT_KEYS."""
    groups: tuple[FieldGroup, ...]
    embed_fields: tuple[str, ...]
    """What /embed/ shows when its link chooses no field."""
    presets: tuple[Preset, ...]
    currencies: tuple[str, ...]
    query_keys: tuple[str, ...]
    goal_target: str
    prerender: str
    """The results panel of the initial form, computed at build time (calculator/render.py)."""
    kit_core: tuple[FormField, ...]
    """/kit-media/'s first block: KIT_CORE_KEYS."""
    kit_groups: tuple[FieldGroup, ...]
    kit_keys: tuple[str, ...]
    kit_query_keys: tuple[str, ...]
    kit_currencies: tuple[str, ...]
    personal_groups: tuple[PersonalGroup, ...]
    """The kit's own fields (calculator/kit.py): never calculator inputs, never in a link."""
    kit_prerender: str

    def template_values(self) -> dict[str, Any]:
        """The same, as the mapping MkDocs' `config.extra.calculator` holds for the templates."""
        return {item.name: getattr(self, item.name) for item in fields(self)}


def widget(rates: Rates, scenarios: Iterable[Scenario]) -> Widget:
    """The widget for these rates; raises PresetError when a preset scenario has invalid inputs."""
    result = estimate(initial_texts(), rates)
    shown = {field.key: form_field(field, rates) for field in INPUT_FIELDS}
    return Widget(
        fields=tuple(shown.values()),
        core=tuple(shown[key] for key in (*CORE_KEYS, *ACCOUNT_KEYS)),
        groups=tuple(FieldGroup(group.key, group.title, tuple(shown[key] for key in group.keys)) for group in GROUPS),
        embed_fields=CORE_KEYS,
        presets=tuple(preset(scenario, rates) for scenario in scenarios if scenario.preset),
        currencies=tuple(CURRENCIES),
        query_keys=query_keys(),
        goal_target=GOAL_TARGET,
        prerender=render_result(result, result),
        kit_core=tuple(shown[key] for key in KIT_CORE_KEYS),
        kit_groups=tuple(FieldGroup(group.key, group.title, tuple(shown[key] for key in group.keys))
                         for group in GROUPS if group.key in KIT_GROUPS),
        kit_keys=KIT_KEYS,
        kit_query_keys=(*KIT_KEYS, "currency"),
        kit_currencies=kit_currencies(),
        personal_groups=PERSONAL_GROUPS,
        kit_prerender=kit_prerender(rates),
    )
