"""A submission handed in quickly, for e2e tests about staff presses rather than the form.

It does what `/apply`'s Submit does (SubmissionsRepo + notify_staff) without the ~60 chat steps;
the full cycle in test_review.py goes through `/apply` itself.
"""

from __future__ import annotations

from typing import Any

from handlers.context import Context
from handlers.events import Command, Incoming, Sender
from handlers.staff_notices import notify_staff
from services.messages.texts import Texts
from storage.models import Submission
from storage.repos.drafts import FileRecord
from storage.repos.submissions import Heading, SubmissionsRepo
from storage.uow import UnitOfWork
from tests.e2e.harness import Harness


def _ctx(bot: Harness, uow: UnitOfWork, user_id: int) -> Context:
    assert bot.app is not None
    core = bot.app.core
    incoming = Incoming(0, Sender(user_id, user_id), Command("apply"))
    return Context(uow, incoming, Texts("zh"), frozenset(), core.config, core.registry)


async def _announce(bot: Harness, uow: UnitOfWork, sub: Submission, event: str) -> None:
    await notify_staff(_ctx(bot, uow, sub.owner_id), sub, event)
    await uow.commit()
    assert bot.app is not None
    bot.app.sender.wake()


async def submit(bot: Harness, owner_id: int, answers: dict[str, Any], file: bytes) -> int:
    """Version 1 with one uploaded report file; staff are notified through the outbox."""
    stored = bot.emu.world.files.put(file, "申报报告.pdf", "application/pdf", "documents")
    record = FileRecord(
        "report",
        stored.file_id,
        stored.file_unique_id,
        "申报报告.pdf",
        "application/pdf",
        len(file),
        "0" * 64,
    )
    async with bot.uow() as uow:
        repo = uow.repo(SubmissionsRepo)
        now = bot.clock() if bot.clock else None
        assert now is not None
        draft = await repo.drafts.create(owner_id, "application", now, answers=answers)
        await repo.drafts.add_file(draft.id, record, owner_id, now)
        heading = Heading(answers["studio_name"], answers["category"], answers["division"])
        sub = await repo.submit_new(draft, answers, heading, now.year, now)
        assert sub is not None
        await _announce(bot, uow, sub, "new")
        return sub.id
