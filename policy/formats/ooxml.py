"""Word and Excel 2007+ files (ECMA-376 Open Packaging Conventions) checked as packages.

A valid package has `[Content_Types].xml`, and the main part of its kind (a wordprocessingml
document, a spreadsheetml workbook) declared there and present. Nothing in it may run: no
executable or script, no app package (AndroidManifest.xml, classes.dex), no macro project
(vbaProject.bin, macro-enabled content types, Excel 4 macro sheets). Every XML part is free of
DTDs.
"""

from __future__ import annotations

import zipfile
from typing import Final

from policy.formats import Dangerous, Malformed
from policy.formats.executables import refuse_executable
from policy.formats.package import ZipLimits, open_zip, read_xml, refuse_dtd

CONTENT_TYPES: Final = "[Content_Types].xml"
_CT_NS: Final = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE: Final = "application/vnd.openxmlformats-officedocument."
MAIN_TYPES: Final = {
    "docx": _OFFICE + "wordprocessingml.document.main+xml",
    "xlsx": _OFFICE + "spreadsheetml.sheet.main+xml",
}
EXECUTABLE_SUFFIXES: Final = (
    *(".exe", ".dll", ".bat", ".cmd", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".hta"),
    *(".ps1", ".sh", ".apk", ".dex", ".jar", ".msi", ".msp", ".scr", ".com", ".pif"),
    *(".cpl", ".lnk", ".so", ".elf"),
)
EXECUTABLE_NAMES: Final = frozenset({"androidmanifest.xml", "classes.dex"})
MACRO_NAMES: Final = frozenset({"vbaproject.bin", "vbadata.xml"})
_MACRO_TYPES: Final = ("macroenabled", "vbaproject", "macrosheet")


def _bad(kind: str, zh: str, en: str) -> Malformed:
    return Malformed(
        f"文件内容与 {kind.upper()} 格式不符：{zh}", f"not a valid {kind.upper()} file: {en}"
    )


def refuse_running_parts(archive: zipfile.ZipFile) -> None:
    """Dangerous if a part is a program, an app's manifest or code, or a macro project."""
    for name in archive.namelist():
        base = name.replace("\\", "/").rsplit("/", 1)[-1].casefold()
        if base in MACRO_NAMES or name.casefold().startswith("xl/macrosheets/"):
            raise Dangerous(
                "文件含有宏（VBA 或 Excel 4.0 宏表），请另存为不含宏的文件后再发送",
                "it contains macros (VBA or Excel 4.0 macro sheets); save it without macros",
            )
        if base in EXECUTABLE_NAMES or base.endswith(EXECUTABLE_SUFFIXES):
            raise Dangerous(
                f"文件包中夹带可执行内容（{base[:60]}）",
                f"the package carries executable content ({base[:60]})",
            )


def content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name (lower case, no leading slash) → content type, from the Override entries."""
    root = read_xml(archive, CONTENT_TYPES)
    found = {}
    for entry in root.iter(f"{_CT_NS}Override"):
        part, kind = entry.get("PartName", ""), entry.get("ContentType", "")
        found[part.lstrip("/").casefold()] = kind.strip().casefold()
    for entry in root.iter(f"{_CT_NS}Default"):
        found[f"*.{entry.get('Extension', '').casefold()}"] = entry.get("ContentType", "")
    if any(marker in kind.casefold() for kind in found.values() for marker in _MACRO_TYPES):
        raise Dangerous(
            "文件声明了宏内容类型（启用宏的文档），请另存为不含宏的文件后再发送",
            "it declares macro-enabled content; save it without macros",
        )
    return found


def main_part(archive: zipfile.ZipFile, types: dict[str, str], kind: str) -> str:
    """The member name of the package's main part of ``kind``, declared and present."""
    present = {n.casefold(): n for n in archive.namelist()}
    for part, declared in types.items():
        if declared == MAIN_TYPES[kind] and part in present:
            return present[part]
    raise Malformed("缺少主文档部件", f"no {MAIN_TYPES[kind]} part")


def check_package(archive: zipfile.ZipFile, kind: str) -> str:
    """The main part's name if the open package is a safe ``kind`` (docx | xlsx)."""
    refuse_running_parts(archive)
    main = main_part(archive, content_types(archive), kind)
    for info in archive.infolist():
        refuse_dtd(archive, info)
    return main


def check_ooxml(data: bytes, kind: str, limits: ZipLimits) -> None:
    """Malformed or Dangerous unless ``data`` is a safe Word (docx) or Excel (xlsx) package."""
    refuse_executable(data)
    try:
        with open_zip(data, limits) as archive:
            check_package(archive, kind)
    except Dangerous:
        raise
    except Malformed as exc:
        raise _bad(kind, exc.zh, exc.en) from None
