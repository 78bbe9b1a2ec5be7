"""The reply to a refused input, the same in forms and in staff steps."""

from __future__ import annotations

from handlers.context import Context
from policy.validators.errors import FieldError
from services.messages.texts import Texts


def refusal(ctx: Context, error: FieldError | str) -> str:
    """ "⚠️ what is wrong", shown above the question asked again (nothing typed is kept or cut)."""
    message = error.message(ctx.texts.lang) if isinstance(error, FieldError) else error
    return ctx.t("forms.error", message=message)


def catalog_error(key: str, **values: object) -> FieldError:
    """A refusal worded in the catalogs (for checks that live in a conversation, not policy)."""
    return FieldError(key, Texts("zh")(key, **values), Texts("en")(key, **values))
