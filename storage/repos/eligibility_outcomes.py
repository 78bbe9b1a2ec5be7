"""Anonymous outcomes of finished eligibility checks (第四条), for the staff's statistics.

A row holds the verdict and the conditions that stood in the way, never who ran the check: the
agency learns how many masters qualify and which conditions fail most, not who failed them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from policy.eligibility import ConditionCode, Verdict
from storage.models import EligibilityOutcome
from storage.repos.base import Repository


@dataclass(frozen=True, slots=True)
class EligibilitySummary:
    """Counts over a period; ``failing_counts`` maps a condition code to the checks it failed."""

    total: int = 0
    passed: int = 0
    exceptional: int = 0
    not_eligible: int = 0
    barred: int = 0
    failing_counts: dict[str, int] = field(default_factory=dict)

    @property
    def most_common_failure(self) -> str | None:
        """The condition failed most often (ties: the earlier condition of 第四条), or None."""
        if not self.failing_counts:
            return None
        order = {code.value: rank for rank, code in enumerate(ConditionCode)}
        return min(self.failing_counts, key=lambda c: (-self.failing_counts[c], order.get(c, 99)))


class EligibilityOutcomesRepo(Repository):
    async def record(
        self, verdict: Verdict, failed: Iterable[ConditionCode], at: datetime | None = None
    ) -> None:
        """One finished check; ``failed`` are the conditions that stood in the way."""
        if verdict is Verdict.INCOMPLETE:
            raise ValueError("only finished checks are counted")
        outcome = EligibilityOutcome(verdict=verdict.value, failed=[c.value for c in failed])
        if at is not None:
            outcome.at = at
        self.session.add(outcome)

    async def summary(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> EligibilitySummary:
        """Totals of the checks finished in [since, until) (both optional)."""
        verdicts = Counter[str]()
        failing = Counter[str]()
        stmt = select(EligibilityOutcome.verdict, EligibilityOutcome.failed)
        if since is not None:
            stmt = stmt.where(EligibilityOutcome.at >= since)
        if until is not None:
            stmt = stmt.where(EligibilityOutcome.at < until)
        rows = await self.session.execute(stmt)
        for verdict, failed in rows:
            verdicts[verdict] += 1
            failing.update(str(code) for code in failed or ())
        return EligibilitySummary(
            total=verdicts.total(),
            passed=verdicts[Verdict.ELIGIBLE.value],
            exceptional=verdicts[Verdict.EXCEPTIONAL_ONLY.value],
            not_eligible=verdicts[Verdict.NOT_ELIGIBLE.value],
            barred=verdicts[Verdict.BARRED.value],
            failing_counts=dict(failing),
        )

    async def count(self) -> int:
        """All outcomes ever recorded."""
        return int(await self.session.scalar(select(func.count(EligibilityOutcome.id))) or 0)
