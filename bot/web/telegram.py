"""Sending a web upload to the uploader's own chat, to get the file_id attachments are kept by.

The runtimes perform the core's actions and return nothing; this one call needs the answer
(the document's file_id), so it is made directly, under the same flood limiter.
"""

from __future__ import annotations

import io

import aiohttp

from bot.limiter import FloodLimiter


class UploadFailed(Exception):
    """Telegram refused the document or could not be reached; the page asks to try again."""


class DocumentUploader:
    def __init__(self, api_base: str, token: str, limiter: FloodLimiter, timeout: float) -> None:
        self._url = f"{api_base}/bot{token}/sendDocument"
        self._limiter = limiter
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def __call__(
        self, chat_id: int, file_name: str, content: bytes, caption: str
    ) -> tuple[str, str]:
        async with (
            self._limiter.slot(chat_id),
            aiohttp.ClientSession(timeout=self._timeout) as http,
            http.post(self._url, data=_form(chat_id, file_name, content, caption)) as response,
        ):
            answer = await response.json(content_type=None)
        document = (answer.get("result") or {}).get("document") if answer.get("ok") else None
        if not isinstance(document, dict):
            raise UploadFailed(str(answer.get("description", "no document in the answer")))
        return str(document["file_id"]), str(document["file_unique_id"])


def _form(chat_id: int, file_name: str, content: bytes, caption: str) -> aiohttp.MultipartWriter:
    """multipart/form-data with the file name as UTF-8, as browsers send it: aiohttp's FormData
    would percent-encode a Chinese name, and the receiver would keep the escapes as the name."""
    writer = aiohttp.MultipartWriter("form-data")
    for name, value in (("chat_id", str(chat_id)), ("caption", caption), ("parse_mode", "HTML")):
        writer.append(value).set_content_disposition("form-data", name=name)
    part = writer.append(io.BytesIO(content), {"Content-Type": "application/octet-stream"})
    part.set_content_disposition(
        "form-data", quote_fields=False, name="document", filename=file_name.replace('"', "'")
    )
    return writer
