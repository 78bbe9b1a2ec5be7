"""What /plan and /report share: one form per studio and year, filed by versions.

The draft's scope names the studio and year (``s12y2027``); a plan already filed opens again
pre-filled on its summary, and filing it appends a version (the history stays). A submission
returned for revision is revised in the revision draft staff review opened for it. Only the
form's current year and one either side can be opened: a year typed or forged beyond that is
refused with the years that are open, instead of creating a draft for year 0.
"""

from __future__ import annotations

import re
from typing import ClassVar

from handlers.annual.studio_choice import own_studio, parse_choice, pick_studio
from handlers.context import Context
from handlers.forms import FormFlow, FormSession
from handlers.forms.cursor import CONFIRM, Cursor
from handlers.forms.screens import go
from handlers.forms.summary import problems
from handlers.roles import Role
from handlers.staff_notices import notify_staff
from policy.calendar import ProgrammeCalendar
from policy.forms.walk import question_count, snapshot
from services.messages.payloads import number
from storage.models import Conversation, Draft, Studio, Submission
from storage.repos.annual import CalendarRepo
from storage.repos.annual_filings import AnnualFilingsRepo
from storage.repos.drafts import DraftsRepo
from storage.repos.submissions import RETURNED, SUMMARY_CURSOR, Heading, SubmissionsRepo

_SCOPE = re.compile(r"s([0-9]+)y([0-9]{4})")
YEARS_AROUND = 1


def scope_of(studio_id: int, year: int) -> str:
    return f"s{studio_id}y{year}"


def parse_scope(text: str) -> tuple[int, int] | None:
    """(studio id, year) from ``s12y2027``; None for anything else."""
    match = _SCOPE.fullmatch(text)
    studio_id = number(match.group(1)) if match else None
    return None if match is None or studio_id is None else (studio_id, int(match.group(2)))


