"""Staff decisions on a studio, on SQLite and PostgreSQL: each writes its fact, its audit entry
and its notice, and a studio that lost its title takes no further decision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from policy.revocation import RevocationGround
from policy.revocation_decision import RevocationDecision
from policy.states import StudioState
from policy.targets import TargetOverride
from services import studio_decisions as decide
from services import studios
from storage.models import Assessment
from storage.repos.findings import FindingsRepo
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio, revocation

Db = Callable[[], UnitOfWork]
NOW = datetime(2028, 1, 10, 2, 0, tzinfo=UTC)
STAFF = 9001


def decision(ground: RevocationGround = RevocationGround.FAILED_TWICE) -> RevocationDecision:
    return revocation(ground, "郑人社〔2028〕3号", date(2028, 1, 8), "数控车床一台")


async def test_year_targets_override_the_category_for_that_year_only(uow: Db) -> None:
    sid = await add_studio(uow)
    async with uow() as u:
        cmd = decide.SetTargets(sid, 2027, TargetOverride(3, None, "传承人年迈，学徒少"), STAFF)
        await decide.set_targets(u, cmd, NOW)
        await u.commit()
    async with uow() as u:
        set_year, other_year = (
            await studios.targets(u, sid, 2027),
            await studios.targets(u, sid, 2028),
        )
        audit = await u.audit.for_object("studio", sid)
    assert (set_year.trainees, set_year.certified, set_year.set_by_agency) == (3, 2, True)
    assert set_year.reason == "传承人年迈，学徒少"
    assert (other_year.trainees, other_year.set_by_agency) == (8, False)
    assert [a.action for a in audit] == ["studio.targets"]


async def test_targets_need_a_reason(uow: Db) -> None:
    sid = await add_studio(uow)
    async with uow() as u:
        with pytest.raises(decide.NotAllowed):
            await decide.set_targets(
                u, decide.SetTargets(sid, 2027, TargetOverride(3), STAFF), NOW
            )


async def test_renewal_adds_a_period_and_keeps_the_first(uow: Db) -> None:
    sid = await add_studio(uow, approved_on=date(2024, 3, 1))
    async with uow() as u:
        period = await decide.renew(
            u,
            decide.Renew(sid, date(2028, 1, 9), STAFF, "郑人社〔2028〕1号", default_lang="zh"),
            NOW,
        )
        await u.commit()
    async with uow() as u:
        card = await studios.card(u, sid, 2028)
        notice = await u.outbox.by_key(f"renewed:{sid}:2028")
    assert period.years == (2028, 2029, 2030)
    assert [p.years for p in card.periods] == [(2024, 2025, 2026), (2028, 2029, 2030)]
    assert card.current == period and card.studio.approved_on == date(2024, 3, 1)
    assert card.studio.support_ends_on == date(2030, 12, 31)
    assert notice is not None and "2028–2030" in notice.action["text"]


async def test_a_running_period_is_not_renewed(uow: Db) -> None:
    sid = await add_studio(uow, approved_on=date(2027, 3, 1))
    async with uow() as u:
        with pytest.raises(decide.NotAllowed) as refused:
            await decide.renew(
                u, decide.Renew(sid, date(2028, 1, 9), STAFF, default_lang="zh"), NOW
            )
    assert refused.value.code == "period_running"


async def test_a_flagged_studio_is_not_renewed_before_the_decision(uow: Db) -> None:
    sid = await add_studio(uow, approved_on=date(2024, 3, 1))
    async with uow() as u:
        (await studios.studio(u, sid)).status = StudioState.FLAGGED
        with pytest.raises(decide.NotAllowed) as refused:
            await decide.renew(
                u, decide.Renew(sid, date(2028, 1, 9), STAFF, default_lang="zh"), NOW
            )
    assert refused.value.code == "flagged"


async def test_acceptance_awards_the_plaque_once(uow: Db) -> None:
    sid = await add_studio(uow, approved_on=date(2027, 3, 1))
    async with uow() as u:
        with pytest.raises(decide.NotAllowed) as early:
            await decide.accept(
                u, decide.Accept(sid, date(2027, 2, 1), STAFF, default_lang="zh"), NOW
            )
    assert early.value.code == "before_confirmation"
    async with uow() as u:
        await decide.accept(u, decide.Accept(sid, date(2027, 5, 1), STAFF, default_lang="zh"), NOW)
        await u.commit()
    async with uow() as u:
        with pytest.raises(decide.NotAllowed) as again:
            await decide.accept(
                u, decide.Accept(sid, date(2027, 6, 1), STAFF, default_lang="zh"), NOW
            )
        card = await studios.card(u, sid, 2027)
        notice = await u.outbox.by_key(f"accepted:{sid}")
    assert again.value.code == "already_accepted"
    assert card.acceptance is not None and card.acceptance.accepted_on == date(2027, 5, 1)
    assert notice is not None and "牌匾" in notice.action["text"]


async def test_the_unit_hears_renewal_and_revocation_in_the_configured_locale(uow: Db) -> None:
    """Its contact never chose a language: the decision's `LOCALE` (here en) decides."""
    sid = await add_studio(uow, approved_on=date(2024, 3, 1))
    async with uow() as u:
        renew = decide.Renew(sid, date(2028, 1, 9), STAFF, default_lang="en")
        await decide.renew(u, renew, NOW)
        await decide.revoke(u, sid, decision(), NOW, default_lang="en")
        await u.commit()
    async with uow() as u:
        renewed = await u.outbox.by_key(f"renewed:{sid}:2028")
        revoked = await u.outbox.by_key(f"revoked:{sid}")
    assert renewed is not None and "was granted a new support period" in renewed.action["text"]
    assert revoked is not None and "Ground: Failed the annual assessment" in revoked.action["text"]


