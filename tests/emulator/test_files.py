"""Uploads in both client conventions, getFile and the download URL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import Emulator
from tests.emulator.test_support import RawApi

PDF = b"%PDF-1.4 fake report\n"


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator()
    await emu.start()
    emu.user(1001)
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()


def upload(field: str, **fields: str) -> aiohttp.FormData:
    form = aiohttp.FormData()
    for key, value in fields.items():
        form.add_field(key, value)
    form.add_field(field, PDF, filename="report.pdf", content_type="application/pdf")
    return form


async def test_upload_get_file_and_download_roundtrip(api: RawApi) -> None:
    caption = "<b>月报</b>"
    form = upload("document", chat_id="1001", caption=caption, parse_mode="HTML")
    sent = await api.ok("sendDocument", data=form)
    document = sent["document"]
    assert (document["file_name"], document["mime_type"], document["file_size"]) == (
        "report.pdf",
        "application/pdf",
        len(PDF),
    )
    assert sent["caption"] == "月报" and sent["caption_entities"][0]["type"] == "bold"
    file = await api.ok("getFile", json={"file_id": document["file_id"]})
    url = f"{api.emu.base_url}/file/bot{api.emu.token}/{file['file_path']}"
    async with api.session.get(url) as resp:
        assert resp.status == 200
        assert await resp.read() == PDF
    message = api.emu.messages(1001)[-1]
    assert message.document is not None and message.document.content == PDF
    assert (message.text, message.plain) == (caption, "月报")


async def test_attach_reference_and_file_id_resend(api: RawApi) -> None:
    form = upload("f1", chat_id="1001", document="attach://f1")
    first = await api.ok("sendDocument", data=form)
    file_id = first["document"]["file_id"]
    again = await api.ok("sendDocument", json={"chat_id": 1001, "document": file_id})
    assert again["document"]["file_id"] == file_id
    wrong = await api.error("sendDocument", json={"chat_id": 1001, "document": "nope"})
    assert wrong == "Bad Request: wrong file identifier/HTTP URL specified"
    assert await api.error("getFile", json={"file_id": "nope"}) == "Bad Request: invalid file_id"


async def test_caption_limit_and_missing_download(api: RawApi) -> None:
    form = upload("document", chat_id="1001", caption="x" * 1025)
    assert await api.error("sendDocument", data=form) == "Bad Request: message caption is too long"
    async with api.session.get(f"{api.emu.base_url}/file/bot{api.emu.token}/x/y") as resp:
        assert resp.status == 404
        assert (await resp.json())["description"] == "Not Found"


async def test_user_uploads_are_downloadable(api: RawApi) -> None:
    alice = api.emu.user(1001)
    await alice.send_document(PDF, file_name="id.pdf", caption="my id")
    await alice.send_photo(b"\xff\xd8jpeg")
    await alice.send_sticker()
    updates = await api.ok("getUpdates")
    document = updates[0]["message"]["document"]
    assert document["mime_type"] == "application/pdf"
    assert updates[0]["message"]["caption"] == "my id"
    photo = updates[1]["message"]["photo"]
    # Not a decodable picture, so sized as a 1280x960 camera shot, at Telegram's size boxes.
    assert [(p["width"], p["height"]) for p in photo] == [
        (90, 68),
        (320, 240),
        (800, 600),
        (1280, 960),
    ]
    sticker = updates[2]["message"]["sticker"]
    assert (sticker["type"], sticker["is_animated"], sticker["is_video"]) == (
        "regular",
        False,
        False,
    )
    file = await api.ok("getFile", json={"file_id": photo[-1]["file_id"]})
    async with api.session.get(
        f"{api.emu.base_url}/file/bot{api.emu.token}/{file['file_path']}"
    ) as resp:
        assert await resp.read() == b"\xff\xd8jpeg"
