"""Zhengzhou's county-level divisions, as the agency files them (第二条 "郑州市辖区内", 第三条).

The host unit must lie within Zhengzhou's jurisdiction, and county-level HRSS bureaus assist in
daily management (第三条), so every unit is filed under one division: the six districts, five
county-level cities, one county, and the four functional zones that the city administers as
county-level units. People type these names in many short forms; :func:`parse_division`
accepts the common ones.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang


class Division(StrEnum):
    """A county-level division of Zhengzhou (ASCII pinyin codes)."""

    ZHONGYUAN = "zhongyuan"
    ERQI = "erqi"
    GUANCHENG = "guancheng"
    JINSHUI = "jinshui"
    SHANGJIE = "shangjie"
    HUIJI = "huiji"
    GONGYI = "gongyi"
    XINGYANG = "xingyang"
    XINMI = "xinmi"
    XINZHENG = "xinzheng"
    DENGFENG = "dengfeng"
    ZHONGMOU = "zhongmou"
    AIRPORT_ZONE = "airport_zone"
    ZHENGDONG = "zhengdong"
    ECONOMIC_ZONE = "economic_zone"
    HIGH_TECH_ZONE = "high_tech_zone"


class DivisionKind(StrEnum):
    """What kind of county-level unit a division is."""

    DISTRICT = "district"
    CITY = "city"
    COUNTY = "county"
    ZONE = "zone"


_D, _C, _X, _Z = DivisionKind.DISTRICT, DivisionKind.CITY, DivisionKind.COUNTY, DivisionKind.ZONE

# division: (kind, label, extra aliases besides the zh label, the en label and the code)
_TABLE: Final[dict[Division, tuple[DivisionKind, Label, tuple[str, ...]]]] = {
    Division.ZHONGYUAN: (_D, Label("中原区", "Zhongyuan District"), ("中原", "zhongyuan")),
    Division.ERQI: (_D, Label("二七区", "Erqi District"), ("二七", "27区", "erqi")),
    Division.GUANCHENG: (
        _D,
        Label("管城回族区", "Guancheng Hui District"),
        ("管城区", "管城", "guancheng", "guancheng district"),
    ),
    Division.JINSHUI: (_D, Label("金水区", "Jinshui District"), ("金水", "jinshui")),
    Division.SHANGJIE: (_D, Label("上街区", "Shangjie District"), ("上街", "shangjie")),
    Division.HUIJI: (_D, Label("惠济区", "Huiji District"), ("惠济", "huiji")),
    Division.GONGYI: (_C, Label("巩义市", "Gongyi City"), ("巩义", "gongyi")),
    Division.XINGYANG: (_C, Label("荥阳市", "Xingyang City"), ("荥阳", "xingyang")),
    Division.XINMI: (_C, Label("新密市", "Xinmi City"), ("新密", "xinmi")),
    Division.XINZHENG: (_C, Label("新郑市", "Xinzheng City"), ("新郑", "xinzheng")),
    Division.DENGFENG: (_C, Label("登封市", "Dengfeng City"), ("登封", "dengfeng")),
    Division.ZHONGMOU: (_X, Label("中牟县", "Zhongmu County"), ("中牟", "zhongmu")),
    Division.AIRPORT_ZONE: (
        _Z,
        Label("郑州航空港经济综合实验区", "Zhengzhou Airport Economy Zone"),
        ("航空港区", "航空港", "航空港实验区", "空港区", "港区", "airport zone", "airport"),
    ),
    Division.ZHENGDONG: (
        _Z,
        Label("郑东新区", "Zhengdong New District"),
        ("郑东", "zhengdong"),
    ),
    Division.ECONOMIC_ZONE: (
        _Z,
        Label("郑州经济技术开发区", "Zhengzhou Economic and Technological Development Zone"),
        ("经济技术开发区", "经济开发区", "经开区", "经开", "经济区", "economic zone"),
    ),
    Division.HIGH_TECH_ZONE: (
        _Z,
        Label("郑州高新技术产业开发区", "Zhengzhou High-tech Industrial Development Zone"),
        ("高新技术开发区", "高新开发区", "高新区", "高新", "high-tech zone", "high tech zone"),
    ),
}

_KIND_LABELS: Final[dict[DivisionKind, Label]] = {
    DivisionKind.DISTRICT: Label("市辖区", "District"),
    DivisionKind.CITY: Label("县级市", "County-level city"),
    DivisionKind.COUNTY: Label("县", "County"),
    DivisionKind.ZONE: Label("功能区", "Functional zone"),
}

_PREFIXES: Final = ("河南省", "河南", "henan", "郑州市", "郑州", "zhengzhou")


def _normalise(text: str) -> str:
    """Fold width and case, drop blanks and the province/city prefixes people often add."""
    folded = "".join(unicodedata.normalize("NFKC", text).casefold().split())
    stripped = True
    while stripped:
        stripped = False
        for prefix in _PREFIXES:
            if folded.startswith(prefix) and len(folded) > len(prefix):
                folded = folded[len(prefix) :]
                stripped = True
    return folded


_ALIASES: Final[dict[str, Division]] = {
    _normalise(alias): division
    for division, (_kind, name, extra) in _TABLE.items()
    for alias in (division.value, name.zh, name.en, *extra)
}


def kind(division: Division) -> DivisionKind:
    """District, county-level city, county or functional zone."""
    return _TABLE[division][0]


def parse_division(text: str) -> Division | None:
    """The division named by ``text`` (full name, short name, pinyin code), or None if unknown."""
    return _ALIASES.get(_normalise(text))


def label(member: Division | DivisionKind, lang: Lang) -> str:
    """Chinese or English label of a division or of a division kind."""
    if isinstance(member, Division):
        return _TABLE[member][1].text(lang)
    return _KIND_LABELS[member].text(lang)
