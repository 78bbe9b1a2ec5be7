"""Text catalogs: every sentence a user sees, Chinese first, English complete (DESIGN.md, Texts).

Values passed to `Texts.get` are HTML-escaped, so nothing a user typed can break
`parse_mode=HTML` or inject markup.
"""

from __future__ import annotations

import html
import tomllib
from functools import cache
from importlib import resources
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


def _flatten(prefix: str, table: dict[str, object], into: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(f"{name}.", value, into)
        else:
            into[name] = str(value)


@cache
def catalog(lang: Lang) -> dict[str, str]:
    """All texts of one language, loaded once from every `*.<lang>.toml` in this package."""
    flat: dict[str, str] = {}
    for entry in resources.files(__package__).iterdir():
        if entry.name.endswith(f".{lang}.toml"):
            _flatten("", tomllib.loads(entry.read_text("utf-8")), flat)
    return flat


def escape(value: object) -> str:
    return html.escape(str(value), quote=False)


class Texts:
    """One user's view of the catalogs."""

    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang

    def get(self, key: str, /, **values: object) -> str:
        template = catalog(self.lang).get(key) or catalog("zh")[key]
        if not values:
            return template
        return template.format(**{k: escape(v) for k, v in values.items()})

    __call__ = get

    def has(self, key: str) -> bool:
        return key in catalog(self.lang)


def pick_language(chosen: str | None, telegram: str | None, default: Lang) -> Lang:
    """An explicit choice wins, then the Telegram client's language, then `LOCALE`."""
    for candidate in (chosen, telegram):
        if candidate:
            short = candidate.split("-")[0].lower()
            if short in LANGS:
                return "en" if short == "en" else "zh"
    return default
