"""Application materials as files (第六条): which slots there are, and which files are accepted.

第六条 lists the project report (申报报告, 项目建设实施方案, 设备购置清单, 论证专家名单,
相关有效证明) and the auxiliary materials (申报单位资质, the unit's commitment of funds,
space and equipment).
The application form itself (第六条(一)) is the bot's own record of the answers, not a file.
An optional slot takes any other material ("等资料").

Files are recognised by their content, never by their name alone (an executable renamed
``.pdf`` is refused), and not by their first bytes alone either: a file must parse as the type
it claims (`policy.formats`), so a polyglot or an app package dressed as a workbook is refused
with the rule it broke. Files must fit the Bot API's 20 MB download limit, checked on the
declared size before anything is downloaded and on the real size after.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from enum import StrEnum
from io import BytesIO
from typing import Final

from policy.formats import Dangerous, Malformed
from policy.formats.images import PNG_SIGNATURE, check_jpeg, check_png
from policy.formats.ooxml import check_ooxml
from policy.formats.package import ZIP_ERRORS, ZipLimits
from policy.formats.pdf import check_pdf
from policy.i18n import Label, Lang
from policy.validators.errors import FieldError

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
"""The Bot API's getFile limit: bigger files cannot be downloaded by a bot."""


class FileType(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    DOC = "doc"
    XLS = "xls"
    DOCX = "docx"
    XLSX = "xlsx"


MIME: Final[dict[FileType, str]] = {
    FileType.PDF: "application/pdf",
    FileType.JPEG: "image/jpeg",
    FileType.PNG: "image/png",
    FileType.DOC: "application/msword",
    FileType.XLS: "application/vnd.ms-excel",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

EXTENSIONS: Final[dict[FileType, tuple[str, ...]]] = {
    FileType.PDF: (".pdf",),
    FileType.JPEG: (".jpg", ".jpeg"),
    FileType.PNG: (".png",),
    FileType.DOC: (".doc",),
    FileType.XLS: (".xls",),
    FileType.DOCX: (".docx",),
    FileType.XLSX: (".xlsx",),
}
PACKAGE_LIMITS: Final = ZipLimits(max_members=5000, max_unzipped=256 * 1024 * 1024, max_ratio=100)
"""What a Word or Excel file may unpack to: staff's office suite inflates it when they open it."""

_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP: Final = b"PK\x03\x04"
_WORD_STREAM: Final = "WordDocument".encode("utf-16-le")
_EXCEL_STREAMS: Final = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


def _ooxml(data: bytes) -> FileType | None:
    """Word or Excel 2007+ as the package claims by its parts (word/…, xl/…); else None."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = archive.namelist()
    except ZIP_ERRORS:
        return None
    if any(name.startswith("word/") for name in names):
        return FileType.DOCX
    if any(name.startswith("xl/") for name in names):
        return FileType.XLSX
    return None


def _ole2(data: bytes) -> FileType | None:
    """Word or Excel 97–2003 by their main stream's name; other OLE2 files (MSI…) are refused."""
    if _WORD_STREAM in data:
        return FileType.DOC
    if any(stream in data for stream in _EXCEL_STREAMS):
        return FileType.XLS
    return None


def sniff(data: bytes) -> FileType | None:
    """The type a file claims by its first bytes (and, for Office files, its inner names).

    A claim only: `verify` then checks the file is what it claims.
    """
    if data.startswith(b"%PDF-"):
        return FileType.PDF
    if data.startswith(b"\xff\xd8\xff"):
        return FileType.JPEG
    if data.startswith(PNG_SIGNATURE):
        return FileType.PNG
    if data.startswith(_OLE2):
        return _ole2(data)
    if data.startswith(_ZIP):
        return _ooxml(data)
    return None


def verify(kind: FileType, data: bytes) -> None:
    """Malformed (or Dangerous) unless ``data`` is a whole, harmless file of ``kind``.

    Old Word and Excel files (OLE2) keep the check of their main stream made by `sniff`.
    """
    if kind is FileType.PDF:
        check_pdf(data)
    elif kind is FileType.PNG:
        check_png(data)
    elif kind is FileType.JPEG:
        check_jpeg(data)
    elif kind in {FileType.DOCX, FileType.XLSX}:
        check_ooxml(data, kind.value, PACKAGE_LIMITS)


class Slot(StrEnum):
    """Where a file belongs among the materials of 第六条."""

    REPORT = "report"
    PLAN = "plan"
    EQUIPMENT_LIST = "equipment_list"
    EXPERTS = "experts"
    CERTIFICATES = "certificates"
    UNIT_QUALIFICATION = "unit_qualification"
    COMMITMENT = "commitment"
    OTHER = "other"


_DOCS: Final = frozenset({FileType.PDF, FileType.DOC, FileType.DOCX})
_SHEETS: Final = _DOCS | {FileType.XLS, FileType.XLSX}
_SCANS: Final = frozenset({FileType.PDF, FileType.JPEG, FileType.PNG})


@dataclass(frozen=True, slots=True)
class SlotRule:
    """One slot: whether 第六条 requires it, whether it takes several files, and what types."""

    slot: Slot
    mandatory: bool
    multiple: bool
    accepts: frozenset[FileType]
    article: str
    label: Label


SLOTS: Final[tuple[SlotRule, ...]] = (
    SlotRule(
        Slot.REPORT, True, False, _DOCS, "第六条(二)", Label("申报报告", "Application report")
    ),
    SlotRule(
        Slot.PLAN,
        True,
        False,
        _DOCS,
        "第六条(二)",
        Label("项目建设实施方案", "Implementation plan"),
    ),
    SlotRule(
        Slot.EQUIPMENT_LIST,
        True,
        False,
        _SHEETS,
        "第六条(二)",
        Label("设备购置清单", "Equipment purchase list"),
    ),
    SlotRule(
        Slot.EXPERTS, True, False, _SHEETS, "第六条(二)", Label("论证专家名单", "Expert list")
    ),
    SlotRule(
        Slot.CERTIFICATES,
        True,
        True,
        _SCANS | _DOCS,
        "第六条(二)",
        Label("相关有效证明", "Supporting certificates"),
    ),
    SlotRule(
        Slot.UNIT_QUALIFICATION,
        True,
        True,
        _SCANS,
        "第六条(三)",
        Label("申报单位资质", "Unit qualification"),
    ),
    SlotRule(
        Slot.COMMITMENT,
        True,
        False,
        _SCANS | _DOCS,
        "第六条(三)",
        Label("资金、场地和设备支持承诺", "Commitment of funds, space and equipment"),
    ),
    SlotRule(Slot.OTHER, False, True, _SHEETS | _SCANS, "第六条", Label("其他材料", "Other")),
)

RULES: Final[dict[Slot, SlotRule]] = {rule.slot: rule for rule in SLOTS}


def missing_mandatory(present: set[str]) -> list[Slot]:
    """第六条: the mandatory slots that hold no file yet, in the order of the article."""
    return [r.slot for r in SLOTS if r.mandatory and r.slot.value not in present]


def too_large(size: int | None) -> FieldError:
    """The size rule, with the size when it is known (getFile may refuse without telling it)."""
    if size is None:
        return FieldError(
            "file.too_large",
            "文件超过20MB的上限；请压缩或拆分后再发送",
            "The file is over the 20 MB limit; please compress or split it",
        )
    mb = size / (1024 * 1024)
    return FieldError(
        "file.too_large",
        f"文件为{mb:.1f}MB，超过20MB的上限；请压缩或拆分后再发送",
        f"The file is {mb:.1f} MB, over the 20 MB limit; please compress or split it",
    )


def check_declared_size(size: int | None) -> None:
    """Refuse a file over the download limit by the size Telegram declares, before fetching it."""
    if size is not None and size > MAX_FILE_BYTES:
        raise too_large(size)


def _refused(kind: FileType, exc: Malformed) -> FieldError:
    code = "file.dangerous" if isinstance(exc, Dangerous) else "file.malformed"
    zh, en = exc.zh, exc.en
    if isinstance(exc, Dangerous):
        zh, en = f"{kind.value.upper()}文件不予接收：{zh}", f"This file is refused: {en}"
    return FieldError(code, f"{zh}。", f"{en[:1].upper()}{en[1:]}.")


def check_content(data: bytes, accepts: frozenset[FileType]) -> FileType:
    """The verified type of ``data`` if this slot accepts it, else FieldError naming the rule."""
    check_declared_size(len(data))
    found = sniff(data)
    names = sorted(t.value.upper() for t in accepts)
    shown_zh, shown = "、".join(names), ", ".join(names)
    if found is None:
        raise FieldError(
            "file.unknown",
            f"无法识别这个文件的内容（不是PDF、图片或Office文档）；此处接受：{shown_zh}",
            f"This file's content is not a PDF, image or Office document; accepted: {shown}",
        )
    if found not in accepts:
        raise FieldError(
            "file.type",
            f"此处不接受{found.value.upper()}文件；请发送：{shown_zh}",
            f"A {found.value.upper()} file is not accepted here; please send: {shown}",
        )
    try:
        verify(found, data)
    except Malformed as exc:
        raise _refused(found, exc) from None
    return found


def label(slot: Slot, lang: Lang) -> str:
    """Chinese or English label of a slot."""
    return RULES[slot].label.text(lang)
