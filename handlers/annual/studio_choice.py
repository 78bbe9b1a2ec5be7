"""Which studio a plan or report is for (most people file for exactly one).

The unit's contact files both; the studio's master (领办人) files the plan only
(:func:`policy.filing.may_file`); a studio without its title files nothing
(:func:`policy.studio_status.may_file`). The choice is a stateless button
``<flow>::s:<studio id>[:<year>]``; the id is untrusted, so it is accepted only for a studio this
user may file that paper for.
"""

from __future__ import annotations

from handlers.context import Context
from policy.filing import StudioRole
from policy.states import StudioState
from policy.studio_status import may_file as holds_duties
from services import submissions
from services.messages.keyboards import button, rows
from services.messages.payloads import ID, Action, number
from services.submissions import files, role_in
from storage.models import Studio


async def own_studio(ctx: Context, studio_id: int, kind: str) -> Studio | None:
    return await submissions.own_studio(ctx.uow, ctx.user_id, studio_id, kind)


async def pick_studio(ctx: Context, flow: str, year: int) -> Studio | None:
    """The user's only studio for this paper, or None after offering a choice or saying why not.

    A master who asks for the report is told that it is the unit's (:mod:`policy.filing`).
    """
    related = await submissions.related_studios(ctx.uow, ctx.user_id)
    studios = [s for s in related if files(s, ctx.user_id, flow)]
    if len(studios) == 1:
        return studios[0]
    if not studios:
        mastered = any(
            role_in(s, ctx.user_id) is StudioRole.MASTER and holds_duties(StudioState(s.status))
            for s in related
        )
        key = "annual.report_is_units" if mastered else "annual.no_studio"
        ctx.send(ctx.t(key), ctx.registry.menu(ctx))
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
