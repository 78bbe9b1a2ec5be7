"""Settings from the environment and `.env` (DESIGN.md, "Contract with the outside")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AnyHttpUrl, Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:
    from services.recipients import Recipients

DEFAULT_DB_PATH = Path("data") / "studio.sqlite3"
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    """Everything the shell reads from outside; the core receives plain values from it."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str | None = None
    telegram_api_url: AnyHttpUrl = AnyHttpUrl("https://api.telegram.org")
    database_url: str = f"sqlite+aiosqlite:///{DEFAULT_DB_PATH}"
    staff_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    bot_runtime: Literal["aiogram", "ptb"] = "aiogram"
    webhook_url: AnyHttpUrl | None = None
    webhook_secret: str | None = Field(default=None, validate_default=True)
    http_listen: str = "0.0.0.0:8080"
    webapp_url: AnyHttpUrl | None = None
    webapp_auth_max_age: float = Field(default=86400.0, gt=0)
    timezone: str = "Asia/Shanghai"
    locale: Literal["zh", "en"] = "zh"
    send_rate: float = Field(default=30.0, gt=0)
    chat_rate: float = Field(default=1.0, gt=0)
    chat_burst: int = Field(default=3, ge=1)
    outbox_lease: float = Field(default=300.0, gt=0)
    request_timeout: float = Field(default=30.0, gt=0)
    log_level: str = "INFO"
    # limits on an imported studio list (an untrusted workbook): see storage/imports/limits.py
    import_max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    import_max_rows: int = Field(default=100_000, gt=0)
    import_max_cell: int = Field(default=2_000, gt=0)
    import_max_sheets: int = Field(default=20, gt=0)
    import_max_unzipped: int = Field(default=256 * 1024 * 1024, gt=0)
    import_max_ratio: int = Field(default=100, gt=0)
    update_max_attempts: int = Field(default=3, ge=1, le=100)
    on_conflict: Literal["standby", "exit"] = "standby"

    @field_validator("staff_ids", mode="before")
    @classmethod
    def _parse_staff_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            if not all(p.lstrip("-").isdigit() for p in parts):
                raise ValueError("must be comma-separated Telegram user ids, e.g. 123,456")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_with_webhook(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Telegram's secret_token: 1-256 of A-Z a-z 0-9 _ -; required in webhook mode."""
        if value is None or value == "":
            if info.data.get("webhook_url") is not None:
                raise ValueError("required when WEBHOOK_URL is set (1-256 of A-Z a-z 0-9 _ -)")
            return None
        if not SECRET_TOKEN.fullmatch(value):
            raise ValueError("must be 1-256 characters of A-Z a-z 0-9 _ - (Telegram's rule)")
        return value

    @field_validator("http_listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError("must be host:port, e.g. 0.0.0.0:8080")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        """Accept the plain URLs people copy from docs and pick the async driver for them."""
        for plain, async_ in (
            ("sqlite:///", "sqlite+aiosqlite:///"),
            ("postgresql://", "postgresql+asyncpg://"),
            ("postgres://", "postgresql+asyncpg://"),
        ):
            if value.startswith(plain):
                return async_ + value[len(plain) :]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        return value

    @property
    def api_base(self) -> str:
        return str(self.telegram_api_url).rstrip("/")

    @property
    def webapp_base(self) -> str | None:
        """The Mini App's public base without a trailing slash; None: no Mini App buttons."""
        return str(self.webapp_url).rstrip("/") if self.webapp_url else None

    @property
    def webhook_path(self) -> str:
        """The path the one HTTP server serves the webhook on: the URL's own path."""
        return (self.webhook_url.path or "/") if self.webhook_url else "/"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def recipients(self) -> Recipients:
        """Staff, default language and time zone for everything the bot says to someone."""
        from services.recipients import Recipients  # the database models: only when needed

        return Recipients(self.staff_ids, self.locale, self.tz)


class SettingsError(Exception):
    """A setting is wrong; the message names it in one line, for people, not tracebacks."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise SettingsError(f"Invalid setting {name}: {first['msg']}") from None
