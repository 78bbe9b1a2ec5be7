"""The entities Telegram adds to every text by itself, merged with the sender's formatting.

tdlib's `find_entities` runs on each message: a user's text arrives with `bot_command`,
`url`, `mention`... and so does a bot's text (minus bot commands, which Telegram skips in a
private chat with a person). Offsets and lengths are counted in UTF-16 code units.
"""

from __future__ import annotations

from typing import Any

from emulator import text_match
from emulator.url_check import find_links

Entity = dict[str, Any]
# tdlib's MessageEntity::get_type_priority, which breaks ties between equal spans.
_PRIORITY = {
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "code": 20,
    "pre": 11,
    "text_link": 49,
    "text_mention": 49,
    "custom_emoji": 99,
    "blockquote": 0,
    "expandable_blockquote": 0,
}
_SPLITTABLE = frozenset({"bold", "italic", "underline", "strikethrough", "spoiler"})
_QUOTES = frozenset({"blockquote", "expandable_blockquote"})


def sort_key(entity: Entity) -> tuple[int, int, int]:
    return entity["offset"], -entity["length"], _PRIORITY.get(entity["type"], 50)


def _utf16_positions(text: str) -> list[int]:
    positions = [0]
    for char in text:
        positions.append(positions[-1] + (2 if ord(char) > 0xFFFF else 1))
    return positions


def find_entities(text: str, bot_commands: bool, phone_numbers: bool = False) -> list[Entity]:
    """Auto-detected entities, non-overlapping, with the first and longest winning."""
    spans: list[tuple[str, tuple[int, int]]] = [("mention", s) for s in text_match.mentions(text)]
    if bot_commands:
        spans += [("bot_command", s) for s in text_match.bot_commands(text)]
    spans += [("hashtag", s) for s in text_match.hashtags(text)]
    spans += [("cashtag", s) for s in text_match.cashtags(text)]
    if phone_numbers:
        spans += [("phone_number", s) for s in text_match.phone_numbers(text)]
    spans += [("url", s) for s in text_match.tg_urls(text)]
    spans += find_links(text)
    spans.sort(key=lambda item: (item[1][0], item[1][0] - item[1][1]))
    utf16 = _utf16_positions(text)
    found: list[Entity] = []
    last_end = 0
    for kind, (start, end) in spans:
        if start >= last_end:
            found.append(
                {"type": kind, "offset": utf16[start], "length": utf16[end] - utf16[start]}
            )
            last_end = end
    return found


def entity_text(text: str, entity: Entity) -> str:
    units = text.encode("utf-16-le")
    start = 2 * entity["offset"]
    return units[start : start + 2 * entity["length"]].decode("utf-16-le")


def _span(entity: Entity) -> tuple[int, int]:
    return int(entity["offset"]), int(entity["offset"] + entity["length"])


def _overlaps(a: Entity, b: Entity) -> bool:
    (a_start, a_end), (b_start, b_end) = _span(a), _span(b)
    return a_start < b_end and b_start < a_end


def _crosses(quote: Entity, entity: Entity) -> bool:
    (q_start, q_end), (e_start, e_end) = _span(quote), _span(entity)
    return _overlaps(quote, entity) and not q_start <= e_start <= e_end <= q_end


def merge(formatting: list[Entity], found: list[Entity]) -> list[Entity]:
    """Found entities survive only where they clash with no link, code or quote edge."""
    blocking = [e for e in formatting if e["type"] not in _SPLITTABLE | _QUOTES]
    quotes = [e for e in formatting if e["type"] in _QUOTES]
    kept = [
        entity
        for entity in found
        if not any(_overlaps(entity, other) for other in blocking)
        and not any(_crosses(quote, entity) for quote in quotes)
    ]
    return sorted(formatting + kept, key=sort_key)
