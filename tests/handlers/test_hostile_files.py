"""Files that lie: polyglots, packages with programs, names with NUL and bidi marks, sizes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy import select

from handlers.core import Core
from storage.db import create_engine, session_factory
from storage.models import AuditEntry
from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork
from tests import samples
from tests.handlers.application_driver import FakeFiles, fill, label
from tests.handlers.conftest import Clock, make_core
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]


@pytest.fixture
async def any_core(db_url: str, clock: Clock, files: FakeFiles) -> AsyncIterator[Core]:
    """The core on SQLite and on PostgreSQL (which refuses NUL in text and JSON)."""
    engine = create_engine(db_url)
    yield make_core(session_factory(engine), clock, files)
    await engine.dispose()


async def _stored_names(uow: UnitOfWork) -> list[str]:
    async with uow:
        draft = await uow.repo(DraftsRepo).find(1001, "application")
        assert draft is not None
        return [f.file_name for f in await uow.repo(DraftsRepo).files(draft.id)]


async def test_nul_and_bidi_names_are_cleaned_and_the_sent_name_audited(
    any_core: Core, files: FakeFiles
) -> None:
    alice = ChatDriver(any_core, 1001)
    await fill(alice, files, until="report")
    sent = "..\\..\\报告\x00\u202efdp.exe"
    await alice.file(files.upload(samples.pdf(), sent, "application/pdf"))
    assert "已收到文件：报告fdp.exe.pdf" in alice.messages[-1].text
    assert await _stored_names(any_core.uow()) == ["报告fdp.exe.pdf"]
    async with any_core.uow() as uow:
        [entry] = await uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "file.renamed")
        )
    assert entry.details["sent"] == "..\\u005c..\\u005c报告\\u0000\\u202efdp.exe"
    assert entry.details["stored"] == "报告fdp.exe.pdf"


async def test_a_polyglot_pdf_is_refused_with_the_pdf_rule(
    chat: Chat, core: Core, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="report")
    await alice.file(files.upload(b"%PDF-1.4\n" + samples.exe(), "r.pdf", "application/pdf"))
    assert "文件内容与 PDF 格式不符" in alice.last.text and label("report") in alice.last.text
    await alice.file(files.upload(samples.pdf(samples.exe()), "r.pdf", "application/pdf"))
    assert "可执行程序" in alice.last.text
    assert await _stored_names(core.uow()) == []


async def test_a_word_file_carrying_a_program_is_refused(
    chat: Chat, core: Core, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="report")
    hostile = samples.docx(**{"payload.exe": samples.exe()})
    await alice.file(files.upload(hostile, "r.docx", "application/msword"))
    assert "payload.exe" in alice.last.text and label("report") in alice.last.text
    assert await _stored_names(core.uow()) == []


async def test_a_size_lie_gets_the_size_rule_from_a_local_bot_api_server(
    chat: Chat, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="report")
    big = samples.pdf(pad=25 * 1024 * 1024)
    await alice.file(files.upload(big, "r.pdf", "application/pdf", size=1))
    assert "超过20MB" in alice.last.text and "暂时无法读取" not in alice.last.text
    assert label("report") in alice.last.text


async def test_a_size_lie_gets_the_size_rule_when_get_file_refuses(
    chat: Chat, core: Core, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="report")

    files.refusal = RuntimeError("Telegram server says - Bad Request: file is too big")
    await alice.file(files.upload(samples.pdf(), "r.pdf", "application/pdf", size=1))
    assert "超过20MB" in alice.last.text and "暂时无法读取" not in alice.last.text
