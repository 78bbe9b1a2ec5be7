"""The studio application (第二、四、五、六条) as a form, and the rules checked across its answers.

Studio (第二条: category, focus sector); the master (第四条: identity, trade, qualification level
and certificate or title, health, daily work, the routes R1–R3 and, when needed, the exceptional
route; honours; apprentices); the host unit (第二条 host type within Zhengzhou, 第六条(三)
high-skill talents trained in three years and, for schools, enrolled students; 第五条 policies);
the assistants (第二条); space, equipment and the unit's commitment (第五条); files (第六条).

A master who fails 第四条 is found by the same :func:`policy.eligibility.evaluate_eligibility` as
the eligibility check (the falsification bar is looked up from records by the flow).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from policy import categories, hosts, qualifications, sectors
from policy.attachments import SLOTS
from policy.categories import StudioCategory
from policy.eligibility import (
    ConditionCode,
    EligibilityAnswers,
    Verdict,
    evaluate_eligibility,
)
from policy.eligibility import label as condition_label
from policy.forms.spec import (
    Answers,
    Field,
    FileSlot,
    FormSpec,
    Group,
    Issue,
    Kind,
    Section,
    choices_of,
)
from policy.hosts import HostType, is_school
from policy.i18n import Label
from policy.qualifications import QualificationLevel, TechnicalTitle, meets_b1
from policy.source import ART_4

MAX_COUNT: Final = 100_000
MAX_AREA_M2: Final = 1_000_000

LEVELS: Final = choices_of(QualificationLevel, qualifications.label)
TITLES: Final = choices_of(TechnicalTitle, qualifications.label)


def _has_certificate(a: Answers) -> bool:
    return a.get("master_level") not in (None, QualificationLevel.NONE.value)


def _school(a: Answers) -> bool:
    value = a.get("host_type")
    return value in set(HostType) and is_school(HostType(value))


def _high_enough(a: Answers) -> bool:
    """技师 or higher, or the corresponding title, in whatever trade (第四条)."""
    level, title = a.get("master_level"), a.get("master_title")
    if level is None or title is None:
        return False
    return meets_b1(QualificationLevel(level), TechnicalTitle(title))


def _b1(a: Answers) -> bool | None:
    """第四条 本职业（工种）技师以上: high enough and in the master's own trade."""
    level, title = a.get("master_level"), a.get("master_title")
    if level is None or title is None:
        return None
    if not _high_enough(a):
        return False
    own = a.get("master_own_trade")
    return None if own is None else bool(own)


def needs_exception(a: Answers) -> bool:
    """Ask about the exceptional route (破格, 第四条) only when the ordinary one is closed."""
    if _b1(a) is False:
        return True
    routes = [a.get(k) for k in ("master_r1", "master_r2", "master_r3")]
    return all(r is False for r in routes)


def _yes_no(key: str) -> Field:
    return Field(key, Kind.YES_NO)


STUDIO: Final = Section(
    "studio",
    (
        Field("studio_name", Kind.TEXT, max_length=40),
        Field("category", Kind.CHOICE, choices=choices_of(StudioCategory, categories.label)),
        Field("sector", Kind.CHOICE, choices=choices_of(sectors.FocusSector, sectors.label)),
    ),
)

MASTER: Final = Section(
    "master",
    (
        Field("master_name", Kind.PERSON_NAME),
        Field("master_id", Kind.ID_NUMBER),
        Field("master_mobile", Kind.MOBILE),
        Field("master_trade", Kind.TEXT, max_length=30),
        Field("master_level", Kind.CHOICE, choices=LEVELS),
        Field("master_cert_no", Kind.CERTIFICATE, when=_has_certificate),
        Field("master_title", Kind.CHOICE, choices=TITLES),
        Field("master_own_trade", Kind.YES_NO, when=_high_enough),
        _yes_no("master_healthy"),
        _yes_no("master_daily_work"),
        _yes_no("master_r1"),
        _yes_no("master_r2"),
        _yes_no("master_r3"),
        Field("master_apprentices", Kind.COUNT, maximum=MAX_COUNT),
        Field("master_exceptional", Kind.YES_NO, when=needs_exception),
        Group(
            "honours",
            (
                Field("name", Kind.TEXT, max_length=60),
                Field("year", Kind.YEAR),
                Field("awarded_by", Kind.TEXT, max_length=60, required=False),
            ),
            max_items=20,
        ),
    ),
)

