"""Which of the contact's studios a plan or report is for (most contacts have exactly one).

The choice is a stateless button ``<flow>::s:<studio id>[:<year>]``; the id is untrusted, so it
is accepted only for a studio this user is the contact of.
"""

from __future__ import annotations

from handlers.context import Context
from policy.states import StudioState
from policy.studio_status import may_file
from services import submissions
from services.messages.keyboards import button, rows
from services.messages.payloads import ID, Action, number
from storage.models import Studio
from storage.repos.studios import StudiosRepo


async def own_studio(ctx: Context, studio_id: int) -> Studio | None:
    return await submissions.own_studio(ctx.uow, ctx.user_id, studio_id)


async def pick_studio(ctx: Context, flow: str, year: int) -> Studio | None:
    """The contact's only studio, or None after offering a choice (or saying there is none)."""
    mine = await ctx.uow.repo(StudiosRepo).of_contact(ctx.user_id)
    studios = [s for s in mine if may_file(StudioState(s.status))]
    if len(studios) == 1:
        return studios[0]
    if not studios:
        ctx.send(ctx.t("annual.no_studio"), ctx.registry.menu(ctx))
        return None
    choices = [button(s.name, flow, Action.of("s", s.id, year)) for s in studios]
    ctx.send(ctx.t("annual.which_studio", year=year), rows(choices))
    return None


def parse_choice(action: Action) -> tuple[int, int] | None:
    """(studio id, year) from ``s:<id>:<year>``; None for another verb, BadPayload if forged."""
    return action.take(ID, ID) if action.verb == "s" else None


def parse_year(args: str, default: int) -> int:
    year = number(args.strip())
    return year if year is not None and 2018 <= year <= 2100 else default
