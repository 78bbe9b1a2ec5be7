"""`/plan`: the studio contact files the year's work plan (Art. 9(6)).

Targets below the minimums of Art. 9 are pointed out, with the article, as soon as they are
answered and again before confirmation; they do not block filing (the plan is the studio's,
the assessment judges the year). A plan after the due day is accepted and marked late.
"""

from __future__ import annotations

from handlers.annual.filing import AnnualFormFlow
from handlers.annual.verdict import shortfall_note, targets_of
from handlers.context import Context
from handlers.forms import FormSession
from policy.assessment import CheckCode, plan_shortfalls
from policy.forms.plan import PLAN, TRAINEE_LEVELS, planned_results
from policy.reminders import plan_year
from services.submissions import Submitted
from storage.models import Studio

CHECK_AFTER = {
    TRAINEE_LEVELS[-1]: CheckCode.TRAINEES,
    "certified": CheckCode.NEWLY_CERTIFIED,
    "activities": CheckCode.ACTIVITIES,
    "competitions": CheckCode.COMPETITIONS,
}


class PlanFlow(AnnualFormFlow):
    name = "plan"
    commands = ("plan",)
    menu_key = "menu.plan"
    spec = PLAN
    kind = "plan"

    def default_year(self, ctx: Context) -> int:
        return plan_year(ctx.now().date())

    async def confirm_note(self, form: FormSession, studio: Studio) -> str | None:
        planned = planned_results(form.answers)
        short = plan_shortfalls(targets_of(studio), planned)
        return shortfall_note(form.ctx, short)

    async def answer_notes(self, form: FormSession, key: str) -> list[str]:
        code = CHECK_AFTER.get(key)
        target = await self.target(form) if code else None
        if code is None or target is None:
            return []
        studio = target[0]
        planned = planned_results(form.answers)
        short = plan_shortfalls(targets_of(studio), planned)
        note = shortfall_note(form.ctx, [c for c in short if c.code is code])
        return [note] if note else []

    async def receipt(self, form: FormSession, done: Submitted) -> str:
        ctx = form.ctx
        key = "annual.plan_revised" if done.revised else "annual.plan_filed"
        lines = [ctx.t(key, receipt=done.receipt, version=done.version, year=done.year)]
        if done.late:
            lines.append(ctx.t("annual.plan_late"))
        return "\n".join(lines)
