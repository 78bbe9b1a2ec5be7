"""When a draft counts as idle and its owner gets a nudge (a product rule, not the Measures').

A unit fills the application in over days; a draft untouched for :data:`DRAFT_IDLE_DAYS` gets one
reminder per idle stretch (touching the draft starts a new stretch), sent outside quiet hours
(:func:`policy.calendar.next_allowed_send`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

DRAFT_IDLE_DAYS: Final = 3


def idle_since(now: datetime) -> datetime:
    """Drafts last touched before this moment are idle at ``now``."""
    return now - timedelta(days=DRAFT_IDLE_DAYS)
