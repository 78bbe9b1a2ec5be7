"""Identity numbers (GB 11643-1999), credit codes (GB 32100-2015), certificate numbers."""

from datetime import date

import pytest

from policy.validators.certificate import validate_certificate_number
from policy.validators.credit_code import validate_credit_code
from policy.validators.errors import FieldError
from policy.validators.id_number import Sex, birth_date, sex, validate_id_number

TODAY = date(2025, 6, 1)


def id_check(first17: str) -> str:
    """Independent ISO 7064 MOD 11-2: weights written out, result via (12 - r) mod 11."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    value = (12 - sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(first17: str) -> str:
    return first17 + id_check(first17)


ZHENGZHOU_MAN = make_id("41010519800101123")  # 金水区, 1980-01-01, odd sequence
LEAP_DAY = make_id("41018220000229002")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11010519491231002X", "11010519491231002X"),  # the standard's sample
        ("11010519491231002x", "11010519491231002X"),
        (" 110105 19491231 002X ", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        (ZHENGZHOU_MAN, ZHENGZHOU_MAN),
        (LEAP_DAY, LEAP_DAY),
    ],
)
def test_valid_id_numbers(text: str, expected: str) -> None:
    assert validate_id_number(text, today=TODAY) == expected


def test_id_helpers() -> None:
    assert birth_date("11010519491231002X") == date(1949, 12, 31)
    assert sex("11010519491231002X") is Sex.FEMALE
    assert sex(ZHENGZHOU_MAN) is Sex.MALE


def _flip_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("11010519491231002", "id_number.length", "您输入了17位"),
        ("11010519491231002X1", "id_number.length", "您输入了19位"),
        ("110105491231002", "id_number.old_format", "15位"),
        ("1101051949123100AX", "id_number.characters", "前17位"),
        ("11010519491231002Y", "id_number.characters", "X"),
        (make_id("99010519800101123"), "id_number.region", "99"),
        (make_id("41010519800231123"), "id_number.birth_date", "19800231"),
        (make_id("41010518990101123"), "id_number.birth_range", "1899-01-01"),
        (make_id("41010520250602123"), "id_number.birth_range", "2025-06-02"),
        (_flip_check("11010519491231002X"), "id_number.check", "校验位不正确"),
    ],
)
def test_invalid_id_numbers(text: str, code: str, fragment: str) -> None:
    with pytest.raises(FieldError) as caught:
        validate_id_number(text, today=TODAY)
    assert caught.value.code == code
    assert fragment in caught.value.message_zh + caught.value.message_en
    assert caught.value.message("en") == caught.value.message_en


def test_born_today_is_accepted() -> None:
    number = make_id("41010520250601123")
    assert validate_id_number(number, today=TODAY) == number


CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_check(first17: str) -> str:
    """Independent GB 32100 check: weights as 3**i mod 31, values by dictionary."""
    values = {c: i for i, c in enumerate(CREDIT_ALPHABET)}
    total = sum(values[c] * pow(3, i, 31) for i, c in enumerate(first17))
    return CREDIT_ALPHABET[-total % 31]


def make_code(first17: str) -> str:
    return first17 + credit_check(first17)


ZHENGZHOU_COMPANY = make_code("91410100MA44ABCD1")
SOCIAL_ORG = make_code("51410100MJ1234567")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("91350100M000100Y43", "91350100M000100Y43"),  # commonly cited sample
        ("9144030071526726XG", "9144030071526726XG"),  # a listed company's published code
        ("91350100m000100y43", "91350100M000100Y43"),
        ("9135 0100 M000 100Y 43", "91350100M000100Y43"),
        (ZHENGZHOU_COMPANY, ZHENGZHOU_COMPANY),
        (SOCIAL_ORG, SOCIAL_ORG),
    ],
)
def test_valid_credit_codes(text: str, expected: str) -> None:
    assert validate_credit_code(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("91350100M000100Y4", "credit_code.length", "您输入了17位"),
        ("91350100M000100YI3", "credit_code.characters", "I"),
        ("91350100O000100Y43", "credit_code.characters", "O"),
        (make_code("B1350100M000100Y4"), "credit_code.prefix", "B1"),
        (make_code("94350100M000100Y4"), "credit_code.prefix", "94"),
        (make_code("50350100M000100Y4"), "credit_code.prefix", "50"),
        (make_code("913A0100M000100Y4"), "credit_code.region", "3A0100"),
        ("91350100M000100Y44", "credit_code.check", "校验位不正确"),
    ],
)
def test_invalid_credit_codes(text: str, code: str, fragment: str) -> None:
    with pytest.raises(FieldError) as caught:
        validate_credit_code(text)
    assert caught.value.code == code
    assert fragment in caught.value.message_zh + caught.value.message_en


def test_weights_match_the_standard() -> None:
    from policy.validators.credit_code import WEIGHTS

    assert list(WEIGHTS) == [pow(3, i, 31) for i in range(17)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S000041010001234", "S000041010001234"),
        ("y000041-0100-1234", "Y000041-0100-1234"),
        (" 1234 5678 ", "12345678"),
        ("123456", "123456"),
    ],
)
def test_valid_certificate_numbers(text: str, expected: str) -> None:
    assert validate_certificate_number(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("12345", "certificate.length"),
        ("1" * 31, "certificate.length"),
        ("ABCDEFG", "certificate.characters"),
        ("1234/5678", "certificate.characters"),
        ("证书123456", "certificate.characters"),
        ("", "certificate.characters"),
    ],
)
def test_invalid_certificate_numbers(text: str, code: str) -> None:
    with pytest.raises(FieldError) as caught:
        validate_certificate_number(text)
    assert caught.value.code == code
