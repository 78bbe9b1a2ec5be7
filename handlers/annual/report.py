"""`/report`: the year's results before the assessment, with a preliminary verdict (Art. 9).

The verdict counts what Art. 9 counts (trainees, newly certified, activities, competitions)
against the studio's minimums, and says which target each reason concerns; the assessment
itself is HRSS's (Art. 16), recorded by staff with /assess.
"""

from __future__ import annotations

from handlers.annual.filing import AnnualFormFlow
from handlers.forms import FormSession
from policy.forms.report import REPORT
from services.messages.drafts import preliminary
from storage.models import Studio


class ReportFlow(AnnualFormFlow):
    name = "report"
    commands = ("report",)
    menu_key = "menu.report"
    spec = REPORT
    kind = "report"

    async def confirm_note(self, form: FormSession, studio: Studio) -> str | None:
        target = await self.target(form)  # a revision draft's year is its submission's
        year = target[1] if target else self.default_year(form.ctx)
        return await preliminary(form.ctx.uow, form.ctx.texts, studio.id, year, form.answers)
