"""The draft use cases (services.drafts) on SQLite and PostgreSQL: opening with the chat's rules,
saving an answer with the form's parser, group items, files, what blocks Submit; typed
refusals for someone else's draft and one that is gone; and one draft filled by both surfaces,
the chat (its walker over the core) and the page (these services, as bot/web calls them)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.core import Core
from policy.categories import StudioCategory
from policy.forms.application import APPLICATION
from policy.forms.plan import PLAN
from services.drafts.access import DraftRefusal, Refused
from services.drafts.answers import (
    Invalid,
    ItemRequest,
    Items,
    SaveAnswer,
    Saved,
    TooMany,
    add_item,
    remove_item,
    save_answer,
)
from services.drafts.files import ClearSlot, FileRequest, attach_file, check_file, clear_files
from services.drafts.opening import Closed, How, NotOpened, OpenDraft, Opened, open_draft
from services.drafts.problems import problems
from services.messages.drafts import FormWords, opened_note, problem_lines
from services.messages.texts import Texts
from services.submissions import Submitted, filing_scope
from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio
from tests.handlers.application_script import EXE, PDF
from tests.handlers.conftest import Clock, make_core
from tests.handlers.driver import ChatDriver
from tests.handlers.review.builders import ANSWERS
from tests.services.test_submissions import give_back, hand_in

Db = Callable[[], UnitOfWork]
NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
ALICE, BOB = 1001, 1002


async def opened(db: Db, user: int = ALICE, kind: str = "application", scope: str = "") -> Opened:
    async with db() as uow:
        done = await open_draft(uow, OpenDraft(user, kind, scope), NOW)
        await uow.commit()
    assert isinstance(done, Opened)
    return done


async def save(
    db: Db, draft_id: int, path: str, raw: str | None, user: int = ALICE, pressed: bool = False
) -> Saved | Invalid | Refused:
    async with db() as uow:
        done = await save_answer(
            uow, SaveAnswer(user, draft_id, APPLICATION, path, raw, pressed), NOW
        )
        await uow.commit()
        return done


async def answers_of(db: Db, draft_id: int) -> dict[str, object] | None:
    async with db() as uow:
        draft = await uow.repo(DraftsRepo).get(draft_id)
        return None if draft is None else dict(draft.answers or {})


async def test_an_application_opens_new_then_resumed_in_the_same_draft(uow: Db) -> None:
    first = await opened(uow)
    assert first.how is How.NEW and first.form.draft.kind == "application"
    again = await opened(uow)
    assert again.how is How.RESUMED and again.form.draft.id == first.form.draft.id
    assert "欢迎回来" in opened_note(Texts("zh"), again)
    assert "/apply" in opened_note(Texts("en"), first)


async def test_a_plan_opens_only_for_ones_own_studio_and_an_open_year(uow: Db) -> None:
    ours = await add_studio(uow, contact=ALICE)
    theirs = await add_studio(uow, contact=BOB, name="乙工作室")
    plan = await opened(uow, kind="plan", scope=filing_scope(ours, 2027))
    assert plan.how is How.NEW and plan.studio == "张三数控工作室" and plan.year == 2027
    async with uow() as db:
        refused = await open_draft(db, OpenDraft(ALICE, "plan", filing_scope(theirs, 2027)), NOW)
        assert refused == NotOpened(Closed.NO_STUDIO)
        too_far = await open_draft(db, OpenDraft(ALICE, "plan", filing_scope(ours, 2031)), NOW)
        assert isinstance(too_far, NotOpened) and too_far.why is Closed.BAD_YEAR
        assert too_far.years is not None and 2027 in too_far.years and 2031 not in too_far.years
        forged = await open_draft(db, OpenDraft(ALICE, "plan", "s1y0"), NOW)
        assert isinstance(forged, NotOpened)
        assert await open_draft(db, OpenDraft(ALICE, "pending"), NOW) == NotOpened(
            Closed.NOT_A_FORM
        )


async def test_a_returned_application_opens_in_its_revision_draft(uow: Db) -> None:
    draft = (await opened(uow)).form.draft.id
    done = await hand_in(uow, draft, dict(ANSWERS))
    assert isinstance(done, Submitted)
    await give_back(uow, done.submission_id, 1)
    revision = await opened(uow)
    assert revision.how is How.REVISION and revision.returned is not None
    assert revision.form.draft.submission_id == done.submission_id
    assert "请补充" in opened_note(Texts("zh"), revision)


async def test_an_answer_is_read_by_the_forms_parser_and_stored(uow: Db) -> None:
    draft = (await opened(uow)).form.draft.id
    done = await save(uow, draft, "studio_name", "  星光数控技能大师工作室 ")
    assert isinstance(done, Saved) and done.value == "星光数控技能大师工作室"
    category = StudioCategory.MODERN_TECH.value
    assert isinstance(await save(uow, draft, "category", category, pressed=True), Saved)
    assert await answers_of(uow, draft) == {
        "studio_name": "星光数控技能大师工作室",
        "category": category,
    }


async def test_an_invalid_answer_says_why_in_the_callers_language_and_stores_nothing(
    uow: Db,
) -> None:
    draft = (await opened(uow)).form.draft.id
    await save(uow, draft, "studio_name", "星光工作室")
    refused = await save(uow, draft, "studio_name", "很" * 41)
    assert isinstance(refused, Invalid)
    assert "不能超过40个字" in refused.error.message("zh")
    assert "40" in refused.error.message("en") and "不能" not in refused.error.message("en")
    assert isinstance(await save(uow, draft, "master_id", "12345"), Invalid)
    assert await answers_of(uow, draft) == {"studio_name": "星光工作室"}


async def test_someone_elses_draft_and_a_gone_one_are_refused_and_left_alone(uow: Db) -> None:
    alices = (await opened(uow)).form.draft.id
    await save(uow, alices, "studio_name", "星光工作室")
    bob = await save(uow, alices, "studio_name", "鲍勃的工作室", user=BOB)
    assert bob == Refused(DraftRefusal.NOT_YOURS)
    assert await save(uow, alices + 999, "studio_name", "x") == Refused(DraftRefusal.GONE)
    async with uow() as db:
        item = await add_item(db, ItemRequest(BOB, alices, APPLICATION, "team"), NOW)
        assert item == Refused(DraftRefusal.NOT_YOURS)
        files = FileRequest(BOB, alices, APPLICATION, "report", "x.pdf", PDF)
        assert await attach_file(db, files, "f", "u", NOW) == Refused(DraftRefusal.NOT_YOURS)
        clear = ClearSlot(BOB, alices, APPLICATION, "report")
        assert await clear_files(db, clear) == Refused(DraftRefusal.NOT_YOURS)
        wrong_form = SaveAnswer(ALICE, alices, PLAN, "certified", "3")
        assert await save_answer(db, wrong_form, NOW) == Refused(DraftRefusal.GONE)
        await db.commit()
    assert await answers_of(uow, alices) == {"studio_name": "星光工作室"}


async def test_a_path_that_does_not_apply_is_refused_and_only_optional_questions_skip(
    uow: Db,
) -> None:
    draft = (await opened(uow)).form.draft.id
    assert await save(uow, draft, "nonsense", "x") == Refused(DraftRefusal.NOT_HERE)
    assert await save(uow, draft, "team.0.name", "李四") == Refused(DraftRefusal.NOT_HERE)
    assert await save(uow, draft, "studio_name", None) == Refused(DraftRefusal.NOT_HERE)
    assert await answers_of(uow, draft) == {}


async def test_group_items_are_added_up_to_the_most_and_removed(uow: Db) -> None:
    draft = (await opened(uow)).form.draft.id
    async with uow() as db:
        request = ItemRequest(ALICE, draft, APPLICATION, "team")
        first = await add_item(db, request, NOW)
        assert isinstance(first, Items) and first.count == 1
        most = first.group.max_items
        for _ in range(most - 1):
            assert isinstance(await add_item(db, request, NOW), Items)
        assert await add_item(db, request, NOW) == TooMany(most)
        await db.commit()
    assert isinstance(await save(uow, draft, "team.0.name", "李四"), Saved)
    async with uow() as db:
        gone = ItemRequest(ALICE, draft, APPLICATION, "team", most)
        assert await remove_item(db, gone, NOW) == Refused(DraftRefusal.NOT_HERE)
        removed = await remove_item(db, ItemRequest(ALICE, draft, APPLICATION, "team", 0), NOW)
        assert isinstance(removed, Items) and removed.count == most - 1
        await db.commit()
    team = (await answers_of(uow, draft) or {})["team"]
    assert isinstance(team, list) and len(team) == most - 1 and team[0] == {}


async def test_a_file_is_checked_by_content_and_kept_once_in_a_single_slot(uow: Db) -> None:
    draft = (await opened(uow)).form.draft.id
    async with uow() as db:
        bad = FileRequest(ALICE, draft, APPLICATION, "report", "报告.pdf", EXE)
        refused = await check_file(db, bad)
        assert isinstance(refused, Invalid) and "无法识别" in refused.error.message("zh")
        good = FileRequest(ALICE, draft, APPLICATION, "report", "报告.pdf", PDF)
        assert not isinstance(await attach_file(db, good, "f1", "u1", NOW), Refused)
        again = FileRequest(ALICE, draft, APPLICATION, "report", "第二版.pdf", PDF)
        kept = await attach_file(db, again, "f2", "u2", NOW)
        assert not isinstance(kept, Invalid | Refused)
        assert [f.file_name for f in kept.form.files] == ["第二版.pdf"]
        assert len(kept.kept.sha256) == 64
        await db.commit()


async def test_what_blocks_submit_is_listed_in_the_readers_words(uow: Db) -> None:
    form = (await opened(uow)).form
    async with uow() as db:
        found = await problems(db, form, NOW.date())
    assert found.blocking and any(n.key == "studio_name" for n in found.missing)
    assert any(s.key == "report" for s in found.missing_files)
    zh = problem_lines(FormWords(Texts("zh"), APPLICATION), found)
    en = problem_lines(FormWords(Texts("en"), APPLICATION), found)
    assert "工作室名称" in zh[0] and "工作室名称" not in en[0]


@pytest.fixture
async def core(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[Core]:
    yield make_core(sessions, Clock(NOW))


async def test_a_draft_begun_in_the_chat_is_continued_on_the_page(core: Core) -> None:
    alice = ChatDriver(core, ALICE)
    await alice.command("apply")
    await alice.text("星光数控技能大师工作室")
    page = await opened(core.uow)
    assert page.how is How.RESUMED and page.form.answers["studio_name"] == "星光数控技能大师工作室"
    category = StudioCategory.MODERN_TECH.value
    assert isinstance(
        await save(core.uow, page.form.draft.id, "category", category, pressed=True), Saved
    )
    await alice.command("apply")
    assert "欢迎回来" in alice.last.text and "当前答案" in alice.last.text


async def test_a_draft_begun_on_the_page_is_continued_in_the_chat(core: Core) -> None:
    draft = (await opened(core.uow)).form.draft.id
    await save(core.uow, draft, "studio_name", "星光数控技能大师工作室")
    alice = ChatDriver(core, ALICE)
    await alice.command("apply")
    assert "欢迎回来" in alice.last.text and "工作室类别" in alice.last.text
    await alice.text("不存在的类别")
    await alice.press("现代技术类")
    assert (await answers_of(core.uow, draft) or {}).get("category") == "modern_tech"
    again = await opened(core.uow)
    assert again.form.draft.id == draft
