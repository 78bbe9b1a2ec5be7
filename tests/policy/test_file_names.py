"""File names are cleaned for storage and display; the name as sent stays readable in the audit."""

from __future__ import annotations

import pytest

from policy.file_names import MAX_LENGTH, clean_file_name, visible

PDF = (".pdf",)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("申报报告.pdf", "申报报告.pdf"),
        ("report\x00.pdf", "report.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe.pdf"),  # reads "invoiceexe.pdf" when shown
        ("a\u2066b\u2069c\u200e\u200f.pdf", "abc.pdf"),
        ("zero\u200bwidth.PDF", "zerowidth.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\x\\报告.pdf", "报告.pdf"),
        ("line\nbreak\ttab.pdf", "line break tab.pdf"),
        ("  ..hidden.pdf. ", "hidden.pdf"),
        ("report.docx", "report.docx.pdf"),
        ("\x00\u202e", "fallback.pdf"),
        (".pdf", "pdf.pdf"),
        (None, "fallback.pdf"),
    ],
)
def test_names_are_cleaned_and_keep_their_extension(sent: str | None, stored: str) -> None:
    assert clean_file_name(sent, PDF, "fallback.pdf") == stored


def test_long_names_are_cut_but_keep_the_extension() -> None:
    cleaned = clean_file_name("报" * 500 + ".pdf", PDF, "x.pdf")
    assert len(cleaned) == MAX_LENGTH and cleaned.endswith("报.pdf")


def test_any_of_a_types_extensions_is_kept() -> None:
    assert clean_file_name("photo.JPEG", (".jpg", ".jpeg"), "x.jpg") == "photo.jpeg"


def test_the_audit_shows_every_invisible_character() -> None:
    assert visible("a\x00b\u202ec\\d.pdf") == "a\\u0000b\\u202ec\\u005cd.pdf"
    assert visible("申报报告.pdf") == "申报报告.pdf"
