"""Over-long replies are split at line breaks, keyboard last; nothing is dropped."""

from __future__ import annotations

from handlers.context import Context, CoreConfig
from handlers.core import Core
from handlers.events import Command, Incoming, Sender
from handlers.fit import chunks, fit
from handlers.flow import Flow
from services.messages.actions import AnswerCallback, Btn, Edit, Send
from storage.db import create_engine, session_factory

KEYBOARD = ((Btn(label="OK", payload="x::ok"),),)


def test_short_replies_pass_untouched() -> None:
    send = Send(chat_id=1, text="short", keyboard=KEYBOARD)
    answer = AnswerCallback(callback_id="7")
    assert fit([send, answer]) == [send, answer]


def test_a_long_send_becomes_several_with_the_keyboard_on_the_last() -> None:
    text = "\n".join(f"<b>{n}.</b> line {n}" for n in range(1000))
    parts = fit([Send(chat_id=1, text=text, keyboard=KEYBOARD)])
    assert len(parts) > 1
    assert all(isinstance(p, Send) and len(p.text) <= 4096 for p in parts)
    assert [p.keyboard for p in parts if isinstance(p, Send)] == [None] * (len(parts) - 1) + [
        KEYBOARD
    ]
    assert "\n".join(p.text for p in parts if isinstance(p, Send)) == text


def test_an_edit_keeps_its_first_part_in_place() -> None:
    text = "\n".join("x" * 100 for _ in range(100))
    parts = fit([Edit(chat_id=1, message_id=5, text=text, keyboard=KEYBOARD)])
    assert isinstance(parts[0], Edit) and parts[0].keyboard is None
    assert all(isinstance(p, Send) for p in parts[1:])
    assert parts[-1].keyboard == KEYBOARD  # type: ignore[union-attr]


def test_a_single_huge_line_is_cut() -> None:
    parts = chunks("y" * 10_000)
    assert [len(p) for p in parts] == [4096, 4096, 1808]


class _Chatty(Flow):
    name = "chatty"
    commands = ("chatty",)

    async def start(self, ctx: Context, args: str) -> None:
        ctx.send("\n".join(f"answer {n}: " + "详" * 60 for n in range(200)), KEYBOARD)


async def test_the_core_splits_what_a_flow_says(sqlite_db: str) -> None:
    engine = create_engine(sqlite_db)
    try:
        core = Core(session_factory(engine), [_Chatty()], CoreConfig())
        sender = Sender(1, 1, "A", None, "zh")
        replies = (await core.handle(Incoming(1, sender, Command("chatty")))).replies
    finally:
        await engine.dispose()
    assert len(replies) > 1
    assert all(isinstance(r, Send) and len(r.text) <= 4096 for r in replies)
