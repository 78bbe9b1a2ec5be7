"""`/calendar [year]` (staff): see and move a year's dates (plan due, aggregate due, assessment).

The Measures' dates are the default (policy.calendar); a moved date is stored for that year and
every sweep and lateness check reads the effective calendar, so reminders move with it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import TypeAdapter

from handlers.annual.studio_choice import parse_year
from handlers.context import Context
from handlers.roles import Role
from handlers.steps import FlowState, Screen, StepFlow
from policy.validators.numbers import parse_date
from services.messages.keyboards import button, rows
from services.messages.payloads import Action, BadPayload, token
from storage.models import Conversation
from storage.repos.annual import CALENDAR_FIELDS, CalendarField, CalendarRepo

FIELD = token("field", CALENDAR_FIELDS)


class CalendarState(FlowState):
    step: Literal["menu", "date"]
    year: int
    field: CalendarField | None = None


class CalendarFlow(StepFlow[CalendarState]):
    name = "calendar"
    commands = ("calendar",)
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF
    states = TypeAdapter(CalendarState)

    async def start(self, ctx: Context, args: str) -> None:
        await self.begin(ctx, CalendarState(step="menu", year=parse_year(args, ctx.now().year)))

    def previous(self, state: CalendarState) -> CalendarState | None:
        return state.model_copy(update={"step": "menu", "field": None}) if state.field else None

    async def screen(self, ctx: Context, conv: Conversation, state: CalendarState) -> Screen:
        if state.field is not None:
            return ctx.t("annual.cal_ask", year=state.year), self.with_nav(ctx, conv, state)
        repo = ctx.uow.repo(CalendarRepo)
        cal, moved = await repo.effective(state.year), await repo.overridden(state.year)
        lines = [ctx.t("annual.calendar_title", year=state.year)]
        for field in CALENDAR_FIELDS:
            mark = ctx.t("annual.calendar_moved") if field in moved else ""
            day: date = getattr(cal, field)
            lines.append(ctx.t(f"annual.cal_{field}", day=day.isoformat()) + mark)
        buttons = [
            button(ctx.t(f"annual.cal_set_{f}"), self.name, Action.of("set", f), conv.seq)
            for f in CALENDAR_FIELDS
        ]
        buttons.append(button(ctx.t("annual.cal_reset"), self.name, "reset", conv.seq))
        return "\n".join(lines), rows(buttons, per_row=2)

    async def press(
        self, ctx: Context, conv: Conversation, state: CalendarState, action: Action
    ) -> None:
        if action.verb == "set" and state.field is None:
            (field,) = action.take(FIELD)
            await self.move(ctx, conv, CalendarState(step="date", year=state.year, field=field))
        elif action.is_("reset") and state.field is None:
            for name in CALENDAR_FIELDS:
                await ctx.uow.repo(CalendarRepo).set(
                    state.year, name, None, ctx.user_id, ctx.now()
                )
            await ctx.uow.audit.record(ctx.user_id, "calendar.reset", "calendar", state.year)
            await self.move(ctx, conv, state, ctx.t("annual.cal_was_reset"))
        else:
            raise BadPayload(f"calendar: {action.verb} at {state.step}")

    async def answer(
        self, ctx: Context, conv: Conversation, state: CalendarState, text: str
    ) -> None:
        if state.field is None:
            await super().answer(ctx, conv, state, text)
            return
        first, last = date(state.year, 1, 1), date(state.year, 12, 31)
        day = await self.check(
            ctx, conv, state, text, lambda t: parse_date(t, not_before=first, not_after=last)
        )
        if day is None:
            return
        await ctx.uow.repo(CalendarRepo).set(state.year, state.field, day, ctx.user_id, ctx.now())
        await ctx.uow.audit.record(
            ctx.user_id,
            "calendar.set",
            "calendar",
            state.year,
            field=state.field,
            day=day.isoformat(),
        )
        menu = CalendarState(step="menu", year=state.year)
        await self.move(ctx, conv, menu, ctx.t("annual.cal_saved"))
