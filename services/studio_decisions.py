"""Staff decisions on a confirmed studio, each with its audit entry and its notice, written in the
caller's unit of work (the caller commits; a refusal writes nothing).

* :func:`set_targets`: a heritage studio's year targets (第九条第一项), with the reason.
* :func:`renew`: another support period for an outstanding studio (第十六条第二款).
* :func:`accept`: acceptance passed, the plaque awarded (第十二条).
* :func:`revoke`: the title withdrawn or given up (第十七条, decided per 第十八条).
* :func:`keep`: the title kept after staff considered what was put before them (第十八条).
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from datetime import date, datetime

from policy.acceptance import Acceptance, AcceptanceProblem, acceptance_problem
from policy.i18n import Lang
from policy.revocation_decision import RevocationDecision, apply_decision
from policy.states import StudioState, can_transition, transition
from policy.studio_status import holds_title
from policy.support import SupportPeriod, current_period
from policy.support import renew as renew_period
from policy.targets import TargetOverride
from services.studio_notices import notify_unit
from services.studios import proposed_grounds, studio
from storage.repos.lifecycle import LifecycleRepo
from storage.repos.studio_targets import StudioTargetsRepo
from storage.uow import UnitOfWork


class NotAllowed(ValueError):
    """The studio's state or records forbid the decision; ``code`` names why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class SetTargets:
    studio_id: int
    year: int
    override: TargetOverride
    by: int


async def set_targets(uow: UnitOfWork, cmd: SetTargets, now: datetime) -> None:
    """第九条第一项: marks the studio as carrying heritage and sets the year's figures."""
    found = await studio(uow, cmd.studio_id)
    if not holds_title(StudioState(found.status)):
        raise NotAllowed("no_title")
    if not cmd.override.reason:
        raise NotAllowed("no_reason")
    found.intangible_heritage = True
    await uow.repo(StudioTargetsRepo).put(found.id, cmd.year, cmd.override, cmd.by, now)
    await uow.audit.record(
        cmd.by,
        "studio.targets",
        "studio",
        found.id,
        year=cmd.year,
        trainees=cmd.override.trainees,
        certified=cmd.override.certified,
        reason=cmd.override.reason,
    )


@dataclass(frozen=True, slots=True)
class Renew:
    studio_id: int
    start: date
    by: int
    document_number: str | None = None
    _: KW_ONLY
    default_lang: Lang
    """`LOCALE` (services.recipients): the unit's notice for a contact who chose no language."""


async def renew(uow: UnitOfWork, cmd: Renew, now: datetime) -> SupportPeriod:
    """第十六条第二款: a new three-year period after the last one; the history stays."""
    found = await studio(uow, cmd.studio_id)
    state = StudioState(found.status)
    if state is StudioState.FLAGGED:  # decide on the revocation first (第十八条)
        raise NotAllowed("flagged")
    if state is not StudioState.ACTIVE and not can_transition(state, StudioState.ACTIVE):
        raise NotAllowed("no_title")
    lifecycle = uow.repo(LifecycleRepo)
    periods = await lifecycle.periods(found)
    if periods[-1].last_year >= now.year + 1:
        raise NotAllowed("period_running")
    try:
        period = renew_period(periods[-1], cmd.start)
    except ValueError as exc:
        raise NotAllowed("before_previous") from exc
    await lifecycle.add_period(found.id, period, cmd.by, now, cmd.document_number)
    found.support_ends_on = period.end
    found.status = StudioState.ACTIVE
    await uow.audit.record(
        cmd.by,
        "studio.renewed",
        "studio",
        found.id,
        start=period.start.isoformat(),
        first_year=period.first_year,
        document=cmd.document_number,
        previous_state=state.value,
    )
    await notify_unit(
        uow,
        found,
        f"renewed:{found.id}:{period.first_year}",
        "studio.notice_renewed",
        cmd.default_lang,
        start=period.start.isoformat(),
        first=period.first_year,
        last=period.last_year,
    )
    return period


