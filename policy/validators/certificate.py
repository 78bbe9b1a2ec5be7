"""Vocational qualification certificate number: checked permissively.

Certificate numbers differ by issuer and era (old national certificates, skill-level certificates
issued by evaluation bodies since 2019, provincial formats), and no single published format covers
them all. So only the shape is checked: 6–30 letters, digits or dashes, with at least one digit;
blanks are removed and letters upper-cased. The agency verifies the certificate itself.
"""

from __future__ import annotations

import re
from typing import Final

from policy.validators._common import compact
from policy.validators.errors import FieldError

LENGTH: Final = (6, 30)
_SHAPE: Final = re.compile(r"[A-Z0-9-]+")


def validate_certificate_number(text: str) -> str:
    """The number without blanks, upper-cased, or FieldError."""
    value = compact(text).upper()
    low, high = LENGTH
    if not _SHAPE.fullmatch(value) or not any(c.isdigit() for c in value):
        raise FieldError(
            "certificate.characters",
            "证书编号只能包含字母、数字和横线，且至少含一位数字",
            "A certificate number contains only letters, digits and dashes, with a digit",
        )
    if not low <= len(value) <= high:
        raise FieldError(
            "certificate.length",
            f"证书编号应为{low}–{high}位，您输入了{len(value)}位",
            f"A certificate number has {low}–{high} characters; you entered {len(value)}",
        )
    return value
