"""Files a simulated user sends: documents, photos and stickers, stored like uploads."""

from __future__ import annotations

import asyncio
import mimetypes
from pathlib import Path
from typing import Any

from emulator.images import image_size, photo_sizes
from emulator.state import ChatLog, World
from emulator.text_entities import find_entities

_WEBP_STUB = b"RIFF\x0c\x00\x00\x00WEBPVP8 \x00\x00\x00\x00"  # enough for a file header
FALLBACK_SIZE = (1280, 960)  # for test bytes that are no real picture


def caption_fields(caption: str | None) -> dict[str, Any]:
    """A caption with the entities Telegram finds in it, or nothing for no caption."""
    if not caption:
        return {}
    entities = find_entities(caption, bot_commands=True, phone_numbers=True)
    return {"caption": caption, **({"caption_entities": entities} if entities else {})}


class UserMedia:
    _world: World
    _log: ChatLog

    def _push_message(self, extra: dict[str, Any]) -> int:
        raise NotImplementedError

    async def send_document(
        self,
        source: bytes | str | Path,
        file_name: str | None = None,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> int:
        if isinstance(source, bytes):
            content, name = source, file_name or "document.bin"
        else:
            path = Path(source)
            content, name = await asyncio.to_thread(path.read_bytes), file_name or path.name
        mime = mime_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        stored = self._world.files.put(content, name, mime, "documents")
        return self._push_message({"document": stored.document_json(), **caption_fields(caption)})

    async def send_photo(self, content: bytes, caption: str | None = None) -> int:
        """A photo at the sizes Telegram would keep of it (90 px up to the original)."""
        width, height = image_size(content) or FALLBACK_SIZE
        sizes = list(photo_sizes(self._world.files, content, width, height))
        return self._push_message({"photo": sizes, **caption_fields(caption)})

    async def send_sticker(self, emoji: str = "👍") -> int:
        """A regular static sticker, shaped as the Sticker object `JsonSticker` writes."""
        stored = self._world.files.put(_WEBP_STUB, "sticker.webp", "image/webp", "stickers")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": stored.size,
        }
        return self._push_message({"sticker": sticker})
