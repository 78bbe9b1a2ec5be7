"""The chat offers the Mini App under a form's first screen only when WEBAPP_URL is set."""

from __future__ import annotations

from collections.abc import Callable

from handlers.core import Core
from services.messages.actions import Btn, Outgoing, Send
from services.messages.texts import catalog
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio
from tests.handlers.conftest import rebuilt
from tests.handlers.driver import ChatDriver

BASE = "https://studio.example/app"


def web_buttons(actions: list[Outgoing]) -> list[Btn]:
    return [
        button
        for action in actions
        if isinstance(action, Send) and action.keyboard
        for row in action.keyboard
        for button in row
        if button.web_app_url
    ]


async def test_no_mini_app_no_button(chat: Callable[..., ChatDriver]) -> None:
    assert web_buttons(await chat().command("apply")) == []


async def test_apply_offers_the_page_for_the_same_draft(core: Core) -> None:
    alice = ChatDriver(rebuilt(core, webapp_url=BASE + "/"), 1001)
    [button] = web_buttons(await alice.command("apply"))
    assert button.web_app_url == f"{BASE}/?form=application" and button.payload is None
    assert button.label == catalog("zh")["forms.web_open"]
    [again] = web_buttons(await alice.command("apply"))
    assert again.web_app_url == button.web_app_url


async def test_plan_offers_the_page_for_the_chosen_studio_and_year(
    core: Core, db: Callable[[], UnitOfWork]
) -> None:
    alice = ChatDriver(rebuilt(core, webapp_url=BASE), 1001)
    studio = await add_studio(db)
    [button] = web_buttons(await alice.command("plan"))
    assert button.web_app_url == f"{BASE}/?form=plan&scope=s{studio}y2027"
    assert catalog("en")["forms.web_open"] == "🖥 Fill in on a web page"


def test_the_page_has_every_word_in_both_languages() -> None:
    zh = {k for k in catalog("zh") if k.startswith("web.")}
    en = {k for k in catalog("en") if k.startswith("web.")}
    assert zh == en and len(zh) > 20


async def test_check_offers_the_page_for_the_same_answers(
    core: Core, chat: Callable[..., ChatDriver]
) -> None:
    assert web_buttons(await chat().command("check")) == []
    [button] = web_buttons(await ChatDriver(rebuilt(core, webapp_url=BASE), 1002).command("check"))
    assert button.web_app_url == f"{BASE}/?form=check"
    assert button.label == catalog("zh")["forms.web_open"]
