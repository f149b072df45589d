"""The rate card of a media kit: what to ask a brand for each deliverable, from sourced parameters.

- The dedicated sponsored video is exactly the brand-deal stream for one video (`streams.brand_deals` with
  `sponsored_videos` = 1): the same tier prices, rates per 1,000 followers, engagement and niche factors, so
  its range is what `estimate()` gives for one sponsored video on the same inputs.
- Every other deliverable (rates.yml `rate_card.deliverables`) is that price times each sourced ratio, one
  range per source: the dedicated video's headline low times the ratio's low, its high times the ratio's
  high. Its headline is the envelope of the ratios with the best evidence, as for a stream; its confidence
  the lower of the dedicated video's and its ratios'.
- Amounts are in USD (what the price tables give) and in EUR at the dated rate (`usd_to_eur`).
- With a `tax_status`, each deliverable's `net` is the calculator's French net model (calculator/net.py,
  same household inputs) for one such deal a month: contributions, income tax at the barème or the
  versement libératoire, and the thresholds it crosses; `vat` reminds how to invoice a brand in France.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from . import french
from .estimate import notices
from .inputs import Inputs, parsed
from .money import cents
from .net import net_block
from .rates import Deliverable, Rates, evidence_class
from .results import (
    EUR,
    USD,
    Bounds,
    Confidence,
    DeliverablePrice,
    ExchangeRate,
    FactorEntry,
    MoneyRange,
    Net,
    RateCard,
    Stream,
    SurveyAnswer,
    VatReminder,
    plain,
)
from .streams import brand_deals
from .streams.shape import confidence as stream_confidence

DEDICATED_VIDEO = "dedicated_video"
"""The key of the deliverable every other one is priced from."""
BLANK_IS_ZERO = ("monthly_views", "video_seconds")
"""Inputs the estimate requires that no price of the card depends on: left blank, they read as 0."""
CONFIDENCE_ORDER: tuple[Confidence, ...] = ("high", "medium", "low", "unverified")


def card_inputs(inputs: Mapping[str, object]) -> dict[str, object]:
    """The inputs as the rate card reads them: views and video length may stay blank."""
    given = dict(inputs)
    for key in BLANK_IS_ZERO:
        if given.get(key) in (None, ""):
            given[key] = 0
    return given


def price_card(values: Inputs, rates: Rates) -> RateCard:
    """The typed rate card for inputs already read (`sponsored_videos` is ignored: each price is for one deal)."""
    one_video = dataclasses.replace(values, sponsored_videos=1.0)
    base = brand_deals.compute(one_video, rates)
    rate = rates.usd_to_eur
    deliverables = {DEDICATED_VIDEO: _dedicated(base, values, rates)}
    for key, deliverable in rates.rate_card.deliverables.items():
        deliverables[key] = _priced(deliverable, base, values, rates)
    situation_given = any(item.net is not None for item in deliverables.values())
    return RateCard(
        currency=USD,
        exchange_rate=ExchangeRate(rate.value, rate.as_of, rate.label),
        eligible=base.eligible,
        unmet=base.unmet,
        reasons=base.reasons,
        tier=base.details.tier,
        engagement_factor=base.details.engagement_factor,
        niche_factor=base.details.niche_factor,
        deliverables=deliverables,
        france_survey=tuple(SurveyAnswer(band.key, band.label, band.share.value, band.price.value,
                                         band.price.references + band.share.references)
                            for band in rates.brand_deals.france_survey),
        notices=notices(values, rates),
        net_basis=NET_BASIS if situation_given else None,
        vat=_vat(values, rates) if situation_given else None,
    )


def rate_card(inputs: Inputs | Mapping[str, object], rates: Rates) -> dict[str, Any]:
    """`price_card` as the plain dict README documents ("What `rate_card()` returns").

    Takes inputs already read, or a mapping of input keys to values (the estimate's keys; `monthly_views` and
    `video_seconds` may stay blank), validated: InputError naming the key for a missing or invalid input.
    """
    values = inputs if isinstance(inputs, Inputs) else parsed(card_inputs(inputs), rates)
    result: dict[str, Any] = plain(price_card(values, rates))
    return result


NET_BASIS = ("Pour chaque prestation : ce qu'il vous reste d'un partenariat de ce type par mois, seul revenu de "
             "votre micro-entreprise, avec les autres revenus de votre foyer.")


def _dedicated(base: Stream[brand_deals.Details], values: Inputs, rates: Rates) -> DeliverablePrice:
    return DeliverablePrice(
        key=DEDICATED_VIDEO,
        label="Vidéo sponsorisée dédiée",
        per="par vidéo",
        description="Une vidéo entière consacrée à la marque et à son produit.",
        amount=base.amount,
        eur=base.amount.scaled(rates.usd_to_eur.value, EUR),
        extremes=base.extremes,
        confidence=base.confidence,
        basis=("le prix d'une vidéo sponsorisée selon vos abonnés, votre engagement et votre niche, comme "
               "dans le calculateur pour une vidéo par mois"),
        ranges=base.ranges,
        net=_net(base.amount, values, rates),
    )


def _priced(deliverable: Deliverable, base: Stream[brand_deals.Details], values: Inputs,
            rates: Rates) -> DeliverablePrice:
    factors = deliverable.factors
    best = min(evidence_class(factor.evidence) for factor in factors)
    entries = tuple(
        FactorEntry(
            key=factor.key or factor.path,
            source=factor.label,
            parameter=factor.path,
            assumption=factor.assumption,
            evidence=factor.evidence,
            in_headline=evidence_class(factor.evidence) == best,
            references=factor.references,
            factor=Bounds(factor.low, factor.high),
            amount=MoneyRange(cents(base.amount.low * factor.low), cents(base.amount.high * factor.high), USD),
        )
        for factor in factors
    )
    headline = [entry for entry in entries if entry.in_headline]
    amount = _envelope(headline)
    own = stream_confidence([entry.evidence for entry in headline])
    ratios = french.span(min(entry.factor.low for entry in headline), max(entry.factor.high for entry in headline))
    return DeliverablePrice(
        key=deliverable.key,
        label=deliverable.label,
        per=deliverable.per,
        description=deliverable.description,
        amount=amount,
        eur=amount.scaled(rates.usd_to_eur.value, EUR),
        extremes=_envelope(entries),
        confidence=max(base.confidence, own, key=CONFIDENCE_ORDER.index),
        basis=(f"le prix de la vidéo dédiée multiplié par {ratios}, selon "
               f"{'la source retenue' if len(headline) == 1 else f'les {len(headline)} sources retenues'}"),
        ranges=entries,
        net=_net(amount, values, rates),
    )


def _envelope(entries: tuple[FactorEntry, ...] | list[FactorEntry]) -> MoneyRange:
    return MoneyRange(min((entry.amount.low for entry in entries), default=0.0),
                      max((entry.amount.high for entry in entries), default=0.0), USD)


def _net(price: MoneyRange, values: Inputs, rates: Rates) -> Net | None:
    """The net model for one such deal a month (None without a tax status); all of it is paid by a brand in France."""
    return net_block(price, price, values, rates, in_france=price)


def _vat(values: Inputs, rates: Rates) -> VatReminder:
    category = rates.france.categories[values.tax_status]
    threshold, tolerance = category.vat_threshold.value, category.vat_tolerance.value
    mention = rates.rate_card.invoice_vat_mention
    message = (f"Un partenariat avec une marque en France compte dans la franchise en base de TVA : tant que vos "
               f"recettes de clients et de marques en France restent sous {french.money(threshold, 'EUR')} par "
               f"an, facturez hors taxe avec la mention « {mention.label} ». Au-delà, ces recettes "
               f"{french.vat_switch(tolerance)} : la facture ajoute alors la TVA au prix.")
    return VatReminder(threshold=threshold, tolerance=tolerance, message=message,
                       references=category.vat_threshold.references + mention.references)
