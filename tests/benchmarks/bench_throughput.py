"""Updates per second and update-to-reply latency: our bot beside a conventional durable aiogram
bot, and beside each framework's bare echo bot, in the same run (issue 14).

Ours handles `/start`, which reads and writes the database (user, roles, conversation, the
processed-update record with its replies) and replies with a menu. The conventional bot is
aiogram written the way its documentation suggests, made durable: a `BaseStorage` keeping the
FSM in the same kind of database through SQLAlchemy (one row per chat and user), a `/start`
handler that sets a state, updates the data and answers with an inline keyboard. The bare bots
only echo. Flood limits are off in the emulator and lifted in our limiter (SEND_RATE/CHAT_RATE),
to measure raw capacity as DESIGN.md allows for benchmarks.

Figures, each bot first warmed up as a running bot is (`warm_up`): burst throughput (50 users
× 20 updates queued at once), latency of one user waiting for each reply, and p99 latency at a
steady 20 updates/s; on SQLite and PostgreSQL, on both runtimes, and two of our instances
(webhook mode) on one PostgreSQL database beside the conventional bot deployed the same way
(two webhook instances on one database), and beside one conventional poller. Each figure is
the median of `RUNS` runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Column, MetaData, String, Table, event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from emulator import Emulator, SimUser
from storage.db import POOL_SIZE, POOL_TIMEOUT
from tests.benchmarks.common import RUNS, Goal, percentile, scratch_database, summary_ms
from tests.bot.webhook_rig import PATH, SECRET, free_port

USERS = 50
PER_USER = 20
SEQUENTIAL = 100
PACED_RATE = 20.0  # updates per second for the p99 figure
PACED_SECONDS = 10.0
Bot = Callable[[Emulator], AbstractAsyncContextManager[Any]]
TICK = os.sysconf("SC_CLK_TCK")


# --- the contenders --------------------------------------------------------------------------


def ours(runtime: str, kind: str = "sqlite") -> Bot:
    return alone(f"ours-{runtime}", kind)


def alone(name: str, kind: str = "sqlite", *shared: str) -> Bot:
    """The contender `name` in a process of its own (tests/benchmarks/bot_process.py), as a bot
    runs beside Telegram; `.cpu()` of what it yields is that process's CPU seconds so far.
    `shared`: a database URL and a webhook port (ours only, see bot_process)."""

    @asynccontextmanager
    async def running(emu: Emulator) -> AsyncIterator[Process]:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.benchmarks.bot_process",
            name,
            emu.base_url,
            emu.token,
            kind,
            *shared,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        try:
            assert child.stdout is not None
            if await asyncio.wait_for(child.stdout.readline(), 120) != b"ready\n":
                raise RuntimeError(f"{name} did not start")
            yield Process(child.pid)
        finally:
            if child.stdin is not None:
                child.stdin.close()
            try:
                await asyncio.wait_for(child.wait(), 60)
            except TimeoutError:
                child.kill()
                await child.wait()

    return running


@dataclass(frozen=True)
class Process:
    pid: int

    def cpu(self) -> float:
        """User and system CPU seconds of the process, its threads included (/proc)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK


def pair(name: str) -> Bot:
    """Two processes of contender `name` (ours-aiogram, ours-ptb, conventional) in webhook mode
    on one PostgreSQL database, behind the emulator's load balancer (deliveries alternate
    between them); `.cpu()` is both processes' CPU."""

    @asynccontextmanager
    async def running(emu: Emulator) -> AsyncIterator[Processes]:
        ports = [free_port(), free_port()]
        emu.route_webhook([f"http://127.0.0.1:{port}{PATH}" for port in ports])
        async with scratch_database("postgresql") as url:
            if name == "conventional":
                await create_fsm_table(url)
            first = alone(name, "postgresql", url, str(ports[0]))
            second = alone(name, "postgresql", url, str(ports[1]))
            async with first(emu) as one, second(emu) as other:
                yield Processes((one, other))

    return running


@dataclass(frozen=True)
class Processes:
    each: tuple[Process, ...]

    def cpu(self) -> float:
        return sum(p.cpu() for p in self.each)


