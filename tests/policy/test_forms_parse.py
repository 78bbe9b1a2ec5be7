"""Typed answers and pressed buttons become stored JSON values, or a FieldError saying why."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from policy.forms.parse import parse_button, parse_text, validate_division
from policy.forms.spec import Choice, Field, Kind
from policy.i18n import Label
from policy.validators.errors import FieldError
from tests.policy.forms_fixtures import a_credit_code, an_id_number

TODAY = date(2027, 3, 1)
COLOURS = (Choice("red", Label("红", "Red")), Choice("blue", Label("蓝", "Blue")))


def _parse(kind: Kind, text: str, **kw: Any) -> Any:
    return parse_text(Field("k", kind, **kw), text, TODAY, {})


@pytest.mark.parametrize(
    ("kind", "text", "kw", "expected"),
    [
        (Kind.TEXT, "  a  b ", {}, "a b"),
        (Kind.TEXT, "<b>x</b>'; DROP TABLE drafts;--", {}, "<b>x</b>'; DROP TABLE drafts;--"),
        (Kind.LONG_TEXT, "line 1\nline 2", {}, "line 1\nline 2"),
        (Kind.PERSON_NAME, "张 三", {}, "张三"),
        (Kind.ORGANISATION, "郑州某某有限公司(一厂)", {}, "郑州某某有限公司（一厂）"),
        (Kind.ID_NUMBER, an_id_number().lower(), {}, an_id_number()),
        (Kind.CREDIT_CODE, a_credit_code(), {}, a_credit_code()),
        (Kind.MOBILE, "+86 138 0000 0000", {}, "13800000000"),
        (Kind.CERTIFICATE, "zz 2019-001", {}, "ZZ2019-001"),
        (Kind.COUNT, "１２人", {}, 12),
        (Kind.AMOUNT, "15万", {}, "150000.00"),
        (Kind.AREA, "120平方米", {}, "120.00"),
        (Kind.DATE, "2026年3月1日", {"past_only": True}, "2026-03-01"),
        (Kind.YEAR, "2025年", {}, 2025),
        (Kind.CHOICE, "蓝", {"choices": COLOURS}, "blue"),
        (Kind.CHOICE, "RED", {"choices": COLOURS}, "red"),
        (Kind.YES_NO, "是", {}, True),
        (Kind.YES_NO, "No", {}, False),
        (Kind.DIVISION, "郑州市金水区", {}, "jinshui"),
    ],
)
def test_accepted(kind: Kind, text: str, kw: dict[str, Any], expected: Any) -> None:
    assert _parse(kind, text, **kw) == expected


@pytest.mark.parametrize(
    ("kind", "text", "kw", "code"),
    [
        (Kind.TEXT, "   ", {}, "text.empty"),
        (Kind.TEXT, "x" * 41, {"max_length": 40}, "text.too_long"),
        (Kind.TEXT, "工作室🎉", {}, "text.characters"),
        (Kind.COUNT, "twelve", {}, "number.format"),
        (Kind.COUNT, "-3", {}, "number.negative"),
        (Kind.COUNT, "0", {"minimum": 1}, "number.too_small"),
        (Kind.AMOUNT, "a lot", {}, "number.format"),
        (Kind.AREA, "0", {}, "area.zero"),
        (Kind.DATE, "2027-12-01", {"past_only": True}, "date.too_late"),
        (Kind.YEAR, "1999", {}, "year.range"),
        (Kind.ID_NUMBER, "123", {}, "id_number.length"),
        (Kind.CHOICE, "green", {"choices": COLOURS}, "choice.buttons"),
        (Kind.YES_NO, "maybe", {}, "choice.buttons"),
        (Kind.DIVISION, "洛阳市西工区", {}, "division.outside"),
    ],
)
def test_refused(kind: Kind, text: str, kw: dict[str, Any], code: str) -> None:
    with pytest.raises(FieldError) as err:
        _parse(kind, text, **kw)
    assert err.value.code == code


def test_outside_zhengzhou_cites_article_2() -> None:
    with pytest.raises(FieldError) as err:
        validate_division("北京市海淀区")
    assert "第二条" in err.value.message("zh") and "Art. 2" in err.value.message("en")


def test_buttons_are_checked_like_typing() -> None:
    assert parse_button(Field("k", Kind.YES_NO), "yes", {}) is True
    assert parse_button(Field("k", Kind.DIVISION), "erqi", {}) == "erqi"
    assert parse_button(Field("k", Kind.CHOICE, choices=COLOURS), "red", {}) == "red"
    for field, forged in (
        (Field("k", Kind.CHOICE, choices=COLOURS), "green"),
        (Field("k", Kind.DIVISION), "beijing"),
        (Field("k", Kind.YES_NO), "perhaps"),
        (Field("k", Kind.COUNT), "5"),
    ):
        with pytest.raises(FieldError):
            parse_button(field, forged, {})


def test_a_fields_own_check_sees_the_other_answers() -> None:
    def not_above_budget(value: Any, answers: Any) -> None:
        if int(float(value)) > int(float(answers["budget"])):
            raise FieldError("budget", "超出预算", "Over budget")

    field = Field("cost", Kind.AMOUNT, check=not_above_budget)
    assert parse_text(field, "100", TODAY, {"budget": "200.00"}) == "100.00"
    with pytest.raises(FieldError):
        parse_text(field, "300", TODAY, {"budget": "200.00"})
