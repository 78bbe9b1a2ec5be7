"""What the application must not pass without saying so: the falsification bar (Art. 17) and
a duplicate (the same studio applied for twice, or a master leading two studios at once).

The bar is looked up from the findings on record for the master (identity number) and for the
unit (credit code); a duplicate from the studios and open applications on record
(policy.duplicates); Art. 4 and Art. 2 are checked by the form itself (policy.forms.application).
"""

from __future__ import annotations

from datetime import date

from handlers.forms import FormSession
from policy.dates import ONE_DAY
from policy.duplicates import ApplicationFacts, duplicate_reason
from storage.repos.duplicates import DuplicatesRepo
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
    last_day = until - ONE_DAY
    return form.ctx.t(f"application.barred_{kind}", until=last_day.isoformat())


async def bar_lines(form: FormSession) -> list[str]:
    found = [await bar_line(form, key) for key in BAR_FIELDS]
    return [line for line in found if line]


async def duplicate_line(form: FormSession) -> str | None:
    """Which studio or open application this one would duplicate, by name and receipt."""
    master, unit = form.answers.get("master_id"), form.answers.get("unit_credit_code")
    if not isinstance(master, str) or not isinstance(unit, str):
        return None
    repo = form.ctx.uow.repo(DuplicatesRepo)
    records = await repo.on_record(exclude_submission=form.draft.submission_id)
    found = duplicate_reason([r.facts for r in records], ApplicationFacts(master, unit))
    if found is None:
        return None
    record = next(r for r in records if r.facts is found.existing)
    return form.ctx.t(
        f"application.duplicate_{found.reason}",
        name=record.name,
        receipt=record.receipt or form.ctx.t("application.no_receipt"),
    )
