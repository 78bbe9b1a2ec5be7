"""Bilingual labels for the enums of the Measures.

Every enum in ``policy`` stores a stable ASCII value (it goes into the database and into button
payloads) and shows people a Chinese or English label. The labels live in one mapping per enum,
next to the enum, built from :class:`Label`; this module holds only the shared vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Lang = Literal["zh", "en"]
LANGS: Final[tuple[Lang, ...]] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Label:
    """One user-facing label in both languages (Chinese first: the programme's language)."""

    zh: str
    en: str

    def text(self, lang: Lang) -> str:
        """The label in ``lang``."""
        return self.zh if lang == "zh" else self.en
