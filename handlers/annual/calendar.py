"""`/calendar [year]` (staff): see and move a year's dates (plan due, aggregate due, assessment).

The Measures' dates are the default (policy.calendar); a moved date is stored for that year and
every sweep and lateness check reads the effective calendar, so reminders move with it.
"""

from __future__ import annotations

from datetime import date

from handlers.annual.studio_choice import parse_year
from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from policy.validators.errors import FieldError
from policy.validators.numbers import parse_date
from services.messages.keyboards import button, rows
from storage.models import Conversation
from storage.repos.annual import CALENDAR_FIELDS, CalendarRepo


class CalendarFlow(Flow):
    name = "calendar"
    commands = ("calendar",)
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        year = parse_year(args, ctx.now().year)
        conv = await ctx.uow.conversations.open(ctx.user_id, self.name, "menu", {"year": year})
        ctx.conversation = conv
        await self._show(ctx, conv)

    async def _show(self, ctx: Context, conv: Conversation, note: str = "") -> None:
        year = int(conv.data["year"])
        repo = ctx.uow.repo(CalendarRepo)
        cal, moved = await repo.effective(year), await repo.overridden(year)
        lines = [ctx.t("annual.calendar_title", year=year)]
        for field in CALENDAR_FIELDS:
            mark = ctx.t("annual.calendar_moved") if field in moved else ""
            day: date = getattr(cal, field)
            lines.append(ctx.t(f"annual.cal_{field}", day=day.isoformat()) + mark)
        buttons = [
            button(ctx.t(f"annual.cal_set_{f}"), self.name, f"set:{f}", conv.seq)
            for f in CALENDAR_FIELDS
        ]
        buttons.append(button(ctx.t("annual.cal_reset"), self.name, "reset", conv.seq))
        text = "\n".join(lines)
        ctx.show(f"{note}\n\n{text}" if note else text, rows(buttons, per_row=2))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: str) -> None:
        if conv is None:
            await super().on_button(ctx, conv, action)
            return
        verb, _, field = action.partition(":")
        if verb == "set" and field in CALENDAR_FIELDS:
            await ctx.uow.conversations.save(conv, f"date:{field}", conv.data)
            ctx.show(ctx.t("annual.cal_ask", year=conv.data["year"]))
        elif verb == "reset":
            year = int(conv.data["year"])
            for name in CALENDAR_FIELDS:
                await ctx.uow.repo(CalendarRepo).set(year, name, None, ctx.user_id, ctx.now())
            await ctx.uow.audit.record(ctx.user_id, "calendar.reset", "calendar", year)
            await ctx.uow.conversations.save(conv, "menu", conv.data)
            await self._show(ctx, conv, ctx.t("annual.cal_was_reset"))
        else:
            ctx.answer(ctx.t("common.stale_button"), alert=True)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        field = conv.step.partition(":")[2]
        if not conv.step.startswith("date:") or field not in CALENDAR_FIELDS:
            await self.reprompt(ctx, conv, ctx.t("common.use_buttons"))
            return
        year = int(conv.data["year"])
        try:
            day = parse_date(text, not_before=date(year, 1, 1), not_after=date(year, 12, 31))
        except FieldError as exc:
            ctx.send(ctx.t("annual.cal_bad", message=exc.message(ctx.texts.lang), year=year))
            return
        await ctx.uow.repo(CalendarRepo).set(year, field, day, ctx.user_id, ctx.now())
        await ctx.uow.audit.record(
            ctx.user_id, "calendar.set", "calendar", year, field=field, day=day.isoformat()
        )
        await ctx.uow.conversations.save(conv, "menu", conv.data)
        await self._show(ctx, conv, ctx.t("annual.cal_saved"))

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        if note:
            ctx.send(note)
        if conv.step.startswith("date:"):
            ctx.send(ctx.t("annual.cal_ask", year=conv.data["year"]))
        else:
            await self._show(ctx, conv)
