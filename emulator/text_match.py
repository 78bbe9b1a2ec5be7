"""Mentions, bot commands, hashtags and cashtags as tdlib finds them in plain text.

Ports of `match_mentions`, `match_bot_commands`, `match_hashtags`, `match_cashtags` and
`match_tg_urls` (td/telegram/MessageEntity.cpp): the boundaries are Unicode-aware, so
`/start你好` is no command and `#学习` is a hashtag, exactly as in Telegram.
"""

from __future__ import annotations

import re
import unicodedata

from emulator.text_urls import Span, is_word, path_end

_NAME = re.compile(r"[A-Za-z0-9_]*")
_SHORT_USERNAMES = frozenset({"gif", "vid", "pic"})
_PHONE = re.compile(r"\+\d[\d\- ()]{5,20}\d")
_TG_URL = re.compile(r"(?i)(?:tg|ton)://[a-z0-9_-]{1,253}")


def _before(text: str, index: int) -> str:
    return text[index - 1] if index > 0 else ""


def _at(text: str, index: int) -> str:
    return text[index] if index < len(text) else ""


def _hashtag_letter(char: str) -> bool:
    if not char:
        return False
    if char in "_\u200c\u00b7" or 0xD80 <= ord(char) <= 0xDFF:
        return True
    return unicodedata.category(char) in ("Nd", "Lu", "Ll", "Lt", "Lm", "Lo")


def mentions(text: str) -> list[Span]:
    found = []
    for match in re.finditer("@", text):
        start = match.start()
        if _before(text, start) and is_word(_before(text, start)):
            continue
        name = _NAME.match(text, start + 1)
        assert name is not None
        size, after = len(name.group()), _at(text, name.end())
        if not 2 <= size <= 32 or (after and is_word(after)):
            continue
        if size >= 4 or name.group().lower() in _SHORT_USERNAMES:
            found.append((start, name.end()))
    return found


def bot_commands(text: str) -> list[Span]:
    found = []
    for match in re.finditer("/", text):
        start, prev = match.start(), _before(text, match.start())
        if prev and (is_word(prev) or prev in "/<>"):
            continue
        name = _NAME.match(text, start + 1)
        assert name is not None
        end = name.end()
        if not 1 <= end - start - 1 <= 64:
            continue
        if _at(text, end) == "@":
            bot = _NAME.match(text, end + 1)
            assert bot is not None
            if not 3 <= len(bot.group()) <= 32:
                continue
            end = bot.end()
        after = _at(text, end)
        if not (after and (is_word(after) or after in "/<>")):
            found.append((start, end))
    return found


def hashtags(text: str) -> list[Span]:
    found = []
    for match in re.finditer("#", text):
        start = match.start()
        if _hashtag_letter(_before(text, start)):
            continue
        end = start + 1
        while _hashtag_letter(_at(text, end)):
            end += 1
        body = text[start + 1 : min(end, start + 257)]
        has_letter = any(unicodedata.category(c).startswith("L") for c in body)
        if body and _at(text, end) != "#" and has_letter:
            found.append((start, start + 1 + len(body)))
    return found


def cashtags(text: str) -> list[Span]:
    found = []
    for match in re.finditer(r"\$", text):
        start = match.start()
        prev = _before(text, start)
        if _hashtag_letter(prev) or prev == "$":
            continue
        end = start + 1
        if text.startswith("1INCH", end):
            end += 5
        else:
            while end < len(text) and "A" <= text[end] <= "Z":
                end += 1
        after = _at(text, end)
        if 1 <= end - start - 1 <= 8 and not (_hashtag_letter(after) or after == "$"):
            found.append((start, end))
    return found


def tg_urls(text: str) -> list[Span]:
    found = []
    for match in _TG_URL.finditer(text):
        end = match.end()
        if end < len(text) and text[end] in "/?#":
            end = path_end(text, end)
        found.append((match.start(), end))
    return found


def phone_numbers(text: str) -> list[Span]:
    """International numbers; Telegram's servers mark these, tdlib itself does not."""
    found = []
    for match in _PHONE.finditer(text):
        start, end = match.span()
        digits = sum(c.isdigit() for c in match.group())
        bounded = not is_word(_before(text, start) or " ") and not is_word(_at(text, end) or " ")
        if 7 <= digits <= 15 and bounded:
            found.append((start, end))
    return found
