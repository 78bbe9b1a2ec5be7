"""`studio-bot run` without a token starts the playground on the embedded SQLite."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
SCRIPT = "/help\n:as staff\n/start\n:as nobody\n7\n:quit\n"


async def _run_cli(cwd: Path, stdin: str, *args: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        cwd=cwd,
        env={**env, "PYTHONPATH": ROOT},
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await process.communicate(stdin.encode())
    return process.returncode or 0, out.decode()


async def test_run_without_token_is_a_local_chat_with_personas(tmp_path: Path) -> None:
    code, out = await _run_cli(tmp_path, SCRIPT, "run")
    assert code == 0, out
    assert "Playground" in out and "/cancel" in out, out
    assert "bot → staff" in out and "经办机构工作人员" in out
    assert "choose one of: master, unit, staff" in out
    assert "Mini App (open in a browser, signed as each persona)" in out
    assert "unit: http://127.0.0.1:" in out and "#tgWebAppData=" in out
    assert "staff, review console: http://127.0.0.1:" in out and "/?view=console#" in out
    assert (tmp_path / "data" / "studio.sqlite3").exists(), "the embedded SQLite is used"


async def test_a_bad_setting_stops_start_up_with_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("STAFF_IDS=12,abc\n")
    code, out = await _run_cli(tmp_path, "", "run")
    assert code == 2
    assert out.strip().splitlines() == [
        "Invalid setting STAFF_IDS: Value error, must be comma-separated Telegram user ids, "
        "e.g. 123,456"
    ]
