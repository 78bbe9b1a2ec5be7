"""An untrusted workbook checked as a package before openpyxl opens it.

In order, each with one line saying what is wrong: the file's size; a readable zip within the
member, total and ratio limits (zip bombs); no macros (vbaProject.bin, macro-enabled content
types, Excel 4 macro sheets) and nothing executable; an xlsx main part; no external links (they
make Excel fetch other files); no chart sheets (nothing to import, and openpyxl cannot read rows
from them); at most `max_sheets` sheets; then every XML part streamed through `sheet_scan`
(no DTD, rows and cell lengths within limits). Only then does openpyxl see the bytes.
"""

from __future__ import annotations

import zipfile
from typing import Final

from policy.formats import Dangerous, Malformed
from policy.formats.ooxml import content_types, main_part, refuse_running_parts
from policy.formats.package import ZIP_ERRORS, ZipLimits, open_zip, read_xml
from storage.imports.limits import MAX_PARTS, ImportLimits, WorkbookRefused, file_too_big
from storage.imports.sheet_scan import scan_archive

_MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NOT_XLSX: Final = WorkbookRefused("文件不是有效的 xlsx 工作簿", "not a valid xlsx workbook")


def _refuse(zh: str, en: str) -> WorkbookRefused:
    return WorkbookRefused(zh, en)


def _no_links_or_charts(archive: zipfile.ZipFile, types: dict[str, str]) -> None:
    names = [n.casefold() for n in (*archive.namelist(), *types)]
    declared = " ".join(types.values())
    if any(n.startswith("xl/externallinks/") for n in names) or "externallink" in declared:
        raise _refuse(
            "工作簿含有外部链接（引用其他文件），请复制为数值后另存再导入",
            "the workbook links to other files (external links); paste values and save again",
        )
    if any(n.startswith("xl/chartsheets/") for n in names) or "chartsheet" in declared:
        raise _refuse(
            "工作簿含有图表工作表，请只保留数据工作表后再导入",
            "the workbook holds a chart sheet; keep only the data sheet and save again",
        )


def _sheet_count(archive: zipfile.ZipFile, workbook: str, limits: ImportLimits) -> None:
    sheets = len(list(read_xml(archive, workbook).iter(f"{_MAIN_NS}sheet")))
    if sheets == 0:
        raise _refuse("工作簿中没有工作表", "the workbook has no sheet")
    if sheets > limits.max_sheets:
        raise _refuse(
            f"工作表过多（{sheets} 个，上限 {limits.max_sheets}）",
            f"too many sheets ({sheets}, at most {limits.max_sheets})",
        )


def _check_package(archive: zipfile.ZipFile, limits: ImportLimits, header_rows: int) -> None:
    refuse_running_parts(archive)
    types = content_types(archive)
    workbook = main_part(archive, types, "xlsx")
    _no_links_or_charts(archive, types)
    _sheet_count(archive, workbook, limits)
    scan_archive(archive, limits.max_rows + header_rows)


def check_workbook(data: bytes, limits: ImportLimits, header_rows: int = 0) -> None:
    """WorkbookRefused unless ``data`` is an xlsx workbook safe for openpyxl to read."""
    if len(data) > limits.max_bytes:
        raise file_too_big(len(data), limits.max_bytes)
    zip_limits = ZipLimits(MAX_PARTS, limits.max_unzipped, limits.max_ratio)
    try:
        with open_zip(data, zip_limits) as archive:
            _check_package(archive, limits, header_rows)
    except Dangerous as exc:
        raise _refuse(exc.zh, exc.en) from None
    except Malformed as exc:
        raise _refuse(
            f"文件不是有效的 xlsx 工作簿：{exc.zh}", f"not a valid xlsx workbook: {exc.en}"
        ) from None
    except ZIP_ERRORS:
        raise NOT_XLSX from None
