"""Which studio a plan or report is for (most people file for exactly one).

The unit's contact files both; the studio's master (领办人) files the plan only
(:func:`policy.filing.may_file`); a studio without its title files nothing
(:func:`policy.studio_status.may_file`). The choice is a stateless button
``<flow>::s:<studio id>[:<year>]``; the id is untrusted, so it is accepted only for a studio this
user may file that paper for.
"""

from __future__ import annotations

from handlers.context import Context
from policy.filing import StudioRole, may_file
from policy.states import StudioState
from policy.studio_status import may_file as holds_duties
from services.messages.keyboards import button, rows
from services.messages.payloads import number
from storage.models import Studio
from storage.repos.studios import StudiosRepo


def role_in(studio: Studio, user_id: int) -> StudioRole | None:
    """The user's relation to the studio; the unit's contact wins over the master."""
    if studio.contact_user_id == user_id:
        return StudioRole.UNIT_CONTACT
    if studio.master_user_id == user_id:
        return StudioRole.MASTER
    return None


def files(studio: Studio, user_id: int, kind: str) -> bool:
    """Whether ``user_id`` files ``kind`` ("plan" or "report") for this studio now."""
    role = role_in(studio, user_id)
    return role is not None and may_file(kind, role) and holds_duties(StudioState(studio.status))


async def own_studio(ctx: Context, studio_id: int, kind: str) -> Studio | None:
    studio = await ctx.uow.repo(StudiosRepo).get(studio_id)
    return studio if studio is not None and files(studio, ctx.user_id, kind) else None


async def _related(ctx: Context) -> list[Studio]:
    repo = ctx.uow.repo(StudiosRepo)
    found = {s.id: s for s in await repo.of_contact(ctx.user_id)}
    for studio in await repo.of_master(ctx.user_id):
        found.setdefault(studio.id, studio)
    return [found[k] for k in sorted(found)]


async def pick_studio(ctx: Context, flow: str, year: int) -> Studio | None:
    """The user's only studio for this paper, or None after offering a choice or saying why not.

    A master who asks for the report is told that it is the unit's (:mod:`policy.filing`).
    """
    related = await _related(ctx)
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
    choices = [button(s.name, flow, f"s:{s.id}:{year}") for s in studios]
    ctx.send(ctx.t("annual.which_studio", year=year), rows(choices))
    return None


def parse_choice(action: str) -> tuple[int, int] | None:
    """(studio id, year) from ``s:<id>:<year>``; None for anything else."""
    parts = action.split(":")
    if len(parts) != 3 or parts[0] != "s":
        return None
    studio_id, year = number(parts[1]), number(parts[2])
    return None if studio_id is None or year is None else (studio_id, year)


def parse_year(args: str, default: int) -> int:
    year = number(args.strip())
    return year if year is not None and 2018 <= year <= 2100 else default
