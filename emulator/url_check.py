"""Which link candidates Telegram keeps, and as what: tdlib's `fix_url` and `is_email_address`."""

from __future__ import annotations

import re

from emulator.text_urls import Span, match_urls
from emulator.tlds import COMMON_TLDS

_EMAIL_USER = re.compile(r"^([a-z0-9_-]{0,26}[.+]){0,10}[a-z0-9_-]{1,35}$", re.IGNORECASE)
_EMAIL_PART = re.compile(r"^[a-z0-9]([a-z0-9_-]{0,28}[a-z0-9])?$", re.IGNORECASE)
_BAD_PATH_END = ".:;,('?!`"
_PAIRS = {"(": ")", "[": "]", "{": "}"}


def is_email(text: str) -> bool:
    user, at, domain = text.partition("@")
    if not at or not _EMAIL_USER.match(user):
        return False
    parts = domain.split(".")
    tld = parts.pop()
    if (
        not 1 <= len(parts) <= 6
        or not 2 <= len(tld) <= 8
        or not tld.isascii()
        or not tld.isalpha()
    ):
        return False
    return all(_EMAIL_PART.match(part) for part in parts)


def _common_tld(tld: str) -> bool:
    lower = tld.lower()
    if lower != tld and lower[1:] == tld[1:]:
        return False  # "Com": a capital only at the start reads as a sentence, not a domain
    return lower in COMMON_TLDS


def _balanced_path(path: str) -> int:
    depth = dict.fromkeys(_PAIRS.values(), 0)
    for index, char in enumerate(path):
        if char in _PAIRS:
            depth[_PAIRS[char]] += 1
        elif char in depth:
            depth[char] -= 1
            if depth[char] < 0:
                return index
    return len(path)


def _domain_ok(domain: str, has_protocol: bool) -> bool:
    parts = domain.split(".")
    if len(parts) == 1 or any(not p or len(p) >= 64 or p.endswith("-") for p in parts):
        return False
    if len(parts) == 4 and all(p.isascii() and p.isdigit() and _ipv4_part(p) for p in parts):
        return True
    if all(p.isascii() and p.isdigit() for p in parts):
        return False
    tld = parts[-1]
    if len(tld) <= 1 or "_" in parts[-2]:
        return False
    if tld.startswith("xn--"):
        return len(tld) > 5 and tld[4:].isascii() and tld[4:].isalnum()
    if "_" in tld or "-" in tld:
        return False
    return has_protocol or _common_tld(tld)


def _ipv4_part(part: str) -> bool:
    return len(part) <= 3 and int(part) <= 255 and not (part.startswith("0") and len(part) > 1)


def fixed_url_length(url: str) -> int:
    """Length Telegram keeps of a candidate link, 0 when it is no link at all."""
    rest, has_protocol = url, False
    if url[:8].lower().startswith(("http://", "https://", "ftp://")):
        rest, has_protocol = url[url.find(":") + 3 :], True
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    domain, path = rest[:cut], rest[cut:]
    domain = domain.partition("@")[2] if "@" in domain else domain
    domain = domain.rsplit(":", 1)[0] if ":" in domain else domain
    if domain.lower() == "teiegram.org":
        return 0
    keep = _balanced_path(path)
    while keep > 0 and path[keep - 1] in _BAD_PATH_END:
        keep -= 1
    if not _domain_ok(domain, has_protocol):
        return 0
    return len(url) - (len(path) - keep)


def find_links(text: str) -> list[tuple[str, Span]]:
    """("url" | "email", span) pairs, as `find_urls` classifies them."""
    found: list[tuple[str, Span]] = []
    for start, end in match_urls(text):
        candidate = text[start:end]
        if is_email(candidate):
            found.append(("email", (start, end)))
        elif candidate.startswith("mailto:") and is_email(candidate[7:]):
            found.append(("email", (start + 7, end)))
        elif length := fixed_url_length(candidate):
            found.append(("url", (start, start + length)))
    return found