@pytest.mark.parametrize(
    ("ground", "after"),
    [
        (RevocationGround.FAILED_TWICE, StudioState.REVOKED),
        (RevocationGround.INFLATED_RESULTS, StudioState.REVOKED),
        (RevocationGround.ASKED_TO_LEAVE, StudioState.WITHDRAWN),
    ],
)
async def test_revocation_records_the_decision_and_ends_the_title(
    uow: Db, ground: RevocationGround, after: StudioState
) -> None:
    sid = await add_studio(uow)
    async with uow() as u:
        assert await decide.revoke(u, sid, decision(ground), NOW, default_lang="zh") is after
        await u.commit()
    async with uow() as u:
        card = await studios.card(u, sid, 2028)
        audit = await u.audit.for_object("studio", sid)
        notice = await u.outbox.by_key(f"revoked:{sid}")
        with pytest.raises(decide.NotAllowed):
            await decide.revoke(u, sid, decision(), NOW, default_lang="zh")
        with pytest.raises(decide.NotAllowed):
            await decide.accept(
                u, decide.Accept(sid, date(2027, 6, 1), STAFF, default_lang="zh"), NOW
            )
    assert (card.state, card.decision_ground, card.decision_document) == (
        after,
        ground,
        "郑人社〔2028〕3号",
    )
    assert audit[-1].action == f"studio.{after.value}" and audit[-1].details["equipment"]
    assert notice is not None and "郑人社〔2028〕3号" in notice.action["text"]


async def test_failures_and_falsification_put_a_studio_before_staff(uow: Db) -> None:
    failing = await add_studio(uow, name="甲工作室")
    false = await add_studio(uow, name="乙工作室")
    await add_studio(uow, name="丙工作室")
    async with uow() as u:
        for year in (2026, 2027):
            u.session.add(
                Assessment(
                    studio_id=failing,
                    year=year,
                    passed=False,
                    comment="",
                    assessed_by=STAFF,
                    assessed_at=NOW,
                )
            )
        found = await studios.studio(u, false)
        found.unit_credit_code = "91410100MA44XXXX1K"
        await u.repo(FindingsRepo).record(
            "unit", "91410100ma44xxxx1k", date(2027, 9, 1), "", STAFF
        )
        await u.commit()
    async with uow() as u:
        waiting = {s.name: grounds for s, grounds in await studios.awaiting_decision(u)}
    assert waiting == {
        "甲工作室": (RevocationGround.FAILED_TWICE,),
        "乙工作室": (RevocationGround.FALSE_MATERIALS,),
    }


async def test_a_decision_is_written_only_when_the_caller_commits(uow: Db) -> None:
    """Services run in the caller's unit of work: without its commit nothing stays."""
    sid = await add_studio(uow)
    async with uow() as u:
        await decide.revoke(u, sid, decision(), NOW, default_lang="zh")
    async with uow() as u:
        card = await studios.card(u, sid, 2028)
        notice = await u.outbox.by_key(f"revoked:{sid}")
        audit = await u.audit.for_object("studio", sid)
    assert card.state is StudioState.ACTIVE and card.decision_ground is None
    assert notice is None and audit == []


async def test_a_revocation_cancels_the_reminders_still_queued(uow: Db) -> None:
    """A revoked studio is reminded of nothing, not even of what was queued before."""
    sid = await add_studio(uow)
    other = await add_studio(uow, name="乙工作室")
    keys = [f"rem:report:2027:2027-12-01:s{s}:u1001" for s in (sid, other)]
    async with uow() as u:
        for key in keys:
            await u.outbox.enqueue(key, 1001, {"kind": "send", "chat_id": 1001, "text": "提醒"})
        await u.commit()
    async with uow() as u:
        await decide.revoke(u, sid, decision(), NOW, default_lang="zh")
        await u.commit()
    async with uow() as u:
        mine, theirs = [await u.outbox.by_key(key) for key in keys]
    assert mine is not None and mine.status == "cancelled"
    assert theirs is not None and theirs.status == "pending", "another studio keeps its own"


async def test_keeping_a_flagged_title_answers_the_record_until_a_new_failure(uow: Db) -> None:
    """第十八条: staff may keep the title; the same two failures are not put forward again."""
    sid = await add_studio(uow, approved_on=date(2024, 3, 1))

    async def fail(year: int) -> None:
        async with uow() as u:
            u.session.add(
                Assessment(
                    studio_id=sid, year=year, passed=False, comment="", assessed_by=STAFF,
                    assessed_at=NOW,
                )
            )  # fmt: skip
            await u.commit()

    async def waiting() -> list[int]:
        async with uow() as u:
            return [s.id for s, _grounds in await studios.awaiting_decision(u)]

    for year in (2025, 2026):
        await fail(year)
    async with uow() as u:
        (await studios.studio(u, sid)).status = StudioState.FLAGGED
        await u.commit()
    assert await waiting() == [sid]
    async with uow() as u:
        after = await decide.keep(u, decide.Keep(sid, STAFF, "整改到位"), NOW)
        await u.commit()
    assert after is StudioState.SUPPORT_ENDED, "the 2024–2026 period is over in 2028"
    assert await waiting() == []
    async with uow() as u:
        with pytest.raises(decide.NotAllowed) as nothing:
            await decide.keep(u, decide.Keep(sid, STAFF), NOW)
    assert nothing.value.code == "nothing_to_decide"
    await fail(2027)
    assert await waiting() == [sid], "a new failure makes a new run of two"
