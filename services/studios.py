"""What staff and the reports read about a studio: its year's targets, its card, where it stands
(/status, /stats), who awaits a decision on revocation (第九、十二、十六、十七条). Reads only;
decisions are in :mod:`services.studio_decisions`."""

from __future__ import annotations

from dataclasses import dataclass

from policy.acceptance import Acceptance
from policy.revocation import RevocationGround, revocation_review
from policy.revocation_decision import RevocationDecision
from policy.studio_status import HOLDING_TITLE, StudioState
from policy.support import SupportPeriod, current_period
from policy.targets import Targets
from storage.models import Studio, YearTargets
from storage.repos.lifecycle import LifecycleRepo
from storage.repos.studio_targets import StudioTargetsRepo
from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork


class UnknownStudio(LookupError):
    """No studio has this id."""


async def studio(uow: UnitOfWork, studio_id: int) -> Studio:
    found = await uow.session.get(Studio, studio_id)
    if found is None:
        raise UnknownStudio(studio_id)
    return found


async def targets(uow: UnitOfWork, studio_id: int, year: int) -> Targets:
    """第九条: the targets the year's plan, report, assessment and export all judge against."""
    return await uow.repo(StudioTargetsRepo).for_year(await studio(uow, studio_id), year)


@dataclass(frozen=True, slots=True)
class StudioCard:
    """Everything the staff card shows of one studio."""

    studio: Studio
    state: StudioState
    periods: tuple[SupportPeriod, ...]
    current: SupportPeriod | None
    targets: Targets
    year_targets: tuple[YearTargets, ...]
    acceptance: Acceptance | None
    decision_ground: RevocationGround | None
    decision_document: str | None
    proposed: tuple[RevocationGround, ...]
    decision: RevocationDecision | None = None


async def card(uow: UnitOfWork, studio_id: int, year: int) -> StudioCard:
    found = await studio(uow, studio_id)
    lifecycle = uow.repo(LifecycleRepo)
    periods = tuple(await lifecycle.periods(found))
    decision = await lifecycle.decision(studio_id)
    state = StudioState(found.status)
    return StudioCard(
        studio=found,
        state=state,
        periods=periods,
        current=current_period(periods, year),
        targets=await targets(uow, studio_id, year),
        year_targets=tuple(await uow.repo(StudioTargetsRepo).by_studio(studio_id)),
        acceptance=await lifecycle.acceptance(studio_id),
        decision_ground=decision.ground if decision else None,
        decision_document=decision.document_number if decision else None,
        proposed=await proposed_grounds(uow, found) if state in HOLDING_TITLE else (),
        decision=decision,
    )


@dataclass(frozen=True, slots=True)
class Standing:
    """Where one studio stands (第十二、十七条), as its unit and master see it in /status."""

    studio: Studio
    state: StudioState
    acceptance: Acceptance | None
    decision: RevocationDecision | None


async def standings_of(uow: UnitOfWork, user_id: int) -> list[Standing]:
    """The studios ``user_id`` is the unit's contact or the master of, with their state."""
    repo = uow.repo(StudiosRepo)
    found = {s.id: s for s in [*await repo.of_contact(user_id), *await repo.of_master(user_id)]}
    lifecycle = uow.repo(LifecycleRepo)
    out = []
    for sid in sorted(found):
        out.append(
            Standing(
                found[sid],
                StudioState(found[sid].status),
                await lifecycle.acceptance(sid),
                await lifecycle.decision(sid),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class StateFigures:
    """Studios by state and how many were accepted with the plaque, for /stats."""

    by_state: dict[StudioState, int]
    accepted: int


async def state_figures(uow: UnitOfWork) -> StateFigures:
    counts, accepted = await uow.repo(LifecycleRepo).state_counts()
    by_state = {state: counts[state.value] for state in StudioState if counts.get(state.value)}
    return StateFigures(by_state, accepted)


async def proposed_grounds(uow: UnitOfWork, found: Studio) -> tuple[RevocationGround, ...]:
    """第十七条: what the records put before staff (two failures in a row, a falsification)."""
    lifecycle = uow.repo(LifecycleRepo)
    history = await lifecycle.assessment_history(found.id)
    kept = await lifecycle.last_kept(found.id)
    if kept is None:
        return revocation_review(history, await lifecycle.falsification_found(found))
    found_since = await lifecycle.falsification_found(found, kept.recorded_at)
    return revocation_review(history, found_since, kept.through_year or 0)


async def awaiting_decision(uow: UnitOfWork) -> list[tuple[Studio, tuple[RevocationGround, ...]]]:
    """待决定撤销: studios holding the title whose records propose a ground of 第十七条.

    Flagged studios always appear (the assessment put them there); the rest when two failures
    in a row or a falsification finding against the unit or the master are on record and were
    not answered yet by a decision to keep the title (:func:`services.studio_decisions.keep`).
    """
    out: list[tuple[Studio, tuple[RevocationGround, ...]]] = []
    for found in await uow.repo(LifecycleRepo).holding_title():
        grounds = await proposed_grounds(uow, found)
        if grounds or found.status == StudioState.FLAGGED:
            out.append((found, grounds))
    return out
