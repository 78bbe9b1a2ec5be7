"""Moving around the application: Back, Edit from the summary, conditional questions, groups,
and what blocks Submit (第四条, 第六条, 第十七条) before anything is handed in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from storage.models import Submission, SubmissionVersion
from storage.repos.drafts import DraftsRepo
from storage.repos.findings import FindingsRepo
from storage.repos.submissions import SubmissionsRepo
from storage.uow import UnitOfWork
from tests import samples
from tests.handlers.application_driver import FakeFiles, edit, fill, label, run_steps, turn
from tests.handlers.application_script import CREDIT_CODE, MASTER_ID, steps_between, steps_from
from tests.handlers.conftest import STAFF_ID
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def test_back_shows_the_previous_answer_and_keep_goes_on(
    chat: Chat, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="master_mobile")
    await alice.press("返回")
    assert label("master_id") in alice.last.text and f"当前答案：{MASTER_ID}" in alice.last.text
    await alice.press("返回")
    await alice.press("返回")
    assert label("sector") in alice.last.text and "当前答案：战略新兴产业" in alice.last.text
    await alice.press("保留当前答案")
    await alice.press("保留当前答案")
    assert label("master_id") in alice.last.text
    await alice.press("保留当前答案")
    assert label("master_mobile") in alice.last.text


async def test_back_from_the_first_question_leaves_with_the_draft_kept(chat: Chat) -> None:
    alice = chat()
    await alice.command("apply")
    assert "第 1/" in alice.last.text and alice.last.labels() == ["⬅️ 返回"]
    await alice.text("星光工作室")
    await alice.press("返回")
    await alice.press("返回")
    assert "已保存" in alice.last.text and "📝 工作室申报" in alice.last.labels()
    await alice.press("📝 工作室申报")
    assert label("studio_name") in alice.last.text and "当前答案：星光工作室" in alice.last.text
    alice_en = chat(1002, language="en")
    await alice_en.command("apply")
    assert "1 of " in alice_en.last.text and "Studio name" in alice_en.last.text


async def test_edit_from_the_summary_returns_to_the_summary(chat: Chat, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files)
    await edit(alice, 1)
    assert label("studio_name") in alice.last.text and "星光数控" in alice.last.text
    await alice.text("晨曦技能大师工作室")
    assert "请核对" in alice.last.text and "1. 工作室名称：晨曦技能大师工作室" in alice.last.text
    await edit(alice, 5)
    await alice.press("返回")  # Back while editing: the summary, unchanged
    assert "请核对" in alice.last.text and MASTER_ID in alice.last.text


async def test_an_edit_that_reveals_a_question_asks_it_before_the_summary(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files)
    assert label("enrolled_students") not in alice.last.text
    await edit(alice, 21)  # host type
    await alice.press("职业（技工）院校")
    assert label("enrolled_students") in alice.last.text
    assert "（因上一项回答，新增 1 项，现共 41 项）" in alice.last.text
    assert "第 28/41 项" in alice.last.text
    await alice.text("4200")
    assert "在校生人数：4,200人" in alice.last.text
    await edit(alice, 21)
    await alice.press("科技和技能含量较高的大中型企业")
    assert "（因上一项回答，减少 1 项，现共 40 项）" in alice.last.text
    assert "在校生人数" not in alice.last.text  # hidden again, and not submitted
    await alice.press("提交")
    await alice.press("我确认材料真实")
    async with db() as uow:
        version = await uow.session.scalar(select(SubmissionVersion))
        assert version is not None and "enrolled_students" not in version.answers


async def test_groups_add_remove_and_need_their_minimum(chat: Chat, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files, until="team")
    await alice.press("完成")
    assert "至少需要添加 1 条" in alice.last.text
    for name in ("李四", "王二"):
        await alice.press("添加一条")
        assert "团队成员（助手） 第" in alice.last.text
        await alice.text(name)
        await alice.text("数控铣工")
        await alice.press("技师（二级）")
    assert "1. 李四" in alice.last.text and "2. 王二" in alice.last.text
    await alice.press("删除一条")
    await alice.press("🗑 1. 李四")
    assert "已删除第 1 条" in alice.last.text and "1. 王二" in alice.last.text
    await alice.press("添加一条")
    await alice.text("赵七")
    await alice.press("返回")  # back to the name, then out of the unfinished entry
    await alice.press("返回")
    assert "未填完的这一条已删除" in alice.last.text and "赵七" not in alice.last.text
    await alice.press("完成")
    assert label("space_m2") in alice.last.text


async def test_equipment_costs_are_totalled_in_the_summary(chat: Chat, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files, until="equipment")
    for name, cost in (("车床", "12万"), ("铣床", "¥30,000.50")):
        await alice.press("添加一条")
        await alice.text(name)
        await alice.text("2")
        await alice.text(cost)
    await alice.press("完成")
    await run_steps(alice, files, steps_from("commit_funds"))
    await turn(alice, 31)
    shown = "31. 设备：2 条，合计 150,000.50元：车床，2台（套），12万元；铣床，2台（…"
    assert shown in alice.last.text


async def test_a_missing_mandatory_attachment_blocks_submit_with_the_list(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="report")
    await alice.press("稍后上传")
    await alice.press("返回")
    assert label("report") in alice.last.text
    await alice.press("稍后上传")
    await alice.press("稍后上传")  # the plan too
    await run_steps(alice, files, steps_from("equipment_list"))
    assert "尚未上传的必需附件：申报报告、项目建设实施方案" in alice.last.text
    assert not any("提交" in b for b in alice.last.labels())
    await alice.press_data(f"apply:{_seq(alice)}:confirm")  # forged: still refused
    async with db() as uow:
        assert list(await uow.session.scalars(select(Submission))) == []
    await edit(alice, 33)
    await alice.file(files.upload(samples.pdf(b"(report) Tj"), "报告.pdf", "application/pdf"))
    assert "尚未上传的必需附件：项目建设实施方案" in alice.last.text
    await edit(alice, 34)
    await alice.file(files.upload(samples.pdf(b"(plan) Tj"), "方案.pdf", "application/pdf"))
    assert "全部内容已填写完整" in alice.last.text


def _seq(chat: ChatDriver) -> int:
    payload = chat.last.buttons[0].payload or ""
    return int(payload.split(":")[1])


async def test_a_master_failing_article_4_is_told_at_the_field_and_blocked(
    chat: Chat, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="master_healthy")
    await alice.press("否")
    assert "第四条：不满足“身体健康”" in alice.last.text
    assert label("master_daily_work") in alice.last.text
    await alice.press("是")
    await run_steps(alice, files, steps_from("master_r1"))
    assert "第四条：不满足“身体健康”" in alice.last.text and "不能提交" in alice.last.text
    await edit(alice, 12)
    await alice.press("是")
    assert "全部内容已填写完整" in alice.last.text


async def test_a_technician_in_another_trade_is_blocked_citing_article_4(
    chat: Chat, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="master_own_trade")
    assert "其他工种的技师证书不符合条件" in alice.last.text
    await alice.press("否")
    await run_steps(alice, files, steps_between("master_healthy", "honours"))
    assert label("master_exceptional") in alice.last.text, "破格 is the only way left"
    await alice.press("否")
    await run_steps(alice, files, steps_from("honours"))
    assert "第四条：不满足“本职业（工种）技师以上" in alice.last.text
    assert "不能提交" in alice.last.text
    assert not any("提交" in b for b in alice.last.labels())
    await turn(alice, 11)  # the summary is shown by page; the answer sits on its own page
    assert "11. 本职业（工种）：否 ⚠️" in alice.last.text


async def test_without_b1_the_exceptional_route_is_asked(chat: Chat, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files, until="master_level")
    await alice.press("高级工（三级）")
    await alice.text("S2019-000123")
    await alice.press("初级职称")
    for answer in ("是", "是", "否", "否", "否"):
        await alice.press(answer)
    await alice.text("3")
    assert label("master_exceptional") in alice.last.text
    await alice.press("否")
    # 破格 is not a missing condition (issue 10): the form names B1 at its summary
    await run_steps(alice, files, steps_from("honours"))
    assert "第四条：不满足“本职业（工种）技师以上职业资格或相应技术职称”" in alice.last.text
    assert "不能提交" in alice.last.text


async def test_an_address_outside_zhengzhou_is_refused_citing_article_2(
    chat: Chat, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="division")
    await alice.text("开封市龙亭区")
    assert "不是郑州市的县级行政区" in alice.last.text and "第二条" in alice.last.text
    await alice.text("郑州高新区")
    assert label("unit_address") in alice.last.text


async def test_a_barred_master_and_unit_are_told_with_article_17(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    async with db() as uow:
        await uow.repo(FindingsRepo).record("person", MASTER_ID, date(2025, 6, 1), "x", STAFF_ID)
        await uow.repo(FindingsRepo).record("unit", CREDIT_CODE, date(2025, 6, 1), "x", STAFF_ID)
        await uow.commit()
    alice = chat()
    await fill(alice, files, until="master_mobile")
    # a finding of 2025-06-01 bars through 2028-06-01 (民法典第二百零一、二百零二条)
    assert "第十七条：该技能大师被认定弄虚作假，三年内不得参与" in alice.last.text
    assert "项目申报和评比表彰，限制至 2028-06-01（含）" in alice.last.text
    await run_steps(alice, files, steps_from("master_mobile"))
    assert (
        "该技能大师被认定弄虚作假" in alice.last.text
        and "该申报单位被认定弄虚作假" in alice.last.text
    )
    assert not any("提交" in b for b in alice.last.labels())


async def test_a_returned_application_is_revised_into_version_2(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files)
    await alice.press("提交")
    await alice.press("我确认材料真实")
    async with db() as uow:  # what staff review does when it returns the application
        sub = await uow.session.scalar(select(Submission))
        assert sub is not None
        sub.status, sub.decision_reason, sub.fields_to_fix = "returned", "面积不符", ["space_m2"]
        await uow.repo(SubmissionsRepo).open_revision_draft(sub)
        await uow.commit()
    await alice.command("apply")
    text = alice.last.text
    assert "退回修改" in text and "面积不符" in text and "工作室场地面积" in text
    assert "请核对" in text  # opened at the page of the answer to fix
    assert "30. 工作室场地面积：120平方米 ⚠️" in text
    await edit(alice, 30)
    await alice.text("150")
    assert "30. 工作室场地面积：150平方米\n" in alice.last.text  # fixed: the flag is gone
    assert "⚠️" not in alice.last.text
    await alice.press("下一部分 ▶")
    assert "申报报告.pdf" in alice.last.text  # files travelled along
    await alice.press("提交")
    await alice.press("我确认材料真实")
    assert "第 2 版" in alice.last.text and "ZZJNDS-2027-0001" in alice.last.text
    async with db() as uow:
        (sub,) = list(await uow.session.scalars(select(Submission)))
        assert (sub.status, sub.version) == ("submitted", 2)
        versions = await uow.repo(SubmissionsRepo).versions(sub.id)
        assert [v.answers["space_m2"] for v in versions] == ["120.00", "150.00"]
        assert len(versions[1].attachments) == 7
        assert await uow.repo(DraftsRepo).for_owner(1001) == []
    staff = chat(STAFF_ID)
    assert staff.user_id == STAFF_ID


async def test_an_approved_application_is_locked(chat: Chat, db: Db, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files)
    await alice.press("提交")
    await alice.press("我确认材料真实")
    async with db() as uow:
        sub = await uow.session.scalar(select(Submission))
        assert sub is not None
        sub.status = "approved"
        await uow.commit()
    await alice.command("apply")
    assert "郑州市技能大师工作室申报" in alice.last.text and "第 1/" in alice.last.text
    await alice.text("另一个工作室")
    async with db() as uow:
        sub = await uow.session.scalar(select(Submission))
        versions = list(await uow.session.scalars(select(SubmissionVersion)))
    assert sub is not None and (sub.status, sub.version, len(versions)) == ("approved", 1, 1)
    assert versions[0].answers["studio_name"] == "星光数控技能大师工作室", "a new one, not it"


async def test_the_intro_the_counter_and_status_give_one_number(
    chat: Chat, files: FakeFiles
) -> None:
    alice = chat()
    await alice.command("apply")
    assert "共 38 项" in alice.last.text and "第 1/38 项" in alice.last.text
    await run_steps(alice, files, steps_between("studio_name", "master_cert_no"))
    assert "（因上一项回答，新增 1 项，现共 39 项）" in alice.last.text
    assert label("master_cert_no") in alice.last.text and "第 9/39 项" in alice.last.text
    await alice.command("status")
    assert "已填 8/39 项" in alice.last.text


async def test_a_group_says_nothing_of_a_minimum_of_zero(chat: Chat, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files, until="honours")
    assert "尚未添加。" in alice.last.text and "至少需要" not in alice.last.text
    await alice.press("完成")
    await run_steps(alice, files, steps_between("unit_name", "team"))
    assert label("team") in alice.last.text
    assert "尚未添加，至少需要 1 条。" in alice.last.text
    await alice.press("添加一条")
    await alice.text("李四")
    await alice.text("数控铣工")
    await alice.press("高级工（三级）")
    assert "已添加 1 条：\n1. 李四，数控铣工，高级工（三级）" in alice.last.text
    assert "至少需要" not in alice.last.text
