"""Withdrawal of the title (第十七条) and the decision on record (第十八条)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from policy.revocation import (
    ARTICLE,
    RevocationGround,
    failed_twice_in_a_row,
    revocation_review,
    starts_bar,
)
from policy.revocation_decision import (
    DECIDING_BODIES,
    RevocationDecision,
    apply_decision,
    bars_for_three_years,
    state_after,
)
from policy.source import article_label
from policy.states import StudioState, TransitionError

G = RevocationGround
S = StudioState


@pytest.mark.parametrize(
    ("history", "flag"),
    [
        ([], False),
        ([(2020, False)], False),
        ([(2020, False), (2021, False)], True),
        ([(2021, False), (2020, False)], True),  # order does not matter
        ([(2020, False), (2021, True)], False),
        ([(2020, True), (2021, False)], False),
        ([(2019, False), (2021, False)], False),  # not consecutive
        ([(2019, False), (2020, False), (2021, True)], False),  # only the latest two count
        ([(2019, True), (2020, False), (2021, False)], True),
    ],
)
def test_two_failures_in_a_row(history: list[tuple[int, bool]], flag: bool) -> None:
    assert failed_twice_in_a_row(history) is flag


def test_duplicate_years_are_refused() -> None:
    with pytest.raises(ValueError, match="more than one"):
        failed_twice_in_a_row([(2020, False), (2020, True)])


@pytest.mark.parametrize(
    ("history", "finding", "grounds"),
    [
        ([(2025, True)], False, ()),
        ([(2025, False), (2026, False)], False, (G.FAILED_TWICE,)),  # 第十七条(四)
        ([(2025, True)], True, (G.FALSE_MATERIALS,)),  # a finding against unit or master
        ([(2025, False), (2026, False)], True, (G.FAILED_TWICE, G.FALSE_MATERIALS)),
    ],
)
def test_what_is_put_before_staff(
    history: list[tuple[int, bool]], finding: bool, grounds: tuple[RevocationGround, ...]
) -> None:
    assert revocation_review(history, finding) == grounds


@pytest.mark.parametrize(
    ("history", "kept_through", "grounds"),
    [
        ([(2025, False), (2026, False)], 2026, ()),  # 第十八条: staff kept the title
        ([(2025, False), (2026, False)], 2025, (G.FAILED_TWICE,)),  # kept before the 2nd fail
        ([(2025, False), (2026, False), (2027, True)], 2026, ()),
        ([(2025, False), (2026, False), (2027, False)], 2026, (G.FAILED_TWICE,)),  # a new run
    ],
)
def test_a_decision_to_keep_the_title_answers_what_was_on_record(
    history: list[tuple[int, bool]], kept_through: int, grounds: tuple[RevocationGround, ...]
) -> None:
    assert revocation_review(history, kept_through=kept_through) == grounds


@pytest.mark.parametrize(
    ("ground", "zh", "en", "bars"),
    [
        (G.FALSE_MATERIALS, "第十七条第（一）项", "Art. 17(1)", True),
        (G.NOT_FUNCTIONING, "第十七条第（二）项", "Art. 17(2)", False),
        (G.NEGATIVE_IMPACT, "第十七条第（三）项", "Art. 17(3)", False),
        (G.FAILED_TWICE, "第十七条第（四）项", "Art. 17(4)", False),
        (G.BROKE_LAW, "第十七条第（五）项", "Art. 17(5)", False),
        (G.ASKED_TO_LEAVE, "第十七条第（六）项", "Art. 17(6)", False),
        (G.INFLATED_RESULTS, "第十七条第二款", "第十七条第二款", True),
    ],
)
def test_each_ground_cites_its_item(
    ground: RevocationGround, zh: str, en: str, bars: bool
) -> None:
    assert ARTICLE[ground] == zh and article_label(ARTICLE[ground], "en") == en
    assert starts_bar(ground) is bars


def _decision(**changes: Any) -> RevocationDecision:
    fields: dict[str, Any] = {
        "ground": G.FAILED_TWICE,
        "decided_on": date(2027, 1, 10),
        "document_number": "郑人社〔2027〕5号",
        "equipment_to_recover": "数控车床 2 台",
        "recorded_by": 9001,
    }
    return RevocationDecision(**(fields | changes))


def test_a_decision_names_the_bodies_of_article_18() -> None:
    assert _decision().decided_by == DECIDING_BODIES.zh
    assert "财政" in DECIDING_BODIES.zh and "教育" in DECIDING_BODIES.zh


@pytest.mark.parametrize("field", ["document_number", "equipment_to_recover", "decided_by"])
def test_a_decision_without_its_particulars_is_refused(field: str) -> None:
    with pytest.raises(ValidationError):
        _decision(**{field: "   "})


@pytest.mark.parametrize(
    ("ground", "after", "bars"),
    [
        (G.ASKED_TO_LEAVE, S.WITHDRAWN, False),
        (G.FAILED_TWICE, S.REVOKED, False),
        (G.FALSE_MATERIALS, S.REVOKED, True),
    ],
)
def test_what_a_decision_does(ground: RevocationGround, after: StudioState, bars: bool) -> None:
    decision = _decision(ground=ground)
    assert state_after(decision) is after
    for current in (S.ACTIVE, S.SUPPORT_ENDED, S.FLAGGED):
        assert apply_decision(current, decision) is after
    assert bars_for_three_years(decision) is bars


@pytest.mark.parametrize("current", [S.REVOKED, S.WITHDRAWN])
def test_a_title_already_gone_cannot_be_revoked_again(current: StudioState) -> None:
    with pytest.raises(TransitionError):
        apply_decision(current, _decision())
