"""The bot learns that its database is current without loading Alembic (issue 14: memory)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storage import migrate


def test_the_newest_revision_is_read_as_alembic_reads_it() -> None:
    assert migrate.head() == migrate.revisions()[-1]


async def test_a_database_is_current_only_once_upgraded(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/fresh.sqlite3"
    assert not await migrate.is_current(url)
    await migrate.upgrade(url, migrate.revisions()[-2])
    assert not await migrate.is_current(url)
    await migrate.upgrade_if_behind(url)
    assert await migrate.is_current(url)


def test_the_running_bot_loads_no_alembic_openpyxl_or_web_console() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, bot.app; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert [m for m in ("alembic", "openpyxl", "bot.web.backend") if m in loaded] == []
