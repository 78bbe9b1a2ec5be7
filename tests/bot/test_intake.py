"""The intake: each raw update on its own, answered once, retried or kept as a dead letter.

Raw updates are queued in the emulator and fetched through each runtime's getUpdates, then
taken the way polling takes them (`handle_batch`, `next_offset`).
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.commands import updates
from bot.intake import Outcome, RetryLater
from bot.intake.translate import translate
from bot.settings import Settings
from emulator import Emulator
from storage.models import DeadLetter, ProcessedUpdate, User
from storage.repos.dead_letters import DeadLettersRepo
from tests.bot.intake_rig import IntakeRig, intake_rig
from tests.bot.raw_updates import message_body, push, push_message, user_json

APOLOGY = "抱歉，处理您的消息时出错了"
ALICE, BOB, CAROL = 1001, 1002, 1003


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator()
    await emulator.start()
    for user_id in (ALICE, BOB, CAROL):
        emulator.user(user_id)
    yield emulator
    await emulator.stop()


@pytest.fixture(params=["aiogram", "ptb"])
async def rig(
    request: pytest.FixtureRequest, emu: Emulator, sqlite_db: str
) -> AsyncIterator[IntakeRig]:
    async with intake_rig(emu, request.param, sqlite_db) as made:
        yield made


async def _letters(rig: IntakeRig) -> list[DeadLetter]:
    async with rig.uow() as uow:
        return await uow.repo(DeadLettersRepo).listed()


async def test_a_poison_update_between_two_good_ones_holds_up_nobody(rig: IntakeRig) -> None:
    first = push_message(rig.emu, ALICE, text="/help")
    poison = push_message(rig.emu, CAROL, text="/boom")
    last = push_message(rig.emu, BOB, text="/help")
    offset = await rig.take_batch()
    assert offset == last + 1 and first < poison < last
    assert "/cancel" in rig.texts(ALICE)[-1] and "/cancel" in rig.texts(BOB)[-1]
    assert [t for t in rig.texts(CAROL) if APOLOGY in t] == [rig.texts(CAROL)[-1]]
    [letter] = await _letters(rig)
    assert (letter.update_id, letter.attempts, letter.handled) == (poison, 1, False)
    assert "RuntimeError: poison" in letter.error and '"/boom"' in letter.raw
    rig.emu.redeliver(poison)
    assert await rig.take_all() == [Outcome.DUPLICATE]
    assert len(rig.texts(CAROL)) == 1, "one apology, however often it comes"


async def test_a_transient_failure_is_retried_then_kept_after_the_last_attempt(
    rig: IntakeRig,
) -> None:
    rig.boom.failure = OperationalError("INSERT …", None, Exception("database is locked"))
    update_id = push_message(rig.emu, CAROL, text="/boom")
    [raw] = await rig.fetch()
    for attempt in (1, 2):
        with pytest.raises(RetryLater) as held:
            await rig.intake.take(raw)
        assert (held.value.update_id, held.value.attempts) == (update_id, attempt)
        assert rig.texts(CAROL) == [], "nothing is said while it may still go through"
    assert await rig.take_batch([raw]) == update_id + 1
    [letter] = await _letters(rig)
    assert letter.attempts == 3 and "database is locked" in letter.error
    assert len([t for t in rig.texts(CAROL) if APOLOGY in t]) == 1


async def test_a_transient_failure_that_clears_is_answered_once(rig: IntakeRig) -> None:
    rig.boom.failure = OperationalError("INSERT …", None, Exception("database is locked"))
    rig.boom.times = 1
    update_id = push_message(rig.emu, CAROL, text="/boom")
    later = push_message(rig.emu, CAROL, text="/help")
    assert await rig.take_batch() == update_id, "the offset stops before it; so does its chat"
    assert rig.texts(CAROL) == []
    assert await rig.take_batch() == later + 1
    assert rig.texts(CAROL)[0] == "boom defused" and "/cancel" in rig.texts(CAROL)[1]
    assert await _letters(rig) == []


async def test_a_duplicate_in_one_batch_and_in_a_later_one_is_answered_once(
    rig: IntakeRig,
) -> None:
    push_message(rig.emu, ALICE, text="/help")
    [raw] = await rig.fetch()
    await rig.take_batch([raw, raw])
    assert await rig.intake.take(raw) is Outcome.DUPLICATE
    assert len(rig.texts(ALICE)) == 1


async def test_a_concurrent_duplicate_waits_for_the_first_copy_and_stays_silent(
    rig: IntakeRig,
) -> None:
    push_message(rig.emu, ALICE, text="/help")
    [raw] = await rig.fetch()
    rig.emu.faults.add("sendMessage", delay=0.3)  # the first copy is still sending
    outcomes = await asyncio.gather(rig.intake.take(raw), rig.intake.take(raw))
    assert sorted(outcomes) == [Outcome.DUPLICATE, Outcome.HANDLED]
    assert len(rig.texts(ALICE)) == 1


async def test_replies_not_sent_before_a_crash_go_out_once_on_redelivery(rig: IntakeRig) -> None:
    push_message(rig.emu, ALICE, text="/help")
    [raw] = await rig.fetch()
    incoming = translate(raw)
    assert incoming is not None
    await rig.core.handle(incoming)  # committed, then the process died before sending
    assert await rig.intake.take(raw) is Outcome.HANDLED
    assert await rig.intake.take(raw) is Outcome.DUPLICATE
    assert len(rig.texts(ALICE)) == 1


@pytest.mark.parametrize(
    "kind, body",
    [
        ("edited_message", message_body(ALICE, text="edited")),
        ("my_chat_member", {"chat": {"id": ALICE, "type": "private"}, "from": user_json(ALICE)}),
        ("message_reaction", {"chat": {"id": ALICE, "type": "private"}, "user": user_json(ALICE)}),
    ],
)
async def test_other_kinds_of_update_are_confirmed_and_ignored(
    rig: IntakeRig, kind: str, body: dict[str, object]
) -> None:
    update_id = push(rig.emu, kind, body)
    raw = {"update_id": update_id, kind: body}  # as a webhook would get it
    assert await rig.intake.take(raw) is Outcome.IGNORED
    assert await rig.take_batch([raw]) == update_id + 1
    assert rig.texts(ALICE) == [] and await _letters(rig) == []


@pytest.mark.parametrize(
    "fields, says",
    [
        ({"text": "/help", "link_preview_options": {"is_disabled": True}}, "/cancel"),
        ({"text": "/help", "entities": "oops"}, "/cancel"),
        ({"text": 12}, "没能读懂"),
        ({"text": "/help", "from": 5}, "/cancel"),
    ],
    ids=["link-preview", "entities-oops", "text-number", "from-number"],
)
async def test_odd_fields_in_a_users_message(
    rig: IntakeRig, fields: dict[str, object], says: str
) -> None:
    push_message(rig.emu, ALICE, **fields)
    assert await rig.take_all() == [Outcome.HANDLED]
    [reply] = rig.texts(ALICE)
    assert says in reply


async def test_an_update_naming_nobody_is_kept_without_a_word(rig: IntakeRig) -> None:
    update_id = push_message(rig.emu, ALICE, text="hi", **{"from": 5, "chat": "x"})
    assert await rig.take_all() == [Outcome.DEAD_LETTERED]
    [letter] = await _letters(rig)
    assert letter.update_id == update_id and "names no user" in letter.error
    assert rig.emu.count("sendMessage") == 0


def _updates_cli(argv: list[str], settings: Settings) -> int:
    parser = argparse.ArgumentParser()
    updates.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args, settings)
    return code


async def test_a_dead_letter_is_listed_and_run_again_after_the_fix(
    rig: IntakeRig, sqlite_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    poison = push_message(rig.emu, CAROL, text="/boom")
    await rig.take_batch()
    settings = Settings(
        bot_token=rig.emu.token,
        telegram_api_url=rig.emu.base_url,  # type: ignore[arg-type]
        database_url=sqlite_db,
    )
    assert await asyncio.to_thread(_updates_cli, ["updates", "failed"], settings) == 0
    assert f"{poison}  attempts 1" in capsys.readouterr().out
    # The released bot no longer has the failing command: it answers as for any unknown one.
    assert await asyncio.to_thread(_updates_cli, ["updates", "retry", str(poison)], settings) == 0
    assert "handled" in capsys.readouterr().out
    assert "/boom" in rig.texts(CAROL)[-1] and APOLOGY in rig.texts(CAROL)[0]
    assert await _letters(rig) == []
    assert await asyncio.to_thread(_updates_cli, ["updates", "retry", str(poison)], settings) == 1


async def test_run_again_in_process_replays_a_handled_update_instead_of_redoing_it(
    rig: IntakeRig,
) -> None:
    rig.emu.faults.add("sendMessage", status=500, times=None, chat_id=ALICE)
    update_id = push_message(rig.emu, ALICE, text="/help")
    [raw] = await rig.fetch()
    for _ in range(2):
        with pytest.raises(RetryLater):
            await rig.intake.take(raw)
    assert await rig.intake.take(raw) is Outcome.DEAD_LETTERED
    [letter] = await _letters(rig)
    assert letter.handled and letter.attempts == 3
    rig.emu.faults.clear()
    assert await rig.intake.retry(update_id) is Outcome.HANDLED
    assert len(rig.texts(ALICE)) == 1 and "/cancel" in rig.texts(ALICE)[0]
    async with rig.uow() as uow:
        row = await uow.session.get(ProcessedUpdate, update_id)
    assert row is not None and row.replied_at is not None


@pytest.mark.postgres
async def test_on_postgresql_two_processes_answer_a_concurrent_duplicate_once(
    emu: Emulator, pg_url: str
) -> None:
    async with intake_rig(emu, "aiogram", pg_url) as one, intake_rig(emu, "ptb", pg_url) as two:
        push_message(emu, ALICE, text="/help")
        [raw] = await one.fetch()
        emu.faults.add("sendMessage", delay=0.3)
        outcomes = await asyncio.gather(one.intake.take(raw), two.intake.take(raw))
        assert sorted(outcomes) == [Outcome.DUPLICATE, Outcome.HANDLED]
        assert len(one.texts(ALICE)) == 1


@pytest.mark.postgres
async def test_on_postgresql_a_copy_handled_by_a_process_that_died_is_replayed_at_once(
    emu: Emulator, pg_url: str
) -> None:
    push_message(emu, ALICE, text="/help")
    async with intake_rig(emu, "aiogram", pg_url) as gone:
        [raw] = await gone.fetch()
        incoming = translate(raw)
        assert incoming is not None
        await gone.core.handle(incoming)  # committed, then the process died before sending
    async with intake_rig(emu, "ptb", pg_url) as survivor:
        assert await survivor.intake.take(raw) is Outcome.HANDLED
        assert await survivor.intake.take(raw) is Outcome.DUPLICATE
        assert len(survivor.texts(ALICE)) == 1


@pytest.mark.postgres
async def test_on_postgresql_a_long_language_tag_is_stored_cut_to_fit(
    emu: Emulator, pg_url: str
) -> None:
    async with intake_rig(emu, "aiogram", pg_url) as rig:
        tag = "zh-hans-cn-x-private-" + "a" * 40
        push_message(
            emu, ALICE, text="/help", **{"from": {**user_json(ALICE), "language_code": tag}}
        )
        assert await rig.take_all() == [Outcome.HANDLED]
        async with rig.uow() as uow:
            user = await uow.session.scalar(select(User).where(User.id == ALICE))
        assert user is not None and user.telegram_language == tag[:16]
        assert "/cancel" in rig.texts(ALICE)[0]
