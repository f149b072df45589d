"""The income streams, in the order every result lists them: one module each, named after the stream.

Each module exposes the same small interface (`StreamModule`): `NAME`, `compute(inputs, rates)`
returning its typed `Stream`, and `LEVER`, what the goal mode solves it for (None when it does not).
Its docstring says how the stream is computed. Adding a stream is adding its module and naming it below.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..inputs import Inputs
from ..rates import Rates
from ..results import Stream
from . import affiliate, brand_deals, creator_fund, creator_rewards, live_gifts, own_products, subscriptions
from .shape import Lever


class StreamModule(Protocol):
    @property
    def NAME(self) -> str: ...

    @property
    def LEVER(self) -> Lever | None: ...

    def compute(self, inputs: Inputs, rates: Rates) -> Stream[Any]: ...


STREAMS: tuple[StreamModule, ...] = (
    creator_rewards, brand_deals, affiliate, live_gifts, subscriptions, own_products, creator_fund,
)
