"""PTB's `telegram.Bot` over our aiohttp backend, against the Bot API emulator (real HTTP): calls,
uploads and downloads arrive intact, every status reaches PTB's own error mapping, timeouts and
transport failures become PTB's TimedOut / NetworkError, and no error text carries the token."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import traceback
from collections.abc import AsyncIterator

import pytest
import telegram
from aiohttp import web
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import BaseRequest

from bot.runtimes.ptb_aiohttp import AiohttpRequest
from emulator import Emulator
from tests.bot.local_server import serving

ALICE = 1001
BYTES = bytes(range(256)) * 40 + b"%PDF-1.4\r\n--boundary\r\n"


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator()
    await emulator.start()
    emulator.user(ALICE, "Alice")
    yield emulator
    await emulator.stop()


def ptb(emu: Emulator, request: AiohttpRequest | None = None) -> telegram.Bot:
    return telegram.Bot(
        emu.token,
        base_url=f"{emu.base_url}/bot",
        base_file_url=f"{emu.base_url}/file/bot",
        request=request or AiohttpRequest(),
        get_updates_request=AiohttpRequest(2, read_timeout=None),
    )


def shown(exc: BaseException) -> str:
    """Everything a traceback of `exc` would print, its causes included."""
    return "".join(traceback.format_exception(exc))


async def test_a_call_returns_its_parsed_result(emu: Emulator) -> None:
    async with ptb(emu) as bot:
        assert bot.username == "studio_test_bot"
        sent = await bot.send_message(ALICE, "<b>你好</b> &amp; more", parse_mode="HTML")
        assert sent.text == "你好 & more" and sent.chat.id == ALICE
    assert [m.plain for m in emu.messages(ALICE)] == ["你好 & more"]


async def test_an_uploaded_document_arrives_intact_and_downloads_back(emu: Emulator) -> None:
    async with ptb(emu) as bot:
        sent = await bot.send_document(
            ALICE, BYTES, filename='申报 "报告".pdf', caption="<i>报告</i>", parse_mode="HTML"
        )
        [message] = emu.messages(ALICE)
        assert message.document is not None and message.document.content == BYTES
        assert message.document.file_name == sent.document.file_name == '申报 "报告".pdf'
        assert message.plain == "报告"
        file = await bot.get_file(message.document.file_id)
        assert bytes(await file.download_as_bytearray()) == BYTES


async def test_an_album_of_uploads_arrives_file_by_file(emu: Emulator) -> None:
    media = [
        telegram.InputMediaDocument(b"one", filename="a.txt", caption="A"),
        telegram.InputMediaDocument(BYTES, filename="b.pdf", caption="B"),
    ]
    async with ptb(emu) as bot:
        await bot.send_media_group(ALICE, media)
    documents = [m.document for m in emu.messages(ALICE)]
    assert [(d.file_name, d.content) for d in documents if d] == [
        ("a.txt", b"one"),
        ("b.pdf", BYTES),
    ]
    assert [m.plain for m in emu.messages(ALICE)] == ["A", "B"]


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, BadRequest), (403, Forbidden), (409, Conflict), (502, NetworkError)],
)
async def test_an_error_status_reaches_ptbs_mapping(
    emu: Emulator, status: int, error: type[TelegramError]
) -> None:
    emu.faults.add(method="sendMessage", status=status)
    async with ptb(emu) as bot:
        with pytest.raises(error) as raised:
            await bot.send_message(ALICE, "x")
        assert type(raised.value) is error
        await bot.send_message(ALICE, "and the next call goes through")


async def test_a_429_becomes_retry_after(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB 22 warns on RetryAfter otherwise
    emu.faults.add(method="sendMessage", status=429, retry_after=3)
    async with ptb(emu) as bot:
        with pytest.raises(RetryAfter) as retry:
            await bot.send_message(ALICE, "later")
    assert retry.value.retry_after == dt.timedelta(seconds=3)


async def test_an_answer_slower_than_the_read_timeout_is_timed_out(emu: Emulator) -> None:
    emu.faults.add(method="sendMessage", delay=1.0)
    async with ptb(emu, AiohttpRequest(read_timeout=30)) as bot:
        with pytest.raises(TimedOut) as raised:
            await bot.send_message(ALICE, "slow", read_timeout=0.1)
        await bot.send_message(ALICE, "on time")
    assert emu.token not in shown(raised.value)


async def test_a_read_timeout_of_none_waits_for_the_answer(emu: Emulator) -> None:
    emu.faults.add(method="sendMessage", delay=0.5)
    async with ptb(emu, AiohttpRequest(read_timeout=0.1)) as bot:
        sent = await bot.send_message(ALICE, "slow", read_timeout=None)
        assert sent.text == "slow"
        emu.faults.add(method="sendMessage", delay=0.5)
        with pytest.raises(TimedOut):  # the default set at construction still holds
            await bot.send_message(ALICE, "y")


async def test_calls_beyond_the_connections_wait_their_turn(emu: Emulator) -> None:
    emu.faults.add(method="sendMessage", delay=0.3)
    async with ptb(emu, AiohttpRequest(connections=1, pool_timeout=None)) as bot:
        await asyncio.gather(*(bot.send_message(ALICE, str(n)) for n in range(3)))
    assert sorted(m.plain for m in emu.messages(ALICE)) == ["0", "1", "2"]


async def test_a_call_that_finds_no_turn_in_the_pool_timeout_is_never_sent(
    emu: Emulator,
) -> None:
    emu.faults.add(method="sendMessage", delay=0.5)
    async with ptb(emu, AiohttpRequest(connections=1, pool_timeout=0.05)) as bot:
        slow = asyncio.create_task(bot.send_message(ALICE, "slow"))
        await asyncio.sleep(0)  # it holds the one connection now
        with pytest.raises(TimedOut, match="Pool timeout"):
            await bot.send_message(ALICE, "never sent")
        await slow
    assert emu.count("sendMessage") == 1
    assert [m.plain for m in emu.messages(ALICE)] == ["slow"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def test_a_refused_connection_is_a_network_error_without_the_token() -> None:
    token = "987654:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    base = f"http://127.0.0.1:{_closed_port()}"
    async with AiohttpRequest() as request:
        bot = telegram.Bot(token, base_url=f"{base}/bot", request=request)
        with pytest.raises(NetworkError) as raised:
            await bot.get_me()
    assert type(raised.value) is NetworkError
    assert "aiohttp.ClientConnectorError" in str(raised.value)
    assert token not in shown(raised.value) and token.split(":")[1] not in shown(raised.value)


async def test_shutdown_then_initialize_again_works(emu: Emulator) -> None:
    request = AiohttpRequest()
    bot = ptb(emu, request)
    async with bot:
        await request.initialize()  # again, as Bot.initialize does: harmless
        await bot.send_message(ALICE, "one")
    with pytest.raises(NetworkError, match="not initialized"):
        await bot.send_message(ALICE, "closed")
    async with bot:
        await bot.send_message(ALICE, "two")
    assert [m.plain for m in emu.messages(ALICE)] == ["one", "two"]


async def test_requests_name_ptb_as_their_user_agent() -> None:
    agents: list[str] = []

    async def record(request: web.Request) -> web.Response:
        agents.append(request.headers.get("User-Agent", ""))
        return web.Response(body=b"file")

    app = web.Application()
    app.router.add_get("/file", record)
    async with serving(app) as base, AiohttpRequest() as request:
        assert await request.retrieve(f"{base}/file") == b"file"
    assert agents == [BaseRequest.USER_AGENT]
