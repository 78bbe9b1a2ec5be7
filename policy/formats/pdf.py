"""A PDF must look like one to a reader that opens it from the end (ISO 32000-1, 7.5).

Readers find the cross-reference by the `startxref` offset in the file's last bytes and then
either an `xref` table or a cross-reference stream (`/Type /XRef`); we check that chain, the
header, the `%%EOF` marker, and that no program hides behind the header.
"""

from __future__ import annotations

import re
from typing import Final

from policy.formats import Malformed
from policy.formats.executables import refuse_executable

TAIL: Final = 1024
"""Readers look for `%%EOF` in the last kilobyte (Implementation note 18 of the PDF reference)."""

_HEADER: Final = re.compile(rb"%PDF-[12]\.\d")
_STARTXREF: Final = re.compile(rb"startxref\s+(\d{1,15})\s+%%EOF")
_XREF_STREAM: Final = re.compile(rb"\d+\s+\d+\s+obj\s*<<.{0,4096}?/Type\s*/XRef", re.DOTALL)


def _malformed(zh: str, en: str) -> Malformed:
    return Malformed(f"文件内容与 PDF 格式不符：{zh}", f"not a valid PDF: {en}")


def _xref_at(data: bytes, offset: int) -> bool:
    if offset >= len(data):
        return False
    at = offset + len(data[offset : offset + 64]) - len(data[offset : offset + 64].lstrip())
    return data.startswith(b"xref", at) or _XREF_STREAM.match(data, at) is not None


def check_pdf(data: bytes) -> None:
    """Malformed unless header, `%%EOF`, `startxref` → xref table or stream all hold."""
    if not _HEADER.match(data):
        raise _malformed("缺少 %PDF- 文件头", "no %PDF- header")
    tail_start = max(len(data) - TAIL, 0)
    if b"%%EOF" not in data[tail_start:]:
        raise _malformed("文件末尾没有 %%EOF 结束标记（文件可能不完整）", "no %%EOF at the end")
    found = list(_STARTXREF.finditer(data, max(len(data) - TAIL - 64, 0)))
    if not found:
        raise _malformed("找不到 startxref 交叉引用位置", "no startxref before %%EOF")
    if not _xref_at(data, int(found[-1].group(1))):
        raise _malformed("startxref 没有指向交叉引用表", "startxref points at no xref table")
    refuse_executable(data, 5)
