"""The first things anyone meets: menu, help, cancel, language, and whatever is unexpected."""

from __future__ import annotations

from collections.abc import Callable

from handlers.events import Command, Incoming, Sender
from services.messages.actions import Send
from tests.handlers.conftest import STAFF_ID
from tests.handlers.driver import ChatDriver, upload

Chat = Callable[..., ChatDriver]


async def test_start_greets_in_the_users_telegram_language(chat: Chat) -> None:
    alice = chat(language="en")
    await alice.command("start")
    assert "Skill Master Studio" in alice.last.text
    zhang = chat(1002, language="zh-hans")
    await zhang.command("start")
    assert "技能大师工作室" in zhang.last.text


async def test_unknown_language_falls_back_to_the_default_locale(chat: Chat) -> None:
    bob = chat(language="fr")
    await bob.command("start")
    assert "技能大师工作室" in bob.last.text


async def test_staff_get_the_staff_greeting(chat: Chat) -> None:
    staff = chat(STAFF_ID)
    await staff.command("start")
    assert "经办机构工作人员" in staff.last.text


async def test_language_switch_is_remembered(chat: Chat) -> None:
    alice = chat()
    await alice.command("language")
    await alice.press("English")
    assert alice.last.text.startswith("Switched to English")
    await alice.command("help")
    assert "/cancel" in alice.last.text and "Cancel" in alice.last.text


async def test_help_lists_commands(chat: Chat) -> None:
    alice = chat()
    await alice.command("help")
    assert "/help" in alice.last.text and "/cancel" in alice.last.text


async def test_unknown_command_is_named_in_the_reply(chat: Chat) -> None:
    alice = chat()
    await alice.command("frobnicate")
    assert "/frobnicate" in alice.last.text and "/help" in alice.last.text


async def test_text_stickers_and_files_out_of_place_get_help_and_the_menu(chat: Chat) -> None:
    alice = chat()
    for send in (alice.text("hello?"), alice.sticker(), alice.file(upload())):
        actions = await send
        assert len(actions) == 1 and isinstance(actions[0], Send)
        assert actions[0].keyboard, "the reply offers the menu"


async def test_user_text_is_escaped_in_replies(chat: Chat) -> None:
    alice = chat(first_name="<b>Al & ice</b>")
    alice.first_name = "<b>Al & ice</b>"
    await alice.command("start")
    assert "&lt;b&gt;Al &amp; ice&lt;/b&gt;" in alice.last.text


async def test_forged_and_stale_buttons_change_nothing_and_say_so(chat: Chat) -> None:
    alice = chat()
    await alice.command("start")
    for payload in ("nonsense", "nosuchflow::x", "lang:99:zh", "x" * 64):
        actions = await alice.press_data(payload)
        assert alice.answers[-1].alert and "过期" in (alice.answers[-1].text or "")
        assert all(not isinstance(a, Send) or a.chat_id == alice.user_id for a in actions)


async def test_cancel_with_nothing_open(chat: Chat) -> None:
    alice = chat()
    await alice.command("cancel")
    assert "没有需要取消" in alice.last.text


async def test_a_duplicate_update_is_handled_once(chat: Chat) -> None:
    alice = chat()
    first = await alice.event(Command("start"), update_id=777)
    again = await alice.event(Command("start"), update_id=777)
    assert first and again == []


async def test_replies_not_yet_delivered_are_replayed_on_redelivery(chat: Chat) -> None:
    alice = chat()
    sender = Sender(alice.user_id, alice.user_id, "Alice", None, "zh")
    first = await alice.core.handle(Incoming(778, sender, Command("help")))
    # the process died before delivering: Telegram redelivers the same update
    replayed = await alice.core.handle(Incoming(778, sender, Command("help")))
    assert first.first and not replayed.first
    assert replayed.replies == first.replies
    await alice.core.delivered(778)
    assert (await alice.core.handle(Incoming(778, sender, Command("help")))).replies == []
