"""The foundation end to end, on both runtimes, through the emulator over real HTTP."""

from __future__ import annotations

import pytest

from tests.e2e.harness import Harness


async def test_start_shows_the_menu_and_registers_commands(bot: Harness) -> None:
    alice = bot.user()
    [reply] = await alice.ask("/start")
    assert "技能大师工作室" in reply.plain
    assert reply.labels(), "the menu comes as buttons"
    assert {c["command"] for c in bot.emu.commands("zh")} >= {"start", "help", "cancel"}
    assert any(c["description"] == "Help" for c in bot.emu.commands("en"))


async def test_help_in_english_for_an_english_client(bot: Harness) -> None:
    bob = bot.user(1002, "Bob", language_code="en")
    [reply] = await bob.ask("/help")
    assert "/cancel" in reply.plain and "Cancel the current step" in reply.plain


async def test_language_switch_edits_the_message_in_place(bot: Harness) -> None:
    alice = bot.user()
    await alice.ask("/language")
    [edited] = await alice.click("English")
    assert edited.plain.startswith("Switched to English")
    [reply] = await alice.ask("/start")
    assert "Skill Master Studio" in reply.plain


async def test_cancel_with_nothing_open(bot: Harness) -> None:
    [reply] = await bot.user().ask("/cancel")
    assert "没有需要取消" in reply.plain


async def test_unknown_command_and_unexpected_messages(bot: Harness) -> None:
    alice = bot.user()
    [reply] = await alice.ask("/frobnicate")
    assert "/frobnicate" in reply.plain
    [reply] = await alice.ask("hello <b>there</b> & you")
    assert "没有理解" in reply.plain
    [reply] = await alice.exchange(alice.send_sticker())
    assert "sticker" in reply.plain
    [reply] = await alice.exchange(alice.send_photo(b"\xff\xd8\xff\xe0jpeg"))
    assert "不需要上传文件" in reply.plain


async def test_stale_and_forged_buttons_change_nothing(bot: Harness) -> None:
    alice = bot.user()
    await alice.ask("/start")
    await alice.exchange(alice.press_data("lang:41:en"))
    await alice.exchange(alice.press_data("garbage"))
    assert alice.callback_answers[-2:] == ["这个按钮已经过期，没有做任何更改。"] * 2
    [reply] = await alice.ask("/start")
    assert "技能大师工作室" in reply.plain, "the language did not change"


async def test_a_redelivered_update_is_handled_once(bot: Harness) -> None:
    alice = bot.user()
    update_id = await alice.send("/help")
    await bot.emu.wait_confirmed(update_id)
    before = bot.emu.count("sendMessage")
    bot.emu.redeliver(update_id)
    await bot.emu.wait_confirmed(update_id)
    follow = await alice.ask("/cancel")
    assert len(follow) == 1
    assert bot.emu.count("sendMessage") == before + 1


async def test_an_update_survives_a_crash_of_the_bot(bot: Harness) -> None:
    alice = bot.user()
    await alice.ask("/start")
    await bot.restart(crash=True)
    [reply] = await alice.ask("/help")
    assert "/cancel" in reply.plain


async def test_staff_see_coming_reminders_through_the_wired_scheduler(bot: Harness) -> None:
    [reply] = await bot.staff().ask("/reminders")
    assert reply.plain.startswith("未来 14 天将发送的提醒")


async def test_staff_who_never_wrote_are_named_at_start_and_in_stats(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    said = [r.getMessage() for r in caplog.get_records("setup")]
    assert "staff 9002 cannot be sent notices: has not started the bot yet" in said
    [reply] = await bot.staff(9001).ask("/stats")
    assert "收不到通知的工作人员" in reply.plain and reply.plain.endswith("9002")
