"""Studio lists, good and hostile, built in memory (shared by the import tests and benchmark)."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

HEADERS = ["工作室名称", "类别", "领办人", "所在单位", "批准日期", "所属区县"]
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


def studio_list(rows: int, start: int = 0) -> bytes:
    """A list of ``rows`` distinct, valid studios, written in streaming mode."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("工作室名单")
    ws.append(HEADERS)
    for n in range(start, start + rows):
        ws.append(
            [
                f"第{n}号数控技能大师工作室",
                "现代技术类",
                "张三",
                f"郑州{n}号机械有限公司",
                "2021-12-20",
                "金水区",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rewrite(
    base: bytes, parts: dict[str, str | bytes], drop: frozenset[str] = frozenset()
) -> bytes:
    """``base`` with ``parts`` put in (replacing any of the same name) and ``drop`` left out."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename not in parts and info.filename not in drop:
                target.writestr(info.filename, source.read(info))
        for name, body in parts.items():
            target.writestr(name, body)
    return out.getvalue()


def sheet_xml(rows: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData></worksheet>'
    )


def inline_row(r: int, *texts: str) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{text}</t></is></c>'
        for i, text in enumerate(texts)
    )
    return f'<row r="{r}">{cells}</row>'


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    xml = sheet_xml(inline_row(1, "&lol9;"), f"<!DOCTYPE lolz [{entities}]>")
    return rewrite(studio_list(1), {SHEET: xml})


def xxe(part: str = SHEET) -> bytes:
    prolog = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    if part == SHEET:
        return rewrite(studio_list(1), {SHEET: sheet_xml(inline_row(1, "&e;"), prolog)})
    with zipfile.ZipFile(io.BytesIO(studio_list(1))) as archive:
        xml = archive.read(part).decode()
    if xml.startswith("<?xml"):
        head, _, rest = xml.partition("?>")
        xml = f"{head}?>{prolog}{rest}"
    else:
        xml = prolog + xml
    return rewrite(studio_list(1), {part: xml})


def chartsheet_only() -> bytes:
    wb = Workbook()
    wb.create_chartsheet("图表")
    wb.remove(wb.worksheets[0])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsm() -> bytes:
    with zipfile.ZipFile(io.BytesIO(studio_list(1))) as archive:
        types = archive.read("[Content_Types].xml").decode()
    types = types.replace("sheet.main+xml", "sheet.macroEnabled.main+xml")
    types = types.replace("spreadsheetml.sheet.macroEnabled", "ms-excel.sheet.macroEnabled")
    return rewrite(
        studio_list(1), {"[Content_Types].xml": types, "xl/vbaProject.bin": b"\xcc" * 512}
    )


def external_link() -> bytes:
    link = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<externalLink xmlns="{MAIN_NS}"><externalBook/></externalLink>'
    )
    return rewrite(studio_list(1), {"xl/externalLinks/externalLink1.xml": link})


def huge_cell(length: int, row: int = 2) -> bytes:
    rows = inline_row(1, *HEADERS) + inline_row(
        row, "A" * length, "现代技术类", "张三", "郑州某单位", "2021-12-20"
    )
    return rewrite(studio_list(1), {SHEET: sheet_xml(rows)})


def sparse(last_row: int) -> bytes:
    """Two real rows, the second numbered ``last_row``: openpyxl would fill every gap."""
    rows = inline_row(1, *HEADERS) + inline_row(
        last_row, "甲工作室", "现代技术类", "张三", "郑州某单位", "2021-12-20"
    )
    return rewrite(studio_list(1), {SHEET: sheet_xml(rows)})


def many_sheets(count: int) -> bytes:
    wb = Workbook()
    wb.active.append(HEADERS)
    for n in range(count - 1):
        wb.create_sheet(f"S{n}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def zip_bomb(megabytes: int) -> bytes:
    """A valid list with one extra part that inflates ~1000 times."""
    return rewrite(studio_list(1), {"xl/media/padding.bin": b"\x00" * (megabytes << 20)})
