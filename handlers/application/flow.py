"""`/apply`: the unit contact fills in, checks and submits the studio application.

Which draft opens (a returned submission's revision, the draft in progress, a new one) is
services.drafts.opening's; what blocks Submit (第四条, a finding's bar under 第十七条, a
duplicate) services.drafts.problems'. A unit may apply for several studios, each with its own
master (第五条, 第六条).
"""

from __future__ import annotations

from handlers.context import Context
from handlers.forms import FormFlow, FormSession
from handlers.hand_in import submit_in_chat
from policy.forms.application import APPLICATION
from storage.models import Draft


class ApplicationFlow(FormFlow):
    name = APPLICATION.name
    commands = ("apply",)
    menu_key = "menu.apply"
    spec = APPLICATION

    async def open_draft(self, ctx: Context, args: str) -> tuple[Draft, str | None] | None:
        return await self.open_form(ctx)

    async def submit(self, form: FormSession) -> None:
        await submit_in_chat(form)
