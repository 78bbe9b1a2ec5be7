"""The token never reaches the output: `studio-bot run` as a process, on both runtimes, at DEBUG,
through a rejected token, an unreachable Bot API and a file download that fails.

Each failure below puts the token in an exception text or a URL when left alone: PTB's
InvalidToken quotes it, aiohttp's error for a failed download names the file URL.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from emulator import Emulator
from tests.bot.local_server import serving
from tests.handlers.application_script import PDF, play, steps_until

TOKEN = "987654:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
OTHER = "987654:AAFwrongwrongwrongwrongwrongwrong12"
RUNTIMES = ["aiogram", "ptb"]
ROOT = Path(__file__).resolve().parents[2]


class Bot:
    """`studio-bot run` in its own process; everything it writes is kept in `output`."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for line in self.process.stdout:
            self.lines.append(line.decode("utf-8", "replace"))

    @property
    def output(self) -> str:
        return "".join(self.lines)

    async def said(self, text: str, guard: float = 60.0) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + guard
        while text not in self.output:
            if self.process.returncode is not None or loop.time() > deadline:
                raise AssertionError(f"never said {text!r}:\n{self.output[-3000:]}")
            await asyncio.sleep(0.05)

    async def exited(self) -> int:
        """Until the process ends by itself (the bound only stops a hang)."""
        code = await asyncio.wait_for(self.process.wait(), 120)
        await self._reader
        return code

    async def stop(self) -> int:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await self.exited()


@asynccontextmanager
async def running(tmp_path: Path, runtime: str, token: str, api: str) -> AsyncIterator[Bot]:
    env = {
        **os.environ,
        "BOT_TOKEN": token,
        "TELEGRAM_API_URL": api,
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.sqlite3",
        "BOT_RUNTIME": runtime,
        "LOG_LEVEL": "DEBUG",
        "STAFF_IDS": "9001",
        "CHAT_RATE": "1000",
        "CHAT_BURST": "1000",
        "SEND_RATE": "1000",
        "PYTHONPATH": str(ROOT),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    bot = Bot(process)
    try:
        yield bot
    finally:
        await bot.stop()


def assert_no_token(output: str, token: str = TOKEN) -> None:
    assert output.strip(), "the bot said nothing at all"
    assert token not in output
    assert token.split(":")[1] not in output


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator(token=TOKEN, settle=0.0)
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.mark.parametrize("runtime", RUNTIMES)
async def test_a_rejected_token_stops_the_bot_with_one_line_and_no_token(
    tmp_path: Path, emu: Emulator, runtime: str
) -> None:
    async with running(tmp_path, runtime, OTHER, emu.base_url) as bot:
        code = await bot.exited()
    assert code == 1
    assert_no_token(bot.output, OTHER)
    assert "stopped:" in bot.output and "Traceback" not in bot.output


@pytest.mark.parametrize("runtime", RUNTIMES)
async def test_an_unreachable_bot_api_is_retried_without_the_token(
    tmp_path: Path, runtime: str
) -> None:
    async with running(tmp_path, runtime, TOKEN, "http://127.0.0.1:9") as bot:
        await bot.said("Telegram not reachable")
        code = await bot.stop()
    assert code == 0
    assert_no_token(bot.output)


@asynccontextmanager
async def refusing_files(upstream: str) -> AsyncIterator[str]:
    """A Bot API in front of the emulator whose file downloads all fail (404)."""
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None))

    async def forward(request: web.Request) -> web.Response:
        if request.path.startswith("/file/"):
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        headers = {"Content-Type": request.headers.get("Content-Type", "")}
        async with session.request(
            request.method, upstream + request.path_qs, data=await request.read(), headers=headers
        ) as answer:
            body = await answer.read()
            kind = answer.headers.get("Content-Type", "application/json")
            return web.Response(body=body, status=answer.status, headers={"Content-Type": kind})

    app = web.Application(client_max_size=64 * 1024 * 1024)
    app.router.add_route("*", "/{tail:.*}", forward)
    try:
        async with serving(app) as base:
            yield base
    finally:
        await session.close()


@pytest.mark.parametrize("runtime", RUNTIMES)
async def test_a_failed_file_download_is_logged_without_the_token(
    tmp_path: Path, emu: Emulator, runtime: str
) -> None:
    alice = emu.user(1001, "Alice", "zh")
    async with refusing_files(emu.base_url) as api, running(tmp_path, runtime, TOKEN, api) as bot:
        await bot.said("running on")
        await emu.wait_polling(timeout=60)
        await alice.ask("/apply", timeout=30)
        await play(alice, steps_until("report"))
        [reply] = await alice.exchange(alice.send_document(PDF, "申报报告.pdf", "application/pdf"))
        assert "暂时无法读取这个文件" in reply.plain
        await bot.said("failed")
        code = await bot.stop()
    assert code == 0
    assert "download of" in bot.output
    assert_no_token(bot.output)
