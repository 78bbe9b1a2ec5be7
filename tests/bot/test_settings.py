"""Settings: sensible defaults, and a bad value named in one line."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, load_settings


def test_defaults_follow_the_design_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BOT_TOKEN", "DATABASE_URL", "STAFF_IDS", "BOT_RUNTIME", "LOCALE"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings(_env_file=None)
    assert settings.bot_token is None
    assert settings.api_base == "https://api.telegram.org"
    assert settings.database_url == "sqlite+aiosqlite:///data/studio.sqlite3"
    assert settings.bot_runtime == "aiogram" and settings.locale == "zh"
    assert (settings.send_rate, settings.chat_rate, settings.timezone) == (30, 1, "Asia/Shanghai")


def test_staff_ids_and_plain_database_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAFF_IDS", " 12, 34;56 ")
    monkeypatch.setenv("DATABASE_URL", "postgresql://root@127.0.0.1:5432/test")
    settings = load_settings(_env_file=None)
    assert settings.staff_ids == {12, 34, 56}
    assert settings.database_url == "postgresql+asyncpg://root@127.0.0.1:5432/test"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STAFF_IDS", "12,abc"),
        ("BOT_RUNTIME", "telethon"),
        ("TELEGRAM_API_URL", "not a url"),
        ("DATABASE_URL", "mysql://x"),
        ("TIMEZONE", "Mars/Olympus"),
        ("SEND_RATE", "fast"),
        ("LOCALE", "fr"),
    ],
)
def test_a_bad_value_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        load_settings(_env_file=None)
    message = str(raised.value)
    assert message.startswith(f"Invalid setting {name}:") and "\n" not in message
