"""/kit-media/ in Chromium: the same prices as CPython's rate_card(), the calculator's link to it, the reader's
own text kept out of every address and request, one printed A4 page, and the failure path."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page, Request, expect
from pypdf import PdfReader

from calculator import Rates, french, rate_card
from calculator.browser import Session
from calculator.kit import PERSONAL_KEYS
from tests.support.calculator_page import (
    DEFAULTS,
    ERROR,
    READY,
    START_TIMEOUT_MS,
    open_calculator,
    wait_for_service_worker,
)
from tests.support.kit_page import A_CREATOR, KIT, prices_expected, prices_shown, type_inputs, type_personal
from tests.support.repository import RATES_TEXT

TYPED = {"followers": "125 000", "engagement_rate": "7,5", "niche": "finance", "tax_status": "micro_bic_services",
         "household": "couple", "children": "2"}


def test_the_prices_typed_in_the_form_are_cpython_s_rate_card(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/{KIT}")
    assert prices_shown(page) == prices_expected(DEFAULTS, rates)  # the first answer replaced the prerender
    type_inputs(page, TYPED)
    card = rate_card({**DEFAULTS, **TYPED}, rates)
    assert prices_shown(page) == prices_expected({**DEFAULTS, **TYPED}, rates)
    nets = page.eval_on_selector_all("[data-kit-net]", "rows => rows.map(r => [r.dataset.kitNet, "
                                     "Number(r.dataset.low), Number(r.dataset.high)])")
    assert nets == [[key, item["net"]["net"]["low"], item["net"]["net"]["high"]]
                    for key, item in card["deliverables"].items()]
    dedicated = card["deliverables"]["dedicated_video"]["eur"]
    expect(page.locator("[data-deliverable=dedicated_video] td")).to_contain_text(
        french.readable_span(dedicated["low"], dedicated["high"], "EUR"))


def test_the_calculator_s_answer_links_to_the_kit_with_the_reader_s_values(page: Page, site_url: str,
                                                                          rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    page.fill("input[name=followers]", "64 000")
    page.fill("input[name=monthly_views]", "900000")
    page.wait_for_selector(READY)
    link = page.locator("a[data-kit-link]")
    query = parse_qs(urlsplit(link.get_attribute("href") or "").query)
    assert query == {"followers": ["64 000"], "monthly_views": ["900000"]}  # changed values the kit reads
    link.click()
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    assert urlsplit(page.url).path.endswith(f"/{KIT}")
    expect(page.locator("input[name=followers]")).to_have_value("64 000")
    assert prices_shown(page) == prices_expected({**DEFAULTS, "followers": 64000}, rates)
    expect(page.locator("[data-kit-figure=monthly_views] dd")).to_have_text(french.number(900000))


@pytest.mark.own_context  # every request of one visit, from an empty browser
def test_the_reader_s_own_text_is_in_no_address_no_request_and_no_share_link(page: Page, site_url: str) -> None:
    requests: list[Request] = []
    page.context.on("request", lambda request: requests.append(request))
    open_calculator(page, f"{site_url}/{KIT}?followers=80000")
    type_personal(page, A_CREATOR)
    type_inputs(page, {"engagement_rate": "5"})  # a calculator input after the text: the address follows it
    expect(page.locator("[data-kit-handle]")).to_have_text(A_CREATOR["handle"])
    share = page.locator("a[data-share-link]").get_attribute("href") or ""
    assert parse_qs(urlsplit(page.url).query)["engagement_rate"] == ["5"]
    assert urlsplit(share).query == urlsplit(page.url).query
    assert set(parse_qs(urlsplit(share).query)).isdisjoint(PERSONAL_KEYS)
    words = ["cuisine.etudiante", "Lidl", "partenariats@exemple", "yaourt"]
    sent = [f"{request.url} {request.post_data or ''}" for request in requests]
    assert [word for word in words for text in [page.url, share, *sent] if word in text] == []
    assert requests, "the requests were recorded"


def print_kit(page: Page) -> str:
    """The kit as Chromium prints it on A4: its text, once it is known to be one page."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(reader.pages) == 1, f"the kit prints on {len(reader.pages)} pages"
    return re.sub(r"\s+", " ", reader.pages[0].extract_text())


