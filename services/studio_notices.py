"""The unit hears staff's decisions on its studio through the outbox, in its own language: the
one it chose, its Telegram client's, else the configured `LOCALE` the decision carries
(services.recipients)."""

from __future__ import annotations

from policy.i18n import Lang
from policy.revocation import RevocationGround
from policy.revocation import label as ground_label
from services.messages.actions import Send
from services.recipients import texts_for
from storage.models import Studio
from storage.uow import UnitOfWork


async def notify_unit(
    uow: UnitOfWork, found: Studio, key: str, text_key: str, default: Lang, **values: object
) -> bool:
    """Queue ``text_key`` for the studio's contact; False when the studio has none bound."""
    if found.contact_user_id is None:
        return False
    texts = await texts_for(uow, found.contact_user_id, default)
    shown = {
        k: ground_label(v, texts.lang) if isinstance(v, RevocationGround) else v
        for k, v in values.items()
    }
    text = texts(text_key, name=found.name, **shown)
    action = Send(chat_id=found.contact_user_id, text=text)
    return await uow.outbox.enqueue(key, found.contact_user_id, action.model_dump(mode="json"))