@dataclass(frozen=True, slots=True)
class Accept:
    studio_id: int
    accepted_on: date
    by: int
    _: KW_ONLY
    default_lang: Lang


async def accept(uow: UnitOfWork, cmd: Accept, now: datetime) -> Acceptance:
    """第十二条: acceptance passed on the given day; the plaque is awarded with it."""
    found = await studio(uow, cmd.studio_id)
    lifecycle = uow.repo(LifecycleRepo)
    existing = await lifecycle.acceptance(found.id)
    state = StudioState(found.status)
    problem = acceptance_problem(state, found.approved_on, cmd.accepted_on, existing)
    if problem is not None:
        raise NotAllowed(problem.value)
    acceptance = Acceptance(cmd.accepted_on, cmd.by)
    await lifecycle.accept(found.id, acceptance, now)
    await uow.audit.record(
        cmd.by, "studio.accepted", "studio", found.id, accepted_on=cmd.accepted_on.isoformat()
    )
    await notify_unit(
        uow,
        found,
        f"accepted:{found.id}",
        "studio.notice_accepted",
        cmd.default_lang,
        day=cmd.accepted_on.isoformat(),
    )
    return acceptance


async def revoke(
    uow: UnitOfWork,
    studio_id: int,
    decision: RevocationDecision,
    now: datetime,
    *,
    default_lang: Lang,
) -> StudioState:
    """第十七条, 第十八条: records the decision and ends the title (REVOKED or WITHDRAWN)."""
    found = await studio(uow, studio_id)
    current = StudioState(found.status)
    if not holds_title(current):
        raise NotAllowed(AcceptanceProblem.NO_TITLE.value)
    after = apply_decision(current, decision)
    lifecycle = uow.repo(LifecycleRepo)
    await lifecycle.record_decision(found.id, decision, now)
    await lifecycle.withdraw_reminders(found.id)
    found.status = after
    await uow.audit.record(
        decision.recorded_by,
        f"studio.{after.value}",
        "studio",
        found.id,
        ground=decision.ground.value,
        document=decision.document_number,
        decided_on=decision.decided_on.isoformat(),
        decided_by=decision.decided_by,
        equipment=decision.equipment_to_recover,
        previous_state=current.value,
    )
    await notify_unit(
        uow,
        found,
        f"revoked:{found.id}",
        f"studio.notice_{after.value}",
        default_lang,
        ground=decision.ground,
        document=decision.document_number,
        day=decision.decided_on.isoformat(),
        equipment=decision.equipment_to_recover,
    )
    return after


@dataclass(frozen=True, slots=True)
class Keep:
    studio_id: int
    by: int
    reason: str = ""


async def keep(uow: UnitOfWork, cmd: Keep, now: datetime) -> StudioState:
    """第十八条: the title stays; a flagged studio returns to its period's state.

    The decision answers the assessments and findings on record now: the same two failures or
    the same finding are not put before staff again (:func:`policy.revocation.revocation_review`).
    """
    found = await studio(uow, cmd.studio_id)
    current = StudioState(found.status)
    if not holds_title(current):
        raise NotAllowed(AcceptanceProblem.NO_TITLE.value)
    if current is not StudioState.FLAGGED and not await proposed_grounds(uow, found):
        raise NotAllowed("nothing_to_decide")
    lifecycle = uow.repo(LifecycleRepo)
    history = await lifecycle.assessment_history(found.id)
    through = max((year for year, _passed in history), default=None)
    await lifecycle.keep(found.id, through, cmd.reason, cmd.by, now)
    after = current
    if current is StudioState.FLAGGED:
        running = current_period(await lifecycle.periods(found), now.year) is not None
        after = transition(current, StudioState.ACTIVE if running else StudioState.SUPPORT_ENDED)
        found.status = after
    await uow.audit.record(
        cmd.by, "studio.kept", "studio", found.id, through=through, reason=cmd.reason,
        previous_state=current.value,
    )  # fmt: skip
    return after