fsm = MetaData()
FSM = Table(
    "aiogram_fsm",
    fsm,
    Column("key", String(200), primary_key=True),
    Column("state", String(200)),
    Column("data", JSON, nullable=False, default=dict),
)


def plain_engine(url: str) -> AsyncEngine:
    """SQLAlchemy's engine as its documentation sets it up: the default pool and, on SQLite,
    the aiosqlite driver; with the same durability as ours (WAL, synchronous=NORMAL)."""
    if url.startswith("postgresql"):  # as ours (storage/db.py): the default pool (5 + 10
        # overflow, 30 s) times out in a burst, and its overflow connections are opened and
        # closed again and again
        return create_async_engine(
            url, pool_size=POOL_SIZE, max_overflow=0, pool_timeout=POOL_TIMEOUT
        )
    engine = create_async_engine(url)
    if engine.dialect.name == "sqlite":

        def pragmas(connection: Any, _: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        event.listen(engine.sync_engine, "connect", pragmas)
    return engine


@asynccontextmanager
async def conventional_aiogram(
    emu: Emulator, kind: str = "sqlite", shared: tuple[str, int] | None = None
) -> AsyncIterator[None]:
    """aiogram as its docs show it, with the FSM kept in the database through SQLAlchemy.

    `shared` (a PostgreSQL URL whose FSM table exists, a port): one of several webhook
    instances on that database instead of a poller on a fresh one; aiogram's
    `SimpleRequestHandler` answers Telegram once the update is handled
    (`handle_in_background=False`), so an update a killed instance took comes again."""
    from aiogram import Bot as AiogramBot
    from aiogram import Dispatcher
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.filters import CommandStart
    from aiogram.fsm.context import FSMContext
    from aiogram.fsm.state import State, StatesGroup
    from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

    class SQLAlchemyStorage(BaseStorage):
        """One row per chat and user: the state and the data, each call its own transaction."""

        def __init__(self, url: str) -> None:
            self.engine = plain_engine(url)
            self.insert = pg_insert if kind == "postgresql" else sqlite_insert

        @staticmethod
        def _key(key: StorageKey) -> str:
            return f"{key.bot_id}:{key.chat_id}:{key.user_id}:{key.thread_id}"

        async def _put(self, key: StorageKey, **values: Any) -> None:
            stmt = self.insert(FSM).values(key=self._key(key), **values)
            stmt = stmt.on_conflict_do_update(index_elements=[FSM.c.key], set_=values)
            async with self.engine.begin() as conn:
                await conn.execute(stmt)

        async def set_state(self, key: StorageKey, state: StateType = None) -> None:
            value = state.state if isinstance(state, State) else state
            await self._put(key, state=value)

        async def get_state(self, key: StorageKey) -> str | None:
            async with self.engine.connect() as conn:
                return await conn.scalar(select(FSM.c.state).where(FSM.c.key == self._key(key)))

        async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
            await self._put(key, data=dict(data))

        async def get_data(self, key: StorageKey) -> dict[str, Any]:
            async with self.engine.connect() as conn:
                found = await conn.scalar(select(FSM.c.data).where(FSM.c.key == self._key(key)))
            return dict(found or {})

        async def close(self) -> None:
            await self.engine.dispose()

    class Menu(StatesGroup):
        main = State()

    async with contextlib.AsyncExitStack() as stack:
        if shared is None:
            url = await stack.enter_async_context(scratch_database(kind))
            await create_fsm_table(url)
        else:
            url = shared[0]
        storage = SQLAlchemyStorage(url)
        stack.push_async_callback(storage.close)
        bot = AiogramBot(
            emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))
        )
        stack.push_async_callback(bot.session.close)
        dispatcher = Dispatcher(storage=storage)

        @dispatcher.message(CommandStart())
        async def start(message: Message, state: FSMContext) -> None:
            await state.set_state(Menu.main)
            data = await state.update_data(starts=(await state.get_data()).get("starts", 0) + 1)
            keyboard = InlineKeyboardMarkup(
                inline_keyboard=[
                    [InlineKeyboardButton(text="Apply", callback_data="apply")],
                    [InlineKeyboardButton(text="Status", callback_data="status")],
                ]
            )
            await message.answer(f"Welcome ({data['starts']})", reply_markup=keyboard)

        if shared is None:
            await stack.enter_async_context(_polling(dispatcher, bot))
        else:
            await stack.enter_async_context(_webhook(dispatcher, bot, shared[1]))
        yield


