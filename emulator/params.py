"""Request parameters as Telegram accepts them: query, JSON, urlencoded or multipart.

aiogram posts form fields (multipart when a file is attached, with `attach://` refs);
python-telegram-bot posts urlencoded fields or multipart with the file under the
parameter name. Non-string values arrive JSON-encoded inside form fields, so typed
getters decode them here rather than in every method.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web


class ApiError(Exception):
    """Raised anywhere in a method to answer with Telegram's error JSON."""

    def __init__(
        self, description: str, status: int = 400, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(f"Bad Request: {reason}")


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    content: bytes
    content_type: str

    def __repr__(self) -> str:
        return f"Upload({self.filename!r}, {len(self.content)} bytes, {self.content_type!r})"


async def read_params(request: web.Request) -> dict[str, Any]:
    """Merge all parameter sources; the body wins over the query string."""
    params: dict[str, Any] = dict(request.query)
    if not request.body_exists:
        return params
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise bad_request("can't parse JSON body") from exc
        if isinstance(body, dict):
            params.update(body)
        return params
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            form = await request.post()
        except ValueError as exc:
            raise bad_request("can't parse request body") from exc
        for key, value in form.items():
            if isinstance(value, web.FileField):
                content = value.file.read()
                params[key] = Upload(value.filename, content, value.content_type)
            else:
                params[key] = value
    return params


class Params:
    """Typed, Telegram-worded access to the merged parameters."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def has(self, key: str) -> bool:
        return self.raw.get(key) not in (None, "")

    def get_str(self, key: str, default: str | None = None) -> str | None:
        value = self.raw.get(key)
        if value is None:
            return default
        if isinstance(value, Upload):
            raise bad_request(f"{key} must be a string")
        return value if isinstance(value, str) else json.dumps(value)

    def get_int(self, key: str, default: int | None = None) -> int | None:
        value = self.raw.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            raise bad_request(f'field "{key}" must be of type Integer')
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise bad_request(f'field "{key}" must be of type Integer') from None

    def get_float(self, key: str, default: float | None = None) -> float | None:
        value = self.raw.get(key)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f'field "{key}" must be of type Number') from None

    def get_bool(self, key: str, default: bool = False) -> bool:
        value = self.raw.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("true", "1", "yes")

    def get_json(self, key: str) -> Any:
        """Decode complex fields that form encodings carry as JSON text."""
        value = self.raw.get(key)
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {key} JSON object") from None

    def chat_id(self) -> int:
        value = self.raw.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        try:
            return self.get_int("chat_id") or 0
        except ApiError:
            raise bad_request("chat not found") from None
