"""The HTML parser on its own: entity JSON, UTF-16 offsets, tdlib error texts."""

from __future__ import annotations

import pytest

from emulator.html_lexer import EntityParseError
from emulator.html_parse import parse_html, render
from emulator.params import ApiError


def test_entities_use_utf16_offsets_and_telegram_types() -> None:
    parsed = parse_html("😀 <b>粗</b> <tg-spoiler>s</tg-spoiler> <a href='tg://user?id=1'>u</a>")
    assert parsed.plain == "😀 粗 s u"
    assert parsed.entities == [
        {"type": "bold", "offset": 3, "length": 1},
        {"type": "spoiler", "offset": 5, "length": 1},
        {"type": "text_link", "offset": 7, "length": 1, "url": "tg://user?id=1"},
    ]


def test_pre_code_language_blockquote_and_emoji() -> None:
    parsed = parse_html(
        '<pre><code class="language-python">x = 1</code></pre>'
        "<blockquote expandable>q</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    assert [e["type"] for e in parsed.entities] == [
        "pre",
        "expandable_blockquote",
        "custom_emoji",
    ]
    assert parsed.entities[0]["language"] == "python"


def test_numeric_entities_and_nesting() -> None:
    parsed = parse_html("<b>a<i>&#25105;&#x4e2d;</i></b>&quot;")
    assert parsed.plain == 'a我中"'
    assert parsed.entities == [
        {"type": "bold", "offset": 0, "length": 3},
        {"type": "italic", "offset": 1, "length": 2},
    ]


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<a href=x y>", "Expected equal sign"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b ", "Unclosed end tag at byte offset 4"),
        ("<a href=ab'c>x</a>", "Unexpected end of name token at byte offset 8"),
        ("&#0;", "Unknown character entity at byte offset 0"),
    ],
)
def test_errors(html: str, message: str) -> None:
    with pytest.raises(EntityParseError, match=message):
        parse_html(html)


def test_render_strips_whitespace_and_shifts_entities() -> None:
    parsed = render("  <b>hi</b> \n", "html")
    assert (parsed.plain, parsed.entities) == ("hi", [{"type": "bold", "offset": 0, "length": 2}])
    assert render("<b>raw</b>", None).plain == "<b>raw</b>"
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        render("x", "MarkdownV2")
