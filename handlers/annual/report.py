"""`/report`: the year's results before the assessment, with a preliminary verdict (Art. 9).

The verdict counts what Art. 9 counts (trainees, newly certified, activities, competitions)
against the studio's minimums, and says which target each reason concerns; the assessment
itself is HRSS's (Art. 16), recorded by staff with /assess.
"""

from __future__ import annotations

from handlers.annual.filing import AnnualFormFlow
from handlers.annual.verdict import verdict_text
from handlers.context import Context
from handlers.forms import FormSession
from policy.assessment import evaluate_year
from policy.forms.report import REPORT, achieved_results
from policy.reminders import report_year
from services import studios
from services.submissions import Submitted
from services.submissions import parse_filing_scope as parse_scope
from storage.models import Studio


async def preliminary(form: FormSession, studio_id: int) -> str:
    """The verdict against the year's targets, the agency's own for a heritage studio."""
    scope = parse_scope(form.draft.scope or "")
    year = scope[1] if scope else report_year(form.ctx.now().date())
    targets = await studios.targets(form.ctx.uow, studio_id, year)
    evaluation = evaluate_year(targets, achieved_results(form.answers))
    return verdict_text(form.ctx, evaluation)


class ReportFlow(AnnualFormFlow):
    name = "report"
    commands = ("report",)
    menu_key = "menu.report"
    spec = REPORT
    kind = "report"

    def default_year(self, ctx: Context) -> int:
        return report_year(ctx.now().date())

    async def confirm_note(self, form: FormSession, studio: Studio) -> str | None:
        return await preliminary(form, studio.id)

    async def receipt(self, form: FormSession, done: Submitted) -> str:
        key = "annual.report_revised" if done.revised else "annual.report_filed"
        head = form.ctx.t(key, receipt=done.receipt, version=done.version, year=done.year)
        assert done.studio_id is not None
        return head + "\n\n" + await preliminary(form, done.studio_id)
