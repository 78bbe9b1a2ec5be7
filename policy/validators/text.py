"""Free text typed by people: required text, person names and organisation names.

Control and invisible formatting characters are always refused (they break exports and can hide
text); emoji only where a field allows them. Length counts characters as a person sees them
(after NFC composition), so a Chinese character counts as one.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from policy.validators._common import fold
from policy.validators.errors import FieldError

PERSON_NAME_LENGTH: Final = (2, 20)
LATIN_NAME_MAX: Final = 50
ORGANISATION_NAME_LENGTH: Final = (2, 100)

_EMOJI_RANGES: Final = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0xFE00, 0xFE0F),
    (0x200D, 0x200D),
    (0x20E3, 0x20E3),
    (0xE0020, 0xE007F),
)
_CJK: Final = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f〇"
_CHINESE_NAME: Final = re.compile(rf"[{_CJK}]+(·[{_CJK}]+)*")
_LATIN_NAME: Final = re.compile(r"[^\W\d_]+([ '\-.][^\W\d_]+)*\.?")
_NAME_DOTS: Final = str.maketrans(dict.fromkeys("•・‧∙⋅.．", "·"))
_HAN: Final = re.compile(rf"[{_CJK}]")
_ORG_PUNCTUATION: Final = frozenset("（）()·-&.,'、 ")
_TO_FULL_WIDTH_BRACKETS: Final = str.maketrans({"(": "（", ")": "）"})


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _EMOJI_RANGES)


def _forbidden(char: str, *, allow_emoji: bool, multiline: bool) -> bool:
    if multiline and char in "\n\t":
        return False
    if allow_emoji and _is_emoji(char):
        return False
    return unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn"} or _is_emoji(char)


def validate_text(
    text: str,
    *,
    max_length: int,
    min_length: int = 1,
    allow_emoji: bool = False,
    multiline: bool = False,
) -> str:
    """Trimmed text (single-line text has blanks collapsed), or FieldError."""
    value = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()
    if multiline:
        value = "\n".join(line.rstrip() for line in value.split("\n"))
    else:
        value = " ".join(value.split())
    if not value:
        raise FieldError("text.empty", "此项不能为空", "This field cannot be empty")
    if any(_forbidden(c, allow_emoji=allow_emoji, multiline=multiline) for c in value):
        raise FieldError(
            "text.characters",
            "包含不允许的字符（控制字符或表情符号），请删去后重新输入",
            "Contains characters that are not allowed (control characters or emoji); "
            "please remove them",
        )
    if len(value) > max_length:
        raise FieldError(
            "text.too_long",
            f"不能超过{max_length}个字，您输入了{len(value)}个字",
            f"At most {max_length} characters; you entered {len(value)}",
        )
    if len(value) < min_length:
        raise FieldError(
            "text.too_short",
            f"至少需要{min_length}个字，您输入了{len(value)}个字",
            f"At least {min_length} characters; you entered {len(value)}",
        )
    return value


def validate_person_name(text: str) -> str:
    """A Chinese name of 2–20 characters (with · between parts) or a Latin-letter name."""
    value = validate_text(fold(text), max_length=LATIN_NAME_MAX)
    if _HAN.search(value):
        name = "".join(value.split()).translate(_NAME_DOTS)
        low, high = PERSON_NAME_LENGTH
        if not _CHINESE_NAME.fullmatch(name):
            raise FieldError(
                "name.characters",
                "中文姓名只能由汉字组成，少数民族姓名可用“·”分隔",
                "A Chinese name consists of Chinese characters, parts separated by '·'",
            )
        if not low <= len(name) <= high:
            raise FieldError(
                "name.length",
                f"中文姓名应为{low}–{high}个字，您输入了{len(name)}个字",
                f"A Chinese name has {low}–{high} characters; you entered {len(name)}",
            )
        return name
    if not _LATIN_NAME.fullmatch(value) or len(value) < PERSON_NAME_LENGTH[0]:
        raise FieldError(
            "name.characters",
            "姓名只能使用汉字，或英文字母与空格",
            "A name uses Chinese characters, or Latin letters and spaces",
        )
    return value


def validate_organisation_name(text: str) -> str:
    """An organisation's name; Chinese names get full-width brackets （…） as registered."""
    low, high = ORGANISATION_NAME_LENGTH
    value = validate_text(fold(text), max_length=high, min_length=low)
    bad = sorted({c for c in value if not (c.isalnum() or c in _ORG_PUNCTUATION)})
    if bad or not any(c.isalpha() for c in value):
        shown = " ".join(bad) if bad else ""
        raise FieldError(
            "organisation.characters",
            f"单位名称应由文字、字母、数字和括号组成{('，不能包含：' + shown) if shown else ''}",
            "An organisation name consists of letters, digits and brackets"
            + (f"; not allowed: {shown}" if shown else ""),
        )
    return value.translate(_TO_FULL_WIDTH_BRACKETS) if _HAN.search(value) else value
