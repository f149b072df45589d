"""The media kit (/kit-media/): the rate card (calculator.rate_card) with what a brand asks about the creator.

The calculator's keys that the card reads come from the form (`form.KIT_KEYS`, in the link); the kit's own
fields (`PERSONAL_FIELDS`: name or handle, niche in words, contact, the audience split as TikTok Studio gives
it, three best videos) are the reader's text. They are never calculator inputs and never reach the page's
address: the page has them as `[data-personal=KEY]` controls without a `name`, sends them to the worker only,
and this module reads them. Its rules, with a French message at the field:
- a text has at most its `max_length` characters;
- a share is a percent (0-100, read like the calculator's « 61,5 »), and the shares of one split (countries,
  ages, genders) add up to at most 100 (the message goes to the last share given of that split);
- a country's share needs the country's name; a video's views are a whole number.
Pure standard library, like the rest of the package.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from . import french
from .inputs import InputError, InputField, Inputs, read_number
from .rate_card import rate_card
from .rates import Rates
from .results import plain

PersonalKind = Literal["text", "percent", "views"]
Split = Literal["countries", "ages", "genders"]


@dataclass(frozen=True)
class PersonalField:
    """One of the kit's own fields, as the page shows it and as it is read."""

    key: str
    label: str
    kind: PersonalKind
    hint: str = ""
    placeholder: str = ""
    max_length: int = 0
    """For a text: the most characters it may hold (the page's `maxlength` says it too)."""
    split: Split | None = None
    """For a share: the audience split whose shares add up to at most 100."""


@dataclass(frozen=True)
class PersonalGroup:
    """Fields the page shows together (a fieldset), in the kit's order."""

    key: str
    title: str
    hint: str
    fields: tuple[PersonalField, ...]


NAME_LENGTH = 60
TEXT_LENGTH = 120
COUNTRIES = 3
VIDEOS = 3
AGE_BRACKETS = (("age_18_24", "18 à 24 ans"), ("age_25_34", "25 à 34 ans"),
                ("age_35_44", "35 à 44 ans"), ("age_45_54", "45 à 54 ans"), ("age_55_plus", "55 ans et plus"))
"""TikTok Studio's age brackets (Analyse, Abonnés)."""
GENDERS = (("women", "Femmes"), ("men", "Hommes"), ("other_gender", "Autres"))

PERSONAL_GROUPS: tuple[PersonalGroup, ...] = (
    PersonalGroup("identity", "Qui vous êtes", "", (
        PersonalField("handle", "Nom ou pseudo", "text", "Tel qu'une marque vous trouve sur TikTok.",
                      "@votre_compte", NAME_LENGTH),
        PersonalField("niche_words", "Votre niche, en quelques mots", "text",
                      "Ce que vous montrez et à qui : la niche du calculateur la résume en un mot.",
                      "Recettes rapides pour étudiants", TEXT_LENGTH),
        PersonalField("contact", "Contact", "text", "E-mail, téléphone ou agence.", "contact@exemple.fr",
                      TEXT_LENGTH),
    )),
    PersonalGroup("countries", "Pays de votre audience", "Dans TikTok Studio, Analyse, Abonnés : les premiers pays et "
                  "leur part, en %.", tuple(
                      field for rank in range(1, COUNTRIES + 1) for field in (
                          PersonalField(f"country_{rank}", f"Pays {rank}", "text", max_length=NAME_LENGTH),
                          PersonalField(f"country_{rank}_share", f"Part du pays {rank} (%)", "percent",
                                        split="countries")))),
    PersonalGroup("ages", "Âge de votre audience (%)", "Les tranches d'âge de TikTok Studio ; laissez vide celles "
                  "que vous n'avez pas.", tuple(PersonalField(key, f"{label} (%)", "percent", split="ages")
                                                for key, label in AGE_BRACKETS)),
    PersonalGroup("genders", "Genre de votre audience (%)", "", tuple(
        PersonalField(key, f"{label} (%)", "percent", split="genders") for key, label in GENDERS)),
    PersonalGroup("videos", "Vos trois meilleures vidéos", "Le titre (ou le sujet) et les vues de chacune.", tuple(
        field for rank in range(1, VIDEOS + 1) for field in (
            PersonalField(f"video_{rank}_title", f"Vidéo {rank} : titre", "text", max_length=TEXT_LENGTH),
            PersonalField(f"video_{rank}_views", f"Vidéo {rank} : vues", "views")))),
)
PERSONAL_FIELDS: tuple[PersonalField, ...] = tuple(field for group in PERSONAL_GROUPS for field in group.fields)
PERSONAL_KEYS = tuple(field.key for field in PERSONAL_FIELDS)
SPLIT_NAMES = {"countries": "des pays", "ages": "des tranches d'âge", "genders": "des genres"}


