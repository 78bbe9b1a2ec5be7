"""The entities Telegram finds in plain text (tdlib's matchers), in UTF-16 units."""

from __future__ import annotations

import pytest

from emulator.outgoing import formatted
from emulator.text_entities import entity_text, find_entities


def found(text: str, bot_commands: bool = True) -> list[tuple[str, str]]:
    return [
        (e["type"], entity_text(text, e))
        for e in find_entities(text, bot_commands=bot_commands, phone_numbers=True)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/start", [("bot_command", "/start")]),
        ("/start@studio_test_bot", [("bot_command", "/start@studio_test_bot")]),
        ("/start@ab", []),  # a bot name needs three characters
        ("/start你好", []),  # a letter right after the command
        ("a/start", []),
        ("@gif @ab @abc @abcd", [("mention", "@gif"), ("mention", "@abcd")]),
        ("邮件@abcd", []),  # a letter right before the @
        ("#学习 #123 #a#b", [("hashtag", "#学习")]),
        ("$USD $usd $ABCDEFGHI 1$EUR", [("cashtag", "$USD")]),
        ("访问https://example.com/a。", [("url", "https://example.com/a。")]),
        ("见 example.com 与 example.notatld", [("url", "example.com")]),
        (
            "wang@example.cn mailto:li@example.com",
            [("email", "wang@example.cn"), ("email", "li@example.com")],
        ),
        ("(https://example.com/x_(y))!", [("url", "https://example.com/x_(y)")]),
        ("tg://resolve?domain=x", [("url", "tg://resolve?domain=x")]),
        ("电话 +86 138 0013 8000。 电话+86 1380 0138", [("phone_number", "+86 138 0013 8000")]),
        ("192.168.0.1 10.0.0.999", [("url", "192.168.0.1")]),
    ],
)
def test_found_entities(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_offsets_and_lengths_count_utf16_units() -> None:
    text = "👨‍👩‍👧 好 @xiaoming 𠀀 #话题"
    entities = find_entities(text, bot_commands=True)
    assert [(e["offset"], e["length"]) for e in entities] == [(11, 9), (24, 3)]
    assert [entity_text(text, e) for e in entities] == ["@xiaoming", "#话题"]


def test_a_bots_text_has_no_command_entities() -> None:
    assert found("发送 /start 开始", bot_commands=False) == []


def test_found_entities_yield_to_links_and_code_but_not_to_bold() -> None:
    html = '<a href="https://a.cn">https://b.cn</a> <code>https://c.cn</code> <b>https://d.cn</b>'
    parsed = formatted(html, "HTML")
    assert [(e["type"], entity_text(parsed.plain, e)) for e in parsed.entities] == [
        ("text_link", "https://b.cn"),
        ("code", "https://c.cn"),
        ("url", "https://d.cn"),
        ("bold", "https://d.cn"),
    ]
