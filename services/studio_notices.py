"""The unit hears staff's decisions on its studio through the outbox, in its own language."""

from __future__ import annotations

from policy.i18n import Lang
from policy.revocation import RevocationGround
from policy.revocation import label as ground_label
from services.messages.actions import Send
from services.messages.texts import Texts, pick_language
from storage.models import Studio
from storage.uow import UnitOfWork

DEFAULT_LANG: Lang = "zh"


async def texts_for_user(uow: UnitOfWork, user_id: int, default: Lang = DEFAULT_LANG) -> Texts:
    """Someone else's texts: their chosen language, else their client's, else ``default``."""
    user = await uow.users.get(user_id)
    chosen, telegram = (user.language, user.telegram_language) if user else (None, None)
    return Texts(pick_language(chosen, telegram, default))


async def notify_unit(
    uow: UnitOfWork, found: Studio, key: str, text_key: str, **values: object
) -> bool:
    """Queue ``text_key`` for the studio's contact; False when the studio has none bound."""
    if found.contact_user_id is None:
        return False
    texts = await texts_for_user(uow, found.contact_user_id)
    shown = {
        k: ground_label(v, texts.lang) if isinstance(v, RevocationGround) else v
        for k, v in values.items()
    }
    text = texts(text_key, name=found.name, **shown)
    action = Send(chat_id=found.contact_user_id, text=text)
    return await uow.outbox.enqueue(key, found.contact_user_id, action.model_dump(mode="json"))
