"""The staff console's part of the backend: queue, submissions, decisions, studios, figures.

Every call first resolves the caller's roles as the chat does (database and STAFF_IDS) and
refuses anyone who is not staff with 403, before anything is read. Decisions run the chat's
own `handlers.review.decide.settle`: the same checks, the same conditional UPDATE (two
reviewers at once: one wins, the other is told who decided), the same studio, audit entry and
notice to the unit. The export is the chat's /export, run as the chat runs it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.web.backend.base import BackendBase, Caller, WebError, plain_t, said
from bot.web.backend.console_types import (
    DecisionInput,
    DecisionResult,
    FileContent,
    QueueOptions,
    QueuePage,
    QueueQuery,
    StaffMember,
    StatsView,
    StudiosPage,
    SubmissionView,
    Workbook,
)
from bot.web.backend.queue_view import options, queue_page
from bot.web.backend.stats_view import stats_view
from bot.web.backend.studio_view import studio_view
from bot.web.backend.submission_view import PREVIEWS, submission_view
from handlers.context import Context
from handlers.review.decide import CHOICES, clean_reason, returnable, settle
from handlers.review.guard import Target
from handlers.router import allowed
from policy.states import SubmissionStatus
from policy.validators.errors import FieldError
from services.messages.actions import SendDocument
from storage.repos.review_queue import QueueFilter, ReviewQueueRepo
from storage.repos.review_stats import StatsRepo
from storage.repos.reviews import ReviewsRepo
from storage.repos.studio_state import StudioStateRepo
from storage.repos.studios import StudiosRepo

log = logging.getLogger(__name__)
PAGE_SIZE = 20


class ConsoleBackend(BackendBase):
    @asynccontextmanager
    async def _staff(self, who: Caller, command: str = "pending") -> AsyncIterator[Context]:
        """A staff member's unit of work; 403 for anyone else, with nothing read or kept."""
        async with self.core.uow() as uow:
            ctx = await self._context(uow, who, command, "")
            if not ctx.is_staff:
                raise WebError(403, plain_t(ctx, "web.not_allowed"))
            yield ctx
            await uow.commit()
        if ctx.notified:
            self.core.on_enqueue()

    async def queue_options(self, who: Caller) -> QueueOptions:
        async with self._staff(who) as ctx:
            return options(ctx, await ctx.uow.repo(ReviewQueueRepo).years())

    async def queue(self, who: Caller, query: QueueQuery) -> QueuePage:
        wanted = QueueFilter(query.kind, query.status, query.category, query.division, query.year)
        async with self._staff(who) as ctx:
            repo = ctx.uow.repo(ReviewQueueRepo)
            total = await repo.count(wanted)
            pages = max(1, -(-total // PAGE_SIZE))
            page = min(max(query.page, 0), pages - 1)
            rows = await repo.page(wanted, page * PAGE_SIZE, PAGE_SIZE)
            return queue_page(ctx, total, page, pages, rows)

    async def submission(self, who: Caller, submission_id: int) -> SubmissionView:
        async with self._staff(who) as ctx:
            repo = ctx.uow.repo(ReviewsRepo)
            submission = await repo.get(submission_id)
            if submission is None:
                raise WebError(404, plain_t(ctx, "review.no_such_submission"))
            version = await repo.version(submission.id, submission.version)
            previous = await repo.version(submission.id, submission.version - 1)
            keys = (
                await returnable(ctx, submission)
                if submission.status == SubmissionStatus.SUBMITTED
                else []
            )
            return await submission_view(ctx, submission, version, previous, keys)

    async def attachment(
        self, who: Caller, submission_id: int, version: int, index: int
    ) -> FileContent:
        """A file of a version, fetched from Telegram by its file_id and checked by SHA-256."""
        async with self._staff(who) as ctx:
            kept = await ctx.uow.repo(ReviewsRepo).version(submission_id, version)
            items = kept.attachments if kept else []
            if not 0 <= index < len(items) or not items[index].get("file_id"):
                raise WebError(404, plain_t(ctx, "web.console.no_such_file"))
            item, failed = items[index], plain_t(ctx, "web.console.file_failed")
        content = await self._download(item, failed)
        mime = str(item.get("mime_type") or "application/octet-stream")
        return FileContent(str(item.get("file_name") or "file"), mime, content, mime in PREVIEWS)

    async def _download(self, item: dict[str, Any], failed: str) -> bytes:
        if self.core.download is None:
            raise WebError(502, failed)
        try:
            content = await self.core.download(str(item["file_id"]))
        except Exception as exc:  # Telegram refused or is unreachable: say so, keep nothing
            log.warning("download of an attachment failed: %s", exc)
            raise WebError(502, failed) from None
        if item.get("sha256") and hashlib.sha256(content).hexdigest() != item["sha256"]:
            log.warning("attachment %s differs from what was handed in", item.get("file_name"))
            raise WebError(502, failed)
        return content

    async def decide(self, who: Caller, given: DecisionInput) -> DecisionResult:
        """Approve, return (fields, reason) or reject the version seen; 409 when too late."""
        async with self._staff(who) as ctx:
            decision = CHOICES.get(given.choice)
            if decision is None:
                raise WebError(422, plain_t(ctx, "web.console.bad_choice"), path="choice")
            submission = await ctx.uow.repo(ReviewsRepo).get(given.submission_id)
            if submission is None:
                raise WebError(404, plain_t(ctx, "review.no_such_submission"))
            reason = _reason(ctx, given.reason) if decision != SubmissionStatus.APPROVED else None
            fields = None
            if decision == SubmissionStatus.RETURNED:
                allowed_keys = await returnable(ctx, submission)
                if set(given.fields) - set(allowed_keys):
                    raise WebError(422, plain_t(ctx, "web.console.bad_fields"), path="fields")
                fields = [k for k in allowed_keys if k in given.fields] or None
            target = Target(submission.id, given.version)
            won = await settle(ctx, target, decision, reason, fields)
            message = "\n".join(said(ctx))
            if not won:
                raise WebError(409, message, decided=submission.status)
            label = plain_t(ctx, f"review.status.{submission.status}")
            return DecisionResult(message, submission.status, label)

    async def studios(self, who: Caller, query: str, page: int) -> StudiosPage:
        async with self._staff(who) as ctx:
            repo = ctx.uow.repo(StudiosRepo)
            total = await repo.count(query)
            pages = max(1, -(-total // PAGE_SIZE))
            page = min(max(page, 0), pages - 1)
            rows = await repo.page(page * PAGE_SIZE, PAGE_SIZE, query)
            records = await ctx.uow.repo(StudioStateRepo).records([s.id for s in rows])
            items = [studio_view(ctx, s, records[s.id]) for s in rows]
            return StudiosPage(total, page, pages, query, items)

    async def stats(self, who: Caller) -> StatsView:
        async with self._staff(who, "stats") as ctx:
            return stats_view(ctx, await ctx.uow.repo(StatsRepo).figures())

    async def export(self, who: Caller) -> Workbook:
        """The chat's /export, run as the chat runs it (its audit entry included)."""
        async with self._staff(who, "export") as ctx:
            flow = ctx.registry.by_name.get("export")
            if flow is None or not allowed(ctx, flow):
                raise WebError(403, plain_t(ctx, "web.not_allowed"))
            await flow.start(ctx, "")
            found = [a for a in ctx.out if isinstance(a, SendDocument) and a.content]
            if not found or found[0].content is None:
                raise WebError(500, plain_t(ctx, "web.failed"))
            return Workbook(found[0].file_name, found[0].content)

    async def staff_members(self) -> list[StaffMember]:
        """Staff from STAFF_IDS and those granted in the bot, as services.recipients lists
        them, each with the console button's label in their language."""
        recipients = self.core.config.recipients
        async with self.core.uow() as uow:
            members = []
            for user_id in await recipients.staff(uow):
                texts = await recipients.texts(uow, user_id)
                members.append(StaffMember(user_id, texts.lang, texts("web.console.menu_button")))
            return members


def _reason(ctx: Context, text: str) -> str:
    try:
        return clean_reason(text)
    except FieldError as err:
        message = plain_t(ctx, "review.bad_reason", reason=err.message(ctx.texts.lang))
        raise WebError(422, message, path="reason") from None
