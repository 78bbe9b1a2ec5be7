"""The staff console's part of the backend: queue, submissions, decisions, studios, figures.

Every call first resolves the caller's roles as the chat does (database and STAFF_IDS) and
refuses anyone who is not staff with 403, before anything is read. Decisions go through
services.decisions, as the chat's do: the same checks, the same conditional UPDATE (two
reviewers at once: one wins, the other is told who decided), the same studio, audit entry and
notice to the unit. The workbook is services.exports', as /export's is.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.web.backend.base import BackendBase, Caller, Visit, WebError
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
from bot.web.backend.submission_view import PREVIEWS, Shown, submission_view
from bot.web.form_view import plain
from handlers.review.guard import done_text, refusal_text
from policy.states import SubmissionStatus
from services import decisions, exports
from services.decisions import (
    CHOICES,
    AlreadyDecided,
    BadFields,
    BadReason,
    Decide,
    Decided,
    NotFound,
    StaleVersion,
)
from storage.models import Submission
from storage.repos.lifecycle import LifecycleRepo
from storage.repos.review_queue import QueueFilter, ReviewQueueRepo
from storage.repos.review_stats import StatsRepo
from storage.repos.reviews import ReviewsRepo
from storage.repos.studio_state import StudioStateRepo
from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
PAGE_SIZE = 20


class ConsoleBackend(BackendBase):
    @asynccontextmanager
    async def _staff(self, who: Caller) -> AsyncIterator[Visit]:
        """A staff member's unit of work; 403 for anyone else, with nothing read or kept."""
        async with self.core.uow() as uow:
            visit = await self._visit(uow, who)
            if not visit.is_staff:
                raise WebError(403, visit.view.plain("web.not_allowed"))
            yield visit
            await uow.commit()
        if visit.notified:
            self.core.on_enqueue()

    async def queue_options(self, who: Caller) -> QueueOptions:
        async with self._staff(who) as v:
            return options(v.view, await v.uow.repo(ReviewQueueRepo).years())

    async def queue(self, who: Caller, query: QueueQuery) -> QueuePage:
        wanted = QueueFilter(query.kind, query.status, query.category, query.division, query.year)
        async with self._staff(who) as v:
            repo = v.uow.repo(ReviewQueueRepo)
            total = await repo.count(wanted)
            pages = max(1, -(-total // PAGE_SIZE))
            page = min(max(query.page, 0), pages - 1)
            rows = await repo.page(wanted, page * PAGE_SIZE, PAGE_SIZE)
            return queue_page(v.view, total, page, pages, rows)

    async def submission(self, who: Caller, submission_id: int) -> SubmissionView:
        async with self._staff(who) as v:
            found = await decisions.viewable(v.uow, submission_id, v.is_staff)
            if not isinstance(found, Submission):
                raise WebError(404, v.view.plain("review.no_such_submission"))
            repo = v.uow.repo(ReviewsRepo)
            open_ = found.status == SubmissionStatus.SUBMITTED
            shown = Shown(
                found,
                await repo.version(found.id, found.version),
                await repo.version(found.id, found.version - 1),
                await decisions.returnable(v.uow, found) if open_ else [],
                await _name(v.uow, found.owner_id),
                await decisions.last_decision(v.uow, found),
            )
            return submission_view(v.view, shown)

    async def attachment(
        self, who: Caller, submission_id: int, version: int, index: int
    ) -> FileContent:
        """A file of a version, fetched from Telegram by its file_id and checked by SHA-256."""
        async with self._staff(who) as v:
            kept = await v.uow.repo(ReviewsRepo).version(submission_id, version)
            items = kept.attachments if kept else []
            if not 0 <= index < len(items) or not items[index].get("file_id"):
                raise WebError(404, v.view.plain("web.console.no_such_file"))
            item, failed = items[index], v.view.plain("web.console.file_failed")
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
        async with self._staff(who) as v:
            decision = CHOICES.get(given.choice)
            if decision is None:
                raise WebError(422, v.view.plain("web.console.bad_choice"), path="choice")
            cmd = Decide(
                given.submission_id,
                given.version,
                decision,
                v.user_id,
                v.is_staff,
                given.reason if decision != SubmissionStatus.APPROVED else None,
                tuple(given.fields),
                self.core.config.default_lang,
            )
            done = await decisions.decide(v.uow, cmd, v.view.now)
            if isinstance(done, Decided):
                v.notified += done.notified
                label = v.view.plain(f"review.status.{done.status}")
                return DecisionResult(_plain(done_text(v.view.texts, done)), done.status, label)
            message = _plain(refusal_text(v.view.texts, v.view.tz, done))
            match done:
                case NotFound():
                    raise WebError(404, message)
                case BadReason():
                    raise WebError(422, message, path="reason")
                case BadFields():
                    raise WebError(422, message, path="fields")
                case AlreadyDecided(status=status):
                    raise WebError(409, message, decided=status)
                case StaleVersion():
                    raise WebError(409, message, decided=SubmissionStatus.SUBMITTED)
            raise WebError(403, v.view.plain("web.not_allowed"))

    async def studios(self, who: Caller, query: str, page: int) -> StudiosPage:
        async with self._staff(who) as v:
            repo = v.uow.repo(StudiosRepo)
            total = await repo.count(query)
            pages = max(1, -(-total // PAGE_SIZE))
            page = min(max(page, 0), pages - 1)
            rows = await repo.page(page * PAGE_SIZE, PAGE_SIZE, query)
            records = await v.uow.repo(StudioStateRepo).records([s.id for s in rows])
            periods = await v.uow.repo(LifecycleRepo).periods_of(rows)
            items = [studio_view(v.view, s, periods[s.id], records[s.id]) for s in rows]
            return StudiosPage(total, page, pages, query, items)

    async def stats(self, who: Caller) -> StatsView:
        async with self._staff(who) as v:
            return stats_view(v.view, await v.uow.repo(StatsRepo).figures())

    async def export(self, who: Caller) -> Workbook:
        """The agency's workbook, as /export sends it (its audit entry included)."""
        async with self._staff(who) as v:
            book = await exports.export(v.uow, v.user_id, v.view.now)
            return Workbook(book.file_name, book.content)

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


async def _name(uow: UnitOfWork, user_id: int) -> str | None:
    user = await uow.users.get(user_id)
    return (user.first_name or None) if user else None


def _plain(text: str) -> str:
    return plain(text) or ""
