"""The widget's form (calculator/form.py): what a reader finds in it, and values written as text read back the same."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import INPUT_FIELDS, InputError, Rates, estimate
from calculator.form import (
    CHECKED,
    PresetError,
    initial_texts,
    query_keys,
    text_of,
    texts_of,
    value_of,
    widget,
)
from calculator.inputs import FIELDS_BY_KEY, LARGEST, NO_WORDS, YES_WORDS
from calculator.render import render_result
from calculator.scenarios import Scenario, load_scenarios
from tests.support.repository import ROOT

SCENARIOS = load_scenarios(ROOT / "scenarios")
NUMBER_KEYS = [field.key for field in INPUT_FIELDS if field.kind in ("integer", "decimal", "percent")]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NUMBER_KEYS), st.data())
def test_a_number_written_into_the_form_reads_back_the_same(rates: Rates, key: str, data: st.DataObject) -> None:
    field = FIELDS_BY_KEY[key]
    highest = field.maximum if field.maximum is not None else LARGEST
    if field.kind == "integer":
        number: float = data.draw(st.integers(0, int(highest)))
    else:  # no exponent, no rounding: 1234567.5 must not come back as 1234570
        number = data.draw(st.floats(0, highest, allow_nan=False, allow_infinity=False))
    assert value_of(key, text_of(number), rates) == number
    assert value_of(key, text_of(float(number)), rates) == number


def test_whole_numbers_are_written_as_a_link_carries_them() -> None:
    assert [text_of(20000), text_of(20000.0), text_of(2.6), text_of(0.0), text_of(None)] == \
        ["20000", "20000", "2.6", "0", ""]


def test_yes_is_a_ticked_box_and_every_yes_word_ticks_it(rates: Rates) -> None:
    assert text_of(True) == CHECKED and text_of(False) == ""
    assert value_of("versement_liberatoire", CHECKED, rates) is True
    assert value_of("versement_liberatoire", "", rates) is False
    for word in YES_WORDS:
        assert value_of("versement_liberatoire", f" {word.upper()} ", rates) is True
    for word in NO_WORDS:
        assert value_of("versement_liberatoire", word, rates) is False
    with pytest.raises(InputError, match="oui ou non"):
        value_of("versement_liberatoire", "peut-être", rates)
    [box] = [field for field in widget(rates, []).fields if field.kind == "flag"]
    assert box.checked_text == CHECKED and box.yes_words == YES_WORDS and not box.checked


def test_the_initial_form_is_complete_valid_and_prerendered(rates: Rates) -> None:
    texts = initial_texts()
    assert list(texts) == [field.key for field in INPUT_FIELDS]
    assert {key: texts[key] for key in ("followers", "age", "monthly_views", "video_seconds")} == \
        {"followers": "20000", "age": "25", "monthly_views": "300000", "video_seconds": "75"}
    shown = widget(rates, [])
    result = estimate(texts, rates)
    assert shown.prerender == render_result(result, result)
    assert [field.text for field in shown.fields] == list(texts.values())


def test_each_choice_starts_on_one_of_its_options(rates: Rates) -> None:
    for field in widget(rates, []).fields:
        if field.kind != "choice":
            assert field.options == ()
            continue
        assert [option.value for option in field.options if option.selected] == [field.text], field.key
        for option in field.options:
            assert value_of(field.key, option.value, rates) is not None


def test_the_goal_mode_hides_what_it_solves_for(rates: Rates) -> None:
    hidden = {field.key for field in widget(rates, []).fields if field.solved_by_goal}
    assert hidden == {"monthly_views", "sponsored_videos", "live_diamonds"}


def test_a_link_may_carry_every_input_the_currency_and_the_target() -> None:
    assert set(query_keys()) == {*FIELDS_BY_KEY, "currency", "target"}


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if s.preset], ids=lambda s: s.name)
def test_a_preset_fills_every_field_and_gives_the_scenario_figures(rates: Rates, scenario: Scenario) -> None:
    [preset] = [p for p in widget(rates, SCENARIOS).presets if p.name == scenario.name]
    assert set(preset.texts) == set(FIELDS_BY_KEY)
    assert {key: preset.texts[key] for key in scenario.inputs} == texts_of(scenario.inputs)
    assert estimate(preset.texts, rates) == estimate(scenario.inputs, rates)
    for key, text in preset.texts.items():
        field = FIELDS_BY_KEY[key]
        if key not in scenario.inputs and not field.required and field.kind != "choice":
            assert text == "", key  # whatever the previous preset filled in is emptied


def test_only_presets_become_buttons_and_a_bad_one_fails_the_build(rates: Rates) -> None:
    assert [p.name for p in widget(rates, SCENARIOS).presets] == [s.name for s in SCENARIOS if s.preset]
    broken = dataclasses.replace(SCENARIOS[0], preset=True, inputs={**SCENARIOS[0].inputs, "age": "vieux"})
    with pytest.raises(PresetError, match=rf"^{broken.name}: age: ") as raised:
        widget(rates, [broken])
    assert (raised.value.scenario, raised.value.error.key) == (broken.name, "age")


def test_an_empty_field_shows_the_figure_its_blank_stands_for(rates: Rates) -> None:
    fields = {field.key: field for field in widget(rates, []).fields}
    # 40 % of the views assumed qualified, TikTok's median engagement 2,6 %; other optional numbers mean 0.
    assert (fields["qualified_views_percent"].placeholder, fields["engagement_rate"].placeholder) == ("40", "2,6")
    assert fields["sponsored_videos"].placeholder == "0" and fields["followers"].placeholder == ""
    base: dict[str, object] = {"followers": 50000, "age": 30, "monthly_views": 1_000_000, "video_seconds": 90,
                               "sponsored_videos": 1}
    def amounts(inputs: dict[str, object]) -> dict[str, tuple[float, float]]:
        return {name: (stream["low"], stream["high"]) for name, stream in estimate(inputs, rates)["streams"].items()}

    for key in ("qualified_views_percent", "engagement_rate"):
        assert amounts(base) == amounts({**base, key: fields[key].placeholder}), key


def test_every_input_is_in_the_first_block_or_in_one_group(rates: Rates) -> None:
    shown = widget(rates, [])
    placed = [field.key for field in shown.core] + [field.key for group in shown.groups for field in group.fields]
    assert sorted(placed) == sorted(field.key for field in INPUT_FIELDS)  # each once
    assert [field.key for field in shown.core[:4]] == ["followers", "age", "monthly_views", "video_seconds"]
    assert shown.embed_fields == ("followers", "age", "monthly_views", "video_seconds")
    titles = {group.key: group.title for group in shown.groups}
    assert titles["brand_deals"] == "J'ai des partenariats" and titles["live"] == "Je fais des LIVE"
