"""The words of /check, for the chat and the Mini App alike: each question, its choices, and the
result (the verdict, every condition with its article, the studio categories of Art. 9 and
Art. 13, and what to do next).

Both surfaces take these words from here, so a master reads the same question and the same
result in either; the chat sends them as one message (:meth:`ResultParts.text`), the page
draws the parts.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    QuestionKey,
    Verdict,
    label,
)
from policy.qualifications import label as qualification_label
from policy.source import ART_4, ART_9, ART_13, ART_17, article_label
from policy.targets import targets_for
from services.eligibility_check import ENUMS, answered, choice_values
from services.messages.texts import Texts

_GROUPS = (
    ("base", (ConditionCode.BAR, ConditionCode.B1, ConditionCode.B2, ConditionCode.B3)),
    ("routes", ROUTES),
    ("exception", (ConditionCode.EXC,)),
)
_MARKS = {True: "✅", False: "❌", None: "➖"}


# ---- the questions --------------------------------------------------------------------------
def progress(texts: Texts, answers: EligibilityAnswers) -> str:
    """The "question N" line: one more than the questions answered."""
    return texts("check.progress", number=len(answered(answers)) + 1)


def question_text(texts: Texts, question: QuestionKey) -> str:
    """The question, with what counts as a yes."""
    return texts(f"check.q.{question.value}", years=BAR_YEARS)


def choices(texts: Texts, question: QuestionKey) -> list[tuple[str, str]]:
    """(value, label) of each choice: levels and titles by their policy labels, yes/no in the
    question's own words where it has them (``check.yes_bar``)."""
    enum = ENUMS.get(question)
    if enum is not None:
        return [(v, qualification_label(enum(v), texts.lang)) for v in choice_values(question)]
    return [(v, _yes_no(texts, question, v)) for v in choice_values(question)]


def _yes_no(texts: Texts, question: QuestionKey, value: str) -> str:
    own = f"check.{value}_{question.value}"
    return texts(own) if texts.has(own) else texts(f"check.{value}")


# ---- the result -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ConditionLine:
    code: ConditionCode
    met: bool | None
    text: str


@dataclass(frozen=True, slots=True)
class ResultParts:
    """The result in its parts; a barred master is not shown the categories he cannot apply
    for (Art. 17), so ``categories`` is then empty."""

    verdict: Verdict
    headline: str
    conditions_title: str
    groups: tuple[tuple[str, tuple[ConditionLine, ...]], ...]
    categories: tuple[str, ...]
    next_steps: str

    def text(self) -> str:
        """The result as one chat message."""
        lines = [self.conditions_title]
        for title, members in self.groups:
            lines += [title, *(line.text for line in members)]
        conditions = "\n".join(lines)
        categories = ("\n".join(self.categories),) if self.categories else ()
        return "\n\n".join((self.headline, conditions, *categories, self.next_steps))


def result_parts(
    texts: Texts, answers: EligibilityAnswers, result: EligibilityResult
) -> ResultParts:
    by_code = {c.code: c for c in result.conditions}
    groups = tuple(
        (
            texts(f"check.result.group_{group}"),
            tuple(_line(texts, answers, by_code[code]) for code in codes),
        )
        for group, codes in _GROUPS
    )
    barred = result.verdict is Verdict.BARRED
    return ResultParts(
        verdict=result.verdict,
        headline=_headline(texts, result),
        conditions_title=texts("check.result.conditions"),
        groups=groups,
        categories=() if barred else _categories(texts),
        next_steps=_next_steps(texts, answers, result),
    )


def render_result(texts: Texts, answers: EligibilityAnswers, result: EligibilityResult) -> str:
    """The whole result as the chat sends it."""
    return result_parts(texts, answers, result).text()


def _art(texts: Texts, article: str) -> str:
    return article_label(article, texts.lang)


def _headline(texts: Texts, result: EligibilityResult) -> str:
    return texts(
        f"check.result.{result.verdict.value}",
        verdict=label(result.verdict, texts.lang),
        art4=_art(texts, ART_4),
        art17=_art(texts, ART_17),
        years=BAR_YEARS,
        until=result.barred_until or "",
        again=result.may_apply_from or "",
    )


def _line(texts: Texts, answers: EligibilityAnswers, outcome: ConditionOutcome) -> ConditionLine:
    note = texts("check.result.not_asked") if outcome.met is None else ""
    if outcome.code is ConditionCode.B1 and answers.level is not None:
        held = qualification_label(answers.level, texts.lang)
        if answers.title is not None:
            title = qualification_label(answers.title, texts.lang)
            held = texts("check.result.and", a=held, b=title)
        note = texts("check.result.yours", held=held) + _own_trade(texts, answers)
    text = texts(
        "check.result.line",
        mark=_MARKS[outcome.met],
        condition=label(outcome.code, texts.lang),
        article=_art(texts, outcome.article),
        note=note,
    )
    return ConditionLine(outcome.code, outcome.met, text)


def _own_trade(texts: Texts, answers: EligibilityAnswers) -> str:
    """Art. 4 本职业（工种）: said when the master answered it."""
    if answers.in_own_trade is None:
        return ""
    return texts(
        "check.result.own_trade_yes" if answers.in_own_trade else "check.result.own_trade_no"
    )


def _categories(texts: Texts) -> tuple[str, ...]:
    lines = [texts("check.result.categories", art9=_art(texts, ART_9), art13=_art(texts, ART_13))]
    for category in StudioCategory:
        minimums = targets_for(category)
        lines.append(
            texts(
                "check.result.category",
                name=category_label(category, texts.lang),
                trainees=minimums.trainees,
                certified=minimums.certified,
                cap=display.cny(construction_cap(category), texts.lang),
            )
        )
    return tuple(lines)


def _next_steps(texts: Texts, answers: EligibilityAnswers, result: EligibilityResult) -> str:
    if result.verdict is not Verdict.NOT_ELIGIBLE:
        return texts(f"check.next.{result.verdict.value}", again=result.may_apply_from or "")
    missing = texts("check.next.separator").join(label(c, texts.lang) for c in result.missing)
    # the advice is catalog markup (本职业（工种） in bold), so it is joined, not escaped in
    return "\n".join(
        (
            texts("check.next.not_eligible", missing=missing),
            texts(_advice(answers, result)),
            texts("check.next.again"),
        )
    )


def _advice(answers: EligibilityAnswers, result: EligibilityResult) -> str:
    """Which way out there is: none for B2/B3, a qualification (in one's trade) for B1, a route."""
    missing = set(result.missing)
    if missing & {ConditionCode.B2, ConditionCode.B3}:
        return "check.advice.base"
    if ConditionCode.B1 in missing:
        return "check.advice.b1_trade" if answers.in_own_trade is False else "check.advice.b1"
    return "check.advice.routes"
