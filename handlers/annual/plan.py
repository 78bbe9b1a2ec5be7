"""`/plan`: the studio's master or its unit's contact files the year's work plan (Art. 9(6)).

Targets below the minimums of Art. 9 are pointed out, with the article, as soon as they are
answered (services.drafts.problems) and again before confirmation; they do not block filing
(the plan is the studio's, the assessment judges the year). A plan after the due day is
accepted and marked late.
"""

from __future__ import annotations

from handlers.annual.filing import AnnualFormFlow
from handlers.forms import FormSession
from handlers.roles import Role
from policy.forms.plan import PLAN
from services.drafts.problems import plan_shortfalls_of
from services.messages.verdict import shortfall_note
from storage.models import Studio


class PlanFlow(AnnualFormFlow):
    name = "plan"
    commands = ("plan",)
    menu_key = "menu.plan"
    menu_roles = frozenset({Role.CONTACT, Role.MASTER})
    spec = PLAN
    kind = "plan"

    async def confirm_note(self, form: FormSession, studio: Studio) -> str | None:
        short = await plan_shortfalls_of(form.ctx.uow, form.draft_form)
        return shortfall_note(form.ctx.texts, short or ())
