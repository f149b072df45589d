"""The media kit (/kit-media/): its own fields' rules, the worker's `kit` answer and the sheet it renders."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import Rates, french, rate_card
from calculator.browser import Session
from calculator.form import KIT_KEYS, initial_texts, kit_prerender, query_keys
from calculator.inputs import FIELDS_BY_KEY
from calculator.kit import PERSONAL_FIELDS, PERSONAL_KEYS, Personal, Share, Video, read_personal
from calculator.render_kit import BLANK_HANDLE
from tests.support.repository import RATES_TEXT

SESSION = Session(RATES_TEXT)
FORM = {"followers": "100 000", "age": "28", "engagement_rate": "6,2", "niche": "finance", "region": "france"}
FULL = {"handle": "@claire.budget", "niche_words": "Budget étudiant", "contact": "claire@exemple.fr",
        "country_1": "France", "country_1_share": "68", "country_2": "Belgique", "country_2_share": "12,5",
        "age_18_24": "41", "age_25_34": "33", "women": "71", "men": "28",
        "video_1_title": "Un repas pour 2 €", "video_1_views": "2 400 000", "video_2_title": "Mes courses"}


def kit(inputs: Mapping[str, str], personal: Mapping[str, object], currency: str = "EUR") -> dict[str, Any]:
    return json.loads(SESSION.kit(json.dumps(inputs), json.dumps(personal), currency))  # type: ignore[no-any-return]


def deliverables(html: str) -> dict[str, tuple[float, float]]:
    return {name: (float(low), float(high)) for name, low, high in
            re.findall(r'data-deliverable="(\w+)" data-low="([^"]+)" data-high="([^"]+)"', html)}


def test_the_kit_s_own_fields_are_read_with_french_numbers() -> None:
    personal, errors = read_personal(FULL)
    assert errors == {}
    assert personal == Personal(
        handle="@claire.budget", niche_words="Budget étudiant", contact="claire@exemple.fr",
        countries=(Share("France", 68.0), Share("Belgique", 12.5)),
        ages=(Share("18 à 24 ans", 41.0), Share("25 à 34 ans", 33.0)),
        genders=(Share("Femmes", 71.0), Share("Hommes", 28.0)),
        videos=(Video("Un repas pour 2 €", 2_400_000.0), Video("Mes courses", None)))


def test_shares_over_100_are_refused_at_the_last_share_of_their_split() -> None:
    _, errors = read_personal({"women": "71", "men": "28", "other_gender": "2,5"})
    assert errors == {"other_gender": "Les parts des genres font 101,5\u00a0% : leur total ne peut pas dépasser "
                                      "100\u00a0%."}
    _, errors = read_personal({"country_1": "France", "country_1_share": "90", "country_3": "Suisse",
                               "country_3_share": "20"})
    assert list(errors) == ["country_3_share"]
    assert read_personal({"age_18_24": "60", "age_55_plus": "40"})[1] == {}  # exactly 100 is fine


def test_each_bad_field_gets_its_own_french_message() -> None:
    _, errors = read_personal({"age_18_24": "120", "women": "beaucoup", "video_1_views": "1,5",
                               "handle": "x" * 61, "country_2_share": "10", "contact": 42, "email": "a@b.fr"})
    assert errors == {
        "age_18_24": "Indiquez un nombre entre 0 et 100.",
        "women": "« beaucoup » n'est pas un nombre : écrivez des chiffres, par exemple 10 000.",
        "video_1_views": "Indiquez un nombre entier, sans décimales.",
        "handle": "Au plus 60 caractères ici (vous en avez écrit 61).",
        "country_2": "Indiquez le pays de cette part.",
        "contact": "Indiquez du texte.",
        "email": "Champ du kit inconnu « email ».",
    }


def test_the_kit_s_fields_are_never_calculator_inputs_nor_link_keys() -> None:
    assert set(PERSONAL_KEYS).isdisjoint(query_keys())
    assert set(KIT_KEYS) <= set(FIELDS_BY_KEY)
    assert all(field.max_length > 0 for field in PERSONAL_FIELDS if field.kind == "text")


def test_the_worker_s_kit_gives_the_rate_card_s_exact_prices(rates: Rates) -> None:
    reply = kit({**FORM, "tax_status": "micro_bnc"}, FULL)
    assert reply["ok"] is True and reply["currency"] == "EUR"
    card = rate_card({**FORM, "tax_status": "micro_bnc"}, rates)
    assert deliverables(reply["html"]) == {key: (item["low"], item["high"])
                                           for key, item in card["deliverables"].items()}
    assert len(deliverables(reply["html"])) == 6
    # What one deal leaves is for the creator: on screen, marked as never printed.
    net = card["deliverables"]["dedicated_video"]["net"]["net"]
    assert (f'data-kit-net="dedicated_video" data-low="{net["low"]!r}" data-high="{net["high"]!r}"'
            in reply["html"])
    assert 'class="cpt-kit-private cpt-net" data-kit-net-block' in reply["html"]
    assert f'data-kit-date="{datetime.date.today().isoformat()}"' in reply["html"]
    assert "@claire.budget" in reply["html"] and "2\u202f400\u202f000 vues" in reply["html"]


def test_amounts_read_in_euros_or_dollars(rates: Rates) -> None:
    card = rate_card(FORM, rates)["deliverables"]["dedicated_video"]
    euros, dollars = kit(FORM, {}, "EUR")["html"], kit(FORM, {}, "USD")["html"]
    assert french.readable_span(card["eur"]["low"], card["eur"]["high"], "EUR") in euros
    assert french.readable_span(card["low"], card["high"], "USD") in dollars
    assert "$" not in euros.replace("1\u00a0$", "")  # the exchange rate's « pour 1 $ » only
    assert deliverables(euros) == deliverables(dollars)  # data-low/data-high stay in USD


def test_what_the_reader_typed_is_escaped() -> None:
    html = kit(FORM, {"handle": "<script>alert(1)</script>", "video_1_title": '"><img src=x>'})["html"]
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_errors_of_inputs_and_of_the_kit_s_fields_come_together() -> None:
    reply = kit({**FORM, "followers": "abc"}, {"women": "80", "men": "30"}, "GBP")
    assert reply["ok"] is False
    assert set(reply["errors"]) == {"followers", "men", "currency"}
    assert kit(FORM, [])["errors"] == {"": "Les données doivent être une table de champs."}  # type: ignore[arg-type]


def test_views_may_stay_blank_and_a_small_account_is_told_why_there_is_no_price() -> None:
    assert kit({**FORM, "monthly_views": ""}, {})["ok"] is True
    html = kit({**FORM, "followers": "300"}, {})["html"]
    assert "data-kit-ineligible" in html and "data-deliverable" not in html


def test_the_prerendered_kit_is_the_default_form_s_with_no_date_and_no_name(rates: Rates) -> None:
    html = kit_prerender(rates)
    defaults = {key: text for key, text in initial_texts().items() if key in KIT_KEYS}
    assert deliverables(html) == deliverables(kit(defaults, {})["html"])
    assert BLANK_HANDLE in html and "data-kit-date" not in html and "data-kit-net-block" not in html


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(PERSONAL_KEYS), st.text(max_size=80) | st.integers() | st.none(),
                       max_size=8))
def test_any_text_in_the_kit_s_fields_gets_an_answer_never_an_exception(personal: dict[str, object]) -> None:
    reply = kit(FORM, personal)
    assert reply["ok"] is True or set(reply["errors"]) <= set(PERSONAL_KEYS)


def test_what_concerns_the_creator_alone_is_on_screen_and_never_printed() -> None:
    html = kit({**FORM, "age": "15"}, {})["html"]
    assert 'class="cpt-warning cpt-kit-private" data-notice="minor_blocked_account"' in html
    assert '<details class="cpt-kit-private"><summary>Comment chaque tarif est calculé' in html
    assert html.count("<li>Réponse de l&#x27;enquête Bolt Influence (2022)") == 3
    assert "data-notice" not in kit(FORM, {})["html"]
