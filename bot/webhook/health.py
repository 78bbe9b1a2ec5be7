"""`GET /healthz`: can this instance work (its database answers), and how far behind is it.

200 while the database answers `SELECT 1`, 503 otherwise, so a load balancer or an orchestrator
stops sending to, or restarts, an instance that cannot store what it takes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Literal

from aiohttp import web
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.intake import Outcome
from bot.web.server import RouteSetup
from storage.repos.dead_letters import DeadLettersRepo
from storage.types import utcnow
from storage.uow import UnitOfWork

DB_TIMEOUT = 5.0
Mode = Literal["polling", "webhook"]
Take = Callable[[Any], Awaitable[Outcome]]


class Health:
    """What /healthz reports; `take` wraps the intake's to remember when an update came."""

    def __init__(
        self, engine: AsyncEngine, uow: Callable[[], UnitOfWork], mode: Mode, runtime: str
    ) -> None:
        self.engine = engine
        self.uow = uow
        self.mode = mode
        self.runtime = runtime
        self.last_update_at: datetime | None = None

    def counting(self, take: Take) -> Take:
        async def counted(raw: Any) -> Outcome:
            outcome = await take(raw)
            self.last_update_at = utcnow()
            return outcome

        return counted

    async def report(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "mode": self.mode,
            "runtime": self.runtime,
            "last_update_at": _iso(self.last_update_at),
        }
        try:
            body |= await asyncio.wait_for(self._database(), DB_TIMEOUT)
            body["database"] = "ok"
        except Exception as exc:  # away, refused, timed out: the report says so
            body["database"] = f"unreachable: {type(exc).__name__}"
        return body

    async def _database(self) -> dict[str, Any]:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        async with self.uow() as uow:
            pending, oldest = await uow.outbox.backlog()
            dead = await uow.repo(DeadLettersRepo).count()
        age = (utcnow() - oldest).total_seconds() if oldest else None
        return {
            "outbox_pending": pending,
            "outbox_oldest_age_s": None if age is None else round(max(0.0, age), 1),
            "dead_letters": dead,
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def health_route(health: Health) -> RouteSetup:
    async def healthz(request: web.Request) -> web.Response:
        body = await health.report()
        return web.json_response(body, status=200 if body["database"] == "ok" else 503)

    def setup(app: web.Application) -> None:
        app.router.add_get("/healthz", healthz)

    return setup