def no_spaces(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_the_kit_prints_on_exactly_one_a4_page(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/{KIT}")
    text = print_kit(page)  # the default form
    assert "Vidéo sponsorisée dédiée" in text and "Comment ces tarifs sont calculés" in text
    assert "Imprimer" not in text and "Vos chiffres" not in text  # no button, no form
    type_inputs(page, TYPED)
    type_personal(page, A_CREATOR)
    text = print_kit(page)
    dedicated = rate_card({**DEFAULTS, **TYPED}, rates)["deliverables"]["dedicated_video"]["eur"]
    assert A_CREATOR["handle"] in text
    assert no_spaces(french.readable_span(dedicated["low"], dedicated["high"], "EUR")) in no_spaces(text)
    assert "Kit établi le" in text and "revenus/negocier/" in text
    # What a deal leaves after URSSAF and tax is the creator's: shown on screen, never printed.
    expect(page.locator("[data-kit-net-block]")).to_be_visible()
    assert "Pour vous" not in text and "Navigation" not in text


def test_a_share_over_100_is_refused_at_its_field_and_the_kit_comes_back(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/{KIT}")
    type_personal(page, {"women": "80", "men": "30"})
    field = page.locator("[data-personal=men]")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-error-for=men]")).to_have_text(re.compile("Les parts des genres font 110"))
    expect(page.locator("[data-deliverable]")).to_have_count(0)  # no old figures beside the error
    expect(field).to_have_value("30")
    type_personal(page, {"men": "20"})
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-deliverable]")).to_have_count(6)


@pytest.mark.own_context  # routes a runtime file to break it, on the context
@pytest.mark.parametrize("pattern", ["**/pyodide/*/pyodide.asm.wasm"])
def test_when_python_cannot_start_the_prerendered_kit_stays_with_its_note(
        page: Page, site_url: str, rates: Rates, page_errors: list[str], pattern: str) -> None:
    page.context.route(pattern, lambda route: route.abort())
    page.goto(f"{site_url}/{KIT}")
    page.wait_for_selector(ERROR, timeout=START_TIMEOUT_MS)
    expect(page.locator("[data-status]")).to_contain_text("téléchargement impossible de pyodide.asm.wasm")
    expect(page.locator("[data-default-note]")).to_be_visible()
    assert prices_shown(page) == prices_expected(DEFAULTS, rates)
    type_personal_without_answer = page.locator("[data-personal=handle]")
    type_personal_without_answer.fill("@moi")
    expect(type_personal_without_answer).to_have_value("@moi")
    expect(page.locator("[data-retry]")).to_be_visible()
    page.context.unroute_all(behavior="ignoreErrors")
    assert [error for error in page_errors if "Failed to load resource" not in error] == []
    page_errors.clear()


@pytest.mark.own_context  # a first visit's service worker and offline copy
def test_once_the_calculator_was_visited_the_kit_works_offline(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    wait_for_service_worker(page)  # it keeps the offline pages (mkdocs.yml offline_pages) and what they load
    open_calculator(page, f"{site_url}/calculateur/")  # and, under its control, Material's search files
    page.context.set_offline(True)
    try:
        open_calculator(page, f"{site_url}/{KIT}?followers=50000")
        assert prices_shown(page) == prices_expected({**DEFAULTS, "followers": 50000}, rates)
    finally:
        page.context.set_offline(False)


SESSION = Session(RATES_TEXT)
HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}", "1e309", "-0", "NaN", "101",
           "99,5", "100", "x" * 130, " ", "١٢٣", "10 000", "2 400 000", "1,5"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(PERSONAL_KEYS),
       text=st.sampled_from(HOSTILE) | st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_any_text_in_a_kit_field_gets_what_cpython_answers(page: Page, site_url: str, page_errors: list[str],
                                                           key: str, text: str) -> None:
    if not page.url.startswith(f"{site_url}/{KIT}"):  # one page for every example; each puts its field back
        open_calculator(page, f"{site_url}/{KIT}")
        page.on("dialog", lambda dialog: page_errors.append(f"dialog: {dialog.message}"))
    page_errors.clear()
    field = page.locator(f"[data-personal={key}]")
    try:
        field.fill(text)
        page.wait_for_selector(READY)
        sent = field.input_value()  # a text field's maxlength keeps what fits
        inputs = page.eval_on_selector_all("[data-calculator] form [name]:not([type=checkbox])",
                                           "controls => Object.fromEntries(controls.map(c => [c.name, c.value]))")
        answer = json.loads(SESSION.kit(json.dumps(inputs), json.dumps({key: sent}), "EUR"))
        errors = page.eval_on_selector_all("[data-error-for]:not([hidden])",
                                           "slots => Object.fromEntries(slots.map(s => [s.dataset.errorFor, "
                                           "s.textContent]))")
        if answer["ok"]:
            assert errors == {}
            assert prices_shown(page) == {name: (float(low), float(high)) for name, low, high in re.findall(
                r'data-deliverable="(\w+)" data-low="([^"]+)" data-high="([^"]+)"', answer["html"])}
        else:
            assert errors == answer["errors"] and set(errors) <= {key, key.removesuffix("_share")}
            assert prices_shown(page) == {}
        assert not re.search(r"\b(?:NaN|undefined|Infinity|null)\b", page.inner_text("[data-results]"))
        assert page_errors == []
    finally:
        field.fill("")
        page.wait_for_selector(READY)
