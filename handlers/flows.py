"""Every flow the bot serves, in menu order; each capability adds its flows here."""

from __future__ import annotations

from handlers.common import common_flows
from handlers.flow import Flow
from handlers.roles import RoleSource


def all_flows() -> list[Flow]:
    return [*common_flows()]


def role_sources() -> list[RoleSource]:
    return []
