"""Unified social credit code of an organisation, 18 characters (GB 32100-2015).

Layout: 1 registration-authority code, 1 organisation-type code, 6-digit region code, 9-character
organisation code, 1 check character. Characters come from a 31-symbol alphabet without I, O, Z,
S and V. The check character is ``31 - (Σ value × weight mod 31)``, where 31 maps to 0.
The authority code must be one of GB 32100's; the type code must be a digit (for market
regulators, 9, only 1 enterprise, 2 individual business, 3 farmers' co-operative).
"""

from __future__ import annotations

from typing import Final

from policy.validators._common import compact
from policy.validators.errors import FieldError

LENGTH: Final = 18
ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
AUTHORITIES: Final = frozenset("123456789ANY")
_MARKET_REGULATOR: Final = "9"
_MARKET_TYPES: Final = frozenset("123")


def check_char(first17: str) -> str:
    """The check character of the first 17 characters (which must be in :data:`ALPHABET`)."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(len(ALPHABET) - total % len(ALPHABET)) % len(ALPHABET)]


def validate_credit_code(text: str) -> str:
    """The code in upper case without blanks, or FieldError saying what is wrong."""
    code = compact(text, "-").upper()
    if len(code) != LENGTH:
        raise FieldError(
            "credit_code.length",
            f"统一社会信用代码应为18位，您输入了{len(code)}位",
            f"A unified social credit code has 18 characters; you entered {len(code)}",
        )
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        shown = "、".join(bad)
        raise FieldError(
            "credit_code.characters",
            f"统一社会信用代码不使用字符：{shown}（不含字母I、O、Z、S、V）",
            f"Characters not used in the code: {', '.join(bad)} (I, O, Z, S and V never occur)",
        )
    authority, kind = code[0], code[1]
    valid_kind = kind in _MARKET_TYPES if authority == _MARKET_REGULATOR else kind.isdigit()
    if authority not in AUTHORITIES or not valid_kind or kind == "0":
        raise FieldError(
            "credit_code.prefix",
            f"前两位“{code[:2]}”不是有效的登记管理部门和机构类别代码",
            f"The first two characters '{code[:2]}' are not a valid authority and type code",
        )
    if not code[2:8].isdigit():
        raise FieldError(
            "credit_code.region",
            f"第3–8位“{code[2:8]}”应为6位行政区划代码",
            f"Characters 3–8 '{code[2:8]}' must be a 6-digit region code",
        )
    if check_char(code[:17]) != code[17]:
        raise FieldError(
            "credit_code.check",
            "统一社会信用代码校验位不正确，请核对每一位",
            "The check character does not match; please check every character",
        )
    return code
