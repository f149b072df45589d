"""Combien paie TikTok: earnings ranges for TikTok creators, from sourced rates.

Public names only; see rates.py for the parameter model and estimate.py for the calculation.
"""

from . import french
from .currency import CURRENCIES, in_currency
from .estimate import estimate
from .goal import requirements
from .inputs import INPUT_FIELDS, InputError, InputField, choices
from .rates import Parameter, Rates, RatesError, Reference, parse_rates

__all__ = [
    "CURRENCIES",
    "INPUT_FIELDS",
    "InputError",
    "InputField",
    "Parameter",
    "Rates",
    "RatesError",
    "Reference",
    "choices",
    "estimate",
    "french",
    "in_currency",
    "parse_rates",
    "requirements",
]
