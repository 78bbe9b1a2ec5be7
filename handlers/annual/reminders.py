"""`/reminders` (staff): what the reminder sweeps will send in the next 14 days.

Computed by the same sweeps in dry-run mode, on today's data: a studio that files meanwhile
drops out of later reminders, exactly as the real sweep will see it.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from policy.reminders import PREVIEW_DAYS

MAX_LINES = 40


class RemindersFlow(Flow):
    name = "reminders"
    commands = ("reminders",)
    menu_key = "menu.reminders"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        preview = ctx.config.preview
        coming = await preview(ctx.uow, ctx.now()) if preview else []
        groups: Counter[tuple[datetime, str]] = Counter((r.send_at, r.series) for r in coming)
        lines = [ctx.t("annual.reminders_title", days=PREVIEW_DAYS)]
        for (when, series), count in sorted(groups.items())[:MAX_LINES]:
            lines.append(
                ctx.t(
                    "annual.reminders_line",
                    when=when.strftime("%Y-%m-%d %H:%M"),
                    what=ctx.t(f"reminders.series.{series}"),
                    count=count,
                )
            )
        if not groups:
            lines.append(ctx.t("annual.reminders_none"))
        ctx.send("\n".join(lines), ctx.registry.menu(ctx))
