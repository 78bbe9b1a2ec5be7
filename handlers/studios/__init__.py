"""Staff on a confirmed studio: its card, heritage targets, acceptance, renewal, revocation."""

from __future__ import annotations

from handlers.flow import Flow
from handlers.studios.flow import StudioFlow


def studio_flows() -> list[Flow]:
    return [StudioFlow()]
