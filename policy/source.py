"""The document the package implements, and how its articles are cited.

郑州市技能大师工作室管理办法（试行）, 郑人社〔2018〕34号. Rules cite their article
as a string such as ``"第四条"`` (the authoritative Chinese form); :func:`article_label`
gives the English form.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from policy.i18n import Label, Lang

DOCUMENT_NUMBER: Final = "郑人社〔2018〕34号"
ISSUED_ON: Final = date(2018, 10, 9)
TITLE: Final = Label(
    zh="郑州市技能大师工作室管理办法（试行）",
    en="Zhengzhou Measures for the Administration of Skill Master Studios (Trial)",
)

ART_2: Final = "第二条"
ART_4: Final = "第四条"
ART_6: Final = "第六条"
ART_8: Final = "第八条"
ART_9: Final = "第九条"
ART_11: Final = "第十一条"
ART_13: Final = "第十三条"
ART_16: Final = "第十六条"
ART_17: Final = "第十七条"

_ARTICLE_NUMBERS: Final[dict[str, int]] = {
    ART_2: 2,
    ART_4: 4,
    ART_6: 6,
    ART_8: 8,
    ART_9: 9,
    ART_11: 11,
    ART_13: 13,
    ART_16: 16,
    ART_17: 17,
}


def article_label(article: str, lang: Lang) -> str:
    """``"第四条"`` in Chinese, ``"Art. 4"`` in English (unknown strings unchanged)."""
    if lang == "zh" or article not in _ARTICLE_NUMBERS:
        return article
    return f"Art. {_ARTICLE_NUMBERS[article]}"
