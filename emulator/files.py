"""Stored files addressed by file_id, like Telegram's cloud storage."""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from typing import Any

MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile refuses bigger files on the public Bot API
# The look of real ids by kind of file, so nobody mistakes one kind for another in a log.
_ID_PREFIX = {"documents": "BQACAgIAAxk", "photos": "AgACAgIAAxk", "stickers": "CAACAgIAAxk"}
_UNIQUE_PREFIX = {"documents": "AgAD", "photos": "AQAD", "stickers": "AgAD"}


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    file_name: str
    mime_type: str

    @property
    def size(self) -> int:
        return len(self.content)

    def file_json(self) -> dict[str, Any]:
        """File: what getFile returns, with the path to download it from."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }

    def document_json(self) -> dict[str, Any]:
        """Document: file_name and mime_type only when known, as `JsonDocument` writes them."""
        body: dict[str, Any] = {}
        if self.file_name:
            body["file_name"] = self.file_name
        if self.mime_type:
            body["mime_type"] = self.mime_type
        return {**body, **self.id_json()}

    def photo_size_json(self, width: int, height: int) -> dict[str, Any]:
        """PhotoSize: one of the sizes Telegram keeps of a photo."""
        return {**self.id_json(), "width": width, "height": height}

    def id_json(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }


class FileStore:
    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def put(self, content: bytes, file_name: str, mime_type: str, folder: str) -> StoredFile:
        """Unique ids per upload, as Telegram gives a fresh file_id to each upload."""
        number = next(self._counter)
        suffix = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        id_prefix, unique_prefix = (
            _ID_PREFIX.get(folder, "BQACAgIAAxk"),
            _UNIQUE_PREFIX.get(folder, "AgAD"),
        )
        stored = StoredFile(
            file_id=f"{id_prefix}{secrets.token_urlsafe(24)}",
            file_unique_id=f"{unique_prefix}{number:04d}{secrets.token_hex(3)}",
            file_path=f"{folder}/file_{number}.{suffix}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)
