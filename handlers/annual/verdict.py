"""Showing the counted targets of Art. 9: shortfalls of a plan, the verdict on a report."""

from __future__ import annotations

from collections.abc import Iterable

from handlers.context import Context
from policy.assessment import Check, YearEvaluation, label
from policy.categories import AnnualMinimums, StudioCategory, minimums_for_trainees
from policy.sectors import FocusSector, minimums_may_be_overridden
from policy.source import article_label
from storage.models import Studio


def minimums_override(studio: Studio) -> AnnualMinimums | None:
    """The agency's own minimums for a heritage-transmission studio (Art. 9(1)), if set."""
    heritage = studio.intangible_heritage or (
        studio.sector == FocusSector.INTANGIBLE_HERITAGE.value
        and minimums_may_be_overridden(FocusSector.INTANGIBLE_HERITAGE)
    )
    if not heritage or studio.min_trainees is None:
        return None
    base = minimums_for_trainees(studio.min_trainees)
    if studio.min_certified is None:
        return base
    return AnnualMinimums(trainees=base.trainees, certified=studio.min_certified)


def category_of(studio: Studio) -> StudioCategory:
    return StudioCategory(studio.category)


def check_line(ctx: Context, check: Check) -> str:
    return ctx.t(
        "annual.check_met" if check.met else "annual.check_short",
        label=label(check.code, ctx.texts.lang),
        actual=check.actual,
        required=check.required,
        article=article_label(check.article, ctx.texts.lang),
    )


def shortfall_note(ctx: Context, shortfalls: Iterable[Check]) -> str | None:
    lines = [check_line(ctx, c) for c in shortfalls]
    return "\n".join([ctx.t("annual.plan_short"), *lines]) if lines else None


def verdict_text(ctx: Context, evaluation: YearEvaluation) -> str:
    head = "annual.verdict_pass" if evaluation.passed else "annual.verdict_fail"
    return "\n".join([ctx.t(head), *(check_line(ctx, c) for c in evaluation.checks)])
