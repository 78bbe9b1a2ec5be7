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
from policy.calendar import ProgrammeCalendar
from policy.forms.report import REPORT, achieved_results
from policy.reminders import report_year
from services import studios
from storage.models import Studio, Submission


async def preliminary(form: FormSession, studio: Studio, year: int) -> str:
    """The verdict against the year's targets, the agency's own for a heritage studio."""
    targets = await studios.targets(form.ctx.uow, studio.id, year)
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

    def is_late(self, ctx: Context, cal: ProgrammeCalendar) -> bool:
        return ctx.now().date() > cal.assessment

    async def confirm_note(self, form: FormSession, studio: Studio) -> str | None:
        target = await self.target(form)  # a revision draft's year is its submission's
        year = target[1] if target else report_year(form.ctx.now().date())
        return await preliminary(form, studio, year)

    async def filed(
        self, form: FormSession, submission: Submission, studio: Studio, revised: bool
    ) -> None:
        ctx = form.ctx
        key = "annual.report_revised" if revised else "annual.report_filed"
        head = ctx.t(
            key, receipt=submission.receipt_no, version=submission.version, year=submission.year
        )
        verdict = await preliminary(form, studio, submission.year)
        ctx.show(head + "\n\n" + verdict, ctx.registry.menu(ctx))
