"""The calculator's input keys, how each is read, and the French messages for bad values.

Every front end (CLI flags, form fields, URL query, scenario files, later the embed) uses
these keys and these messages, so a value rejected in one place is rejected the same way
everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from . import french
from .rates import Rates


class InputError(ValueError):
    """One input is invalid; `key` names it and `message` says, in French, how to fix it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


Kind = Literal["integer", "decimal", "percent", "choice", "flag"]
Group = Literal["main", "other", "net"]

NO_TAX = "none"
"""tax_status value that asks for gross amounts only."""


@dataclass(frozen=True)
class InputField:
    key: str
    label: str
    hint: str
    kind: Kind
    group: Group
    required: bool = False
    default: float | str | bool | None = 0.0
    """Used when the input is missing or blank; required fields have none."""
    initial: float | None = None
    """What a new visitor sees in the form; blank for optional fields."""
    maximum: float | None = None
    choices: str | None = None
    """For kind "choice": the table of rates.yml (or `households`) whose keys are the valid values."""
    blank_means: str | None = None
    """For an optional number whose blank is not 0: the key path of the rates.yml figure used instead (the form
    shows it as the field's placeholder)."""


INPUT_FIELDS: tuple[InputField, ...] = (
    InputField("followers", "Abonnés", "Nombre d'abonnés du compte.", "integer", "main", required=True,
               default=None, initial=20000),
    InputField("age", "Âge", "Âge du ou de la titulaire du compte, en années.", "integer", "main", required=True,
               default=None, initial=25, maximum=130),
    InputField("monthly_views", "Vues sur 30 jours", "Vues cumulées de vos vidéos sur les 30 derniers jours.",
               "integer", "main", required=True, default=None, initial=300000),
    InputField("qualified_views_percent", "Part de vues qualifiées (%)",
               "Part de vos vues que TikTok paie (fil Pour toi, plus de 5 secondes, vidéos originales…). 100 si vous "
               "avez saisi les vues qualifiées de TikTok Studio ; vide : l'estimation du modèle.",
               "percent", "main", default=None, maximum=100, blank_means="creator_rewards.qualified_share"),
    InputField("video_seconds", "Durée typique d'une vidéo",
               "En secondes. Le programme de récompenses ne paie que les vidéos de plus d'une minute.",
               "decimal", "main", required=True, default=None, initial=75),
    InputField("sponsored_videos", "Vidéos sponsorisées par mois", "Partenariats payés par des marques.",
               "integer", "other"),
    InputField("engagement_rate", "Taux d'engagement (%)",
               "J'aime, commentaires et partages rapportés aux abonnés. Vide : la médiane de TikTok.",
               "percent", "other", default=None, maximum=100, blank_means="brand_deals.engagement_benchmark"),
    InputField("niche", "Niche", "Le sujet principal de vos vidéos.", "choice", "other", default="general",
               choices="niches"),
    InputField("affiliate_channel", "Type d'affiliation",
               "TikTok Shop (produits ajoutés à vos vidéos, commission versée par TikTok Shop) ou liens d'autres "
               "programmes (payés par le marchand).", "choice", "other", default="tiktok_shop",
               choices="affiliate_channels"),
    InputField("affiliate_sales", "Ventes affiliées par mois", "Achats faits avec vos liens ou codes.",
               "integer", "other"),
    InputField("average_order_value", "Panier moyen (USD)", "Montant moyen d'un achat affilié.", "decimal", "other"),
    InputField("live_diamonds", "Diamants reçus en LIVE par mois", "Visibles dans votre solde TikTok.",
               "integer", "other"),
    InputField("subscribers", "Abonnés payants", "Personnes abonnées à votre compte chaque mois.", "integer",
               "other"),
    InputField("subscription_price", "Prix de l'abonnement (USD par mois)", "Prix payé par un abonné.",
               "decimal", "other"),
    InputField("region", "Pays de résidence", "Fixe l'accès au programme de récompenses, la part des abonnements "
               "et des cadeaux LIVE, et le retrait minimum.", "choice", "other", default="france", choices="regions"),
    InputField("account_type", "Type de compte", "Les comptes professionnels (entreprise) n'ont pas accès au "
               "programme de récompenses.", "choice", "other", default="personal", choices="account_types"),
    InputField("product_sales", "Produits vendus par mois", "Vos propres produits ou services.", "integer",
               "other"),
    InputField("product_price", "Prix de vente d'un produit (USD)", "Prix moyen payé par un client.", "decimal",
               "other"),
    InputField("product_type", "Type de produit", "Fixe la marge retenue.", "choice", "other", default="digital",
               choices="product_types"),
    InputField("tax_status", "Statut déclaré", "Micro-entreprise en France : la catégorie sous laquelle vous déclarez "
               "tous vos revenus TikTok. « Aucun » affiche les montants bruts.", "choice", "net", default=NO_TAX,
               choices="tax_statuses"),
    InputField("versement_liberatoire", "Versement libératoire de l'impôt",
               "Cochez si vous avez opté pour payer l'impôt sur le revenu avec vos cotisations, en pourcentage du "
               "chiffre d'affaires.", "flag", "net", default=False),
    InputField("household", "Foyer fiscal", "Personne seule, ou couple marié ou pacsé qui déclare ensemble : fixe les "
               "parts du quotient familial et la décote.", "choice", "net", default="single", choices="households"),
    InputField("children", "Enfants à charge", "Nombre d'enfants à charge du foyer (une demi-part chacun pour les "
               "deux premiers, une part à partir du troisième).", "integer", "net", maximum=20),
    InputField("other_taxable_income", "Autres revenus imposables du foyer (€ par an)",
               "Revenu net imposable du foyer hors TikTok (salaires après abattement de 10 %, pensions…), "
               "voir votre avis d'impôt ; sert sans versement libératoire et pour son plafond.", "decimal", "net"),
)

