"""Phone numbers and free text."""

import pytest

from policy.validators.errors import FieldError
from policy.validators.phone import validate_landline, validate_mobile
from policy.validators.text import (
    validate_organisation_name,
    validate_person_name,
    validate_text,
)


@pytest.mark.parametrize(
    "text",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "008613800138000",
        "8613800138000",
        "１３８００１３８０００",
    ],
)
def test_valid_mobile(text: str) -> None:
    assert validate_mobile(text) == "13800138000"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1380013800", "phone.length"),
        ("138001380001", "phone.length"),
        ("12800138000", "phone.prefix"),
        ("23800138000", "phone.prefix"),
        ("1380013800a", "phone.characters"),
        ("", "phone.empty"),
        ("  ", "phone.empty"),
    ],
)
def test_invalid_mobile(text: str, code: str) -> None:
    with pytest.raises(FieldError) as caught:
        validate_mobile(text)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0371-67890123", "0371-67890123"),
        ("(0371) 6789 0123", "0371-67890123"),
        ("（0371）67890123", "0371-67890123"),
        ("037167890123", "0371-67890123"),
        ("+86 371 67890123", "0371-67890123"),
        ("0371-6789012", "0371-6789012"),
        ("010-62345678", "010-62345678"),
        ("02162345678", "021-62345678"),
    ],
)
def test_valid_landline(text: str, expected: str) -> None:
    assert validate_landline(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("67890123", "landline.area_code"),
        ("0371-0789012", "landline.number"),
        ("0371-678901234", "landline.number"),
        ("0371-67890", "landline.number"),
        ("0371-6789O123", "landline.characters"),
        ("", "landline.empty"),
    ],
)
def test_invalid_landline(text: str, code: str) -> None:
    with pytest.raises(FieldError) as caught:
        validate_landline(text)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("  hello   world ", {}, "hello world"),
        ("第一行\r\n第二行  ", {"multiline": True}, "第一行\n第二行"),
        ("好 👍", {"allow_emoji": True}, "好 👍"),
        ("五个字而已", {"max_length": 5}, "五个字而已"),
    ],
)
def test_valid_text(text: str, kwargs: dict[str, object], expected: str) -> None:
    options: dict[str, object] = {"max_length": 100, **kwargs}
    assert validate_text(text, **options) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kwargs", "code", "fragment"),
    [
        ("   ", {}, "text.empty", "不能为空"),
        ("六个字不行了", {"max_length": 5}, "text.too_long", "您输入了6个字"),
        ("a", {"min_length": 2}, "text.too_short", "至少需要2个字"),
        ("好 👍", {}, "text.characters", "表情"),
        ("bell\x07", {}, "text.characters", "控制字符"),
        ("abc\u202edef", {}, "text.characters", "控制字符"),
    ],
)
def test_invalid_text(text: str, kwargs: dict[str, object], code: str, fragment: str) -> None:
    options: dict[str, object] = {"max_length": 100, **kwargs}
    with pytest.raises(FieldError) as caught:
        validate_text(text, **options)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert fragment in caught.value.message_zh


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张三", "张三"),
        (" 张 三 ", "张三"),
        ("欧阳娜娜", "欧阳娜娜"),
        ("阿卜杜拉·艾力", "阿卜杜拉·艾力"),
        ("阿卜杜拉.艾力", "阿卜杜拉·艾力"),
        ("阿卜杜拉•艾力", "阿卜杜拉·艾力"),
        ("John  Smith", "John Smith"),
        ("Jean-Luc O'Neil", "Jean-Luc O'Neil"),
        ("Ｊｏｈｎ", "John"),
    ],
)
def test_valid_person_names(text: str, expected: str) -> None:
    assert validate_person_name(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("张", "name.length"),
        ("张" * 21, "name.length"),
        ("·张三", "name.characters"),
        ("张··三", "name.characters"),
        ("张三John", "name.characters"),
        ("张三1", "name.characters"),
        ("J", "name.characters"),
        ("R2D2", "name.characters"),
        ("", "text.empty"),
        ("张三😀", "text.characters"),
    ],
)
def test_invalid_person_names(text: str, code: str) -> None:
    with pytest.raises(FieldError) as caught:
        validate_person_name(text)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("郑州市技师学院", "郑州市技师学院"),
        ("河南(郑州)某某有限公司", "河南（郑州）某某有限公司"),
        ("ACME Co., Ltd.", "ACME Co., Ltd."),
        ("郑州A&B科技有限公司", "郑州A&B科技有限公司"),
    ],
)
def test_valid_organisation_names(text: str, expected: str) -> None:
    assert validate_organisation_name(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("厂", "text.too_short"),
        ("公" * 101, "text.too_long"),
        ("公司<b>", "organisation.characters"),
        ("123456", "organisation.characters"),
        ("某公司🏭", "text.characters"),
    ],
)
def test_invalid_organisation_names(text: str, code: str) -> None:
    with pytest.raises(FieldError) as caught:
        validate_organisation_name(text)
    assert caught.value.code == code
