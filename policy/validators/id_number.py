"""PRC resident identity number, 18 characters (GB 11643-1999).

Layout: 6-digit address (region) code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd for men,
even for women), 1 check character from ISO 7064 MOD 11-2 (``0``–``9`` or ``X``). The 15-digit
first-generation numbers are no longer valid and are refused with a specific message.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang
from policy.validators._common import compact
from policy.validators.errors import FieldError

LENGTH: Final = 18
_OLD_LENGTH: Final = 15
_WEIGHTS: Final = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS: Final = "10X98765432"
_EARLIEST_BIRTH: Final = date(1900, 1, 1)
PROVINCE_CODES: Final = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
)
"""Province-level codes of GB/T 2260 (plausibility of the first two digits)."""


class Sex(StrEnum):
    """Sex encoded in the 17th digit."""

    MALE = "male"
    FEMALE = "female"


_SEX_LABELS: Final[dict[Sex, Label]] = {
    Sex.MALE: Label("男", "Male"),
    Sex.FEMALE: Label("女", "Female"),
}


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return _CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def _birth(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def validate_id_number(text: str, *, today: date) -> str:
    """The number in upper case without blanks, or FieldError saying what is wrong."""
    number = compact(text, "-").upper()
    if len(number) == _OLD_LENGTH and number.isdigit():
        raise FieldError(
            "id_number.old_format",
            "这是15位旧身份证号，请输入18位身份证号",
            "This is an old 15-digit ID number; please enter the 18-character number",
        )
    if len(number) != LENGTH:
        raise FieldError(
            "id_number.length",
            f"身份证号应为18位，您输入了{len(number)}位",
            f"An ID number has 18 characters; you entered {len(number)}",
        )
    if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
        raise FieldError(
            "id_number.characters",
            "身份证号前17位应为数字，最后一位为数字或X",
            "The first 17 characters must be digits and the last a digit or X",
        )
    if int(number[:2]) not in PROVINCE_CODES:
        raise FieldError(
            "id_number.region",
            f"身份证号前两位“{number[:2]}”不是有效的省级行政区代码",
            f"The first two digits '{number[:2]}' are not a valid province code",
        )
    born = _birth(number)
    if born is None:
        raise FieldError(
            "id_number.birth_date",
            f"身份证号第7–14位“{number[6:14]}”不是有效的出生日期",
            f"Characters 7–14 '{number[6:14]}' are not a valid birth date",
        )
    if born > today or born < _EARLIEST_BIRTH:
        raise FieldError(
            "id_number.birth_range",
            f"身份证号中的出生日期{born.isoformat()}不合理",
            f"The birth date {born.isoformat()} in the ID number is not plausible",
        )
    if check_char(number[:17]) != number[17]:
        raise FieldError(
            "id_number.check",
            "身份证号校验位不正确，请核对每一位数字",
            "The check character does not match; please check every digit",
        )
    return number


def birth_date(number: str) -> date:
    """Birth date of a validated number."""
    born = _birth(number)
    if born is None:
        raise ValueError("not a validated ID number")
    return born


def sex(number: str) -> Sex:
    """Sex of a validated number: odd 17th digit is male."""
    return Sex.MALE if int(number[16]) % 2 else Sex.FEMALE


def label(member: Sex, lang: Lang) -> str:
    """Chinese or English label of a sex."""
    return _SEX_LABELS[member].text(lang)
