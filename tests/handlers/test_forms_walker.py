"""The walker on a form of its own: every kind of question, conditions, Skip, a cross-field
check, and how a FormFlow is written (the API the plan and report reuse)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, ClassVar

import pytest

from handlers.common import common_flows
from handlers.context import Context, CoreConfig
from handlers.core import Core
from handlers.forms import FormFlow, FormSession
from policy.attachments import FileType
from policy.forms import Field, FileSlot, FormSpec, Group, Kind, Section
from policy.forms.walk import snapshot
from policy.validators.errors import FieldError
from services.recipients import Recipients
from storage.db import create_engine, session_factory
from storage.models import Draft
from storage.repos.drafts import DraftsRepo
from tests.handlers.conftest import SHANGHAI, Clock
from tests.handlers.driver import ChatDriver


def _within_budget(value: Any, answers: Any) -> None:
    if float(value) > float(answers.get("budget") or 0):
        raise FieldError("demo.budget", "超出预算", "Over the budget")


DEMO = FormSpec(
    "demo",
    (
        Section(
            "a",
            (
                Field("started", Kind.DATE, past_only=True),
                Field("year", Kind.YEAR),
                Field("story", Kind.LONG_TEXT, max_length=50, required=False),
                Field("school", Kind.YES_NO),
                Field("pupils", Kind.COUNT, when=lambda a: a.get("school") is True),
                Field("budget", Kind.AMOUNT),
                Field("spend", Kind.AMOUNT, check=_within_budget),
            ),
        ),
        Section(
            "b",
            (
                Group(
                    "items", (Field("what", Kind.TEXT), Field("note", Kind.TEXT, required=False))
                ),
                FileSlot("scan", False, False, frozenset({FileType.PDF})),
            ),
        ),
    ),
)


class DemoFlow(FormFlow):
    name = "demo"
    commands = ("demo",)
    spec = DEMO
    submitted: ClassVar[list[dict[str, Any]]] = []

    async def open_draft(self, ctx: Context, args: str) -> tuple[Draft, str | None] | None:
        drafts = ctx.uow.repo(DraftsRepo)
        draft = await drafts.find(ctx.user_id, "demo") or await drafts.create(
            ctx.user_id, "demo", ctx.now()
        )
        return draft, None

    async def submit(self, form: FormSession) -> None:
        self.submitted.append(snapshot(form.spec, form.answers))
        await form.drafts.claim(form.draft)
        await form.ctx.uow.conversations.close(form.ctx.user_id)
        form.ctx.show("done")


@pytest.fixture
async def demo(sqlite_db: str, clock: Clock) -> AsyncIterator[ChatDriver]:
    engine = create_engine(sqlite_db)
    flow = DemoFlow()
    flow.submitted = []
    config = CoreConfig(Recipients(tz=SHANGHAI), clock=clock)
    core = Core(session_factory(engine), [*common_flows(), flow], config)
    yield ChatDriver(core, 1001)
    await engine.dispose()


def _flow(chat: ChatDriver) -> DemoFlow:
    flow = chat.core.registry.by_name["demo"]
    assert isinstance(flow, DemoFlow)
    return flow


async def test_every_kind_of_question_and_the_submission(demo: ChatDriver) -> None:
    await demo.command("demo")
    assert "第 1/8 项" in demo.last.text  # texts fall back to the key when a form has none
    await demo.text("2027-04-01")
    assert "不能晚于2027-03-01" in demo.last.text
    await demo.text("2026年5月1日")
    await demo.text("1999")
    assert "四位年份" in demo.last.text
    await demo.text("2026")
    await demo.text("第一行\n第二行")
    await demo.press("是")
    assert "第 5/9 项" in demo.last.text  # the conditional question counts once it applies
    await demo.text("30人")
    await demo.text("10万")
    await demo.text("20万")
    assert "超出预算" in demo.last.text
    await demo.text("5万")
    await demo.press("添加一条")
    await demo.text("桌子")
    await demo.press("跳过")
    await demo.press("完成")
    await demo.press("跳过")  # the optional scan
    assert "全部内容已填写完整" in demo.last.text
    await demo.press("提交")
    await demo.press("我确认")
    assert _flow(demo).submitted == [
        {
            "started": "2026-05-01",
            "year": 2026,
            "story": "第一行\n第二行",
            "school": True,
            "pupils": 30,
            "budget": "100000.00",
            "spend": "50000.00",
            "items": [{"what": "桌子", "note": None}],
        }
    ]


async def test_skip_is_offered_only_on_optional_questions(demo: ChatDriver) -> None:
    await demo.command("demo")
    assert demo.last.labels() == ["⬅️ 返回"]  # the first, required question: no Skip
    await demo.text("2026-01-01")
    await demo.text("2026")
    assert "选填" in demo.last.text and any("跳过" in b for b in demo.last.labels())
    await demo.press("跳过")
    await demo.press("返回")
    assert "当前答案：（未填）" in demo.last.text


async def test_forged_and_stale_presses_change_nothing(demo: ChatDriver) -> None:
    await demo.command("demo")
    async with demo.core.uow() as uow:
        conv = await uow.conversations.get(1001)
        assert conv is not None
        seq = conv.seq
    for action in ("c:whatever", "e:started", "rm:0", "add", "confirm", "nonsense"):
        await demo.press_data(f"demo:{seq}:{action}")
    async with demo.core.uow() as uow:
        draft = await uow.repo(DraftsRepo).find(1001, "demo")
        assert draft is not None and draft.answers == {}
    assert _flow(demo).submitted == []
