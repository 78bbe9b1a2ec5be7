"""Bad input on every kind of question gets a clear reply, and the draft stays as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork
from tests.handlers.application_driver import FakeFiles, fill, label, run_steps
from tests.handlers.application_script import EXE, JPEG, PDF, steps_from
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def _answers(db: Db) -> dict[str, object]:
    async with db() as uow:
        draft = await uow.repo(DraftsRepo).find(1001, "application")
        assert draft is not None
        return dict(draft.answers)


@pytest.mark.parametrize(
    ("key", "typed", "says"),
    [
        ("studio_name", "   ", "不能为空"),
        ("studio_name", "工" * 41, "不能超过40个字"),
        ("studio_name", "星光工作室🎉", "表情符号"),
        ("master_name", "Zhang3", "姓名只能使用汉字"),
        ("master_id", "41010519800101123X", "校验位不正确"),
        ("master_mobile", "12345", "手机号应为11位"),
        ("master_apprentices", "twenty", "“twenty”不是一个数字。请输入数量，例如 3、3台 或 三"),
        ("master_apprentices", "-5", "不能为负数"),
        ("master_apprentices", "😀", "不是一个数字"),
        ("category", "随便", "请点击下面的按钮"),
        ("master_healthy", "也许", "请点击下面的按钮"),
        ("division", "洛阳市西工区", "第二条"),
        ("unit_credit_code", "123", "18位"),
        ("space_m2", "0", "必须大于0"),
        ("commit_funds", "很多钱", "请输入金额，例如 850000、85万 或 85万元"),
    ],
)
async def test_bad_typed_answers_are_refused_with_the_reason(
    chat: Chat, db: Db, key: str, typed: str, says: str, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until=key)
    before = await _answers(db)
    await alice.text(typed)
    assert says in alice.last.text, alice.last.text
    assert label(key) in alice.last.text  # the same question again
    assert await _answers(db) == before


async def test_html_and_sql_are_stored_as_typed_and_echoed_escaped(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="unit_address")
    typed = "<b>1号</b> & 'x'; DROP TABLE drafts;--"
    await alice.text(typed)
    assert (await _answers(db))["unit_address"] == typed
    await alice.press("返回")
    assert "&lt;b&gt;1号&lt;/b&gt; &amp; 'x'; DROP TABLE drafts;--" in alice.last.text
    assert "<b>1号</b>" not in alice.last.text


async def test_a_photo_where_a_number_is_expected(chat: Chat, db: Db, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files, until="master_apprentices")
    before = await _answers(db)
    await alice.file(files.upload(JPEG, None, "image/jpeg", kind="photo"))
    assert "不需要文件" in alice.last.text and label("master_apprentices") in alice.last.text
    assert await _answers(db) == before and files.downloads == []


async def test_a_sticker_is_refused_and_the_question_repeated(
    chat: Chat, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="master_trade")
    await alice.sticker()
    assert "sticker" in alice.last.text and label("master_trade") in alice.last.text


async def test_a_30_mb_file_is_refused_without_downloading_it(
    chat: Chat, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="report")
    big = files.upload(PDF, "report.pdf", "application/pdf", size=30 * 1024 * 1024)
    await alice.file(big)
    assert "超过20MB" in alice.last.text and label("report") in alice.last.text
    assert files.downloads == []


async def test_an_executable_renamed_pdf_is_refused_by_content(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="report")
    await alice.file(files.upload(EXE, "report.pdf", "application/pdf"))
    assert "无法识别这个文件的内容" in alice.last.text and label("report") in alice.last.text
    async with db() as uow:
        draft = await uow.repo(DraftsRepo).find(1001, "application")
        assert draft is not None and await uow.repo(DraftsRepo).files(draft.id) == []


async def test_a_photo_is_not_accepted_as_the_report(chat: Chat, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files, until="report")
    await alice.file(files.upload(JPEG, None, "image/jpeg", kind="photo"))
    assert "不接受JPEG文件" in alice.last.text


async def test_text_where_a_file_or_a_button_is_expected(chat: Chat, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files, until="report")
    await alice.text("稍后发")
    assert "请使用下面的按钮" in alice.last.text and label("report") in alice.last.text
    await run_steps(alice, files, steps_from("report"))
    await alice.text("提交吧")
    assert "请使用下面的按钮" in alice.last.text and "请核对" in alice.last.text


@pytest.mark.parametrize(
    ("key", "typed", "stored", "echo"),
    [
        ("master_apprentices", "二十五人", 25, "✅ 已记录：25人"),
        ("master_apprentices", "２５", 25, "✅ 已记录：25人"),
        ("space_m2", "150㎡", "150.00", "✅ 已记录：150平方米"),
        ("space_m2", "一百五十平米", "150.00", "✅ 已记录：150平方米"),
        ("commit_funds", "200000", "200000.00", "✅ 已记录：20万元"),
        ("commit_funds", "二十万元", "200000.00", "✅ 已记录：20万元"),
        ("commit_funds", "¥200,000.50", "200000.50", "✅ 已记录：200,000.50元"),
    ],
)
async def test_numbers_are_read_as_written_and_echoed_as_understood(
    chat: Chat, db: Db, key: str, typed: str, stored: object, echo: str, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until=key)
    await alice.text(typed)
    assert (await _answers(db))[key] == stored
    assert alice.last.text.startswith(echo + "\n"), alice.last.text


async def test_an_answer_that_reads_as_typed_is_not_echoed(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="master_apprentices")
    await alice.text("25")
    assert "已记录" not in alice.last.text and label("honours") in alice.last.text


@pytest.mark.parametrize("typed", ["1台", "1套", "一台", "１"])
async def test_the_units_the_prompt_invites_are_accepted(
    chat: Chat, db: Db, typed: str, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="equipment")
    await alice.press("添加一条")
    await alice.text("五轴加工中心")
    assert "数量（台/套）" in alice.last.text and "例如：1台" in alice.last.text
    await alice.text(typed)
    assert alice.last.text.startswith("✅ 已记录：1台（套）\n"), alice.last.text
    await alice.text("85万")
    assert "✅ 已记录：85万元\n✅ 已保存第 1 条。" in alice.last.text
    assert "1. 五轴加工中心，1台（套），85万元" in alice.last.text
    items = (await _answers(db))["equipment"]
    assert items == [{"name": "五轴加工中心", "quantity": 1, "cost": "850000.00"}]
