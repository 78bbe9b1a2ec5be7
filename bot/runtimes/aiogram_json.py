"""aiogram's aiohttp session, posting a call without files as a JSON body.

aiogram posts every call as a form, which aiohttp urlencodes with `urllib.parse.urlencode`: a
Chinese text is percent-escaped byte by byte in Python, ten times the cost of the same fields
as JSON and more than the rest of building the request. The Bot API takes a JSON body for any
call without files; the fields are those aiogram's own form would carry (`prepare_value`:
nested objects as their JSON text, as Telegram reads a form field), and a call with files still
goes out as aiogram's multipart form. Errors, timeouts and answers are aiogram's own handling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods.base import TelegramType
from aiohttp import ClientError, ClientTimeout

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import TelegramMethod

JSON = {"Content-Type": "application/json"}


class JsonSession(AiohttpSession):
    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,
    ) -> TelegramType:
        fields = self.json_fields(bot, method)
        if fields is None:
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        try:
            async with session.post(
                url,
                data=self.json_dumps(fields).encode(),
                headers=JSON,
                timeout=ClientTimeout(total=self.timeout if timeout is None else timeout),
            ) as resp:
                raw_result = await resp.text()
        except TimeoutError as e:
            raise TelegramNetworkError(method=method, message="Request timeout error") from e
        except ClientError as e:
            raise TelegramNetworkError(method=method, message=f"{type(e).__name__}: {e}") from e
        response = self.check_response(
            bot=bot, method=method, status_code=resp.status, content=raw_result
        )
        return cast(TelegramType, response.result)

    def json_fields(self, bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any] | None:
        """The fields of aiogram's form for `method`, or None if it uploads a file."""
        files: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:
                fields[key] = prepared
        return None if files else fields
