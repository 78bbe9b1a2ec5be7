"""The one button codec: what it writes it reads back; what it did not write is BadPayload."""

from __future__ import annotations

import pytest

from services.messages.keyboards import button
from services.messages.payloads import (
    ID,
    MAX_PAYLOAD_BYTES,
    RENAMED_FLOWS,
    VERSION_NO,
    Action,
    BadPayload,
    Payload,
    current_flow,
    decode,
    encode,
    token,
)

TURN = token("page", ("prev", "next"))


@pytest.mark.parametrize(
    ("flow", "action", "seq", "text"),
    [
        ("assess", Action.of("s", 42), 7, "assess:7:s:42"),
        ("review", Action.of("approve", 5, VERSION_NO.write(3)), None, "review::approve:5:v3"),
        ("studio", Action("pending"), None, "studio::pending"),
        ("calendar", Action.of("set", "plan_due"), 1, "calendar:1:set:plan_due"),
        ("check", Action.of("a", "技师"), 2, "check:2:a:技师"),
    ],
)
def test_what_is_written_reads_back(flow: str, action: Action, seq: int | None, text: str) -> None:
    assert encode(flow, action, seq) == text
    assert decode(text) == Payload(flow, seq, action)


def test_typed_arguments_read_back_as_their_kinds() -> None:
    payload = decode("review::approve:5:v3")
    assert payload.action.take(ID, VERSION_NO) == (5, 3)
    assert decode("assess:7:p:next").action.take(TURN) == ("next",)
    assert decode("assess:7:s:42").action.id() == 42


def test_a_payload_over_64_bytes_is_refused_when_written() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        button("x", "review", Action.of("open", "9" * 60))
    longest = encode("assess", Action.of("s", "9" * 18), 10**9)
    assert len(longest.encode()) <= MAX_PAYLOAD_BYTES


@pytest.mark.parametrize(
    "action",
    [Action("Yes"), Action("yes", ("a:b",)), Action("yes", ("",)), Action("")],
)
def test_an_action_that_could_not_be_read_back_is_never_written(action: Action) -> None:
    with pytest.raises(ValueError):
        encode("assess", action)


@pytest.mark.parametrize(
    "data",
    [
        "garbage",
        "",
        "::",
        "review",
        "Review::open:1",
        "review:²:back",
        "review:٣:back",
        "review:-1:back",
        "review:99999999999999999999999999:back",
        "review::open:",
        "review::OPEN:1",
        "review::open:1\x00",
        "review::" + "x" * 70,
        "2~review::open:1",
        "1~review::open:1",
    ],
)
def test_forged_overlong_or_other_version_payloads_are_bad(data: str) -> None:
    with pytest.raises(BadPayload):
        decode(data)


@pytest.mark.parametrize(
    ("data", "kinds"),
    [
        ("review::approve:abc:v1", (ID, VERSION_NO)),
        ("review::approve:1:x1", (ID, VERSION_NO)),
        ("review::approve:1:v²", (ID, VERSION_NO)),
        ("review::approve:1", (ID, VERSION_NO)),
        ("review::approve:1:v1:9", (ID, VERSION_NO)),
        ("assess:1:s:99999999999999999999", (ID,)),
        ("assess:1:p:sideways", (TURN,)),
        ("assess:1:p:next:next", (TURN,)),
    ],
)
def test_arguments_that_are_not_their_kind_are_bad(data: str, kinds: tuple[object, ...]) -> None:
    action = decode(data).action
    with pytest.raises(BadPayload):
        action.take(*kinds)  # type: ignore[call-overload]


def test_a_verb_with_junk_arguments_is_not_the_bare_verb() -> None:
    assert decode("review:1:yes").action.is_("yes")
    assert not decode("review:1:yes:junk").action.is_("yes")


def test_a_former_flow_name_reads_as_the_flows_name_now() -> None:
    assert RENAMED_FLOWS["apply"] == "application"
    assert decode("apply:3:back") == Payload("application", 3, Action("back"))
    assert decode("apply::open") == decode("application::open")
    assert current_flow("apply") == "application" and current_flow("review") == "review"
