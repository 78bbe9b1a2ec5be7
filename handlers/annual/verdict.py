"""Showing the counted targets of Art. 9: shortfalls of a plan, the verdict on a report.

The targets themselves are read once, by :func:`services.studios.targets`.
"""

from __future__ import annotations

from collections.abc import Iterable

from handlers.context import Context
from policy.assessment import Check, YearEvaluation, label
from policy.source import article_label


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
