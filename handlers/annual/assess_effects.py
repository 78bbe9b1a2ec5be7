"""What recording an assessment sets in motion (Art. 13, Art. 16, Art. 17).

A pass in a support year books the work subsidy, once per year and three times in all (a
correction to fail cancels it); two failures in consecutive years flag the studio for
revocation and tell staff; the last assessment of the support period announces its end, with
the renewal route, to the studio and to staff. Notices go through the outbox, outside quiet
hours, once per key.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.context import Context
from handlers.staff_notices import staff_ids
from policy import display
from policy.calendar import next_allowed_send
from policy.money import subsidy_due
from policy.revocation import failed_twice_in_a_row
from policy.states import StudioState, can_transition, transition
from policy.studio_status import may_receive_subsidy
from policy.support import period_end_notice_year, support_period
from services.messages.actions import Send
from services.messages.texts import Texts, pick_language
from storage.models import Studio
from storage.repos.annual import AssessmentsRepo, SubsidiesRepo


@dataclass(frozen=True, slots=True)
class Outcome:
    subsidy: int
    flagged: bool
    period_ends: bool


async def _texts(ctx: Context, user_id: int) -> Texts:
    user = await ctx.uow.users.get(user_id)
    chosen = (user.language or user.telegram_language) if user else None
    return Texts(pick_language(chosen, None, ctx.config.default_lang))


async def _tell(ctx: Context, key: str, user_id: int, text_key: str, **values: object) -> None:
    texts = await _texts(ctx, user_id)
    action = Send(chat_id=user_id, text=texts(text_key, **values))
    await ctx.notify(f"{key}:{user_id}", action, next_allowed_send(ctx.now()))


async def record_assessment(
    ctx: Context, studio: Studio, year: int, passed: bool, comment: str
) -> Outcome:
    now = ctx.now()
    state = StudioState(studio.status)
    assessments = ctx.uow.repo(AssessmentsRepo)
    await assessments.record(studio.id, year, passed, comment, ctx.user_id, now)
    subsidies = ctx.uow.repo(SubsidiesRepo)
    booked = await subsidies.booked_years(studio.id)
    amount = subsidy_due(studio.approved_on, year, passed, booked)
    amount = amount if may_receive_subsidy(state) else 0
    await subsidies.settle(studio.id, year, amount, ctx.user_id, now)
    flagged = failed_twice_in_a_row(await assessments.history(studio.id))
    ends = period_end_notice_year(studio.approved_on) == year
    await ctx.uow.audit.record(
        ctx.user_id, "assessment", "studio", studio.id, year=year, passed=passed, subsidy=amount
    )
    await _notices(ctx, studio, year, passed, amount, comment)
    if flagged and can_transition(state, StudioState.FLAGGED):
        studio.status = transition(state, StudioState.FLAGGED)
        await ctx.uow.audit.record(ctx.user_id, "studio.flagged", "studio", studio.id, year=year)
        for user_id in await staff_ids(ctx):
            await _tell(
                ctx,
                f"flag:{studio.id}:{year}",
                user_id,
                "annual.flag_staff",
                studio=studio.name,
                year=year,
            )
    if ends:
        await _announce_end(ctx, studio)
    return Outcome(amount, flagged, ends)


async def _notices(
    ctx: Context, studio: Studio, year: int, passed: bool, amount: int, comment: str
) -> None:
    if studio.contact_user_id is None:
        return
    verdict = "pass" if passed else "fail"
    lang = (await _texts(ctx, studio.contact_user_id)).lang
    await _tell(
        ctx,
        f"assess:{studio.id}:{year}:{verdict}",
        studio.contact_user_id,
        f"annual.assess_notice_{verdict}",
        studio=studio.name,
        year=year,
        subsidy=display.cny(amount, lang),
        comment=comment or "—",
    )


async def _announce_end(ctx: Context, studio: Studio) -> None:
    end = support_period(studio.approved_on).end
    recipients = [*await staff_ids(ctx)]
    if studio.contact_user_id is not None:
        recipients.append(studio.contact_user_id)
    for user_id in dict.fromkeys(recipients):
        await _tell(
            ctx,
            f"support_end:{studio.id}:{end.isoformat()}",
            user_id,
            "annual.support_ends",
            studio=studio.name,
            end=end.isoformat(),
        )
