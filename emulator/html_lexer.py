"""Lexing helpers for the strict port of Telegram's (tdlib's) HTML entity parser.

The point is to catch unescaped user input and broken markup in tests, so error
texts and byte offsets follow tdlib. One deliberate difference: a bare `&` that
does not start a known entity is an error here, while Telegram lets it through,
because in practice it means the bot forgot to escape user text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ALLOWED_TAGS = frozenset(
    [
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    ]
)
SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([a-zA-Z]+));?")


class EntityParseError(ValueError):
    """Carries tdlib's reason text; the caller adds the "can't parse entities" prefix."""


@dataclass
class OpenTag:
    tag: str
    attrs: dict[str, str]
    start: int


@dataclass
class ParsedText:
    plain: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    match = _ENTITY.match(text, pos)
    if match is None:
        return None
    hex_code, dec_code, name = match.groups()
    if name is not None:
        char = NAMED_ENTITIES.get(name)
        return None if char is None else (char, match.end())
    code = int(hex_code, 16) if hex_code is not None else int(dec_code)
    if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def read_attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse `name="value"` pairs up to `>`; returns them and the index after `>`."""
    attrs: dict[str, str] = {}
    n = len(text)
    where = f"at byte offset {byte_offset(text, begin)}"
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(f'Unclosed start tag "{tag}" {where}')
        if text[i] == ">":
            return attrs, i + 1
        name_start = i
        while i < n and not text[i].isspace() and text[i] not in "=>":
            i += 1
        name = text[name_start:i]
        while i < n and text[i].isspace():
            i += 1
        if i < n and text[i] != "=" and name == "expandable":
            attrs[name] = ""
            continue
        if i >= n or text[i] != "=":
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" {where}'
            )
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(f'Unclosed start tag "{tag}" {where}')
        if text[i] in "\"'":
            quote = text[i]
            end = text.find(quote, i + 1)
            if end < 0:
                raise EntityParseError(f"Unclosed start tag {where}")
            value = text[i + 1 : end]
            for ent in _ENTITY.finditer(value):
                decoded = decode_entity(ent.group(0), 0)
                if decoded is not None:
                    value = value.replace(ent.group(0), decoded[0], 1)
            i = end + 1
        else:
            token_start = i
            while i < n and (text[i].isalnum() or text[i] in ".-"):
                i += 1
            if i < n and not text[i].isspace() and text[i] != ">":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {byte_offset(text, token_start)}"
                )
            value = text[token_start:i].lower()
        attrs[name] = value
