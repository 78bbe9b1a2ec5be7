"""The result of a check: the verdict, every condition with its article, the studio categories
(Art. 9, Art. 13) and what to do next.
"""

from __future__ import annotations

from handlers.context import Context
from policy import display
from policy.bar import BAR_YEARS
from policy.categories import StudioCategory, construction_cap
from policy.categories import label as category_label
from policy.eligibility import (
    ROUTES,
    ConditionCode,
    ConditionOutcome,
    EligibilityAnswers,
    EligibilityResult,
    Verdict,
    label,
)
from policy.qualifications import label as qualification_label
from policy.source import ART_4, ART_9, ART_13, ART_17, article_label
from policy.targets import targets_for

_GROUPS = (
    ("base", (ConditionCode.BAR, ConditionCode.B1, ConditionCode.B2, ConditionCode.B3)),
    ("routes", ROUTES),
    ("exception", (ConditionCode.EXC,)),
)
_MARKS = {True: "✅", False: "❌", None: "➖"}


def render_result(ctx: Context, answers: EligibilityAnswers, result: EligibilityResult) -> str:
    """The whole result message; a barred master is not shown the categories he cannot apply
    for (Art. 17)."""
    categories = () if result.verdict is Verdict.BARRED else (_categories(ctx),)
    parts = (_headline(ctx, result), _conditions(ctx, answers, result), *categories)
    return "\n\n".join((*parts, _next_steps(ctx, answers, result)))


def _art(ctx: Context, article: str) -> str:
    return article_label(article, ctx.texts.lang)


def _headline(ctx: Context, result: EligibilityResult) -> str:
    verdict = label(result.verdict, ctx.texts.lang)
    return ctx.t(
        f"check.result.{result.verdict.value}",
        verdict=verdict,
        art4=_art(ctx, ART_4),
        art17=_art(ctx, ART_17),
        years=BAR_YEARS,
        until=result.barred_until or "",
        again=result.may_apply_from or "",
    )


def _conditions(ctx: Context, answers: EligibilityAnswers, result: EligibilityResult) -> str:
    by_code = {c.code: c for c in result.conditions}
    lines = [ctx.t("check.result.conditions")]
    for group, codes in _GROUPS:
        lines.append(ctx.t(f"check.result.group_{group}"))
        lines += [_line(ctx, answers, by_code[code]) for code in codes]
    return "\n".join(lines)


def _line(ctx: Context, answers: EligibilityAnswers, outcome: ConditionOutcome) -> str:
    note = ctx.t("check.result.not_asked") if outcome.met is None else ""
    if outcome.code is ConditionCode.B1 and answers.level is not None:
        lang = ctx.texts.lang
        held = qualification_label(answers.level, lang)
        if answers.title is not None:
            held = ctx.t("check.result.and", a=held, b=qualification_label(answers.title, lang))
        note = ctx.t("check.result.yours", held=held) + _own_trade(ctx, answers)
    return ctx.t(
        "check.result.line",
        mark=_MARKS[outcome.met],
        condition=label(outcome.code, ctx.texts.lang),
        article=_art(ctx, outcome.article),
        note=note,
    )


def _own_trade(ctx: Context, answers: EligibilityAnswers) -> str:
    """Art. 4 本职业（工种）: said when the master answered it."""
    if answers.in_own_trade is None:
        return ""
    return ctx.t(
        "check.result.own_trade_yes" if answers.in_own_trade else "check.result.own_trade_no"
    )


def _categories(ctx: Context) -> str:
    lines = [ctx.t("check.result.categories", art9=_art(ctx, ART_9), art13=_art(ctx, ART_13))]
    for category in StudioCategory:
        minimums = targets_for(category)
        lines.append(
            ctx.t(
                "check.result.category",
                name=category_label(category, ctx.texts.lang),
                trainees=minimums.trainees,
                certified=minimums.certified,
                cap=display.cny(construction_cap(category), ctx.texts.lang),
            )
        )
    return "\n".join(lines)


def _next_steps(ctx: Context, answers: EligibilityAnswers, result: EligibilityResult) -> str:
    if result.verdict is not Verdict.NOT_ELIGIBLE:
        return ctx.t(f"check.next.{result.verdict.value}", again=result.may_apply_from or "")
    lang = ctx.texts.lang
    missing = ctx.t("check.next.separator").join(label(c, lang) for c in result.missing)
    advice = ctx.t(_advice(answers, result))
    return ctx.t("check.next.not_eligible", missing=missing, advice=advice)


def _advice(answers: EligibilityAnswers, result: EligibilityResult) -> str:
    """Which way out there is: none for B2/B3, a qualification (in one's trade) for B1, a route."""
    missing = set(result.missing)
    if missing & {ConditionCode.B2, ConditionCode.B3}:
        return "check.advice.base"
    if ConditionCode.B1 in missing:
        return "check.advice.b1_trade" if answers.in_own_trade is False else "check.advice.b1"
    return "check.advice.routes"
