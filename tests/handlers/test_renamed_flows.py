"""A flow renamed to the kind it files (`apply` → `application`) keeps every button and
conversation made under its former name working; the command users type stays `/apply`."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from handlers.flows import all_flows
from services.messages.payloads import RENAMED_FLOWS
from services.messages.texts import Texts
from storage.models import Conversation
from storage.uow import UnitOfWork
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]
STALE = Texts("zh")("common.stale_button")


async def _choice(chat: ChatDriver) -> str:
    """The first choice of the application's second question, without its flow prefix."""
    await chat.command("apply")
    await chat.text("星光数控技能大师工作室")
    payload = next(b.payload for b in chat.last.buttons if b.payload)
    assert payload is not None and payload.startswith("application:")
    return payload.removeprefix("application:")


async def _conversation(db: Db, user: int) -> Conversation:
    async with db() as uow:
        found = await uow.session.scalar(select(Conversation).where(Conversation.user_id == user))
    assert found is not None
    return found


def test_a_flow_is_named_for_the_kind_it_files_and_no_flow_takes_a_former_name() -> None:
    names = {f.name for f in all_flows()}
    assert "application" in names and not names & set(RENAMED_FLOWS)


async def test_a_step_button_sent_under_the_former_name_acts_like_the_new_one(chat: Chat) -> None:
    alice, bob = chat(1001), chat(1002)
    rest = await _choice(alice)
    assert await _choice(bob) == rest
    await alice.press_data("apply:" + rest)
    await bob.press_data("application:" + rest)
    assert alice.answers[-1].text != STALE
    assert alice.last.text == bob.last.text and alice.last.labels() == bob.last.labels()


async def test_a_menu_button_sent_under_the_former_name_opens_the_form(chat: Chat) -> None:
    alice, bob = chat(1001), chat(1002)
    await alice.command("start")
    await alice.press_data("apply::open")
    await bob.command("apply")
    assert alice.answers[-1].text != STALE and alice.last.text == bob.last.text


async def test_a_conversation_opened_under_the_former_name_goes_on(chat: Chat, db: Db) -> None:
    alice, bob = chat(1001), chat(1002)
    rest = await _choice(alice)
    await _choice(bob)
    async with db() as uow:
        row = await uow.conversations.get(1001)
        assert row is not None
        row.flow = "apply"  # as the bot before the rename stored it
        await uow.commit()
    await alice.press_data("apply:" + rest)
    await bob.press_data("application:" + rest)
    assert alice.answers[-1].text != STALE and alice.last.text == bob.last.text
    assert (await _conversation(db, 1001)).flow == "application"


async def test_a_forged_press_under_the_former_name_is_a_stale_button(chat: Chat) -> None:
    alice = chat()
    rest = await _choice(alice)
    seq, _, action = rest.partition(":")
    for forged in (f"apply:{int(seq) + 7}:{action}", "aply::open", f"apply:{seq}:no_such_verb"):
        await alice.press_data(forged)
        assert alice.answers[-1].text == STALE, forged
