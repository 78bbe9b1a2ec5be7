"""What /plan and /report share: one form per studio and year, filed by versions.

The draft's scope names the studio and year (``s12y2027``); a plan already filed opens again
pre-filled on its summary, and filing it appends a version (the history stays). A submission
returned for revision is revised in the revision draft staff review opened for it. Only the
form's current year and one either side can be opened: a year typed or forged beyond that is
refused with the years that are open, instead of creating a draft for year 0.
"""

from __future__ import annotations

from typing import ClassVar

from handlers.annual.studio_choice import own_studio, parse_choice, pick_studio
from handlers.context import Context
from handlers.forms import FormFlow, FormSession
from handlers.forms.cursor import CONFIRM, Cursor
from handlers.forms.screens import go
from handlers.forms.summary import problems
from handlers.hand_in import submit_in_chat
from handlers.revision import returned_note, still_to_fix
from handlers.roles import Role
from policy.forms.walk import question_count
from services.messages.payloads import Action, number
from services.revisions import revision_draft
from services.submissions import NotSubmitted, Refusal, Submitted, filing_target
from services.submissions import filing_scope as scope_of
from services.submissions import parse_filing_scope as parse_scope
from storage.models import Conversation, Draft, Studio, Submission
from storage.repos.annual_filings import AnnualFilingsRepo
from storage.repos.drafts import DraftsRepo
from storage.repos.submissions import SUMMARY_CURSOR, SubmissionsRepo

YEARS_AROUND = 1


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

    async def confirm_note(self, form: FormSession, studio: Studio) -> str | None:
        return None

    async def receipt(self, form: FormSession, done: Submitted) -> str:
        """What the contact is told once the form is filed (services.submissions files it)."""
        raise NotImplementedError

    def refusal(self, form: FormSession, refused: NotSubmitted) -> str:
        """A studio no longer this user's to file for (its title revoked, say) is told as such."""
        key = "annual.no_studio" if refused.why is Refusal.NOT_YOURS else "annual.not_filed"
        return form.ctx.t(key)

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

    async def on_button(self, ctx: Context, conv: Conversation | None, action: Action) -> None:
        choice = parse_choice(action) if conv is None else None
        if choice is not None:
            if await own_studio(ctx, choice[0], self.kind) is None:
                ctx.answer(ctx.t("common.not_allowed"), alert=True)
            elif self._open_year(ctx, choice[1]):
                await super().start(ctx, scope_of(*choice))
        elif conv is not None and action.is_("submit"):
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
            await super().on_button(ctx, conv, Action("submit"))
            return
        await go(form, Cursor(CONFIRM), await self.confirm_note(form, target[0]))

    async def open_draft(self, ctx: Context, args: str) -> tuple[Draft, str | None] | None:
        scope = parse_scope(args)
        studio = await own_studio(ctx, scope[0], self.kind) if scope else None
        if scope is None or studio is None:
            ctx.send(ctx.t("annual.no_studio"), ctx.registry.menu(ctx))
            return None
        year = scope[1]
        revision = await revision_draft(
            ctx.uow, ctx.user_id, self.kind, ctx.now(), (studio.id, year)
        )
        if revision is not None:
            return revision[0], returned_note(ctx, self.kind, revision[1])
        existing = await ctx.uow.repo(AnnualFilingsRepo).find(self.kind, studio.id, year)
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
        return await filing_target(form.ctx.uow, form.draft, form.ctx.user_id)

    async def marked(self, form: FormSession) -> set[str]:
        """A revision flags the fields staff asked to fix, until each is changed."""
        return await still_to_fix(form)

    async def submit(self, form: FormSession) -> None:
        await submit_in_chat(self, form)
