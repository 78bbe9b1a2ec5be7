"""A year on a clock the test controls: every reminder reaches the right people exactly once.

The sweep runs every hour around the busy months (every seven hours otherwise, so it meets every
hour of the day), studios file as the year goes on, and the bot is down twice: the restart is a
new engine and a new scheduler object on the same database, whose start-up sweep catches up.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import date, datetime, timedelta

from policy.calendar import is_quiet
from scheduler.service import ReminderScheduler
from storage.db import create_engine, session_factory
from tests.scheduler.world import CONFIG, SH, World, at

BUSY = [(at(12, 25, 0, year=2026), at(2, 15, 0)), (at(3, 25, 0), at(4, 15, 0))]
BUSY.append((at(11, 1, 0), at(12, 31, 23)))
DOWN = [(at(1, 16, 12), at(1, 17, 23)), (at(2, 2, 10), at(2, 8, 22))]


def instants() -> Iterator[datetime]:
    now, end = BUSY[0][0], BUSY[-1][1]
    while now <= end:
        yield now
        busy = any(start <= now < stop for start, stop in BUSY)
        now += timedelta(hours=1 if busy else 7)


def is_down(now: datetime) -> bool:
    return any(start <= now < stop for start, stop in DOWN)


def expected(studio: dict[str, int]) -> set[str]:
    a, b, d = studio["A"], studio["B"], studio["D"]
    keys = set()

    def add(series: str, days: list[str], who: list[str]) -> None:
        keys.update(f"rem:{series}:2027:2027-{day}:{w}" for day in days for w in who)

    add("plan", ["01-01", "01-10"], [f"s{a}:u1001"])
    add("plan", ["01-01", "01-10", "01-17", "01-19", "01-20"], [f"s{b}:u1002"])
    add("plan_overdue", ["01-21", "01-27", "02-03"], [f"s{b}:u1002", "staff:u9001", "staff:u9002"])
    add("aggregate", ["02-07", "02-09"], ["staff:u9001", "staff:u9002"])
    add("report", ["11-15", "12-01"], [f"s{a}:u1001"])
    add("report", ["11-15"], [f"s{b}:u1002"])
    add("report", ["11-15", "12-01", "12-08", "12-14"], [f"s{d}:u1004"])
    return keys


async def test_a_simulated_year(world: World, sqlite_db: str) -> None:
    await world.user(1002, language="en")
    await world.user(9002, language="en", staff=True)
    studio = {
        "A": await world.studio("A", 1001),
        "B": await world.studio("B", 1002, approved_on=date(2026, 6, 1)),
        "C": await world.studio("C", None, approved_on=date(2024, 3, 1)),
        "D": await world.studio("D", 1004, approved_on=date(2027, 3, 1)),
        "E": await world.studio("E", 1005, status="revoked"),
    }
    returned: list[int] = []

    async def return_one() -> None:
        returned.append(await world.returned(1001, at(3, 30, 15)))

    async def resubmit() -> None:
        await world.set_status(returned[0], "submitted")

    events: dict[datetime, Callable[[], Awaitable[object]]] = {
        at(1, 15, 12): lambda: world.file(studio["A"], "plan"),
        at(3, 30, 15): return_one,
        at(4, 3, 10): resubmit,
        at(11, 20, 10): lambda: world.file(studio["B"], "report"),
        at(12, 5, 10): lambda: world.file(studio["A"], "report"),
    }
    engine = create_engine(sqlite_db)
    service = ReminderScheduler(session_factory(engine), CONFIG)
    was_down = False
    for now in instants():
        if now in events:
            await events.pop(now)()
        if is_down(now):
            was_down = True
            continue
        if was_down:  # a restart: new engine, new scheduler object, same database
            await engine.dispose()
            engine = create_engine(sqlite_db)
            service = ReminderScheduler(session_factory(engine), CONFIG)
            was_down = False
        await service.sweep(now)
    await engine.dispose()
    assert not events, "every filing happened"

    rows = await world.outbox()
    keys = [row.key for row in rows]
    assert len(keys) == len(set(keys))
    assert set(keys) == expected(studio) | {f"rem:returned:{returned[0]}v1:2027-04-01:u1001"}
    for row in rows:
        assert row.key.endswith(f":u{row.chat_id}"), "each row goes to the chat its key names"
        assert not is_quiet(row.not_before.astimezone(SH)), row.key


async def test_a_catch_up_late_at_night_waits_for_the_morning(world: World) -> None:
    await world.studio("B", 1002)
    service = ReminderScheduler(world.sessions, CONFIG)
    [queued] = await service.sweep(at(1, 17, 23, 30))
    assert queued.key.startswith("rem:plan:2027:2027-01-17:")
    [row] = await world.outbox()
    assert row.not_before == at(1, 18, 8)


async def test_languages_and_texts_follow_the_recipient(world: World) -> None:
    await world.user(1002, language="en")
    await world.studio("A <b>&", 1001)
    await world.studio("B", 1002)
    service = ReminderScheduler(world.sessions, CONFIG)
    await service.sweep(at(1, 10, 9))
    by_chat = {row.chat_id: row.action for row in await world.outbox()}
    assert "2027 年度工作计划" in by_chat[1001]["text"]
    assert "A &lt;b&gt;&amp;" in by_chat[1001]["text"], "studio names are escaped"
    assert "file your 2027 work plan with the agency by 2027-01-20" in by_chat[1002]["text"]
    assert by_chat[1002]["keyboard"][0][0]["payload"] == "plan::open"
