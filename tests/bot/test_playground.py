"""`studio-bot run` without a token starts the playground on the embedded SQLite."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
ID_NUMBER = "410105198001011239"
SCRIPT = "/help\n:as staff\n/start\n:as nobody\n:99\n:nonsense\n:quit\n"


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
    assert "no button [99] on the latest message" in out
    assert "unknown command :nonsense; :help lists them" in out
    assert "staff, review console: http://127.0.0.1:" in out and "/?view=console#" in out
    assert "master, eligibility check: http://127.0.0.1:" in out and "/?form=check#" in out
    assert (tmp_path / "data" / "studio.sqlite3").exists(), "the embedded SQLite is used"


async def test_digits_are_text_and_buttons_are_pressed_explicitly(tmp_path: Path) -> None:
    script = [":as unit", "/apply", "星光工作室", ":1", "#1", "张三", ID_NUMBER, "13800000000"]
    code, out = await _run_cli(tmp_path, "\n".join([*script, ":quit", ""]), "run")
    assert code == 0, out
    assert "第 2/38 项" in out and "第 3/38 项" in out, "the buttons were pressed"
    assert "技能大师身份证号" in out and "技能大师手机号" in out, "the number went in as text"
    assert "职业（工种）" in out, "so did the mobile number"
    assert "no button" not in out


async def test_documents_the_bot_sends_are_saved_and_migrations_stay_in_the_log(
    tmp_path: Path,
) -> None:
    code, out = await _run_cli(tmp_path, ":as staff\n/export\n:quit\n", "run")
    assert code == 0, out
    (saved,) = (tmp_path / "data" / "playground-downloads").iterdir()
    assert saved.name.startswith("studios-") and saved.suffix == ".xlsx"
    assert saved.read_bytes().startswith(b"PK"), "the workbook as the bot sent it"
    assert f"saved to data/playground-downloads/{saved.name}" in out
    assert "alembic" not in out
    assert "alembic" in (tmp_path / "data" / "playground.log").read_text("utf-8")


async def test_a_bad_setting_stops_start_up_with_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("STAFF_IDS=12,abc\n")
    code, out = await _run_cli(tmp_path, "", "run")
    assert code == 2
    assert out.strip().splitlines() == [
        "Invalid setting STAFF_IDS: Value error, must be comma-separated Telegram user ids, "
        "e.g. 123,456"
    ]
