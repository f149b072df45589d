"""Random text typed into every field of /calculateur/ and /embed/, in real Chromium.

hypothesis writes what a hurried or hostile reader might type or paste (huge numbers, 1e309, -0,
Arabic-Indic or fullwidth digits, spaces, French decimal commas, HTML): the page must never
throw, never show NaN, undefined, Infinity or null, keep the text as typed, open no dialog, and
end ready with exactly what CPython answers for the same form, results or the French message
beside the field. One page is reused across examples; each example puts its field back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Dialog, Page, expect

from calculator import INPUT_FIELDS, Rates, estimate
from calculator.browser import Session
from tests.support.calculator_page import READY, open_calculator, reveal, set_form
from tests.support.repository import RATES_TEXT

SESSION = Session(RATES_TEXT)
GOAL = "Objectif : combien de vues pour gagner une somme par mois ?"
ESTIMATE = "Estimation : ce que rapportent mes chiffres"
TEXT_FIELDS = ["target", *(field.key for field in INPUT_FIELDS if field.kind not in ("choice", "flag"))]
EXAMPLES = 30

# Decimal digits of other scripts (Arabic-Indic, fullwidth, Devanagari) and digit-like signs.
DIGITS = "".join(chr(zero + offset) for zero in (0x30, 0x660, 0xFF10, 0x966) for offset in range(10)) + "²½"
TRICKY = ["1e309", "-1e309", "1e308", "-0", "-0,0", "2,5", "0,5", "10 000", "10\u202f000", "1\u00a0000,50",
          "1 000 000 000 000 000", "9" * 40, "NaN", "Infinity", "-inf", "undefined", "null", "١٢٣", "\uff11\uff12",
          "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "{{7*7}}",
          "${alert(1)}", "javascript:alert(1)", " 42 ", "", " ", "1 000 €", "75.5", "3,"]
# Anything a keyboard or the clipboard gives an <input type=text>: it drops line breaks, so none here.
characters = st.characters(blacklist_categories=("Cs", "Cc"))
typed = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=DIGITS + " \u00a0\u202f,.-+eE", max_size=16),
    st.text(characters, max_size=24),
    st.builds(lambda whole, decimals: f"{whole},{decimals}", st.integers(0, 10**6), st.integers(0, 99)),
    st.floats(1e12, 1.7e308).map(lambda huge: f"{huge:g}".replace(".", ",")),  # as big as a float goes
    st.sampled_from(TRICKY).flatmap(lambda base: st.text(characters, max_size=4).map(lambda tail: base + tail)),
)
NOT_A_NUMBER = re.compile(r"\b(?:NaN|undefined|Infinity|null)\b")
QUOTED = re.compile(r"«[^»]*»")  # messages quote what was typed, which may be "NaN" itself
FIGURE = re.compile(r'<\w+ ([^>]*\bdata-(?:total|stream|net|requirement|goal)\b[^>]*)>')
ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


@pytest.fixture
def dialogs(page: Page) -> Iterator[list[str]]:
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield opened
    assert opened == []


def form_of(page: Page) -> dict[str, str]:
    """What the page sends Python: every calculator input, a ticked checkbox as its own value, an unticked one blank."""
    form: dict[str, str] = page.eval_on_selector_all(
        "[data-calculator] form input[name]:not([data-extra]), [data-calculator] form select[name]",
        """controls => Object.fromEntries(controls.map(c =>
            [c.name, c.type === "checkbox" ? (c.checked ? c.value : "") : c.value]))""",
    )
    return form


def figures_of_html(html: str) -> dict[str, tuple[str | None, str | None]]:
    """Each figure of a results panel (total, stream, net row, lever) with its data-low and data-high."""
    figures: dict[str, tuple[str | None, str | None]] = {}
    for attributes in FIGURE.findall(html):
        found = {name: value for name, value in ATTRIBUTE.findall(attributes)}
        kind = next(name for name in ("data-total", "data-stream", "data-net", "data-requirement", "data-goal")
                    if name in found)
        figures[f"{kind}={found[kind]}"] = (found.get("data-low"), found.get("data-high"))
    return figures


def figures_on_page(page: Page) -> dict[str, tuple[str | None, str | None]]:
    html: str = page.eval_on_selector("[data-results]", "results => results.innerHTML")
    return figures_of_html(html)


def visible_errors(page: Page) -> dict[str, str]:
    errors: dict[str, str] = page.eval_on_selector_all(
        "[data-calculator] [data-error-for]:not([hidden])",
        "slots => Object.fromEntries(slots.map(s => [s.dataset.errorFor, s.textContent]))",
    )
    return errors


def in_mode(page: Page, goal: bool) -> None:
    radio = page.get_by_label(GOAL if goal else ESTIMATE)
    if not radio.is_checked():
        radio.check()
        page.wait_for_selector(READY)


def open_once(page: Page, url: str) -> dict[str, str]:
    """Open the page on the first example; return the form's initial values (target included)."""
    if not page.url.startswith(url.split("?")[0]):  # typing rewrites the query, the page stays
        open_calculator(page, url)
    return dict(page.eval_on_selector_all(
        "[data-calculator] input[type=text]", "fields => fields.map(f => [f.name, f.defaultValue])"))


