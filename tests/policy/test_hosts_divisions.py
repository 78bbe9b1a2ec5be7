"""Host types (第二条, 第六条) and Zhengzhou's divisions."""

import pytest

from policy.divisions import Division, DivisionKind, kind, parse_division
from policy.hosts import HostType, is_school

D = Division


def test_only_vocational_schools_report_enrolment() -> None:
    assert [h for h in HostType if is_school(h)] == [HostType.VOCATIONAL_SCHOOL]
    assert len(HostType) == 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("金水区", D.JINSHUI),
        ("金水", D.JINSHUI),
        (" 郑州市金水区 ", D.JINSHUI),
        ("河南省郑州市中牟县", D.ZHONGMOU),
        ("管城回族区", D.GUANCHENG),
        ("管城区", D.GUANCHENG),
        ("二七区", D.ERQI),
        ("上街", D.SHANGJIE),
        ("惠济区", D.HUIJI),
        ("中原区", D.ZHONGYUAN),
        ("巩义市", D.GONGYI),
        ("荥阳", D.XINGYANG),
        ("新密市", D.XINMI),
        ("新郑", D.XINZHENG),
        ("登封市", D.DENGFENG),
        ("郑州航空港经济综合实验区", D.AIRPORT_ZONE),
        ("郑州航空港区", D.AIRPORT_ZONE),
        ("航空港区", D.AIRPORT_ZONE),
        ("郑东新区", D.ZHENGDONG),
        ("郑州经济技术开发区", D.ECONOMIC_ZONE),
        ("经开区", D.ECONOMIC_ZONE),
        ("郑州高新技术产业开发区", D.HIGH_TECH_ZONE),
        ("高新区", D.HIGH_TECH_ZONE),
        ("Jinshui District", D.JINSHUI),
        ("JINSHUI", D.JINSHUI),
        ("high_tech_zone", D.HIGH_TECH_ZONE),
        ("郑州", None),
        ("海淀区", None),
        ("", None),
    ],
)
def test_parse_division(text: str, expected: Division | None) -> None:
    assert parse_division(text) is expected


@pytest.mark.parametrize("division", list(Division))
def test_every_division_parses_from_its_code(division: Division) -> None:
    assert parse_division(division.value) is division


def test_kinds() -> None:
    counts = {k: sum(1 for d in Division if kind(d) is k) for k in DivisionKind}
    assert counts == {
        DivisionKind.DISTRICT: 6,
        DivisionKind.CITY: 5,
        DivisionKind.COUNTY: 1,
        DivisionKind.ZONE: 4,
    }