class AnnualFormFlow(FormFlow):
    """A form a studio contact files once a year (plan or report); subclasses fill the texts."""

    kind: ClassVar[str]
    required_role = Role.CONTACT
    menu_roles = frozenset({Role.CONTACT})

    def admits(self, roles: frozenset[Role]) -> bool:
        """The unit's contact and the studio's master; which paper each files is the studio's
        (:func:`handlers.annual.studio_choice.files`), said when they try."""
        return bool(roles & {Role.CONTACT, Role.MASTER})

    def default_year(self, ctx: Context) -> int:
        raise NotImplementedError

    def is_late(self, ctx: Context, cal: ProgrammeCalendar) -> bool:
        raise NotImplementedError

    async def confirm_note(self, form: FormSession, studio: Studio) -> str | None:
        return None

    async def filed(
        self, form: FormSession, submission: Submission, studio: Studio, revised: bool
    ) -> None:
        raise NotImplementedError

    def years(self, ctx: Context) -> range:
        default = self.default_year(ctx)
        return range(default - YEARS_AROUND, default + YEARS_AROUND + 1)

    def _open_year(self, ctx: Context, year: int | None) -> bool:
        """True if filings for `year` may be opened now; else says which years may."""
        years = self.years(ctx)
        if year in years:
            return True
        ctx.send(ctx.t("annual.bad_year", first=years[0], last=years[-1]), ctx.registry.menu(ctx))
        return False

    async def start(self, ctx: Context, args: str) -> None:
        args = args.strip()
        scope = parse_scope(args)
        if scope is not None:
            if self._open_year(ctx, scope[1]):
                await super().start(ctx, args)
            return
        year = number(args) if args else self.default_year(ctx)
        if not self._open_year(ctx, year):
            return
        assert year is not None
        studio = await pick_studio(ctx, self.name, year)
        if studio is not None:
            await super().start(ctx, scope_of(studio.id, year))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: str) -> None:
        choice = parse_choice(action) if conv is None else None
        if choice is not None:
            if await own_studio(ctx, choice[0], self.kind) is None:
                ctx.answer(ctx.t("common.not_allowed"), alert=True)
            elif self._open_year(ctx, choice[1]):
                await super().start(ctx, scope_of(*choice))
        elif conv is not None and action == "submit":
            await self._to_confirmation(ctx, conv)
        else:
            await super().on_button(ctx, conv, action)

    async def _to_confirmation(self, ctx: Context, conv: Conversation) -> None:
        """Like the walker's Submit, with this form's remarks (shortfalls, verdict) on top."""
        form = await self.session(ctx, conv)
        if form is None:
            return
        target = await self.target(form)
        if not form.cursor.closing or target is None or (await problems(form))[0]:
            await super().on_button(ctx, conv, "submit")
            return
        await go(form, Cursor(CONFIRM), await self.confirm_note(form, target[0]))

    async def open_draft(self, ctx: Context, args: str) -> tuple[Draft, str | None] | None:
        scope = parse_scope(args)
        studio = await own_studio(ctx, scope[0], self.kind) if scope else None
        if scope is None or studio is None:
            ctx.send(ctx.t("annual.no_studio"), ctx.registry.menu(ctx))
            return None
        year = scope[1]
        existing = await ctx.uow.repo(AnnualFilingsRepo).find(self.kind, studio.id, year)
        if existing is not None and existing.status == RETURNED:
            draft = await ctx.uow.repo(SubmissionsRepo).open_revision_draft(existing, ctx.now())
            note = ctx.t("annual.returned", reason=existing.decision_reason or "—")
            return draft, note
        return await self._own_draft(ctx, studio, year, existing)

    async def _own_draft(
        self, ctx: Context, studio: Studio, year: int, existing: Submission | None
    ) -> tuple[Draft, str | None]:
        drafts = ctx.uow.repo(DraftsRepo)
        scope = scope_of(studio.id, year)
        draft = await drafts.find(ctx.user_id, self.kind, scope)
        if draft is not None:
            return draft, ctx.t("forms.resumed")
        command = f"/{self.commands[0]}"
        if existing is None:
            draft = await drafts.create(ctx.user_id, self.kind, ctx.now(), scope=scope)
            total = question_count(self.spec, draft.answers or {})
            intro = ctx.t("forms.intro", command=command, total=total)
            return draft, ctx.t(f"annual.{self.kind}_welcome", studio=studio.name, year=year) + (
                "\n" + intro
            )
        latest = await ctx.uow.repo(SubmissionsRepo).latest_version(existing.id)
        answers = dict(latest.answers) if latest else {}
        draft = await drafts.create(
            ctx.user_id, self.kind, ctx.now(), scope=scope, answers=answers, cursor=SUMMARY_CURSOR
        )
        draft.reviewing = True
        note = ctx.t("annual.new_version", receipt=existing.receipt_no, version=existing.version)
        return draft, note

    async def target(self, form: FormSession) -> tuple[Studio, int] | None:
        """The studio and year this draft is for (the scope, or the returned submission)."""
        draft = form.draft
        if draft.submission_id is not None:
            sub = await form.ctx.uow.repo(SubmissionsRepo).get(draft.submission_id)
            studio_id, year = (sub.studio_id, sub.year) if sub else (None, 0)
        else:
            studio_id, year = parse_scope(draft.scope or "") or (None, 0)
        studio = await own_studio(form.ctx, studio_id, self.kind) if studio_id else None
        return (studio, year) if studio is not None else None

    async def submit(self, form: FormSession) -> None:
        ctx = form.ctx
        target = await self.target(form)
        await form.close()
        if target is None:  # no longer this user's to file (the title was revoked, say)
            ctx.show(ctx.t("annual.no_studio"), ctx.registry.menu(ctx))
            return
        submission = await self._hand_in(form, *target)
        if submission is None:
            ctx.show(ctx.t("annual.not_filed"), ctx.registry.menu(ctx))
            return
        revised = submission.version > 1
        filings = ctx.uow.repo(AnnualFilingsRepo)
        await filings.withdraw_reminders(self.kind, target[0].id, target[1])
        event = "resubmitted" if revised else "new"
        await ctx.uow.audit.record(
            ctx.user_id,
            f"{self.kind}.{event}",
            "submission",
            submission.id,
            receipt=submission.receipt_no,
            version=submission.version,
            late=submission.late,
        )
        await notify_staff(ctx, submission, event)
        await self.filed(form, submission, target[0], revised)

    async def _hand_in(self, form: FormSession, studio: Studio, year: int) -> Submission | None:
        ctx, draft = form.ctx, form.draft
        answers = snapshot(form.spec, form.answers)
        heading = Heading(f"{studio.name} · {year}", studio.category, studio.division)
        subs, now = ctx.uow.repo(SubmissionsRepo), ctx.now()
        if draft.submission_id is not None:
            return await subs.resubmit(draft, answers, heading, now)
        existing = await ctx.uow.repo(AnnualFilingsRepo).find(self.kind, studio.id, year)
        if existing is not None:
            repo = ctx.uow.repo(AnnualFilingsRepo)
            return await repo.add_version(existing, draft.id, answers, ctx.user_id, now)
        submission = await subs.submit_new(draft, answers, heading, year, now)
        if submission is not None:
            submission.studio_id = studio.id
            submission.late = self.is_late(ctx, await ctx.uow.repo(CalendarRepo).effective(year))
        return submission
