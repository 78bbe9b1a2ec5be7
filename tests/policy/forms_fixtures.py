"""Valid identity numbers and credit codes for form tests, built with the real check digits."""

from __future__ import annotations

from policy.validators import credit_code, id_number


def an_id_number(body: str = "41010519800101123") -> str:
    return body + id_number.check_char(body)


def a_credit_code(body: str = "91410100MA44XXXX0") -> str:
    body = body.replace("X", "1")
    return body + credit_code.check_char(body)
