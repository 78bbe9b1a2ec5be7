"""The staff console's API over the chat's review: queue, submission, decisions, studios,
figures and the export, checked against the database and what the unit is told."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from urllib.parse import quote

from openpyxl import load_workbook
from sqlalchemy import select

from policy.eligibility import ConditionCode, Verdict
from policy.support import support_year_in
from services import studio_decisions as decide
from services import studios
from storage.exports.registry import registered
from storage.models import AuditEntry, Draft, OutboxMessage, Studio, Submission
from storage.repos.annual import AssessmentsRepo, SubsidiesRepo
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo
from tests.e2e.harness import STAFF, Harness
from tests.handlers.annual_world import add_studio
from tests.handlers.application_script import PDF
from tests.handlers.review.builders import ANSWERS, add_submission, resubmit
from tests.webapp.conftest import base_url
from tests.webapp.console_client import ConsoleClient
from tests.webapp.test_api import attach_all, fill, web


def staff(bot: Harness, user_id: int = STAFF[0], language: str = "zh") -> ConsoleClient:
    return ConsoleClient(base_url(bot), bot.emu.token, user_id, language)


async def submission(bot: Harness, sid: int) -> Submission:
    async with bot.uow() as uow:
        found = await uow.session.get(Submission, sid)
        assert found is not None
        return found


async def test_the_queue_filters_and_pages(web_bot: Harness) -> None:
    for i in range(23):
        division = "erqi" if i % 2 else "jinshui"
        answers = {**ANSWERS, "studio_name": f"工作室{i:02d}", "division": division}
        await add_submission(web_bot.uow, owner_id=2000 + i, answers=answers, minutes=i)
    await add_submission(web_bot.uow, kind="plan", answers={"studio_name": "年度计划"}, minutes=99)
    console = staff(web_bot)
    first = await console.get("queue")
    assert (first["total"], first["pages"], len(first["items"])) == (24, 2, 20)
    assert [i["title"] for i in first["items"][:2]] == ["工作室00", "工作室01"]  # oldest first
    second = await console.get("queue", page=1)
    titles = [i["title"] for i in second["items"]]
    assert titles == ["工作室20", "工作室21", "工作室22", "年度计划"]
    erqi = await console.get("queue", kind="application", division="erqi", category="")
    assert erqi["total"] == 11 and {i["division"] for i in erqi["items"]} == {"二七区"}
    assert {i["kind_label"] for i in erqi["items"]} == {"工作室申报"}
    assert (await console.get("queue", kind="plan"))["total"] == 1
    assert (await console.get("queue", year=2026))["total"] == 0
    assert (await console.get("queue", status="approved"))["total"] == 0
    assert (await console.get("queue", status=""))["total"] == 24  # any status
    options = await console.get("options")
    assert options["years"] == [2027] and options["lang"] == "zh"
    assert {"value": "returned", "label": "退回修改"} in options["statuses"]
    assert {"value": "erqi", "label": "二七区"} in options["divisions"]
    refused = await console.call("GET", "queue", year="last")
    assert refused.status == 400


async def test_a_submission_reads_by_section_with_its_files(web_bot: Harness) -> None:
    sid = await add_submission(web_bot.uow)
    view = await staff(web_bot).get(f"submissions/{sid}")
    assert view["title"] == "张三数控技能大师工作室" and view["status_label"] == "待审核"
    assert view["decidable"] and view["diff"] is None and view["decision"] is None
    titles = [s["title"] for s in view["sections"]]
    assert titles[:2] == ["工作室", "技能大师"]
    answers = {a["key"]: a for s in view["sections"] for a in s["answers"]}
    assert answers["category"]["value"] == "现代技术类"  # the label, not the stored code
    division = answers["division"]
    assert (division["label"], division["value"]) == ("所在县（市、区）", "金水区")
    [report] = view["files"]
    assert report["name"] == "申报表.pdf" and report["preview"] == "pdf"
    assert report["slot_label"] == "申报报告"
    assert "unit_name" in [c["value"] for c in view["returnable"]]
    english = await staff(web_bot, language="en").get(f"submissions/{sid}")
    assert english["status_label"] == "awaiting review"
    missing = await staff(web_bot).call("GET", "submissions/99999")
    assert missing.status == 404 and "没有找到这份材料" in missing.json["error"]


async def test_return_with_fields_then_the_next_version_side_by_side(web_bot: Harness) -> None:
    sid = await add_submission(web_bot.uow)
    console = staff(web_bot)
    odd = await console.decide(sid, 1, "postpone", "再看看")
    assert odd.status == 422 and odd.json["path"] == "choice"
    empty = await console.decide(sid, 1, "return", "  ", ["unit_name"])
    assert empty.status == 422 and empty.json["path"] == "reason"
    foreign = await console.decide(sid, 1, "return", "名称不一致", ["no_such_field"])
    assert foreign.status == 422 and (await submission(web_bot, sid)).status == "submitted"
    reason = "单位名称与营业执照不一致"
    done = await console.decide(sid, 1, "return", reason, ["report", "unit_name"])
    assert done.status == 200 and done.json["status"] == "returned"
    assert "已将《张三数控技能大师工作室》退回修改" in done.json["message"]
    returned = await submission(web_bot, sid)
    assert returned.fields_to_fix == ["unit_name", "report"]  # in the form's order
    assert returned.decision_reason == reason and returned.decided_by == STAFF[0]
    async with web_bot.uow() as uow:
        notice = await uow.session.scalar(
            select(OutboxMessage).where(OutboxMessage.key == f"decision:{sid}:v1")
        )
        revision = await uow.session.scalar(select(Draft).where(Draft.submission_id == sid))
    assert notice is not None and reason in notice.action["text"] and revision is not None

    await resubmit(web_bot.uow, sid, {"unit_name": "郑州精工机械股份有限公司"})
    view = await console.get(f"submissions/{sid}")
    diff = view["diff"]
    assert (diff["old"], diff["new"]) == (1, 2)
    rows = {r["key"]: r for r in diff["rows"]}
    assert rows["unit_name"]["changed"] and not rows["studio_name"]["changed"]
    assert (rows["unit_name"]["old"], rows["unit_name"]["new"]) == (
        "郑州精工机械有限公司",
        "郑州精工机械股份有限公司",
    )
    assert view["decision"]["reason"] == reason
    assert view["decision"]["fields"] == ["申报单位名称", "申报报告"]
    stale = await console.decide(sid, 1, "approve")
    assert stale.status == 409 and "第 1 版" in stale.json["error"]
    approved = await console.decide(sid, 2, "approve")
    assert approved.status == 200 and "已建立工作室" in approved.json["message"]
    after = await console.get(f"submissions/{sid}")
    assert not after["decidable"] and after["status"] == "approved"
    again = await console.decide(sid, 2, "reject", "晚了")
    assert again.status == 409 and "User9001" in again.json["error"]


async def test_files_are_fetched_from_telegram_and_shown_inline(web_bot: Harness) -> None:
    await web_bot.user().ask("/start")
    page = web(web_bot)
    await fill(page)
    await attach_all(page)
    assert (await page.submit())[0] == 200
    console = staff(web_bot)
    [queued] = (await console.get("queue"))["items"]
    view = await console.get(f"submissions/{queued['id']}")
    files = {f["slot"]: f for f in view["files"]}
    report, sheet = files["report"], files["equipment_list"]
    files_of = f"submissions/{queued['id']}/versions/1/files"
    pdf = await console.call("GET", f"{files_of}/{report['index']}")
    assert pdf.status == 200 and pdf.body == PDF
    assert pdf.headers["Content-Type"] == "application/pdf"
    disposition = pdf.headers["Content-Disposition"]
    assert disposition.startswith("inline;") and quote("申报报告.pdf") in disposition
    assert pdf.headers["X-Content-Type-Options"] == "nosniff"
    xlsx = await console.call("GET", f"{files_of}/{sheet['index']}")
    assert xlsx.status == 200 and xlsx.headers["Content-Disposition"].startswith("attachment;")
    assert sheet["preview"] is None
    gone = await console.call("GET", f"{files_of}/99")
    assert gone.status == 404


async def test_a_file_telegram_cannot_give_is_a_clear_502(web_bot: Harness) -> None:
    sid = await add_submission(web_bot.uow)  # its file_id was never issued by Telegram
    reply = await staff(web_bot).call("GET", f"submissions/{sid}/versions/1/files/0")
    assert reply.status == 502 and "暂时无法从 Telegram 取回" in reply.json["error"]


async def test_studios_show_their_support_period_year_by_year(web_bot: Harness) -> None:
    studio = await add_studio(web_bot.uow, approved_on=date(2025, 6, 1))
    await add_studio(web_bot.uow, contact=None, name="李四面点工作室")
    async with web_bot.uow() as uow:
        now = datetime(2025, 12, 20, 10, 0, tzinfo=UTC)
        await uow.repo(AssessmentsRepo).record(studio, 2025, True, "", STAFF[0], now)
        await uow.repo(SubsidiesRepo).settle(studio, 2025, 20_000, STAFF[0], now)
        await uow.repo(AssessmentsRepo).record(studio, 2026, False, "", STAFF[0], now)
        await uow.commit()
    page = await staff(web_bot).get("studios")
    assert page["total"] == 2
    found = await staff(web_bot).get("studios", q="数控")
    [shown] = found["items"]
    assert shown["approved_on"] == "2025-06-01" and shown["support_ends_on"] == "2027-12-31"
    assert shown["phase"] == "扶持期内，至 2027-12-31" and shown["status_label"] == "正常"
    assert shown["construction_cap"] == 150_000 and shown["subsidies"] == 20_000
    years = [(y["year"], y["support_year"], y["assessment"], y["subsidy"]) for y in shown["years"]]
    assert years == [(2025, 1, "合格", 20_000), (2026, 2, "不合格", 0), (2027, 3, "未考核", 0)]
    assert shown["contact_linked"]


async def test_after_a_renewal_the_console_counts_the_new_period_as_the_card_does(
    web_bot: Harness,
) -> None:
    """第十六条第二款: a studio approved in 2024 (assessed 2024–2026) renewed from 2027-01-10;
    on 1 March 2027 it is in support year 1 of its new period, not past its first."""
    sid = await add_studio(web_bot.uow, approved_on=date(2024, 3, 1))
    async with web_bot.uow() as uow:
        renew = decide.Renew(sid, date(2027, 1, 10), STAFF[0], default_lang="zh")
        await decide.renew(uow, renew, datetime(2027, 1, 10, 2, 0, tzinfo=UTC))
        await uow.commit()
    async with web_bot.uow() as uow:
        card = await studios.card(uow, sid, 2027)
    [shown] = (await staff(web_bot).get("studios"))["items"]
    assert card.current is not None and card.current.renewal
    assert (
        shown["phase"]
        == f"扶持期内，至 {card.current.end.isoformat()}"
        == "扶持期内，至 2029-12-31"
    )
    assert shown["support_ends_on"] == "2029-12-31"
    years = [(y["year"], y["support_year"]) for y in shown["years"]]
    assert years == [(2024, 1), (2025, 2), (2026, 3), (2027, 1), (2028, 2), (2029, 3)]
    assert dict(years)[2027] == support_year_in(card.periods, 2027)


async def test_figures_for_the_charts_are_the_stats_figures(web_bot: Harness) -> None:
    await add_submission(web_bot.uow)
    await add_submission(web_bot.uow, answers={"studio_name": "B", "category": "modern_tech"})
    answers = {"studio_name": "C", "category": "cultural_creative", "division": "erqi"}
    await add_submission(web_bot.uow, answers=answers)
    async with web_bot.uow() as uow:
        repo = uow.repo(EligibilityOutcomesRepo)
        await repo.record(Verdict.NOT_ELIGIBLE, [ConditionCode.B1])
        await repo.record(Verdict.ELIGIBLE, [])
        await uow.commit()
    figures = await staff(web_bot).get("stats")
    charts = {c["key"]: c for c in figures["charts"]}
    assert [(b["label"], b["count"]) for b in charts["status"]["bars"]] == [("待审核", 3)]
    category = [(b["key"], b["count"]) for b in charts["category"]["bars"]]
    assert category == [("modern_tech", 2), ("cultural_creative", 1)]
    division = [(b["label"], b["count"]) for b in charts["division"]["bars"]]
    assert division == [("二七区", 1), ("金水区", 1), ("未填写", 1)]
    assert charts["studios"]["total"] == 0 and charts["failing"]["total"] == 1
    assert "共完成 2 次" in figures["checks"]


async def test_the_export_is_the_chats_workbook(web_bot: Harness) -> None:
    await add_submission(web_bot.uow)
    reply = await staff(web_bot).call("GET", "export")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = reply.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="studios-') and ".xlsx" in disposition
    book = load_workbook(io.BytesIO(reply.body))
    assert book.sheetnames == [sheet.title for sheet in registered()]
    rows = list(book["申报"].iter_rows(values_only=True))
    assert rows[1][1] == "张三数控技能大师工作室"
    async with web_bot.uow() as uow:
        audit = await uow.session.scalar(select(AuditEntry).where(AuditEntry.action == "export"))
    assert audit is not None and audit.actor_id == STAFF[0]


async def test_approval_creates_the_studio_the_studios_list_shows(web_bot: Harness) -> None:
    sid = await add_submission(web_bot.uow)
    console = staff(web_bot)
    assert (await console.decide(sid, 1, "approve")).status == 200
    async with web_bot.uow() as uow:
        studio = await uow.session.scalar(select(Studio))
    assert studio is not None and studio.application_id == sid
    [listed] = (await console.get("studios"))["items"]
    assert listed["name"] == "张三数控技能大师工作室" and listed["contact_linked"]
