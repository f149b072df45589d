"""The calculator's input keys, how each is read, and the French messages for bad values.

Every front end (CLI flags, form fields, URL query, later the embed) uses these keys
and these messages, so a value rejected in one place is rejected the same way everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass


class InputError(ValueError):
    """One input is invalid; `key` names it and `message` says, in French, how to fix it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class InputField:
    key: str
    label: str
    hint: str
    integer: bool
    initial: float
    """The value a new visitor sees in the form (not a default: required fields have none)."""
    maximum: float | None = None


INPUT_FIELDS: tuple[InputField, ...] = (
    InputField("followers", "Abonnés", "Nombre d'abonnés du compte.", integer=True, initial=20000),
    InputField("age", "Âge", "Âge du ou de la titulaire du compte, en années.", integer=True, initial=25,
               maximum=130),
    InputField("monthly_views", "Vues sur 30 jours",
               "Vues cumulées de vos vidéos sur les 30 derniers jours.", integer=True, initial=300000),
    InputField("video_seconds", "Durée typique d'une vidéo",
               "En secondes. Le programme de récompenses ne paie que les vidéos de plus d'une minute.",
               integer=False, initial=75),
)

FIELDS_BY_KEY: dict[str, InputField] = {field.key: field for field in INPUT_FIELDS}

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


def read_inputs(inputs: Mapping[str, object]) -> tuple[dict[str, float], dict[str, str]]:
    """Return (values, errors): every valid input as a float, every problem as a French message."""
    values: dict[str, float] = {}
    errors: dict[str, str] = {}
    for key in inputs:
        if key not in FIELDS_BY_KEY:
            errors[str(key)] = f"Champ inconnu « {key} ». Champs possibles : {', '.join(FIELDS_BY_KEY)}."
    for field in INPUT_FIELDS:
        try:
            values[field.key] = _read_field(field, inputs.get(field.key))
        except InputError as error:
            errors[field.key] = error.message
    return values, errors


def validate_inputs(inputs: Mapping[str, object]) -> dict[str, float]:
    """Return the inputs as floats, or raise InputError for the first invalid key."""
    values, errors = read_inputs(inputs)
    if errors:
        key, message = next(iter(errors.items()))
        raise InputError(key, message)
    return values


def _read_field(field: InputField, raw: object) -> float:
    number = _to_number(field.key, raw)
    if not math.isfinite(number):
        raise InputError(field.key, "Indiquez un nombre fini.")
    if number < 0:
        raise InputError(field.key, "Le nombre ne peut pas être négatif.")
    if field.integer and not number.is_integer():
        raise InputError(field.key, "Indiquez un nombre entier, sans décimales.")
    if field.maximum is not None and number > field.maximum:
        raise InputError(field.key, f"Indiquez un nombre entre 0 et {field.maximum:g}.")
    return number


def _to_number(key: str, raw: object) -> float:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise InputError(key, "Ce champ est obligatoire : indiquez un nombre.")
    if isinstance(raw, bool):
        raise InputError(key, "Indiquez un nombre, pas vrai/faux.")
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        # French readers type "10 000" or "1,5": accept both, and plain "1.5" too.
        text = raw.translate(_SPACES).replace(",", ".")
        try:
            return float(text)
        except ValueError:
            pass
        raise InputError(key, f"« {raw.strip()} » n'est pas un nombre : écrivez des chiffres, par exemple 10 000.")
    raise InputError(key, f"Indiquez un nombre (reçu : {type(raw).__name__}).")