def check_typing(page: Page, url: str, key: str, text: str, goal: bool, page_errors: list[str],
                 dialogs: list[str]) -> None:
    initial = open_once(page, url)
    page_errors.clear()  # each example answers for itself, so hypothesis shrinks to the culprit
    dialogs.clear()
    field = page.locator(f"[data-calculator] input[name={key}]")
    in_mode(page, goal or key == "target")
    reveal(page, key)  # its group (« J'ai des partenariats »…), opened as a reader would
    if not field.is_visible():  # a field the goal mode solves for
        in_mode(page, False)
    try:
        field.fill(text)
        page.wait_for_selector(READY)
        expect(field).to_have_value(text)
        in_goal = page.get_by_label(GOAL).is_checked()
        asked = page.locator("input[name=target]").input_value() if in_goal else None
        answer = json.loads(SESSION.answer(json.dumps(form_of(page)), "USD", asked))
        event("answered" if answer["ok"] else "refused beside the field")
        shown_text = QUOTED.sub("", page.inner_text("[data-calculator]"))
        assert not NOT_A_NUMBER.search(shown_text), NOT_A_NUMBER.findall(shown_text)
        if answer["ok"]:
            assert visible_errors(page) == {}
            assert figures_on_page(page) == figures_of_html(answer["html"])
            assert ("data-goal=" if in_goal else "data-total=") in figures_on_page(page)
        else:
            assert set(answer["errors"]) == {key}
            assert visible_errors(page) == answer["errors"]
            expect(field).to_have_attribute("aria-invalid", "true")
            assert figures_on_page(page) == {}
        assert page_errors == []
        assert dialogs == []
    finally:
        field.fill(initial[key])
        page.wait_for_selector(READY)


FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(key=st.sampled_from(TEXT_FIELDS), text=typed, goal=st.booleans())
def test_random_text_in_every_field_of_the_calculator_page(page: Page, site_url: str, page_errors: list[str],
                                                           dialogs: list[str], key: str, text: str,
                                                           goal: bool) -> None:
    check_typing(page, f"{site_url}/calculateur/", key, text, goal, page_errors, dialogs)


@FUZZ
@given(key=st.sampled_from(TEXT_FIELDS), text=typed, goal=st.booleans())
def test_random_text_in_every_field_of_the_embed_page(page: Page, site_url: str, page_errors: list[str],
                                                      dialogs: list[str], key: str, text: str, goal: bool) -> None:
    # Every field, chosen by the link as a blogger's data-fields would (the embed shows four by default).
    everything = ",".join(field.key for field in INPUT_FIELDS)
    check_typing(page, f"{site_url}/embed/?fields={everything}", key, text, goal, page_errors, dialogs)


def stream_figures(result: dict[str, Any]) -> dict[str, tuple[str | None, str | None]]:
    return {f"data-stream={name}": (repr(stream["low"]), repr(stream["high"]))
            for name, stream in result["streams"].items()}


@pytest.mark.parametrize("path", ["/calculateur/", "/embed/?fields=sponsored_videos,video_seconds,engagement_rate"])
def test_a_french_decimal_comma_means_a_decimal_point(page: Page, site_url: str, rates: Rates, path: str) -> None:
    open_calculator(page, f"{site_url}{path}")
    for key, text, number, misread in [
        ("video_seconds", "60,5", 60.5, 60),  # just over the minute Creator Rewards pays for
        ("video_seconds", "59,5", 59.5, 595),
        ("engagement_rate", "2,5", 2.5, 25),  # under the benchmark: sponsored videos pay a little less
    ]:
        set_form(page, {})
        for name, typed in (("sponsored_videos", "1"), (key, text)):
            reveal(page, name)
            page.fill(f"input[name={name}]", typed)
        page.wait_for_selector(READY)
        form: dict[str, Any] = {name: value for name, value in form_of(page).items() if value != ""}
        expected = stream_figures(estimate({**form, key: number}, rates))
        assert expected != stream_figures(estimate({**form, key: misread}, rates))
        shown = {name: value for name, value in figures_on_page(page).items() if name.startswith("data-stream=")}
        assert shown == expected, text
