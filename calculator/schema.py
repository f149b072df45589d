"""rates.schema.json, the JSON Schema editors check rates.yml with, written from the model in rates.py.

`python -m calculator.schema > rates.schema.json` regenerates it. The dataclasses parse_rates reads
rates.yml with are the one description of the format; this module turns their shapes (`shape_of`) into
JSON Schema, so the schema cannot drift from the parser, and a unit test fails when the committed file
is not this module's output. What JSON Schema cannot state (a range's low under its high, unique keys,
tiers in order, a schedule's dates in order, the rules across the French rates) stays with parse_rates.

Build and tests only: the browser never imports this module.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from .rates import (
    FORMS,
    LARGEST,
    PERCENT,
    PERCENT_MAXIMUM,
    Between,
    DateShape,
    FigureShape,
    FlagShape,
    ListShape,
    NumberShape,
    Rates,
    RecordShape,
    Shape,
    TableShape,
    TextShape,
    WrittenFigure,
    record_shape,
)

JsonSchema = dict[str, Any]

_LEAVES = (TextShape, NumberShape, DateShape, FlagShape)

DESCRIPTION = ("Every figure of the site and the calculator. Written by `python -m calculator.schema` from "
               "calculator/rates.py; parse_rates also checks what JSON Schema cannot say (low <= high, unique "
               "keys, tiers in order, dated values in order, the French rates together under 100 %).")

FORM_WORDS = {"value": "one `value`", "range": "a range `low`/`high`",
              "schedule": "dated `values` (oldest first; the one in force on the section's `in_force_on` applies)"}


def _plain(number: float) -> float | int:
    """10 rather than 10.0, 1000000000000000 rather than 1e+15: as a person would write the bound."""
    return int(number) if float(number).is_integer() else number


def _description(record: type) -> str | None:
    """The record's docstring as one line (a dataclass without one gets its signature, which says nothing)."""
    doc = record.__doc__ or ""
    if not doc or doc.startswith(f"{record.__name__}("):
        return None
    return " ".join(doc.split("\n\n")[0].split())


class _Writer:
    """Turns shapes into JSON Schema, each record and each kind of figure once under `$defs`.

    Texts, numbers, dates and records of nothing else (a reference, a dated value) are written in place:
    jsonschema follows a `$ref` slowly, and inlined they cut the time the tests take to validate rates.yml
    by a third."""

    def __init__(self) -> None:
        self.defs: JsonSchema = {}

    def schema(self, shape: Shape) -> JsonSchema:
        if isinstance(shape, TextShape):
            if shape.one_of:
                return {"const": shape.one_of[0]} if len(shape.one_of) == 1 else {"enum": list(shape.one_of)}
            if shape.starts_with:
                return {"type": "string", "pattern": f"^(?:{'|'.join(map(re.escape, shape.starts_with))})"}
            return {"type": "string", "pattern": r"\S"}
        if isinstance(shape, NumberShape):
            return {"type": "number", "minimum": 0, "maximum": _plain(LARGEST)}
        if isinstance(shape, DateShape):
            return {"type": "string", "format": "date"}
        if isinstance(shape, FlagShape):
            return {"type": "boolean"}
        if isinstance(shape, FigureShape):
            return self.figure(shape)
        if isinstance(shape, ListShape):
            schema: JsonSchema = {"type": "array", "items": self.schema(shape.item)}
            if shape.at_least is not None:
                schema["minItems"] = shape.at_least.size
            return schema
        if isinstance(shape, TableShape):
            return {"type": "object", "minProperties": 1, "additionalProperties": self.schema(shape.entry)}
        if all(isinstance(field.shape, _LEAVES) for field in shape.fields):
            return self.record(shape)  # a reference or a dated value: small enough to write in place
        return self.defined(shape.build.__name__, lambda: self.record(shape))

    def defined(self, name: str, write: Any) -> JsonSchema:
        """A reference to `$defs[name]`, written the first time (parents come before what they hold)."""
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = write()
        return {"$ref": f"#/$defs/{name}"}

    def record(self, shape: RecordShape, skip: frozenset[str] = frozenset()) -> JsonSchema:
        """A table of exactly the record's fields (parse_rates rejects any other key)."""
        schema: JsonSchema = {}
        description = _description(shape.build)
        if description:
            schema["description"] = description
        written = [field for field in shape.fields if field.key not in skip]
        schema |= {"type": "object", "additionalProperties": False,
                   "required": [field.key for field in written if field.required],
                   "properties": {field.key: self.schema(field.shape) for field in written}}
        return schema

    def figure(self, shape: FigureShape) -> JsonSchema:
        reference = self.defined("figure_" + "_or_".join(shape.forms), lambda: self.figure_forms(shape.forms))
        narrower: list[JsonSchema] = []
        if shape.keyed:
            narrower.append({"required": ["key"]})
        if shape.within is not None:
            narrower.append({"properties": {"value": _bounds(shape.within)}})
        return {"allOf": [reference, *narrower]} if narrower else reference

    def figure_forms(self, forms: tuple[str, ...]) -> JsonSchema:
        """A figure that may take these FORMS, with the rules parse_rates applies to every figure."""
        others = frozenset(key for form, keys in FORMS.items() if form not in forms for key in keys)
        schema = self.record(record_shape(WrittenFigure), skip=others)
        schema["description"] += f" Its number: {' or '.join(FORM_WORDS[form] for form in forms)}."
        if len(forms) == 1:
            schema["required"] += FORMS[forms[0]]
        else:
            schema["oneOf"] = [{"required": list(FORMS[form]),
                                "not": {"anyOf": [{"required": [key]} for other in forms if other != form
                                                  for key in FORMS[other]]}} for form in forms]
        numbers = [key for form in forms if form != "schedule" for key in FORMS[form]]
        percent: JsonSchema = {key: {"maximum": PERCENT_MAXIMUM} for key in numbers}
        if "schedule" in forms:
            percent["values"] = {"items": {"properties": {"value": {"maximum": PERCENT_MAXIMUM}}}}
        schema["allOf"] = [
            {"if": {"required": ["assumption"], "properties": {"assumption": {"const": True}}},
             "then": {"required": ["rationale"]},
             "else": {"not": {"required": ["rationale"]}, "properties": {"references": {"minItems": 1}}}},
            {"if": {"required": ["unit"], "properties": {"unit": {"const": PERCENT}}},
             "then": {"properties": percent}},
        ]
        return schema


def _bounds(within: Between) -> JsonSchema:
    bounds: JsonSchema = {}
    if within.minimum is not None:
        bounds["minimum"] = _plain(within.minimum)
    if within.above is not None:
        bounds["exclusiveMinimum"] = _plain(within.above)
    if within.maximum is not None:
        bounds["maximum"] = _plain(within.maximum)
    return bounds


def rates_schema() -> JsonSchema:
    """The JSON Schema of rates.yml (draft 2020-12)."""
    writer = _Writer()
    root = writer.record(record_shape(Rates))
    root.pop("description")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "rates.schema.json",
            "title": "Combien paie TikTok: rates.yml", "description": DESCRIPTION, "$defs": writer.defs, **root}


def schema_text() -> str:
    """rates.schema.json's exact content."""
    return json.dumps(rates_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    sys.stdout.buffer.write(schema_text().encode("utf-8"))  # bytes: the same file whatever the locale


if __name__ == "__main__":
    main()