HOUSEHOLDS: dict[str, str] = {"single": "Personne seule (célibataire, divorcée, veuve)",
                              "couple": "Couple marié ou pacsé (imposition commune)"}
"""The `household` choices, with the labels the form shows. A single parent living alone (case T, an extra
half-part) is not among them: the calculator counts a single person's children as a couple's would be."""

RETIRED_KEYS = ("marginal_tax_rate",)
"""Keys older links and scenario files carry, accepted and ignored (the household replaced the marginal rate)."""

FIELDS_BY_KEY: dict[str, InputField] = {field.key: field for field in INPUT_FIELDS}

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")

LARGEST = 1e12
"""No count or price goes above this: far beyond any creator, and small enough that every product of
inputs stays a finite number (a larger one could overflow to infinity, then NaN)."""


@dataclass(frozen=True)
class Inputs:
    """Validated inputs, with defaults filled in."""

    followers: float
    age: float
    monthly_views: float
    qualified_views_percent: float | None
    """None: the share rates.yml assumes (creator_rewards.qualified_share)."""
    video_seconds: float
    sponsored_videos: float
    engagement_rate: float | None
    niche: str
    affiliate_channel: str
    affiliate_sales: float
    average_order_value: float
    live_diamonds: float
    subscribers: float
    subscription_price: float
    region: str
    account_type: str
    product_sales: float
    product_price: float
    product_type: str
    tax_status: str
    versement_liberatoire: bool
    household: str
    children: float
    other_taxable_income: float


ACCOUNT_TYPES = {"personal": "Compte personnel", "business": "Compte professionnel (entreprise)"}
AFFILIATE_CHANNELS = {"tiktok_shop": "TikTok Shop (commission versée par TikTok Shop)",
                      "links": "Liens d'autres programmes (payés par le marchand)"}
ALIASES: dict[str, dict[str, str]] = {"region": {"us_ca": "united_states"}}
"""Former values a shared link may still carry, read as the value that replaced them (never offered as a choice)."""


def choices(field: InputField, rates: Rates) -> dict[str, str]:
    """Valid values of a choice field, with their French labels, from rates.yml."""
    if field.choices == "niches":
        return {key: niche.label for key, niche in rates.niches.items()}
    if field.choices == "regions":
        return {key: region.label for key, region in rates.regions.items()}
    if field.choices == "account_types":
        return ACCOUNT_TYPES
    if field.choices == "affiliate_channels":
        return AFFILIATE_CHANNELS
    if field.choices == "product_types":
        return {key: product.label for key, product in rates.own_products.product_types.items()}
    if field.choices == "tax_statuses":
        return {NO_TAX: "Aucun : montants bruts seulement",
                **{key: category.label for key, category in rates.france.categories.items()}}
    if field.choices == "households":
        return dict(HOUSEHOLDS)
    raise ValueError(f"{field.key}: pas un champ à choix")


def read_inputs(inputs: Mapping[str, object], rates: Rates) -> tuple[Inputs | None, dict[str, str]]:
    """Return (inputs, errors): the validated inputs, or None and a French message per bad key."""
    values: dict[str, float | str | bool | None] = {}
    errors: dict[str, str] = {}
    for key in inputs:
        if key not in FIELDS_BY_KEY and key not in RETIRED_KEYS:
            errors[str(key)] = f"Champ inconnu « {key} ». Champs possibles : {', '.join(FIELDS_BY_KEY)}."
    for field in INPUT_FIELDS:
        try:
            values[field.key] = _read_field(field, inputs.get(field.key), rates)
        except InputError as error:
            errors[field.key] = error.message
    if errors:
        return None, errors
    return Inputs(**values), {}  # type: ignore[arg-type]


