"""Zip packages read from bytes with limits, and their XML parsed with no DTD allowed.

A zip's central directory declares each member's size, and `zipfile` never inflates a member
past its declared size (a lying member fails its CRC), so checking the declared sizes bounds
the work: too many members, too much in total, or a member that inflates more than `max_ratio`
times (a zip bomb) is refused before anything is decompressed. XML parts may carry no document
type declaration at all: entities (billion laughs) and external references (XXE) need one, so a
part whose prolog holds none is safe from both. The prolog ends at the root element, so only
the first kilobytes of each part are read.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import Final
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from policy.formats import Malformed

RATIO_FLOOR: Final = 1024 * 1024
"""Members smaller than this inflate to little whatever their ratio; only bigger ones are bombs."""
XML_PART_LIMIT: Final = 4 * 1024 * 1024
"""The most we read of a small part parsed whole ([Content_Types].xml, workbook.xml, rels)."""
ZIP_ERRORS: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    KeyError,
)


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_members: int
    max_unzipped: int
    max_ratio: int


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def _check_sizes(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(infos) > limits.max_members:
        raise Malformed(
            f"压缩包内文件过多（{len(infos)} 个，上限 {limits.max_members}）",
            f"too many parts ({len(infos)}, at most {limits.max_members})",
        )
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped:
        raise Malformed(
            f"解压后超过 {_mb(limits.max_unzipped)} MB 的上限（疑似压缩炸弹）",
            f"unpacks to more than {_mb(limits.max_unzipped)} MB (a zip bomb?)",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise Malformed(
                f"“{info.filename[:60]}”的压缩比异常（{ratio:.0f} 倍，疑似压缩炸弹）",
                f"{info.filename[:60]!r} inflates {ratio:.0f} times (a zip bomb?)",
            )
        if info.flag_bits & 0x1:
            raise Malformed("压缩包内有加密的文件", "a part is encrypted")


def open_zip(data: bytes, limits: ZipLimits) -> zipfile.ZipFile:
    """The archive in ``data`` if it is a readable zip within ``limits``."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except ZIP_ERRORS:
        raise Malformed("不是完整有效的压缩包", "not a readable zip package") from None
    _check_sizes(infos, limits)
    return archive


def _looks_like_xml(head: bytes) -> bool:
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith((b"<", b"\xff\xfe", b"\xfe\xff"))


def refuse_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Malformed if this XML part declares a document type (entities, external references)."""
    with archive.open(info) as stream:
        if not _looks_like_xml(stream.read(64)):
            return
    try:
        with archive.open(info) as stream:
            for _event in iterparse(stream, events=("start",), forbid_dtd=True):
                return
    except DefusedXmlException:
        raise Malformed(
            f"“{info.filename[:60]}”含有文档类型声明（DTD/实体），不予读取",
            f"{info.filename[:60]!r} declares a DTD or entities, which are refused",
        ) from None
    except (ParseError, *ZIP_ERRORS):
        raise Malformed(
            f"“{info.filename[:60]}”不是格式正确的 XML", f"{info.filename[:60]!r} is not valid XML"
        ) from None


def read_xml(archive: zipfile.ZipFile, name: str) -> Element:
    """A small XML part parsed whole, DTDs refused; Malformed if missing, too big or broken."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise Malformed(f"缺少 {name}", f"{name} is missing") from None
    if info.file_size > XML_PART_LIMIT:
        raise Malformed(f"{name} 过大", f"{name} is too large")
    try:
        root: Element = fromstring(archive.read(info), forbid_dtd=True)
    except DefusedXmlException:
        raise Malformed(
            f"{name} 含有文档类型声明（DTD/实体），不予读取",
            f"{name} declares a DTD or entities, which are refused",
        ) from None
    except (ParseError, *ZIP_ERRORS):
        raise Malformed(f"{name} 不是格式正确的 XML", f"{name} is not valid XML") from None
    return root
