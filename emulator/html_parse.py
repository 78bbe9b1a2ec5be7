"""Turns HTML text into Telegram's (plain text, entities) pair and checks it."""

from __future__ import annotations

from typing import Any

from emulator.html_lexer import (
    ALLOWED_TAGS,
    SIMPLE_TYPES,
    EntityParseError,
    OpenTag,
    ParsedText,
    byte_offset,
    decode_entity,
    read_attributes,
    utf16_len,
)
from emulator.params import bad_request


def _entity_for(node: OpenTag, end: int) -> dict[str, Any] | None:
    """Map a closed tag to Telegram's entity JSON (offsets in UTF-16 units)."""
    if end <= node.start:
        return None
    base: dict[str, Any] = {"offset": node.start, "length": end - node.start}
    tag, attrs = node.tag, node.attrs
    if tag == "a":
        href = attrs.get("href")
        return {"type": "text_link", **base, "url": href} if href else None
    if tag == "tg-emoji":
        emoji_id = attrs.get("emoji-id")
        return {"type": "custom_emoji", **base, "custom_emoji_id": emoji_id} if emoji_id else None
    if tag == "blockquote":
        kind = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        return {"type": kind, **base}
    entity = {"type": SIMPLE_TYPES[tag], **base}
    language = attrs.get("class", "")
    if tag == "code" and language.startswith("language-"):
        entity["language"] = language.removeprefix("language-")
    return entity


def _close(node: OpenTag, end: int, entities: list[dict[str, Any]]) -> None:
    entity = _entity_for(node, end)
    if entity is None:
        return
    if entity["type"] == "pre" and entities:
        inner = entities[-1]
        same_span = (inner["offset"], inner["length"]) == (entity["offset"], entity["length"])
        if inner["type"] == "code" and same_span:
            entities.pop()
            if "language" in inner:
                entity["language"] = inner["language"]
    entities.append(entity)


def parse_html(text: str) -> ParsedText:
    """tdlib's `parse_html` loop: entities, start tags with attributes, end tags."""
    out: list[str] = []
    pos16 = 0
    stack: list[OpenTag] = []
    entities: list[dict[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            decoded = decode_entity(text, i)
            if decoded is None:
                raise EntityParseError(
                    f"Unknown character entity at byte offset {byte_offset(text, i)}"
                )
            out.append(decoded[0])
            pos16 += utf16_len(decoded[0])
            i = decoded[1]
            continue
        if char != "<":
            out.append(char)
            pos16 += utf16_len(char)
            i += 1
            continue
        begin = i
        where = f"at byte offset {byte_offset(text, begin)}"
        if text.startswith("</", i):
            if not stack:
                raise EntityParseError(f"Unexpected end tag {where}")
            j = i + 2
            while j < n and not text[j].isspace() and text[j] != ">":
                j += 1
            name = text[i + 2 : j].lower()
            while j < n and text[j].isspace():
                j += 1
            if j >= n or text[j] != ">":
                raise EntityParseError(f"Unclosed end tag {where}")
            node = stack.pop()
            if name and name != node.tag:
                raise EntityParseError(
                    f'Unmatched end tag {where}, expected "</{node.tag}>", found "</{name}>"'
                )
            _close(node, pos16, entities)
            i = j + 1
            continue
        j = i + 1
        while j < n and not text[j].isspace() and text[j] != ">":
            j += 1
        if j >= n:
            raise EntityParseError(f"Unclosed start tag {where}")
        tag = text[i + 1 : j].lower()
        if tag not in ALLOWED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{tag}" {where}')
        attrs, i = read_attributes(text, j, tag, begin)
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {where}')
        stack.append(OpenTag(tag, attrs, pos16))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities)


def _strip(parsed: ParsedText) -> ParsedText:
    """Telegram trims surrounding whitespace and shifts entities accordingly."""
    lead = utf16_len(parsed.plain) - utf16_len(parsed.plain.lstrip())
    plain = parsed.plain.strip()
    total = utf16_len(plain)
    entities = []
    for entity in parsed.entities:
        start = max(0, entity["offset"] - lead)
        end = min(total, entity["offset"] + entity["length"] - lead)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(plain, entities)


def render(text: str | None, parse_mode: str | None) -> ParsedText:
    """Apply parse_mode like the Bot API; raises ApiError with Telegram's wording."""
    raw = text or ""
    mode = (parse_mode or "").strip()
    if not mode:
        return _strip(ParsedText(raw))
    if mode.lower() != "html":
        raise bad_request("unsupported parse_mode")
    try:
        return _strip(parse_html(raw))
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
