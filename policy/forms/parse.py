"""Turning what a person typed or pressed into a stored answer, or a FieldError saying why not.

Stored answers are JSON: text as typed (trimmed; never escaped — escaping happens on output),
counts and years as int, amounts and areas as decimal strings ("150000.00"), dates as ISO
strings, choices as their value, yes/no as bool, divisions as their code.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any, Final

from policy.divisions import Division, parse_division
from policy.forms.spec import Answers, Field, Kind
from policy.source import ART_2
from policy.validators.certificate import validate_certificate_number
from policy.validators.credit_code import validate_credit_code
from policy.validators.errors import FieldError
from policy.validators.id_number import validate_id_number
from policy.validators.numbers import (
    parse_amount_cny,
    parse_area_m2,
    parse_count,
    parse_date,
    parse_year,
)
from policy.validators.phone import validate_mobile
from policy.validators.text import (
    validate_organisation_name,
    validate_person_name,
    validate_text,
)

YES: Final = frozenset({"是", "有", "对", "yes", "y"})
NO: Final = frozenset({"否", "无", "没有", "不是", "no", "n"})

Parser = Callable[[Field, str, date], Any]


def validate_division(text: str) -> Division:
    """A county-level division of Zhengzhou; anything else is outside the jurisdiction (第二条)."""
    found = parse_division(text)
    if found is None:
        shown = " ".join(text.split())[:30]
        raise FieldError(
            "division.outside",
            f"“{shown}”不是郑州市的县级行政区。工作室须依托郑州市辖区内的单位（{ART_2}），"
            "请从下面的按钮中选择",
            f"'{shown}' is not a county-level division of Zhengzhou. The host unit must be "
            "within Zhengzhou's jurisdiction (Art. 2); please choose one of the buttons",
        )
    return found


def _choose_by_buttons() -> FieldError:
    return FieldError(
        "choice.buttons", "请点击下面的按钮选择", "Please choose with the buttons below"
    )


def _choice(field: Field, text: str, today: date) -> str:
    wanted = unicodedata.normalize("NFKC", text).strip().casefold()
    for choice in field.choices:
        names = {choice.value, choice.label.zh, choice.label.en}
        if wanted in {n.casefold() for n in names}:
            return choice.value
    raise _choose_by_buttons()


def _yes_no(field: Field, text: str, today: date) -> bool:
    wanted = unicodedata.normalize("NFKC", text).strip().casefold()
    if wanted in YES:
        return True
    if wanted in NO:
        return False
    raise _choose_by_buttons()


def _text(field: Field, text: str, today: date) -> str:
    return validate_text(text, max_length=field.max_length)


def _long_text(field: Field, text: str, today: date) -> str:
    return validate_text(text, max_length=field.max_length, multiline=True)


def _count(field: Field, text: str, today: date) -> int:
    return parse_count(text, minimum=field.minimum or 0, maximum=field.maximum)


def _date(field: Field, text: str, today: date) -> str:
    return parse_date(text, not_after=today if field.past_only else None).isoformat()


_PARSERS: Final[dict[Kind, Parser]] = {
    Kind.TEXT: _text,
    Kind.LONG_TEXT: _long_text,
    Kind.PERSON_NAME: lambda f, t, d: validate_person_name(t),
    Kind.ORGANISATION: lambda f, t, d: validate_organisation_name(t),
    Kind.ID_NUMBER: lambda f, t, d: validate_id_number(t, today=d),
    Kind.CREDIT_CODE: lambda f, t, d: validate_credit_code(t),
    Kind.MOBILE: lambda f, t, d: validate_mobile(t),
    Kind.CERTIFICATE: lambda f, t, d: validate_certificate_number(t),
    Kind.COUNT: _count,
    Kind.AMOUNT: lambda f, t, d: str(parse_amount_cny(t, maximum=f.maximum)),
    Kind.AREA: lambda f, t, d: str(parse_area_m2(t, maximum=f.maximum)),
    Kind.DATE: _date,
    Kind.YEAR: lambda f, t, d: parse_year(t),
    Kind.CHOICE: _choice,
    Kind.YES_NO: _yes_no,
    Kind.DIVISION: lambda f, t, d: validate_division(t).value,
}


def parse_text(field: Field, text: str, today: date, answers: Answers) -> Any:
    """The stored value of a typed answer, checked by its kind and the field's own check."""
    value = _PARSERS[field.kind](field, text, today)
    if field.check is not None:
        field.check(value, answers)
    return value


def _pressed(field: Field, value: str) -> Any:
    if field.kind is Kind.YES_NO and value in ("yes", "no"):
        return value == "yes"
    if field.kind is Kind.DIVISION and value in set(Division):
        return value
    if field.kind is Kind.CHOICE and value in {c.value for c in field.choices}:
        return value
    raise _choose_by_buttons()


def parse_button(field: Field, value: str, answers: Answers) -> Any:
    """The stored value of a pressed choice (payloads are untrusted: checked like typing)."""
    stored = _pressed(field, value)
    if field.check is not None:
        field.check(stored, answers)
    return stored
