"""What a draft still lacks before Submit, and what an answer earns a remark for.

Submit is blocked by a question or a mandatory file still missing, by a rule of the form the
answers break (e.g. 第四条, `FormSpec.issues`) and, for an application, by a party barred
after a falsification finding (第十七条) or a studio applied for twice (policy.duplicates). A
revision's fields to fix stay flagged until each is changed. A plan's targets below the
minimums of 第九条 are remarked on as they are answered, and never block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from policy.assessment import Check, CheckCode, plan_shortfalls
from policy.dates import ONE_DAY
from policy.duplicates import ApplicationFacts, duplicate_reason, match_key
from policy.forms.application import APPLICATION
from policy.forms.plan import PLAN, TRAINEE_LEVELS, planned_results
from policy.forms.spec import FileSlot, Issue, Node
from policy.forms.walk import missing
from services import studios
from services.drafts.access import DraftForm
from services.revisions import to_fix
from services.submissions import filing_target
from storage.repos.duplicates import DuplicatesRepo
from storage.repos.findings import FindingsRepo, SubjectKind
from storage.uow import UnitOfWork

BAR_FIELDS: dict[str, SubjectKind] = {"master_id": "person", "unit_credit_code": "unit"}
"""The application's answers naming a party a finding can bar: the master and the unit."""

CHECK_AFTER = {
    TRAINEE_LEVELS[-1]: CheckCode.TRAINEES,
    "certified": CheckCode.NEWLY_CERTIFIED,
    "activities": CheckCode.ACTIVITIES,
    "competitions": CheckCode.COMPETITIONS,
}
"""The plan's answers after which the target they count towards is checked."""


@dataclass(frozen=True, slots=True)
class Barred:
    """A party the answers name is barred by a finding until after `last_day` (第十七条)."""

    party: SubjectKind
    last_day: date


@dataclass(frozen=True, slots=True)
class Duplicate:
    """The studio or open application on record this one repeats, by name and receipt."""

    reason: str
    name: str
    receipt: str | None


@dataclass(frozen=True, slots=True)
class Problems:
    """Everything that blocks Submit, kept apart so each surface can word and mark it."""

    missing: tuple[Node, ...] = ()
    missing_files: tuple[FileSlot, ...] = ()
    issues: tuple[Issue, ...] = ()
    barred: tuple[Barred, ...] = ()
    duplicate: Duplicate | None = None
    to_fix: frozenset[str] = field(default_factory=frozenset)

    @property
    def blocking(self) -> bool:
        parts = (self.missing, self.missing_files, self.issues, self.barred)
        return any(parts) or self.duplicate is not None

    @property
    def flagged(self) -> set[str]:
        """Keys shown with a mark: what is missing or broken, and the fields still to fix."""
        keys = {n.key for n in (*self.missing, *self.missing_files)}
        return keys | {i.key for i in self.issues} | set(self.to_fix)


async def problems(uow: UnitOfWork, form: DraftForm, today: date) -> Problems:
    gaps = missing(form.spec, form.answers, form.slots)
    application = form.spec is APPLICATION
    return Problems(
        tuple(n for n in gaps if not isinstance(n, FileSlot)),
        tuple(n for n in gaps if isinstance(n, FileSlot)),
        tuple(form.spec.issues(form.answers, today)),
        await _all_barred(uow, form, today) if application else (),
        await _duplicate(uow, form) if application else None,
        frozenset(await still_to_fix(uow, form)),
    )


@dataclass(frozen=True, slots=True)
class Remarks:
    """What to say after the answer at a key: the form's broken rules (all of them, once one
    concerns this answer), a finding barring the party it names, a plan's shortfalls."""

    issues: tuple[Issue, ...] = ()
    barred: Barred | None = None
    shortfalls: tuple[Check, ...] = ()


async def remarks(uow: UnitOfWork, form: DraftForm, key: str, today: date) -> Remarks:
    issues = tuple(form.spec.issues(form.answers, today))
    shown = issues if any(i.key == key for i in issues) else ()
    barred = await _barred(uow, form, key, today) if form.spec is APPLICATION else None
    return Remarks(shown, barred, await _shortfalls(uow, form, key))


async def _barred(uow: UnitOfWork, form: DraftForm, key: str, today: date) -> Barred | None:
    party = BAR_FIELDS.get(key)
    code = form.answers.get(key)
    if party is None or not isinstance(code, str):
        return None
    until = await uow.repo(FindingsRepo).barred_from(party, code, today)
    return Barred(party, until - ONE_DAY) if until is not None else None


async def _all_barred(uow: UnitOfWork, form: DraftForm, today: date) -> tuple[Barred, ...]:
    found = [await _barred(uow, form, key, today) for key in BAR_FIELDS]
    return tuple(b for b in found if b is not None)


async def _duplicate(uow: UnitOfWork, form: DraftForm) -> Duplicate | None:
    """The studio or open application this one would duplicate (第五条)."""
    master, unit = form.answers.get("master_id"), form.answers.get("unit_credit_code")
    if not isinstance(master, str) or not isinstance(unit, str):
        return None
    key = match_key(master)
    if key is None:
        return None
    repo = uow.repo(DuplicatesRepo)
    records = await repo.naming_master(key, exclude_submission=form.draft.submission_id)
    found = duplicate_reason([r.facts for r in records], ApplicationFacts(master, unit))
    if found is None:
        return None
    record = next(r for r in records if r.facts is found.existing)
    return Duplicate(found.reason, record.name, record.receipt)


async def plan_shortfalls_of(uow: UnitOfWork, form: DraftForm) -> tuple[Check, ...] | None:
    """What the plan falls short of: the year's targets (the agency's for a heritage studio);
    None when the draft names no studio of the user's."""
    target = await filing_target(uow, form.draft, form.draft.owner_id)
    if target is None:
        return None
    found = await studios.targets(uow, target[0].id, target[1])
    return tuple(plan_shortfalls(found, planned_results(form.answers)))


async def _shortfalls(uow: UnitOfWork, form: DraftForm, key: str) -> tuple[Check, ...]:
    code = CHECK_AFTER.get(key)
    if form.spec is not PLAN or code is None:
        return ()
    short = await plan_shortfalls_of(uow, form) or ()
    return tuple(c for c in short if c.code is code)


async def still_to_fix(uow: UnitOfWork, form: DraftForm) -> set[str]:
    """The fields staff asked to fix that the revision has not changed yet."""
    fix = await to_fix(uow, form.draft)
    if fix is None:
        return set()
    returned = fix.returned
    if returned is None:
        return set(fix.fields)
    then = returned.attachments or []
    changed = set()
    for key in fix.fields:
        if key in form.slots or any(a.get("slot") == key for a in then):
            now = sorted(f.sha256 for f in form.files if f.slot == key)
            old = sorted(str(a.get("sha256")) for a in then if a.get("slot") == key)
            if now != old:
                changed.add(key)
        elif form.answers.get(key) != (returned.answers or {}).get(key):
            changed.add(key)
    return set(fix.fields) - changed
