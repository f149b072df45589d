"""Combien paie TikTok: earnings ranges for TikTok creators, from sourced rates.

Public names only; see rates.py for the parameter model, estimate.py for the calculation and
results.py for the typed values behind the plain data estimate() and requirements() return.
"""

from . import french
from .currency import CURRENCIES, in_currency
from .estimate import estimate
from .goal import requirements
from .inputs import INPUT_FIELDS, InputError, InputField, Inputs, choices, goal_inputs, read_inputs
from .rate_card import rate_card
from .rates import Parameter, Rates, RatesError, Reference, parse_rates

__all__ = [
    "CURRENCIES",
    "INPUT_FIELDS",
    "InputError",
    "InputField",
    "Inputs",
    "Parameter",
    "Rates",
    "RatesError",
    "Reference",
    "choices",
    "estimate",
    "french",
    "goal_inputs",
    "in_currency",
    "parse_rates",
    "rate_card",
    "read_inputs",
    "requirements",
]
