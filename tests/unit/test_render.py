"""The results panel's HTML: the DOM contract, French amounts, and escaped text."""

from __future__ import annotations

import dataclasses
import re

from calculator import Rates, estimate, french, in_currency, requirements
from calculator.render import render_goal, render_result

INPUTS = {"followers": 20000, "age": 25, "monthly_views": 1_000_000, "qualified_views_percent": 100,
          "video_seconds": 75}


def test_panel_keeps_the_dom_contract(rates: Rates) -> None:
    result = estimate(INPUTS, rates)
    html = render_result(result, result)
    assert re.findall(r'data-stream="(\w+)" data-low="([\d.]+)" data-high="([\d.]+)"', html)[0] == (
        "creator_rewards", "11.78", "1178.41")
    assert html.count("data-stream=") == len(result["streams"])
    assert '<p class="cpt-total" data-total data-low="11.78" data-high="1178.41">' in html
    # Readers see three significant digits at most; the data attributes keep the cents.
    assert "Total estimé : 11,8\u00a0$ à 1\u202f180\u00a0$ par mois" in html
    # How solid it is, how far all sources go, and each range's grade.
    assert 'data-confidence="medium"' in html
    assert "Conditions remplies ; fiabilité moyenne (presse ou études)." in html
    assert "De 11,8\u00a0$ à 6\u202f000\u00a0$ par mois selon toutes les sources." in html
    assert '<li data-evidence="unverified">' in html and "[non vérifiée, hors fourchette retenue]" in html


def test_the_summary_says_the_total_in_one_sentence(rates: Rates) -> None:
    result = estimate(INPUTS, rates)
    summary = re.findall(r"<section class=\"cpt-summary\" data-summary.*?</section>", render_result(result, result))
    assert len(summary) == 1 and "data-total" in summary[0]
    assert ("TikTok vous verserait environ 11,8\u00a0$ à 1\u202f180\u00a0$ par mois ; vos autres revenus "
            "(partenariats, LIVE, ventes…) s&#x27;y ajoutent.") in summary[0]
    both = estimate({**INPUTS, "sponsored_videos": 1, "product_sales": 10, "product_price": 20}, rates)
    total, tiktok = both["total"], both["payout"]["tiktok_monthly"]
    assert total != tiktok
    sentence = re.findall(r'<p class="cpt-sentence">(.*?) <a', render_result(both, both))[0]
    assert sentence.startswith(f"Vous gagneriez environ {french.readable_span(total['low'], total['high'], 'USD')} "
                               f"par mois, dont {french.readable_span(tiktok['low'], tiktok['high'], 'USD')} versés "
                               "par TikTok.")


def goal_summary(target: float, inputs: dict[str, object], rates: Rates) -> str:
    """The text of the goal panel's summary: its headline, then its sentence."""
    html = render_goal(requirements(target, inputs, rates))
    summary = html[:html.index("</section>")]
    assert summary.startswith('<section class="cpt-summary" data-summary'), "the summary comes first"
    return re.sub(r"[ \n]+", " ", re.sub(r"<[^>]+>", " ", summary)).strip()  # the figures' own spaces stay


def test_the_goal_summary_gives_the_first_source_that_gets_there_and_counts_the_others(rates: Rates) -> None:
    # The views, when the rewards program gets there: the question the goal mode asks.
    assert goal_summary(1000, {**INPUTS, "tax_status": "micro_bnc"}, rates) == (
        "Pour 1\u202f000\u00a0€ nets par mois : environ 1,3 à 130 millions de vues sur 30 jours "
        "C&#x27;est ce qu&#x27;il faudrait avec la seule source « Programme de récompenses pour les créateurs ». "
        "2 autres sources y mènent aussi. Voir le détail")
    # Under 10,000 followers the program is closed: the headline is the first source that still gets there.
    assert goal_summary(1000, {**INPUTS, "followers": 5000}, rates) == (
        "Pour 1\u202f000\u00a0€ bruts par mois : environ 5 à 470 vidéos sponsorisées par mois "
        "C&#x27;est ce qu&#x27;il faudrait avec la seule source « Partenariats avec des marques ». "
        "Une autre source y mène aussi. Voir le détail")
    assert goal_summary(1000, {**INPUTS, "followers": 500}, rates) == (
        "Pour 1\u202f000\u00a0€ bruts par mois : hors de portée Aucune source n&#x27;y mène seule avec ces "
        "chiffres : le détail dit ce qui manque à chacune. Voir le détail")

def test_streams_that_pay_nothing_say_what_would_open_them_without_an_amount(rates: Rates) -> None:
    result = estimate({**INPUTS, "followers": 500}, rates)
    html = render_result(result, result)
    assert "0\u00a0$ à 0\u00a0$" not in html and ">0\u00a0$ par mois" not in html
    others = re.findall(r'<section class="cpt-others" data-others>(.*?)</section>', html)[0]
    lines = re.findall(r'<li data-stream="(\w+)"[^>]*>(.*?)</li>', others)
    assert {name for name, _ in lines} == {"creator_rewards", "brand_deals", "affiliate", "live_gifts",
                                           "subscriptions", "own_products"}
    text = dict(lines)
    assert "non éligible." in text["creator_rewards"]
    assert "Il faut au moins 10\u202f000 abonnés." in text["creator_rewards"]
    assert "indiquez vos ventes par mois et le prix d&#x27;un produit." in text["own_products"]
    eligible = estimate({**INPUTS, "followers": 20000}, rates)
    brand = re.findall(r'<li data-stream="brand_deals"[^>]*>(.*?)</li>', render_result(eligible, eligible))[0]
    minimum = french.number(rates.brand_deals.min_followers.value)
    assert f"dès {minimum} abonnés, indiquez vos vidéos sponsorisées par mois." in brand


def test_euros_change_the_text_not_the_data(rates: Rates) -> None:
    result = estimate(INPUTS, rates)
    html = render_result(result, in_currency(result, rates, "EUR"))
    assert 'data-low="11.78"' in html and "\u00a0€" in html and "Montants convertis à" in html


def test_every_text_is_escaped(rates: Rates) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    rewards = dataclasses.replace(rates.creator_rewards, label=hostile)
    result = estimate(INPUTS, dataclasses.replace(rates, creator_rewards=rewards))
    html = render_result(result, result)
    assert hostile not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
