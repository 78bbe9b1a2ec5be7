"""Files are recognised by content (第六条 materials), within the 20 MB download limit."""

from __future__ import annotations

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
from tests import samples

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
WORD = OLE2 + "WordDocument".encode("utf-16-le")
EXCEL = OLE2 + "Workbook".encode("utf-16-le")
EVERYTHING = frozenset(FileType)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", FileType.PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", FileType.JPEG),
        (b"\x89PNG\r\n\x1a\n", FileType.PNG),
        (WORD, FileType.DOC),
        (EXCEL, FileType.XLS),
        (samples.zipped({"[Content_Types].xml": "", "word/document.xml": ""}), FileType.DOCX),
        (samples.zipped({"[Content_Types].xml": "", "xl/workbook.xml": ""}), FileType.XLSX),
        (samples.zipped({"readme.txt": "x"}), None),  # a plain zip archive
        (OLE2, None),  # an OLE2 file that is neither Word nor Excel (e.g. an .msi installer)
        (b"PK\x03\x04 broken zip", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows executable, whatever its name
        (b"\x7fELF\x02\x01", None),
        (b"", None),
        (b"plain text %PDF- later", None),
    ],
)
def test_sniff_tells_what_a_file_claims(data: bytes, expected: FileType | None) -> None:
    assert sniff(data) is expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (samples.pdf(), FileType.PDF),
        (samples.png(), FileType.PNG),
        (samples.jpeg(), FileType.JPEG),
        (samples.jpeg() + b"\x00\x00MotionPhoto trailer", FileType.JPEG),
        (samples.docx(), FileType.DOCX),
        (samples.xlsx(), FileType.XLSX),
        (WORD, FileType.DOC),
        (EXCEL, FileType.XLS),
    ],
)
def test_real_files_are_accepted(data: bytes, expected: FileType) -> None:
    assert check_content(data, EVERYTHING) is expected


def _refusal(data: bytes) -> FieldError:
    with pytest.raises(FieldError) as err:
        check_content(data, EVERYTHING)
    return err.value


def _xref_stream_pdf() -> bytes:
    body = b"%PDF-1.5\n"
    offset = len(body)
    body += (
        b"1 0 obj\n<< /Type /XRef /Size 2 /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\n"
    )
    return body + b"startxref\n%d\n%%%%EOF\n" % offset


def test_a_pdf_with_an_xref_stream_is_a_pdf() -> None:
    assert check_content(_xref_stream_pdf(), EVERYTHING) is FileType.PDF


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"%PDF-1.4\n" + samples.exe(), "%%EOF"),  # the polyglot of the adversarial run
        (samples.pdf()[:-200], "%%EOF"),  # cut short
        (samples.pdf().replace(b"startxref\n", b"startxref\n9"), "startxref"),
        (samples.pdf().replace(b"xref\n0 5", b"xxxx\n0 5"), "startxref"),
        (b"%PDF-x\n" + samples.pdf()[9:], "%PDF-"),
    ],
)
def test_a_pdf_must_parse_as_a_pdf(data: bytes, rule: str) -> None:
    err = _refusal(data)
    assert err.code == "file.malformed" and "文件内容与 PDF 格式不符" in err.message("zh")
    assert rule in err.message("zh") and "Not a valid PDF" in err.message("en")


@pytest.mark.parametrize("program", [samples.exe(), samples.elf()])
def test_a_valid_pdf_carrying_a_program_is_refused(program: bytes) -> None:
    err = _refusal(samples.pdf(stream=b"q Q\n" + program))
    assert err.code == "file.dangerous" and "可执行程序" in err.message("zh")


