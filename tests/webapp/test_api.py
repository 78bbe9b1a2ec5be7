"""The Mini App's API over the same drafts, rules and Submit as the chat (no browser needed)."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Draft, OutboxMessage, SubmissionVersion
from tests.e2e.harness import Harness
from tests.handlers.application_script import EXE, PDF
from tests.webapp.application_web import ANSWERS, FILES, GROUPS
from tests.webapp.client import WebClient, nodes
from tests.webapp.conftest import WEBAPP_URL, base_url


def web(bot: Harness, user_id: int = 1001, form: str = "application") -> WebClient:
    return WebClient(base_url(bot), bot.emu.token, user_id, form)


async def fill(client: WebClient, answers: list[tuple[str, str]] = ANSWERS) -> None:
    for path, value in answers:
        group, _, rest = path.partition(".")
        if group in GROUPS and rest.startswith("0.") and path.endswith(".name"):
            status, body = await client.add_item(group)
            assert status == 200, body
        status, body = await client.answer(path, value)
        assert status == 200, (path, body)


async def attach_all(client: WebClient) -> None:
    for slot, name, content in FILES:
        status, body = await client.upload(slot, name, content)
        assert status == 200, (slot, body)


async def draft_answers(bot: Harness, owner: int = 1001) -> dict[str, object]:
    async with bot.uow() as uow:
        draft = await uow.session.scalar(select(Draft).where(Draft.owner_id == owner))
        return dict(draft.answers) if draft else {}


async def test_a_unit_fills_and_submits_the_whole_application_on_the_web(
    web_bot: Harness,
) -> None:
    bot = web_bot
    staff = bot.staff()
    await staff.ask("/start")
    alice = bot.user()
    await alice.ask("/start")
    page = web(bot)
    first = await page.view()
    assert "郑州市技能大师工作室申报" in first["note"] and first["blocking"]
    await fill(page)
    mark = alice.mark()
    await attach_all(page)
    copies = await alice.wait_messages(mark, count=len(FILES))
    assert [m.document.file_name for m in copies if m.document] == [f[1] for f in FILES]
    view = await page.view()
    assert view["blocking"] == []
    progress = view["progress"]
    assert progress["done"] == progress["total"] - 1  # the optional "other materials" left empty
    mark, staff_mark = alice.mark(), staff.mark()
    status, body = await page.submit()
    assert status == 200 and "ZZJNDS-2027-0001" in body["message"]
    [receipt] = await alice.wait_messages(mark, count=1)
    assert "申报已提交" in receipt.plain and "ZZJNDS-2027-0001" in receipt.plain
    [notice] = await staff.wait_messages(staff_mark, count=1)
    assert "星光数控技能大师工作室" in notice.plain
    async with bot.uow() as uow:
        version = await uow.session.scalar(select(SubmissionVersion))
    assert version is not None and len(version.attachments) == 7
    [machine] = version.answers["equipment"]
    assert machine == {"name": "五轴加工中心", "quantity": 1, "cost": "850000.00"}
    status, again = await page.call("GET")
    assert status == 200 and again["progress"]["done"] == 0, "a unit may apply for another studio"


async def test_the_chat_and_the_page_share_one_draft(web_bot: Harness) -> None:
    bot = web_bot
    alice = bot.user()
    [first] = await alice.ask("/apply")
    assert "🖥 在网页中填写" in first.labels()
    button = first.reply_markup["inline_keyboard"][-1][0]  # type: ignore[index]
    assert button["web_app"]["url"] == f"{WEBAPP_URL}/?form=application"
    await alice.ask("星光数控技能大师工作室")
    page = web(bot)
    view = await page.view()
    assert nodes(view)["studio_name"]["value"] == "星光数控技能大师工作室"
    sent_before_the_rename = await web(bot, form="apply").view()
    assert nodes(sent_before_the_rename)["studio_name"]["value"] == "星光数控技能大师工作室"
    status, _ = await page.answer("category", "traditional_craft")
    assert status == 200
    [shown] = await alice.ask("/apply")
    assert "当前答案：传统工艺类" in shown.plain
    await alice.click("✔️ 保留当前答案")
    await alice.click("传统优势产业")
    view = await page.view()
    assert nodes(view)["sector"]["value"] == "traditional_advantage"


async def test_a_wrong_answer_gets_the_chats_message_and_changes_nothing(
    web_bot: Harness,
) -> None:
    page = web(web_bot)
    await page.view()
    assert (await page.answer("master_mobile", "13800000000"))[0] == 200
    status, body = await page.answer("master_mobile", "123")
    assert status == 422
    assert body == {"error": "手机号应为11位，您输入了3位", "path": "master_mobile"}
    status, body = await page.answer("studio_name", "工" * 41)
    assert status == 422 and "不能超过40个字" in body["error"]
    assert await draft_answers(web_bot) == {"master_mobile": "13800000000"}


async def test_conditions_are_decided_by_the_server(web_bot: Harness) -> None:
    page = web(web_bot)
    _, view = await page.answer("master_level", "technician")
    assert "master_cert_no" in nodes(view) and "enrolled_students" not in nodes(view)
    _, view = await page.answer("master_level", "none")
    assert "master_cert_no" not in nodes(view)
    status, body = await page.answer("master_cert_no", "S2019-000123")
    assert status == 422 and body["error"] == "根据已填写的内容，这一项不需要填写。"
    _, view = await page.answer("host_type", "vocational_school")
    assert "enrolled_students" in nodes(view)


async def test_files_are_checked_like_in_the_chat(web_bot: Harness) -> None:
    alice = web_bot.user()
    await alice.ask("/start")
    page = web(web_bot)
    await page.view()
    status, body = await page.upload("report", "报告.pdf", EXE)
    assert status == 422 and "无法识别这个文件的内容" in body["error"]
    status, body = await page.upload("report", "报告.pdf", PDF + b"0" * (20 * 1024 * 1024))
    assert status == 422 and "超过20MB" in body["error"]
    status, body = await page.upload("report", "报告.pdf", PDF)
    assert status == 200 and nodes(body)["report"]["files"][0]["name"] == "报告.pdf"
    status, body = await page.upload("report", "第二版.pdf", PDF)
    assert [f["name"] for f in nodes(body)["report"]["files"]] == ["第二版.pdf"]


async def test_submit_is_refused_while_something_blocks_it(web_bot: Harness) -> None:
    page = web(web_bot)
    await page.view()
    status, body = await page.submit()
    assert status == 409 and any("尚未填写" in line for line in body["blocking"])
    async with web_bot.uow() as uow:
        assert list(await uow.session.scalars(select(OutboxMessage))) == []


async def test_a_staff_only_or_unknown_form_is_refused(web_bot: Harness) -> None:
    status, body = await web(web_bot, form="plan").call("GET")
    assert status == 403 and body["error"] == "您没有权限进行此操作。"
    status, _ = await web(web_bot, form="pending").call("GET")
    assert status == 404