UNIT: Final = Section(
    "unit",
    (
        Field("unit_name", Kind.ORGANISATION),
        Field("unit_credit_code", Kind.CREDIT_CODE),
        Field("host_type", Kind.CHOICE, choices=choices_of(HostType, hosts.label)),
        Field("division", Kind.DIVISION),
        Field("unit_address", Kind.TEXT, max_length=100),
        Field("legal_rep", Kind.PERSON_NAME),
        Field("contact_name", Kind.PERSON_NAME),
        Field("contact_mobile", Kind.MOBILE),
        Field("talents_3y", Kind.COUNT, maximum=MAX_COUNT),
        Field("enrolled_students", Kind.COUNT, maximum=MAX_COUNT, when=_school),
        Field("unit_policies", Kind.LONG_TEXT, max_length=500),
    ),
)

TEAM: Final = Section(
    "team",
    (
        Group(
            "team",
            (
                Field("name", Kind.PERSON_NAME),
                Field("trade", Kind.TEXT, max_length=30),
                Field("level", Kind.CHOICE, choices=LEVELS),
            ),
            min_items=1,
            max_items=30,
        ),
    ),
)

RESOURCES: Final = Section(
    "resources",
    (
        Field("space_m2", Kind.AREA, maximum=MAX_AREA_M2),
        Group(
            "equipment",
            (
                Field("name", Kind.TEXT, max_length=60),
                Field("quantity", Kind.COUNT, minimum=1, maximum=MAX_COUNT),
                Field("cost", Kind.AMOUNT),
            ),
            max_items=50,
        ),
        Field("commit_funds", Kind.AMOUNT),
    ),
)

FILES: Final = Section("files", tuple(FileSlot.of(rule) for rule in SLOTS))

_CONDITION_KEY: Final[dict[ConditionCode, str]] = {
    ConditionCode.B1: "master_title",
    ConditionCode.B2: "master_healthy",
    ConditionCode.B3: "master_daily_work",
    ConditionCode.R1: "master_r1",
    ConditionCode.R2: "master_r2",
    ConditionCode.R3: "master_r3",
    ConditionCode.EXC: "master_exceptional",
}


def eligibility_answers(a: Answers, today: date) -> EligibilityAnswers:
    """The master's answers as the eligibility check reads them (bar: looked up elsewhere)."""
    level, title = a.get("master_level"), a.get("master_title")
    return EligibilityAnswers(
        as_of=today,
        falsification_found=False,
        level=QualificationLevel(level) if level else None,
        title=TechnicalTitle(title) if title else None,
        in_own_trade=a.get("master_own_trade"),
        healthy=a.get("master_healthy"),
        can_carry_daily_work=a.get("master_daily_work"),
        r1_honour=a.get("master_r1"),
        r2_top_of_trade=a.get("master_r2"),
        r3_trained_apprentices=a.get("master_r3"),
        exceptional_coach=a.get("master_exceptional"),
    )


def master_issues(a: Answers, today: date) -> Sequence[Issue]:
    """第四条: each condition the master misses, once the answers settle a negative verdict."""
    result = evaluate_eligibility(eligibility_answers(a, today))
    if result.verdict is not Verdict.NOT_ELIGIBLE:
        return ()
    keys = {**_CONDITION_KEY}
    if a.get("master_own_trade") is False:
        keys[ConditionCode.B1] = "master_own_trade"
    return tuple(
        Issue(
            keys[code],
            ART_4,
            Label(condition_label(code, "zh"), condition_label(code, "en")),
        )
        for code in result.missing
        if code in keys
    )


APPLICATION: Final = FormSpec(
    "application", (STUDIO, MASTER, UNIT, TEAM, RESOURCES, FILES), issues=master_issues
)