async def create_fsm_table(url: str) -> None:
    engine = plain_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(fsm.create_all)
    await engine.dispose()


@asynccontextmanager
async def _polling(dispatcher: Any, bot: Any) -> AsyncIterator[None]:
    task = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False))
    try:
        yield
    finally:
        await dispatcher.stop_polling()
        with contextlib.suppress(Exception):
            await task


@asynccontextmanager
async def _webhook(dispatcher: Any, bot: Any, port: int) -> AsyncIterator[None]:
    """aiogram's aiohttp webhook server as its docs set it up; several instances set the same
    hook as they start, so one told to wait by Telegram (once a second) waits and sets it."""
    from aiogram.exceptions import TelegramRetryAfter
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
    from aiohttp import web

    app = web.Application()
    SimpleRequestHandler(
        dispatcher=dispatcher, bot=bot, secret_token=SECRET, handle_in_background=False
    ).register(app, path=PATH)
    setup_application(app, dispatcher, bot=bot)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        for _ in range(10):
            try:
                await bot.set_webhook(f"http://127.0.0.1:{port}{PATH}", secret_token=SECRET)
                break
            except TelegramRetryAfter as exc:
                await asyncio.sleep(exc.retry_after)
        yield
    finally:
        await runner.cleanup()


@asynccontextmanager
async def bare_aiogram(emu: Emulator) -> AsyncIterator[None]:
    from aiogram import Bot as AiogramBot
    from aiogram import Dispatcher
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import Message

    bot = AiogramBot(
        emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))
    )
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    try:
        async with _polling(dispatcher, bot):
            yield
    finally:
        await bot.session.close()


