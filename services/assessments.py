"""Recording a studio's annual assessment and what it sets in motion (第十三、十六、十七条).

The studio's support periods (the first from its approval, then any renewal: 第十六条第二款)
decide what follows. A pass in a support year books the work subsidy, once per support year and
three times per period (a correction to fail cancels it); a fail carries the agency's
improvement opinions to the studio (第十六条); two failures in consecutive years flag the studio
for revocation and tell staff (第十七条(四)); the last assessment of a period announces its end,
with the renewal route, to the studio and to staff, and the studio's state becomes "support
period over" (its title and duties stay). Notices go through the outbox, outside quiet hours,
once per key; the audit entry is written in the same unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from policy import display
from policy.assessment import opinion_problem
from policy.calendar import next_allowed_send
from policy.money import work_subsidy
from policy.revocation import failed_twice_in_a_row
from policy.states import StudioState, can_transition, transition
from policy.studio_status import HOLDING_TITLE, is_assessed, may_receive_subsidy
from policy.support import (
    SupportPeriod,
    period_ending_in,
    report_owed_in,
    support_year_in,
)
from services.messages.actions import Send
from services.messages.texts import Texts
from services.recipients import Recipients
from storage.models import Studio
from storage.repos.annual import AssessmentsRepo, SubsidiesRepo
from storage.repos.lifecycle import LifecycleRepo
from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class AssessmentInput:
    """One year's result of one studio, as staff confirmed it."""

    studio_id: int
    year: int
    passed: bool
    opinion: str
    by: int
    recipients: Recipients = field(default_factory=Recipients)
    """Who is told, in which language (staff, the unit's contact)."""


@dataclass(frozen=True, slots=True)
class AssessmentOutcome:
    """What the recording did: the subsidy booked, the flag, the period's end announced."""

    studio_name: str
    subsidy: int
    flagged: bool
    period_ends: bool
    queued: int = 0
    """Notices put in the outbox, so the caller can wake the sender."""


class AssessmentRefused(ValueError):
    """The result cannot be recorded as given (a fail without opinions, an unknown studio, a
    studio whose title was revoked or given up: its booked subsidies stay as they were)."""


@dataclass(slots=True)
class _Job:
    uow: UnitOfWork
    data: AssessmentInput
    studio: Studio
    periods: list[SupportPeriod]
    now: datetime
    queued: int = 0

    async def texts(self, user_id: int) -> Texts:
        return await self.data.recipients.texts(self.uow, user_id)

    async def tell(self, key: str, user_id: int, text_key: str, **values: object) -> None:
        texts = await self.texts(user_id)
        action = Send(chat_id=user_id, text=texts(text_key, **values))
        payload = action.model_dump(mode="json")
        at = next_allowed_send(self.now)
        self.queued += await self.uow.outbox.enqueue(f"{key}:{user_id}", user_id, payload, at)

    async def staff(self) -> list[int]:
        return await self.data.recipients.staff(self.uow)


async def record_assessment(
    uow: UnitOfWork, data: AssessmentInput, now: datetime
) -> AssessmentOutcome:
    """第十六条: record (or correct) the result; subsidy, flag and notices follow from it."""
    if (problem := opinion_problem(data.passed, data.opinion)) is not None:
        raise AssessmentRefused(problem.zh)
    studio = await uow.repo(StudiosRepo).get(data.studio_id)
    if studio is None:
        raise AssessmentRefused(f"no studio {data.studio_id}")
    if not is_assessed(StudioState(studio.status)):
        raise AssessmentRefused(f"studio {studio.id} no longer holds its title (第十七条)")
    job = _Job(uow, data, studio, await uow.repo(LifecycleRepo).periods(studio), now)
    assessments = uow.repo(AssessmentsRepo)
    await assessments.record(studio.id, data.year, data.passed, data.opinion, data.by, now)
    amount = await _settle(job)
    await uow.audit.record(
        data.by, "assessment", "studio", studio.id, year=data.year, passed=data.passed,
        subsidy=amount,
    )  # fmt: skip
    await _notice(job, amount)
    flagged = failed_twice_in_a_row(await assessments.history(studio.id))
    if flagged:
        await _flag(job)
    ending = period_ending_in(job.periods, data.year)
    if ending is not None:
        await _announce_end(job, ending)
    return AssessmentOutcome(studio.name, amount, flagged, ending is not None, job.queued)


async def _settle(job: _Job) -> int:
    """第十三条: the year's work subsidy, booked or cancelled; what is booked now."""
    subsidies = job.uow.repo(SubsidiesRepo)
    booked = await subsidies.booked_years(job.studio.id)
    amount = work_subsidy(job.periods, job.data.year, job.data.passed, booked)
    amount = amount if may_receive_subsidy(StudioState(job.studio.status)) else 0
    await subsidies.settle(job.studio.id, job.data.year, amount, job.data.by, job.now)
    return amount


async def _notice(job: _Job, amount: int) -> None:
    contact = job.studio.contact_user_id
    if contact is None:
        return
    verdict = "pass" if job.data.passed else "fail"
    lang = (await job.texts(contact)).lang
    await job.tell(
        f"assess:{job.studio.id}:{job.data.year}:{verdict}",
        contact,
        f"annual.assess_notice_{verdict}",
        studio=job.studio.name,
        year=job.data.year,
        subsidy=display.cny(amount, lang),
        comment=job.data.opinion or "—",
    )


async def _flag(job: _Job) -> None:
    """第十七条(四): two failed years in a row put the studio before staff."""
    state = StudioState(job.studio.status)
    if not can_transition(state, StudioState.FLAGGED):
        return
    job.studio.status = transition(state, StudioState.FLAGGED)
    year = job.data.year
    await job.uow.audit.record(job.data.by, "studio.flagged", "studio", job.studio.id, year=year)
    for user_id in await job.staff():
        key = f"flag:{job.studio.id}:{year}"
        await job.tell(key, user_id, "annual.flag_staff", studio=job.studio.name, year=year)


async def _announce_end(job: _Job, period: SupportPeriod) -> None:
    """第十六条: the period's last assessment announces its end (and the renewal route)."""
    if job.studio.status == StudioState.ACTIVE:  # a flagged studio stays before staff
        job.studio.status = transition(StudioState.ACTIVE, StudioState.SUPPORT_ENDED)
    end = period.end
    recipients = [*await job.staff()]
    if job.studio.contact_user_id is not None:
        recipients.append(job.studio.contact_user_id)
    for user_id in dict.fromkeys(recipients):
        await job.tell(
            f"support_end:{job.studio.id}:{end.isoformat()}",
            user_id,
            "annual.support_ends",
            studio=job.studio.name,
            end=end.isoformat(),
        )


async def assessable_studios(uow: UnitOfWork, year: int) -> list[Studio]:
    """第十三条, 第十六条: the studios the assessment of ``year`` covers, by name.

    Those holding the title that owe the year's report (:func:`policy.support.report_owed_in`):
    a studio confirmed in early December is first assessed the next December; one past its
    period is still assessed (its title and duties go on, and a renewal is judged on it). A
    revoked or withdrawn studio is not.
    """
    studios = await uow.repo(StudiosRepo).in_states(HOLDING_TITLE)
    periods = await uow.repo(LifecycleRepo).periods_of(studios)
    return [
        s
        for s in studios
        if is_assessed(StudioState(s.status)) and report_owed_in(periods[s.id], year)
    ]


async def support_year(uow: UnitOfWork, studio: Studio, year: int) -> int | None:
    """Which support year (1..3) of its current period the assessment of ``year`` is."""
    return support_year_in(await uow.repo(LifecycleRepo).periods(studio), year)
