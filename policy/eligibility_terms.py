"""The vocabulary of the eligibility check (第四条, 第十七条): verdicts, conditions, questions.

Kept apart from the rules in :mod:`policy.eligibility` (which re-exports everything here) so that
each module stays small. Values are stable ASCII (stored, and used in button payloads).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang
from policy.source import ART_4, ART_17


class Verdict(StrEnum):
    """Outcome of the eligibility check."""

    ELIGIBLE = "eligible"
    EXCEPTIONAL_ONLY = "exceptional_only"
    NOT_ELIGIBLE = "not_eligible"
    BARRED = "barred"
    INCOMPLETE = "incomplete"


class ConditionCode(StrEnum):
    """The conditions of 第四条 and the bar of 第十七条."""

    BAR = "BAR"
    B1 = "B1"
    B2 = "B2"
    B3 = "B3"
    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    EXC = "EXC"


class QuestionKey(StrEnum):
    """The questions, one per answer field of :class:`EligibilityAnswers`, in asking order."""

    LEVEL = "level"
    TITLE = "title"
    OWN_TRADE = "own_trade"
    HEALTH = "health"
    DAILY_WORK = "daily_work"
    R1 = "r1"
    R2 = "r2"
    R3 = "r3"
    EXCEPTIONAL = "exceptional"
    BAR = "bar"
    BAR_DATE = "bar_date"


QUESTION_ORDER: Final = tuple(QuestionKey)
"""Order in which questions are asked: what the master holds and can do first (第四条), then
the routes and the exception; the falsification bar (第十七条) last, and only when it could still
change a positive answer: nobody is greeted with a question about fraud."""

QUESTION_FIELD: Final[dict[QuestionKey, str]] = {
    QuestionKey.LEVEL: "level",
    QuestionKey.TITLE: "title",
    QuestionKey.OWN_TRADE: "in_own_trade",
    QuestionKey.HEALTH: "healthy",
    QuestionKey.DAILY_WORK: "can_carry_daily_work",
    QuestionKey.R1: "r1_honour",
    QuestionKey.R2: "r2_top_of_trade",
    QuestionKey.R3: "r3_trained_apprentices",
    QuestionKey.EXCEPTIONAL: "exceptional_coach",
    QuestionKey.BAR: "falsification_found",
    QuestionKey.BAR_DATE: "falsification_finding_date",
}
"""The :class:`EligibilityAnswers` field each question fills."""

ARTICLE: Final[dict[ConditionCode, str]] = {
    code: ART_17 if code is ConditionCode.BAR else ART_4 for code in ConditionCode
}
ROUTES: Final = (ConditionCode.R1, ConditionCode.R2, ConditionCode.R3)


_VERDICT_LABELS: Final[dict[Verdict, Label]] = {
    Verdict.ELIGIBLE: Label("符合申报条件", "Eligible to apply"),
    Verdict.EXCEPTIONAL_ONLY: Label("可破格申报", "May apply by exception only"),
    Verdict.NOT_ELIGIBLE: Label("不符合申报条件", "Not eligible"),
    Verdict.BARRED: Label("三年内不得申报", "Barred from applying"),
    Verdict.INCOMPLETE: Label("信息不完整", "More answers needed"),
}

_CONDITION_LABELS: Final[dict[ConditionCode, Label]] = {
    ConditionCode.BAR: Label("无弄虚作假记录（三年内）", "No falsification finding in force"),
    ConditionCode.B1: Label(
        "本职业（工种）技师以上职业资格或相应技术职称",
        "Technician or higher in one's own trade, or the corresponding title",
    ),
    ConditionCode.B2: Label("身体健康", "In good health"),
    ConditionCode.B3: Label("能够承担工作室日常工作", "Able to carry the studio's daily work"),
    ConditionCode.R1: Label(
        "获得市级以上优秀技能人才或技能类奖项",
        "Municipal-level or higher skilled-talent honour or skill award",
    ),
    ConditionCode.R2: Label(
        "省内行业技能拔尖、技艺精湛，有较强创新能力和一定社会影响力",
        "Top of the trade in the province, innovative, with some social influence",
    ),
    ConditionCode.R3: Label(
        "带徒传技经验丰富，已培养一定数量高技能人才",
        "Experienced in training apprentices, has trained high-skill talents",
    ),
    ConditionCode.EXC: Label(
        "国家级技能竞赛或世界技能大赛取得突出成绩的指导教练",
        "Lead coach with outstanding results at national contests or WorldSkills",
    ),
}

_QUESTION_LABELS: Final[dict[QuestionKey, Label]] = {
    QuestionKey.BAR: Label("弄虚作假记录", "Falsification finding"),
    QuestionKey.BAR_DATE: Label("认定日期", "Date of the finding"),
    QuestionKey.LEVEL: Label("职业资格等级", "Vocational qualification level"),
    QuestionKey.TITLE: Label("技术职称", "Technical title"),
    QuestionKey.OWN_TRADE: Label("本职业（工种）", "Own trade"),
    QuestionKey.HEALTH: Label("身体状况", "Health"),
    QuestionKey.DAILY_WORK: Label("承担日常工作", "Daily work"),
    QuestionKey.R1: Label("获奖情况", "Honours and awards"),
    QuestionKey.R2: Label("行业地位", "Standing in the trade"),
    QuestionKey.R3: Label("带徒传技", "Training apprentices"),
    QuestionKey.EXCEPTIONAL: Label("竞赛指导教练", "Competition coach"),
}


def label(member: Verdict | ConditionCode | QuestionKey, lang: Lang) -> str:
    """Chinese or English label of a verdict, a condition or a question."""
    if isinstance(member, Verdict):
        return _VERDICT_LABELS[member].text(lang)
    if isinstance(member, ConditionCode):
        return _CONDITION_LABELS[member].text(lang)
    return _QUESTION_LABELS[member].text(lang)
