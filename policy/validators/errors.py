"""The one error every validator raises, with messages a person can act on.

``code`` is a stable ASCII identifier (``"id_number.length"``) for tests, logs and catalogs;
``message_zh`` and ``message_en`` tell the person exactly what is wrong with what they typed.
"""

from __future__ import annotations

from policy.i18n import Lang


class FieldError(ValueError):
    """A typed value was refused; carries the reason in both languages."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return self.message_zh if lang == "zh" else self.message_en
