"""What /plan and /report share: one form per studio and year, filed by versions.

The draft's scope names the studio and year (``s12y2027``); which draft opens (a plan already
filed opens again pre-filled on its summary, a returned one in its revision draft) and which
years may be opened (the form's current year and one either side) is services.drafts.opening's,
the same for the Mini App's page. Here: the conversation, picking the studio, and the remarks
before confirmation.
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
from handlers.roles import Role
from services.drafts.opening import DEFAULT_YEAR, Closed, NotOpened, filing_years
from services.messages.drafts import closed_note
from services.messages.payloads import Action, number
from services.submissions import filing_scope as scope_of
from services.submissions import filing_target
from services.submissions import parse_filing_scope as parse_scope
from storage.models import Conversation, Draft, Studio


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
        return DEFAULT_YEAR[self.kind](ctx.now().date())

    async def confirm_note(self, form: FormSession, studio: Studio) -> str | None:
        return None

    def _open_year(self, ctx: Context, year: int | None) -> bool:
        """True if filings for `year` may be opened now; else says which years may."""
        years = filing_years(self.kind, ctx.now().date())
        if year in years:
            return True
        refused = NotOpened(Closed.BAD_YEAR, years)
        ctx.send(closed_note(ctx.texts, refused), ctx.registry.menu(ctx))
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
        if not form.cursor.closing or target is None or (await problems(form)).blocking:
            await super().on_button(ctx, conv, Action("submit"))
            return
        await go(form, Cursor(CONFIRM), await self.confirm_note(form, target[0]))

    async def open_draft(self, ctx: Context, args: str) -> tuple[Draft, str | None] | None:
        return await self.open_form(ctx, args)

    async def target(self, form: FormSession) -> tuple[Studio, int] | None:
        """The studio and year this draft is for (the scope, or the returned submission)."""
        return await filing_target(form.ctx.uow, form.draft, form.ctx.user_id)

    async def submit(self, form: FormSession) -> None:
        await submit_in_chat(form)
