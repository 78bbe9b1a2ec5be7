"""Files are recognised by content (第六条 materials), within the 20 MB download limit."""

from __future__ import annotations

import io
import zipfile

import pytest

from policy.attachments import (
    MAX_FILE_BYTES,
    RULES,
    SLOTS,
    FileType,
    Slot,
    check_content,
    check_declared_size,
    missing_mandatory,
    sniff,
)
from policy.validators.errors import FieldError


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
WORD = OLE2 + "WordDocument".encode("utf-16-le")
EXCEL = OLE2 + "Workbook".encode("utf-16-le")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", FileType.PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", FileType.JPEG),
        (b"\x89PNG\r\n\x1a\n", FileType.PNG),
        (WORD, FileType.DOC),
        (EXCEL, FileType.XLS),
        (_zip("[Content_Types].xml", "word/document.xml"), FileType.DOCX),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), FileType.XLSX),
        (_zip("readme.txt"), None),  # a plain zip archive
        (OLE2, None),  # an OLE2 file that is neither Word nor Excel (e.g. an .msi installer)
        (b"PK\x03\x04 broken zip", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows executable, whatever its name
        (b"\x7fELF\x02\x01", None),
        (b"", None),
        (b"plain text %PDF- later", None),
    ],
)
def test_sniff_by_content(data: bytes, expected: FileType | None) -> None:
    assert sniff(data) is expected


def test_declared_size_is_checked_before_download() -> None:
    check_declared_size(None)
    check_declared_size(MAX_FILE_BYTES)
    with pytest.raises(FieldError) as err:
        check_declared_size(30 * 1024 * 1024)
    assert err.value.code == "file.too_large" and "20MB" in err.value.message("zh")
    assert "30.0 MB" in err.value.message("en")


def test_content_check_refuses_unknown_and_unaccepted_types() -> None:
    report = RULES[Slot.REPORT].accepts
    assert check_content(b"%PDF-1.4", report) is FileType.PDF
    with pytest.raises(FieldError) as err:
        check_content(b"MZ\x90\x00", report)
    assert err.value.code == "file.unknown"
    with pytest.raises(FieldError) as err:
        check_content(b"\xff\xd8\xff\xe0", report)
    assert err.value.code == "file.type" and "JPEG" in err.value.message("en")


def test_certificates_take_photos_and_the_report_does_not() -> None:
    assert FileType.JPEG in RULES[Slot.CERTIFICATES].accepts
    assert FileType.JPEG not in RULES[Slot.REPORT].accepts


def test_slots_follow_article_6() -> None:
    mandatory = [r.slot for r in SLOTS if r.mandatory]
    assert mandatory == [
        Slot.REPORT,
        Slot.PLAN,
        Slot.EQUIPMENT_LIST,
        Slot.EXPERTS,
        Slot.CERTIFICATES,
        Slot.UNIT_QUALIFICATION,
        Slot.COMMITMENT,
    ]
    assert missing_mandatory({"report", "plan", "other"}) == mandatory[2:]
    assert missing_mandatory({s.value for s in mandatory}) == []
