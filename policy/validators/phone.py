"""Mainland China telephone numbers: mobile (11 digits) and landline with area code.

People type numbers with spaces, dashes, brackets and an international prefix (+86, 0086, 86);
these are tolerated and removed. Mobile numbers are 11 digits beginning 13–19. Landlines are an
area code (010 and 02X have three digits, all others four, e.g. 0371 for Zhengzhou) followed by a
7- or 8-digit subscriber number that does not begin with 0 or 1; they are returned as
``"0371-67890123"``.
"""

from __future__ import annotations

import re
from typing import Final

from policy.validators._common import compact
from policy.validators.errors import FieldError

_SEPARATORS: Final = "-()（）.·"
_COUNTRY_PREFIXES: Final = ("+86", "0086")
_COUNTRY_CODE: Final = "86"
_TRUNK: Final = "0"
_MOBILE_LENGTH: Final = 11
_MOBILE: Final = re.compile(r"1[3-9]\d{9}")
_SHORT_AREA: Final = re.compile(r"0(10|2\d)")
_SUBSCRIBER: Final = re.compile(r"[2-9]\d{6,7}")


def _national(text: str, national_length: int | None) -> tuple[str, bool]:
    """Blank- and separator-free number without +86/0086; True if such a prefix was removed.

    A bare ``86`` prefix is removed only when the rest has exactly ``national_length`` digits.
    """
    number = compact(text, _SEPARATORS)
    for prefix in _COUNTRY_PREFIXES:
        if number.startswith(prefix):
            return number[len(prefix) :], True
    bare = national_length is not None and len(number) == national_length + len(_COUNTRY_CODE)
    if bare and number.startswith(_COUNTRY_CODE):
        return number[len(_COUNTRY_CODE) :], True
    return number, False


def validate_mobile(text: str) -> str:
    """An 11-digit mainland mobile number (digits only), or FieldError."""
    number, _international = _national(text, _MOBILE_LENGTH)
    if not number:
        raise FieldError("phone.empty", "请输入手机号", "Please enter a mobile number")
    if not number.isascii() or not number.isdigit():
        raise FieldError(
            "phone.characters",
            "手机号只能包含数字（可带空格、横线或+86）",
            "A mobile number may contain only digits (spaces, dashes or +86 are fine)",
        )
    if len(number) != _MOBILE_LENGTH:
        raise FieldError(
            "phone.length",
            f"手机号应为11位，您输入了{len(number)}位",
            f"A mobile number has 11 digits; you entered {len(number)}",
        )
    if not _MOBILE.fullmatch(number):
        raise FieldError(
            "phone.prefix",
            "手机号应以13–19开头",
            "A mainland mobile number begins with 13 to 19",
        )
    return number


def validate_landline(text: str) -> str:
    """A landline as ``"0371-67890123"`` (area code required), or FieldError."""
    number, international = _national(text, None)
    if not number:
        raise FieldError("landline.empty", "请输入固定电话", "Please enter a landline number")
    if not number.isascii() or not number.isdigit():
        raise FieldError(
            "landline.characters",
            "固定电话只能包含数字、横线或括号",
            "A landline number may contain only digits, dashes or brackets",
        )
    if international and not number.startswith(_TRUNK):
        number = _TRUNK + number  # +86 371 … drops the trunk 0 of the area code
    if not number.startswith(_TRUNK):
        raise FieldError(
            "landline.area_code",
            "请带区号填写固定电话，例如 0371-67890123",
            "Please include the area code, e.g. 0371-67890123",
        )
    area_len = 3 if _SHORT_AREA.match(number) else 4
    area, subscriber = number[:area_len], number[area_len:]
    if not _SUBSCRIBER.fullmatch(subscriber):
        raise FieldError(
            "landline.number",
            f"区号{area}后应为7–8位电话号码（不以0或1开头）",
            f"After the area code {area} come 7 or 8 digits, not starting with 0 or 1",
        )
    return f"{area}-{subscriber}"
