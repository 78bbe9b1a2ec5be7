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

_CHINESE_NUMBERS: Final = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def _chinese(n: int) -> str:
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE_NUMBERS[tens] + "十")
    return head + _CHINESE_NUMBERS[units]


ART_2: Final = "第二条"
ART_4: Final = "第四条"
ART_5: Final = "第五条"
ART_6: Final = "第六条"
ART_7: Final = "第七条"
ART_8: Final = "第八条"
ART_9: Final = "第九条"
ART_11: Final = "第十一条"
ART_12: Final = "第十二条"
ART_13: Final = "第十三条"
ART_16: Final = "第十六条"
ART_17: Final = "第十七条"
ART_18: Final = "第十八条"

_ARTICLE_NUMBERS: Final[dict[str, int]] = {f"第{_chinese(n)}条": n for n in range(1, 21)}
_ITEM_NUMBERS: Final[dict[str, int]] = {f"第（{_chinese(n)}）项": n for n in range(1, 11)}


def item(article: str, number: int) -> str:
    """An item of an article: ``item(ART_17, 6)`` is ``"第十七条第（六）项"``."""
    return f"{article}第（{_chinese(number)}）项"


def article_label(article: str, lang: Lang) -> str:
    """``"第四条"`` in Chinese, ``"Art. 4"`` (items: ``"Art. 17(6)"``) in English.

    Strings that are not an article of the Measures are returned unchanged.
    """
    if lang == "zh":
        return article
    head, _, rest = article.partition("条")
    number = _ARTICLE_NUMBERS.get(head + "条")
    if number is None:
        return article
    if not rest:
        return f"Art. {number}"
    sub = _ITEM_NUMBERS.get(rest)
    return article if sub is None else f"Art. {number}({sub})"
