"""Link candidates in plain text, ported from tdlib's `match_urls` (MessageEntity.cpp).

Telegram finds links itself in every text message, so bots receive `url`/`email` entities
they never asked for, with Telegram's quirks: a Chinese prefix before `https://` is not
part of the link, while punctuation that is no Unicode separator (a full-width comma)
right after one continues it.
"""

from __future__ import annotations

import unicodedata

Span = tuple[int, int]
_BAD_PATH_END = ".:;,('?!`"
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def is_separator(char: str) -> bool:
    category = unicodedata.category(char)
    return category.startswith("Z") or (category == "Cc" and char.isspace())


def is_word(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN" or char == "_"


def _unicode_symbol(char: str) -> bool:
    if 0x2000 <= ord(char) <= 0x206F:
        return char in "\u200c\u200d" or 0x2010 <= ord(char) <= 0x2015
    return not is_separator(char)


def _path_symbol(char: str) -> bool:
    return char not in '\n<>"«»' and _unicode_symbol(char)


def _domain_symbol(char: str) -> bool:
    if ord(char) < 0xC0:
        return char in "._-~" or char in _ASCII_ALNUM
    return _unicode_symbol(char)


def _user_data_symbol(char: str) -> bool:
    return char not in "\n/[]{}()'`<>\"@«»" and _unicode_symbol(char)


def _protocol_symbol(char: str) -> bool:
    return char in _ASCII_ALNUM or char in "+-" if ord(char) < 0x80 else not is_separator(char)


def path_end(text: str, start: int) -> int:
    """End of a `/path?query#frag` starting at `start` (which holds / ? or #), or `start`."""
    end = start + 1
    while end < len(text) and _path_symbol(text[end]):
        end += 1
    while end > start + 1 and text[end - 1] in _BAD_PATH_END:
        end -= 1
    return end if text[start] == "/" or end > start + 1 else start


def _port_end(text: str, colon: int) -> int:
    end = colon + 1
    while end < len(text) and text[end].isascii() and text[end].isdigit():
        end += 1
    digits = text[colon + 1 : end].lstrip("0")
    return end if digits and len(digits) <= 5 and int(digits) <= 65535 else colon


def _with_protocol(text: str, begin: int, start: int) -> tuple[int, bool]:
    """Extend a match back over `http://` & co.; an unknown scheme makes it no link."""
    prefix = text[begin:start]
    if len(prefix) >= 6 and prefix.endswith("://"):
        head = start - 3
        while head > begin and _protocol_symbol(text[head - 1]):
            head -= 1
        protocol = text[head : start - 3].lower()
        if protocol.endswith("http") and protocol != "shttp":
            return start - 7, False
        if protocol.endswith("https"):
            return start - 8, False
        if protocol.endswith("ftp") and protocol not in ("tftp", "sftp"):
            return start - 6, False
        return start, True
    last = prefix[-1]
    return start, is_word(last) or last in "/#@"


def match_urls(text: str) -> list[Span]:
    """Candidate links around each dot, before validation (tdlib `match_urls`)."""
    found: list[Span] = []
    begin, size = 0, len(text)
    while True:
        dot = text.find(".", begin)
        if dot < 0 or dot + 1 == size:
            return found
        if text[dot + 1] == " ":
            begin = dot + 2
            continue
        start = dot
        while start > begin and _domain_symbol(text[start - 1]):
            start -= 1
        end, last_at = dot, -1
        while end < size and (text[end] == "@" or _domain_symbol(text[end])):
            last_at = end if text[end] == "@" else last_at
            end += 1
        if last_at >= 0:
            while start > begin and _user_data_symbol(text[start - 1]):
                start -= 1
        if end < size and text[end] == ":":
            end = _port_end(text, end)
        if end < size and text[end] in "/?#":
            end = path_end(text, end)
        while end > dot + 1 and text[end - 1] == ".":
            end -= 1
        bad = False
        if start != begin and text[start - 1] == "@":
            bad = last_at >= 0
            user = start - 1
            while user > begin and _user_data_symbol(text[user - 1]):
                user -= 1
            bad = bad or user == start - 1
            start = user
        if start != begin:
            start, bad_prefix = _with_protocol(text, begin, start)
            bad = bad or bad_prefix
        if not bad:
            if end > dot + 1:
                found.append((start, end))
            while end < size and text[end] == ".":
                end += 1
        else:
            while text[end - 1] != ".":
                end -= 1
        begin = max(end, dot + 1)
