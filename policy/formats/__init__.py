"""Whether a file's bytes are what its type claims: small structural parsers, in memory, no I/O.

The first bytes only say what a file *claims* to be; a polyglot (a PDF header in front of an
executable) or a zip with a `word/` folder and a `payload.exe` claims a harmless type. Each module
here walks the structure its format requires and raises `Malformed` naming the rule that broke,
in both languages, for the person who sent the file.
"""

from __future__ import annotations


class Malformed(ValueError):
    """The bytes break a rule of their format."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


class Dangerous(Malformed):
    """The file carries something that runs: an executable, a macro project, an app package."""
