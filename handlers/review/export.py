"""/export: the agency's workbook (applications, studios, and any sheet added later).

The workbook is built in a worker thread from plain rows, so a large export never stalls the
other chats the bot is answering.
"""

from __future__ import annotations

from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from storage.exports import export_workbook


class ExportFlow(Flow):
    name = "export"
    commands = ("export",)
    menu_key = "menu.export"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        content = await export_workbook(ctx.uow.session, ctx.config.tz)
        stamp = ctx.now().strftime("%Y%m%d-%H%M")
        await ctx.uow.audit.record(ctx.user_id, "export", "workbook", stamp, size=len(content))
        ctx.document(f"studios-{stamp}.xlsx", content, ctx.t("export.caption", at=stamp))