@dataclass(frozen=True)
class Share:
    label: str
    percent: float


@dataclass(frozen=True)
class Video:
    title: str
    views: float | None


@dataclass(frozen=True)
class Personal:
    """The kit's own fields as read: texts stripped, blank shares and videos left out."""

    handle: str = ""
    niche_words: str = ""
    contact: str = ""
    countries: tuple[Share, ...] = ()
    ages: tuple[Share, ...] = ()
    genders: tuple[Share, ...] = ()
    videos: tuple[Video, ...] = ()


def _text(field: PersonalField, raw: object) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise InputError(field.key, "Indiquez du texte.")
    text = " ".join(raw.split())  # one line: the kit prints it on one
    if len(text) > field.max_length:
        raise InputError(field.key, f"Au plus {field.max_length} caractères ici (vous en avez écrit {len(text)}).")
    return text


def _number(field: PersonalField, raw: object) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if field.kind == "percent":
        return read_number(InputField(field.key, field.label, "", "percent", "main", maximum=100), raw)
    return read_number(InputField(field.key, field.label, "", "integer", "main"), raw)


def read_personal(texts: Mapping[str, object]) -> tuple[Personal | None, dict[str, str]]:
    """(the kit's own fields, {}) or (None, {key: French message}); unknown keys are errors too."""
    errors: dict[str, str] = {}
    for key in texts:
        if key not in PERSONAL_KEYS:
            errors[str(key)] = f"Champ du kit inconnu « {key} »."
    read: dict[str, str | float | None] = {}
    for field in PERSONAL_FIELDS:
        try:
            raw = texts.get(field.key)
            read[field.key] = _text(field, raw) if field.kind == "text" else _number(field, raw)
        except InputError as error:
            errors[field.key] = error.message
    for rank in range(1, COUNTRIES + 1):
        if read.get(f"country_{rank}_share") is not None and not read.get(f"country_{rank}"):
            errors.setdefault(f"country_{rank}", "Indiquez le pays de cette part.")
    for split, name in SPLIT_NAMES.items():
        given = [field for field in PERSONAL_FIELDS if field.split == split and read.get(field.key) is not None]
        total = sum(float(read[field.key] or 0) for field in given)
        if total > 100 and given[-1].key not in errors:
            errors[given[-1].key] = (f"Les parts {name} font {french.percent(total)} : leur total ne peut pas "
                                     f"dépasser {french.percent(100)}.")
    if errors:
        return None, errors

    def shares(pairs: tuple[tuple[str, str], ...]) -> tuple[Share, ...]:
        return tuple(Share(label, float(read[key] or 0)) for key, label in pairs if read[key] is not None)

    return Personal(
        handle=str(read["handle"]), niche_words=str(read["niche_words"]), contact=str(read["contact"]),
        countries=tuple(Share(str(read[f"country_{rank}"]), float(read[f"country_{rank}_share"] or 0))
                        for rank in range(1, COUNTRIES + 1) if read[f"country_{rank}_share"] is not None),
        ages=shares(AGE_BRACKETS), genders=shares(GENDERS),
        videos=tuple(Video(str(read[f"video_{rank}_title"]), _views(read[f"video_{rank}_views"]))
                     for rank in range(1, VIDEOS + 1) if read[f"video_{rank}_title"] or
                     read[f"video_{rank}_views"] is not None),
    ), {}


def _views(value: str | float | None) -> float | None:
    return None if value is None or isinstance(value, str) else value


def media_kit(values: Inputs, personal: Personal, rates: Rates, today: datetime.date | None) -> dict[str, Any]:
    """The kit as plain data for calculator/render_kit.py: the rate card (README's `rate_card()` dict), the
    creator's figures from the inputs, the kit's own fields and the day it is made (None at build time)."""
    return {
        "card": rate_card(values, rates),
        "creator": {
            "followers": values.followers,
            "engagement_rate": values.engagement_rate,
            "monthly_views": values.monthly_views,
            "niche": rates.niches[values.niche].label,
            "region": rates.regions[values.region].label,
        },
        "personal": plain(personal),
        "date": None if today is None else today.isoformat(),
    }
