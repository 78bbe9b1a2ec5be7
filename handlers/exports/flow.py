"""/export: the agency's workbook as a document in the chat (services.exports builds it)."""

from __future__ import annotations

from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from services import exports


class ExportFlow(Flow):
    name = "export"
    commands = ("export",)
    menu_key = "menu.export"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        book = await exports.export(ctx.uow, ctx.user_id, ctx.now())
        ctx.document(book.file_name, book.content, ctx.t("export.caption", at=book.stamp))
