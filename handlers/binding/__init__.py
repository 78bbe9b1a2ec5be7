"""/bind: binding codes that link the unit's contact or the studio's master to a studio."""

from __future__ import annotations

from handlers.binding.flow import BindFlow
from handlers.flow import Flow


def binding_flows() -> list[Flow]:
    return [BindFlow()]