@asynccontextmanager
async def bare_ptb(emu: Emulator) -> AsyncIterator[None]:
    from telegram import Update
    from telegram.ext import Application, ContextTypes, MessageHandler, filters

    async def echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(update.message.text or "")

    app = (
        Application.builder()
        .token(emu.token)
        .base_url(f"{emu.base_url}/bot")
        .base_file_url(f"{emu.base_url}/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.ALL, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=25)
    try:
        yield
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


# --- the load --------------------------------------------------------------------------------


async def _replies(emu: Emulator, expected: int) -> None:
    """Counts as calls arrive: a recount of every call on each signal would cost the harness
    more CPU than a bot's update and dilute every figure of the run."""
    counted = [0, 0]  # calls looked at, replies among them

    def done() -> bool:
        calls = emu.calls
        for call in calls[counted[0] :]:
            counted[1] += call.method == "sendMessage" and call.status == 200
        counted[0] = len(calls)
        return counted[1] >= expected

    if not await emu.world.signal.wait_for(done, 300):
        raise TimeoutError("replies did not all arrive")


async def load(emu: Emulator, text: str) -> dict[str, Any]:
    """All updates queued at once; throughput, and latency including queueing."""
    users = [emu.user(20_000 + i, f"U{i}") for i in range(USERS)]
    pushed: dict[int, list[float]] = defaultdict(list)
    started = time.monotonic()
    for _ in range(PER_USER):
        for user in users:
            pushed[user.chat_id].append(time.monotonic())
            await user.send(text)
    await _replies(emu, USERS * PER_USER)
    elapsed = time.monotonic() - started
    latencies = _latencies(emu, pushed)
    return {"updates": USERS * PER_USER, "seconds": elapsed, "latencies": latencies}


async def paced(emu: Emulator, text: str, rate: float = PACED_RATE) -> list[float]:
    """A steady `rate` updates per second from many users: latency when not saturated."""
    users = [emu.user(30_000 + i, f"P{i}") for i in range(USERS)]
    pushed: dict[int, list[float]] = defaultdict(list)
    total = int(rate * PACED_SECONDS)
    started = time.monotonic()
    for n in range(total):
        await asyncio.sleep(max(0.0, started + n / rate - time.monotonic()))
        user = users[n % len(users)]
        pushed[user.chat_id].append(time.monotonic())
        await user.send(text)
    await _replies(emu, total)
    return _latencies(emu, pushed)


def _latencies(emu: Emulator, pushed: dict[int, list[float]]) -> list[float]:
    """The k-th reply in a chat answers its k-th update: replies keep per-chat order."""
    replies: dict[int, list[float]] = defaultdict(list)
    for call in emu.calls:
        if call.method == "sendMessage" and call.status == 200:
            replies[int(call.params["chat_id"])].append(call.at)
    return [
        r - p for chat, sent in pushed.items() for p, r in zip(sent, replies[chat], strict=False)
    ]


async def warm_up(emu: Emulator, text: str) -> None:
    """What a bot that has been running has done: handled updates one at a time (its code paths
    and caches warm), and a burst (its pool of database connections open, each with its
    statements prepared). A bot just started opens those connections on its first burst, a
    cost of its start, not of its capacity, which would otherwise fall in the measured burst;
    every contender is warmed alike."""
    await one_at_a_time(emu.user(19_999, "Warm"), text)
    emu.calls.clear()
    users = [emu.user(18_000 + i, f"W{i}") for i in range(USERS)]
    for _ in range(2):
        for user in users:
            await user.send(text)
    await _replies(emu, len(users) * 2)


async def one_at_a_time(user: SimUser, text: str) -> list[float]:
    """A single user who waits for each reply: latency with no queue."""
    samples = []
    for _ in range(SEQUENTIAL):
        marker = user.mark()
        started = time.monotonic()
        await user.send(text)
        await user.wait_messages(marker, 1, timeout=30)
        samples.append(time.monotonic() - started)
    return samples


async def measure_once(
    bot: Bot, text: str, polling: bool = True, with_paced: bool = True
) -> dict[str, Any]:
    emu = Emulator(settle=0.0)
    await emu.start()
    try:
        async with bot(emu) as process:
            if polling:
                await emu.wait_polling()
            await warm_up(emu, text)
            emu.calls.clear()
            cpu, bot_cpu = time.process_time(), _cpu(process)
            loaded = await load(emu, text)
            cpu, bot_cpu = time.process_time() - cpu, _cpu(process) - bot_cpu
            emu.calls.clear()
            single = await one_at_a_time(emu.user(19_998, "Solo"), text)
            emu.calls.clear()
            steady = await paced(emu, text) if with_paced else []
            retried = sum(1 for d in emu.delivery.log if d.error)
    finally:
        await emu.stop()
    return {
        "rate": loaded["updates"] / loaded["seconds"],
        "cpu_ms": bot_cpu / loaded["updates"] * 1000,  # the bot's process, per update
        "emulator_cpu_ms": cpu / loaded["updates"] * 1000,
        "loaded": loaded["latencies"],
        "single": single,
        "paced": steady,
        "retried": retried,
    }


def _cpu(bot: object) -> float:
    """The bot's CPU seconds: its own processes', or this one's for a bot run in this process."""
    return bot.cpu() if isinstance(bot, Process | Processes) else time.process_time()


async def measure(name: str, bot: Bot, text: str, runs: int = RUNS, **kw: Any) -> dict[str, Any]:
    """`runs` runs; the median rate and the run with that rate's latencies."""
    found = [await measure_once(bot, text, **kw) for _ in range(runs)]
    found.sort(key=lambda f: f["rate"])
    middle = found[len(found) // 2]
    rates = [f["rate"] for f in found]
    paced_p99 = (
        statistics.median(percentile(f["paced"], 99) for f in found) if middle["paced"] else 0
    )
    print(
        f"  {name:<34} {middle['rate']:7.1f} updates/s [runs: "
        + ", ".join(f"{r:.0f}" for r in rates)
        + f"] | burst: {summary_ms(middle['loaded'])} | one user: {summary_ms(middle['single'])}"
        + (f" | p99 at {PACED_RATE:g}/s: {paced_p99 * 1000:.1f} ms" if middle["paced"] else ""),
        flush=True,
    )
    return {**middle, "rates": rates, "paced_p99": paced_p99}


@dataclass(frozen=True)
class Rival:
    """A conventional bot ours is compared with: how it runs, and how its figure is named."""

    label: str  # what the ratio line says of it
    bot: Bot
    polling: bool


def rivals(kind: str, instances: int) -> list[Rival]:
    """One conventional poller beside one of ours; beside two of our webhook instances, the
    conventional bot deployed the same way (the ratio of like with like), and one conventional
    poller as well (what a second process buys over the simplest bot)."""
    single = Rival("", alone("conventional", kind), polling=True)
    if instances == 1:
        return [single]
    return [
        Rival("", pair("conventional"), polling=False),
        Rival("; theirs one polling process", single.bot, polling=True),
    ]


async def compare(runtime: str, kind: str, instances: int = 1) -> None:
    """Ours and the conventional aiogram bot, run after run in the same benchmark; with two
    instances, two webhook processes of each on PostgreSQL (`pair`), and one conventional
    poller beside them."""
    label = f"{runtime}, {kind}" + (", two instances" if instances == 2 else "")
    bot = pair(f"ours-{runtime}") if instances == 2 else ours(runtime, kind)
    against = rivals(kind, instances)
    mine: list[dict[str, Any]] = []
    theirs: list[list[dict[str, Any]]] = [[] for _ in against]
    for _ in range(RUNS):
        try:
            a = await measure_once(bot, "/start", polling=instances == 1)
            b = [
                await measure_once(r.bot, "/start", polling=r.polling, with_paced=False)
                for r in against
            ]
        except TimeoutError as exc:  # a starved machine: say so, keep the other figures
            print(f"  [{label}] a run gave up: {exc}", flush=True)
            continue
        mine.append(a)
        for found, figures in zip(theirs, b, strict=True):
            found.append(figures)
    if not mine:
        print(f"  throughput ours / conventional aiogram ({label}): no run finished NOT MET")
        return
    print(
        f"  [{label}] ours /start {_rate(mine)}; conventional aiogram + SQLAlchemy FSM "
        + ("as two webhook instances " if instances == 2 else "")
        + f"{_rate(theirs[0])} (each bot in its own processes, CPU of those processes)"
        + (f"; one conventional polling process {_rate(theirs[1])}" if instances == 2 else ""),
        flush=True,
    )
    for rival, found in zip(against, theirs, strict=True):
        ratios = [a["rate"] / b["rate"] for a, b in zip(mine, found, strict=True)]
        goal = Goal(
            f"throughput ours / conventional aiogram ({label}{rival.label})", 2.0, "×",
            at_least=True,
        )  # fmt: skip
        print(goal.line(statistics.median(ratios), ratios), flush=True)
    p99s = [percentile(a["paced"], 99) for a in mine]
    print(
        Goal(
            f"p99 at {PACED_RATE:g} updates/s ({label})", 0.05, "s", scale=1000, unit_shown="ms"
        ).line(statistics.median(p99s), p99s),
        flush=True,
    )


def _rate(runs: list[dict[str, Any]]) -> str:
    rate = statistics.median(r["rate"] for r in runs)
    cpu = statistics.median(r["cpu_ms"] for r in runs)
    return f"{rate:.1f} updates/s ({cpu:.1f} ms CPU each)"


async def run(kinds: tuple[str, ...] = ("sqlite", "postgresql")) -> None:
    print(f"Throughput: {USERS} users x {PER_USER} /start queued at once, then one user x "
          f"{SEQUENTIAL} in turn, then {PACED_RATE:g} updates/s for {PACED_SECONDS:g} s; "
          f"{RUNS} runs, medians")  # fmt: skip
    for kind in kinds:
        for runtime in ("aiogram", "ptb"):
            await compare(runtime, kind)
    if "postgresql" in kinds:
        for runtime in ("aiogram", "ptb"):
            await compare(runtime, "postgresql", instances=2)
    bare_aiogram_rate = (await measure("bare aiogram echo", alone("bare-aiogram"), "hello",
                                       with_paced=False))["rate"]  # fmt: skip
    bare_ptb_rate = (await measure("bare ptb echo", alone("bare-ptb"), "hello", with_paced=False))[
        "rate"
    ]
    print(
        f"  (bare echo bots, for scale: aiogram {bare_aiogram_rate:.0f}/s, "
        f"ptb {bare_ptb_rate:.0f}/s)",
        flush=True,
    )


if __name__ == "__main__":
    import sys

    asyncio.run(run(tuple(sys.argv[1:]) or ("sqlite", "postgresql")))
