"""python-telegram-bot's networking backend over aiohttp, in place of its HTTPXRequest.

Under a burst httpx/httpcore cost about a third of the bot's CPU per update; aiohttp (which the
aiogram runtime uses anyway) does the same request for about a fifth of that. The contract is
HTTPXRequest's: `(status, body)` for every status (PTB maps statuses to its errors); timeouts
raise TimedOut and other transport failures NetworkError. The token sits in every URL, so no
error text names the URL. The parameters go out as a JSON body (PTB's `json_payload`), or with
files as multipart/form-data: the Bot API takes either, and urlencoding a Chinese text
percent-escapes it byte by byte in Python, ten times the cost of the JSON and more than the rest
of building the request.

Timeouts, as PTB passes them per call (`DEFAULT_NONE`: the one set at construction):
- pool: the wait for one of the `connections` turns; calls queue in a semaphore, which gives
  PTB's pool timeout its exact meaning ("the request was not sent") and costs nothing unless
  the turns are all taken;
- connect: establishing a connection (aiohttp's `connect` and `sock_connect`);
- read: any one wait for data from the server, counted once the request is written (aiohttp's
  `sock_read`); `None` waits for ever (long polling passes its own per call);
- write: aiohttp has no per-write timeout; a request with files, the only kind big enough to
  wait on a socket write, is bounded as a whole by connect + write + read instead.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput, UploadFileDict
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

JSON = {"Content-Type": "application/json"}
POOL_TIMEOUT = "Pool timeout: all connections are in use. The request was *not* sent to Telegram."


class AiohttpRequest(BaseRequest):
    """One `aiohttp.ClientSession` with at most `connections` requests under way at a time."""

    __slots__ = ("_connections", "_defaults", "_media_write_timeout", "_session", "_turns")

    def __init__(
        self,
        connections: int = 8,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._connections = connections
        self._defaults = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._media_write_timeout = media_write_timeout
        self._turns = asyncio.Semaphore(connections)  # made anew with each session
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._defaults[0]

    async def initialize(self) -> None:
        """Opens the session (in the running loop, as aiohttp wants); again is harmless."""
        if self._session is None or self._session.closed:
            self._turns = asyncio.Semaphore(self._connections)
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT},
                timeout=aiohttp.ClientTimeout(),
            )

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        default_read, default_write, default_connect, default_pool = self._defaults
        files = request_data.multipart_data if request_data is not None else None
        read = default_read if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = default_connect if isinstance(connect_timeout, DefaultValue) else connect_timeout
        pool = default_pool if isinstance(pool_timeout, DefaultValue) else pool_timeout
        if isinstance(write_timeout, DefaultValue):
            write = self._media_write_timeout if files else default_write
        else:
            write = write_timeout

        data: Any = None
        headers: dict[str, str] | None = None
        if files and request_data is not None:
            data = _multipart(request_data.json_parameters, files)
            total = _sum(connect, write, read)
        else:
            if request_data is not None:
                data, headers = request_data.json_payload, JSON
            total = None
        timeout = aiohttp.ClientTimeout(
            total=total, connect=connect, sock_connect=connect, sock_read=read
        )
        turns = self._turns
        try:
            await _turn(turns, pool)
            try:
                async with session.request(
                    method,
                    url,
                    data=data,
                    headers=headers,
                    timeout=timeout,
                    allow_redirects=False,
                ) as response:
                    return response.status, await response.read()
            finally:
                turns.release()
        except TimeoutError as exc:  # aiohttp's timeouts are all TimeoutErrors (and OSErrors)
            raise TimedOut from _cause(exc, url)
        except (aiohttp.ClientError, OSError) as exc:
            text = f"aiohttp.{type(exc).__name__}: {_without(url, str(exc))}"
            raise NetworkError(text) from _cause(exc, url)


async def _turn(turns: asyncio.Semaphore, pool: float | None) -> None:
    """One of the turns, waiting at most `pool` seconds (no wait, no timer, when one is free)."""
    if pool is None or not turns.locked():
        await turns.acquire()
        return
    try:
        async with asyncio.timeout(pool):
            await turns.acquire()
    except TimeoutError:
        raise TimedOut(POOL_TIMEOUT) from None


def _multipart(fields: dict[str, str], files: UploadFileDict) -> aiohttp.FormData:
    """Fields, then files (name -> (filename, content, mime type)), as HTTPXRequest sends
    them; file names go out as UTF-8 in quotes, not percent-encoded."""
    form = aiohttp.FormData(quote_fields=False)
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mime) in files.items():
        form.add_field(name, content, filename=filename, content_type=mime)
    return form


def _sum(*parts: float | None) -> float | None:
    """The parts added up, or None (no bound) if any of them is unbounded."""
    found = 0.0
    for part in parts:
        if part is None:
            return None
        found += part
    return found


def _without(url: str, text: str) -> str:
    """`text` with the URL, whose path holds the token, cut down to its scheme and host."""
    parts = urlsplit(url)
    for form in (url, str(URL(url))):
        text = text.replace(form, f"{parts.scheme}://{parts.netloc}/<path>")
    return text.replace(parts.path, "/<path>") if parts.path else text


def _cause(exc: BaseException, url: str) -> BaseException | None:
    """`exc` to chain, unless its text names the URL: then none (a traceback shows causes)."""
    return exc if _without(url, str(exc)) == str(exc) else None
