"""The command a return notice names (services.revisions) opens that kind's form in the chat."""

from __future__ import annotations

from handlers.flows import all_flows
from handlers.forms import FormFlow
from handlers.registry import Registry
from services import revisions


def test_every_kind_is_reopened_by_a_command_of_its_own_form() -> None:
    registry = Registry(all_flows())
    for kind, command in revisions.OPENED_BY.items():
        flow = registry.by_command[command]
        assert isinstance(flow, FormFlow) and flow.spec.name == kind