def validate_inputs(inputs: Mapping[str, object], rates: Rates) -> Inputs:
    """Return the validated inputs, or raise InputError for the first invalid key."""
    values, errors = read_inputs(inputs, rates)
    if values is None:
        key, message = next(iter(errors.items()))
        raise InputError(key, message)
    return values


def parsed(inputs: Inputs | Mapping[str, object], rates: Rates) -> Inputs:
    """Inputs already read (by read_inputs or validate_inputs, with the same rates) as they are; a mapping
    validated, raising InputError for the first invalid key."""
    return inputs if isinstance(inputs, Inputs) else validate_inputs(inputs, rates)


def goal_inputs(inputs: Mapping[str, object]) -> dict[str, object]:
    """The inputs as the goal mode reads them: it solves for views, so the views field may stay blank (0)."""
    given = dict(inputs)
    if given.get("monthly_views") in (None, ""):
        given["monthly_views"] = 0
    return given


def _read_field(field: InputField, raw: object, rates: Rates) -> float | str | bool | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if field.required:
            raise InputError(field.key, "Ce champ est obligatoire : indiquez un nombre.")
        return field.default
    if field.kind == "flag":
        return _to_flag(field.key, raw)
    if field.kind == "choice":
        valid = choices(field, rates)
        if isinstance(raw, str):
            raw = ALIASES.get(field.key, {}).get(raw, raw)
        if not isinstance(raw, str) or raw not in valid:
            shown = raw if isinstance(raw, str) else repr(raw)
            raise InputError(field.key, f"« {shown} » n'est pas un choix possible. Choix possibles : "
                             f"{', '.join(valid)}.")
        return str(raw)
    return read_number(field, raw)


def read_number(field: InputField, raw: object) -> float:
    """A number of `field` read by the calculator's rules (French spacing and comma; finite, not negative, whole
    for an integer, within its maximum and LARGEST), or InputError naming `field.key` with the French message."""
    number = _to_number(field.key, raw)
    if not math.isfinite(number):
        raise InputError(field.key, "Indiquez un nombre fini.")
    if number < 0:
        raise InputError(field.key, "Le nombre ne peut pas être négatif.")
    if field.kind == "integer" and not number.is_integer():
        raise InputError(field.key, "Indiquez un nombre entier, sans décimales.")
    if field.maximum is not None and number > field.maximum:
        raise InputError(field.key, f"Indiquez un nombre entre 0 et {field.maximum:g}.")
    if number > LARGEST:
        raise InputError(field.key, f"Indiquez un nombre d'au plus {french.number(LARGEST)}.")
    return number


def read_target(raw: object) -> float:
    """The goal mode's monthly target in euros: a positive, finite number (French spacing and comma accepted)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise InputError("target", "Indiquez l'objectif en euros par mois, par exemple 1 000.")
    number = _to_number("target", raw.replace("€", "") if isinstance(raw, str) else raw)
    if not math.isfinite(number) or number <= 0:
        raise InputError("target", "Indiquez un objectif supérieur à 0 €, par exemple 1 000.")
    if number > 10_000_000:
        raise InputError("target", "Indiquez un objectif d'au plus 10 000 000 € par mois.")
    return number


YES_WORDS = ("true", "1", "on", "oui", "yes")
"""What a yes/no input reads as yes, case and surrounding spaces aside (calculator/form.py gives them to the page)."""
NO_WORDS = ("false", "0", "off", "non", "no")


def _to_flag(key: str, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in (*YES_WORDS, *NO_WORDS):
        return raw.strip().lower() in YES_WORDS
    shown = raw.strip() if isinstance(raw, str) else repr(raw)
    raise InputError(key, f"« {shown} » : indiquez oui ou non (true ou false).")


def _to_number(key: str, raw: object) -> float:
    if isinstance(raw, bool):
        raise InputError(key, "Indiquez un nombre, pas vrai/faux.")
    if isinstance(raw, int | float):
        try:
            return float(raw)
        except OverflowError:  # an integer too long for a float: JSON and YAML allow any length
            return math.inf if raw > 0 else -math.inf
    if isinstance(raw, str):
        # French readers type "10 000" or "1,5": accept both, and plain "1.5" too.
        text = raw.translate(_SPACES).replace(",", ".")
        try:
            return float(text)
        except ValueError:
            pass
        raise InputError(key, f"« {raw.strip()} » n'est pas un nombre : écrivez des chiffres, par exemple 10 000.")
    raise InputError(key, f"Indiquez un nombre (reçu : {type(raw).__name__}).")
