"""Showing the counted targets of Art. 9: shortfalls of a plan, the verdict on a report.

The targets themselves are read once, by :func:`services.studios.targets`; the chat and the
Mini App word them here alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from policy.assessment import Check, YearEvaluation, label
from policy.source import article_label
from services.messages.texts import Texts


def check_line(texts: Texts, check: Check) -> str:
    return texts(
        "annual.check_met" if check.met else "annual.check_short",
        label=label(check.code, texts.lang),
        actual=check.actual,
        required=check.required,
        article=article_label(check.article, texts.lang),
    )


def shortfall_note(texts: Texts, shortfalls: Iterable[Check]) -> str | None:
    lines = [check_line(texts, c) for c in shortfalls]
    return "\n".join([texts("annual.plan_short"), *lines]) if lines else None


def verdict_text(texts: Texts, evaluation: YearEvaluation) -> str:
    head = "annual.verdict_pass" if evaluation.passed else "annual.verdict_fail"
    return "\n".join([texts(head), *(check_line(texts, c) for c in evaluation.checks)])