@pytest.mark.parametrize(
    ("data", "rule_zh"),
    [
        (samples.docx(**{"payload.exe": samples.exe()}), "payload.exe"),
        (
            samples.zipped(
                {
                    "[Content_Types].xml": samples.content_types(),
                    "AndroidManifest.xml": "<manifest/>",
                    "classes.dex": b"dex\n035\x00",
                    "xl/workbook.xml": "<workbook/>",
                }
            ),
            "androidmanifest.xml",
        ),
        (samples.docx(**{"word/vbaProject.bin": b"\x00" * 64}), "宏"),
        (samples.docx(**{"xl/macrosheets/sheet1.xml": "<xm/>"}), "宏"),
        (
            samples.zipped(
                {
                    **samples.docx_parts(),
                    "[Content_Types].xml": samples.content_types(
                        main_type="application/vnd.ms-word.document.macroEnabled.main+xml"
                    ),
                }
            ),
            "宏",
        ),
    ],
)
def test_office_packages_that_carry_programs_or_macros_are_refused(
    data: bytes, rule_zh: str
) -> None:
    err = _refusal(data)
    assert err.code == "file.dangerous" and rule_zh in err.message("zh")


BOMB = samples.zipped({**samples.docx_parts(), "word/media/fill.bin": b"\x00" * (8 << 20)})
DTD = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document>&a;</w:document>'


@pytest.mark.parametrize(
    ("data", "rule_en"),
    [
        (samples.zipped({"word/document.xml": "<w:document/>"}), "[Content_Types].xml is missing"),
        (samples.docx(**{"[Content_Types].xml": "<Types"}), "not valid XML"),
        (samples.docx(**{"word/document.xml": DTD}), "DTD"),
        (
            samples.docx(**{"[Content_Types].xml": samples.content_types("/word/other.xml")}),
            "no application/vnd",
        ),
        (BOMB, "zip bomb"),
    ],
)
def test_office_packages_must_be_valid_and_small_when_unpacked(data: bytes, rule_en: str) -> None:
    err = _refusal(data)
    assert err.code == "file.malformed" and "Not a valid DOCX" in err.message("en")
    assert rule_en in err.message("en") and "文件内容与 DOCX 格式不符" in err.message("zh")


@pytest.mark.parametrize(
    ("data", "kind", "rule_zh"),
    [
        (samples.png()[:-12], "PNG", "IEND"),  # truncated: the end chunk is gone
        (samples.png()[:30], "PNG", "截断"),
        (samples.png().replace(b"IDAT", b"IDAT\x00", 1)[:-1], "PNG", "CRC"),
        (samples.jpeg()[:-2], "JPEG", "EOI"),  # no end-of-image marker
        (samples.jpeg()[:40], "JPEG", "截断"),
    ],
)
def test_images_must_be_whole(data: bytes, kind: str, rule_zh: str) -> None:
    err = _refusal(data)
    assert err.code == "file.malformed" and f"文件内容与 {kind} 格式不符" in err.message("zh")
    assert rule_zh in err.message("zh")


@pytest.mark.parametrize(
    "data",
    [
        samples.png() + samples.exe(),
        samples.png() + samples.docx(),
        samples.jpeg() + samples.zipped({"x.exe": b"MZ"}),
    ],
)
def test_images_with_something_appended_are_refused(data: bytes) -> None:
    assert _refusal(data).code == "file.dangerous"


def test_declared_size_is_checked_before_download() -> None:
    check_declared_size(None)
    check_declared_size(MAX_FILE_BYTES)
    with pytest.raises(FieldError) as err:
        check_declared_size(30 * 1024 * 1024)
    assert err.value.code == "file.too_large" and "20MB" in err.value.message("zh")
    assert "30.0 MB" in err.value.message("en")


def test_the_real_size_gets_the_same_rule() -> None:
    with pytest.raises(FieldError) as err:
        check_content(samples.pdf(pad=MAX_FILE_BYTES), EVERYTHING)
    assert err.value.code == "file.too_large" and "20MB" in err.value.message("zh")


def test_content_check_refuses_unknown_and_unaccepted_types() -> None:
    report = RULES[Slot.REPORT].accepts
    assert check_content(samples.pdf(), report) is FileType.PDF
    with pytest.raises(FieldError) as err:
        check_content(samples.exe(), report)
    assert err.value.code == "file.unknown"
    with pytest.raises(FieldError) as err:
        check_content(samples.jpeg(), report)
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
