"""What the application must not pass without saying so: the falsification bar (Art. 17).

The bar is looked up from the findings on record for the master (identity number) and for the
unit (credit code); Art. 4 and Art. 2 are checked by the form itself (policy.forms.application).
"""

from __future__ import annotations

from datetime import date

from handlers.forms import FormSession
from storage.repos.findings import FindingsRepo, SubjectKind

BAR_FIELDS: dict[str, SubjectKind] = {"master_id": "person", "unit_credit_code": "unit"}


async def bar_line(form: FormSession, key: str) -> str | None:
    """The Art. 17 line for the party named by answer `key`, if a finding bars it today."""
    kind = BAR_FIELDS.get(key)
    code = form.answers.get(key)
    if kind is None or not isinstance(code, str):
        return None
    today: date = form.ctx.now().date()
    until = await form.ctx.uow.repo(FindingsRepo).barred_from(kind, code, today)
    if until is None:
        return None
    return form.ctx.t(f"application.barred_{kind}", date=until.isoformat())


async def bar_lines(form: FormSession) -> list[str]:
    found = [await bar_line(form, key) for key in BAR_FIELDS]
    return [line for line in found if line]
