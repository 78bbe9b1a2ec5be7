"""Agency staff review submissions: /pending, a submission's card, and the decisions on it."""

from __future__ import annotations

from handlers.flow import Flow
from handlers.review.flow import ReviewFlow


def review_flows() -> list[Flow]:
    """/pending; /bind, /stats, /export and /staff live in their own packages."""
    return [ReviewFlow()]
