"""What the guide's plugin writes around the figures: the footer's dates, table labels, sources' grades."""

from __future__ import annotations

import dataclasses
import datetime

from combien_site.figures import checked_note, label_and_note, rationale, readable, reference_link

from calculator import Rates


def test_the_footer_says_when_figures_were_checked_and_the_exchange_rates_own_date(rates: Rates) -> None:
    rpm = rates.creator_rewards.rpm[0]
    later = dataclasses.replace(rates.creator_rewards.min_age, as_of=datetime.date(2026, 12, 1))
    used = {rpm.path: dataclasses.replace(rpm, as_of=datetime.date(2026, 11, 25)), later.path: later,
            "usd_to_eur": dataclasses.replace(rates.usd_to_eur, as_of=datetime.date(2026, 2, 25))}
    note = checked_note(used, "../sources.md")
    assert "Chiffres de cette page vérifiés du 25 novembre au 1er décembre 2026" in note
    assert "le taux de change utilisé est celui de la BCE du 25 février 2026" in note
    assert 'data-checked="2026-12-01"' in note  # the newest check, never the rate's own day
    alone = checked_note({rpm.path: used[rpm.path]}, "sources.md")
    assert "vérifiés le 25 novembre 2026." in alone and "taux de change" not in alone


def test_a_labels_closing_parentheses_become_a_note_below_it() -> None:
    label = "Rémunération pour 1 000 vues qualifiées, selon Napolify (fourchette reprise par l'article source)"
    assert label_and_note(label) == ("Rémunération pour 1 000 vues qualifiées, selon Napolify",
                                     "fourchette reprise par l'article source")
    assert readable(label).endswith("<br><small>fourchette reprise par l'article source</small>")
    assert label_and_note("Valeur d'un diamant (50 %) aux États-Unis") == (
        "Valeur d'un diamant (50 %) aux États-Unis", "")
    assert label_and_note("Coefficient (hors (total))") == ("Coefficient", "hors (total)")
    assert label_and_note("(tout entre parenthèses)") == ("(tout entre parenthèses)", "")


def test_an_assumption_is_never_called_one_twice() -> None:
    assert rationale("Hypothèse du modèle : TikTok ne publie aucune part.") == "TikTok ne publie aucune part."
    assert rationale("Hypothèse du modèle ; aucune source ne chiffre l'effet.") == "Aucune source ne chiffre l'effet."
    assert rationale("Aucune source ne le chiffre.") == "Aucune source ne le chiffre."


def test_every_vendor_reference_of_rates_is_labelled_where_cited(rates: Rates) -> None:
    for ref in rates.sources:
        link = reference_link(ref)
        if ref.evidence == "vendor":
            assert link.endswith(" [site commercial]"), ref.title
        elif ref.evidence in ("official", "press", "study"):
            assert "[site commercial]" not in link and not link.endswith("]"), ref.title
