"""Showing the counted targets of Art. 9: shortfalls of a plan, the verdict on a report."""

from __future__ import annotations

from collections.abc import Iterable

from handlers.context import Context
from policy.assessment import Check, YearEvaluation, label
from policy.categories import StudioCategory
from policy.source import article_label
from policy.targets import TargetOverride, Targets, carries_heritage, targets_for
from storage.models import Studio


def targets_of(studio: Studio) -> Targets:
    """The studio's targets this year (Art. 9), decided by policy from the studio's facts."""
    override = None
    if studio.min_trainees is not None:
        override = TargetOverride(studio.min_trainees, studio.min_certified)
    return targets_for(
        StudioCategory(studio.category),
        heritage=carries_heritage(studio.sector, bool(studio.intangible_heritage)),
        override=override,
    )


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
