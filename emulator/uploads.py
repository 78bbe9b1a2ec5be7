"""Where a sent file comes from: a multipart part (directly or via attach://name) or a file_id.

Telegram would also fetch an http(s) URL; the emulator has no internet to fetch from, and
answers as Telegram does when a fetch fails.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from emulator.files import StoredFile
from emulator.params import Params, Upload, bad_request
from emulator.state import World

WRONG_FILE = "wrong file identifier/HTTP URL specified"


def _stored_upload(world: World, upload: Upload, folder: str) -> StoredFile:
    if not upload.content:
        raise bad_request("file must be non-empty")
    guessed = mimetypes.guess_type(upload.filename)[0]
    declared = upload.content_type
    if declared in ("", "application/octet-stream") and guessed:
        declared = guessed
    return world.files.put(upload.content, upload.filename, declared, folder)


def resolve(world: World, params: Params, field: str, value: Any, folder: str) -> StoredFile:
    """The file `value` names; `field` only words the error when nothing was sent."""
    if isinstance(value, str) and value.startswith("attach://"):
        value = params.raw.get(value.removeprefix("attach://"))
        if value is None:
            raise bad_request(f"{field} attachment not found")
    if isinstance(value, Upload):
        return _stored_upload(world, value, folder)
    if not isinstance(value, str) or not value:
        raise bad_request(f"there is no {field} in the request")
    if value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    stored = world.files.get(value)
    if stored is None:
        raise bad_request(WRONG_FILE)
    return stored
