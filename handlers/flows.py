"""Every flow the bot serves, in menu order; each capability adds its flows here."""

from __future__ import annotations

from handlers.annual import annual_flows
from handlers.application import ApplicationFlow
from handlers.binding import binding_flows
from handlers.common import common_flows
from handlers.eligibility import eligibility_flows
from handlers.exports import ExportFlow
from handlers.flow import Flow
from handlers.review import review_flows
from handlers.roles import RoleSource, studio_roles
from handlers.staff_grants import StaffFlow
from handlers.stats import StatsFlow
from handlers.status import StatusFlow
from handlers.studios import studio_flows


def all_flows() -> list[Flow]:
    """The menu lists capabilities first, help and language last."""
    return [
        *eligibility_flows(),
        ApplicationFlow(),
        StatusFlow(),
        *annual_flows(),
        *review_flows(),
        StatsFlow(),
        ExportFlow(),
        StaffFlow(),
        *binding_flows(),
        *studio_flows(),
        *common_flows(),
    ]


def role_sources() -> list[RoleSource]:
    return [studio_roles]
