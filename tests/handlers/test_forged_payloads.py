"""Button payloads are untrusted: no forged press, for any flow and any role, may crash the bot.

Every registered flow gets presses with plausible verbs and hostile arguments (huge ids, unicode
digits, negative numbers, empty parts); each must end in a clear reply, never an exception
(which the shell would answer with the error apology).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from handlers.flows import all_flows
from services.messages.payloads import MAX_PAYLOAD_BYTES
from services.messages.texts import Texts
from tests.handlers.conftest import STAFF_ID
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
STALE = Texts("zh")("common.stale_button")
VERBS = (
    "open", "page", "approve", "return", "reject", "confirm", "s", "rm", "code", "pick",
    "field", "edit", "del", "skip", "back", "cancel", "zh", "ans", "add", "done", "v", "y", "n",
)  # fmt: skip
ARGS = ("99999999999999999999999999", "²", "-1", "", "1:v²", "1:1:1")


def _payloads(flow: str) -> list[str]:
    found = []
    for verb in VERBS:
        for arg in ARGS:
            for seq in ("", "1"):
                payload = f"{flow}:{seq}:{verb}:{arg}" if arg else f"{flow}:{seq}:{verb}"
                if len(payload.encode()) <= MAX_PAYLOAD_BYTES:
                    found.append(payload)
    return found


@pytest.mark.parametrize("flow", [f.name for f in all_flows()])
@pytest.mark.parametrize("user_id", [STAFF_ID, 1001], ids=["staff", "public"])
async def test_forged_presses_never_crash(chat: Chat, flow: str, user_id: int) -> None:
    someone = chat(user_id)
    await someone.command("start")
    crashes = []
    for payload in _payloads(flow):
        try:
            await someone.press_data(payload)
        except Exception as exc:
            crashes.append(f"{payload}: {exc!r}")
    assert crashes == []


@pytest.mark.parametrize("seq", ["²", "٣", "-1", "99999999999999999999999999"])
async def test_a_step_that_is_no_number_is_a_stale_button(chat: Chat, seq: str) -> None:
    alice = chat()
    await alice.command("apply")
    for flow in [f.name for f in all_flows()]:
        await alice.press_data(f"{flow}:{seq}:back")
        assert alice.answers[-1].text == STALE, flow
