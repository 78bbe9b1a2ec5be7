"""The staff card: the files as one album captioned by their item of Art. 6, the card last; a
later version sends again only the files that changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.messages.actions import AlbumItem, AnswerCallback, Send, SendAlbum, albums
from storage.uow import UnitOfWork
from tests.handlers.conftest import STAFF_ID
from tests.handlers.driver import ChatDriver
from tests.handlers.review.builders import add_submission, resubmit

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


def _file(slot: str, n: int) -> dict[str, Any]:
    return {
        "slot": slot,
        "file_id": f"fid-{slot}-{n}",
        "file_unique_id": f"u-{slot}-{n}",
        "file_name": f"{slot}-{n}.pdf",
        "mime_type": "application/pdf",
        "size": 1000,
        "sha256": f"{slot}{n}".ljust(64, "0"),
    }


SEVEN = [
    _file(s, 1)
    for s in (
        "report",
        "plan",
        "equipment_list",
        "experts",
        "certificates",
        "unit_qualification",
        "commitment",
    )
]


def _messages(actions: list[Any]) -> list[Any]:
    """What lands in the chat, in order (the answer to the button press lands nowhere)."""
    return [a for a in actions if not isinstance(a, AnswerCallback)]


def _sent(actions: list[Any]) -> list[AlbumItem]:
    return [i for a in actions if isinstance(a, SendAlbum) for i in a.items]


async def test_seven_files_come_as_one_album_before_the_card(chat: Chat, db: Db) -> None:
    sid = await add_submission(db, files=SEVEN)
    staff = chat(STAFF_ID)
    actions = await staff.press_data(f"review::open:{sid}")
    assert len([a for a in actions if isinstance(a, SendAlbum)]) == 1
    captions = [i.caption or "" for i in _sent(actions)]
    assert len(captions) == 7
    assert "设备购置清单（第六条(二)）" in captions[2]
    assert "资金、场地和设备支持承诺（第六条(三)）" in captions[6]
    card = _messages(actions)[-1]
    assert isinstance(card, Send) and card.keyboard is not None
    assert "📎 申报单位资质（第六条(三)）：unit_qualification-1.pdf" in card.text


async def test_a_second_version_sends_only_the_changed_files(chat: Chat, db: Db) -> None:
    sid = await add_submission(db, files=SEVEN)
    staff = chat(STAFF_ID)
    await staff.press_data(f"review::open:{sid}")
    await staff.press("↩️ 退回修改")
    await staff.text("请更换设备清单")
    await staff.press("↩️ 确认退回")
    changed = [*SEVEN[:2], _file("equipment_list", 2), *SEVEN[3:]]
    await resubmit(db, sid, {}, files=changed)
    actions = await staff.press_data(f"review::open:{sid}")
    assert [i.file_id for i in _sent(actions)] == ["fid-equipment_list-2"]
    card = _messages(actions)[-1]
    assert isinstance(card, Send)
    assert "与上一版相同、未重复发送：申报报告（第六条(二)）" in card.text


def test_albums_hold_two_to_ten_files() -> None:
    items = [AlbumItem(file_id=str(n)) for n in range(11)]
    assert [len(a.items) for a in albums(1, items)] == [6, 5]
    assert [len(a.items) for a in albums(1, items[:10])] == [10]
    assert albums(1, []) == []
