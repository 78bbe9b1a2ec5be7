"""/stats: applications by status, category and division; studios; eligibility checks; the
tries at binding codes (linked, wrong, refused by a limit), where guessing would show; and the
staff whom notices cannot reach (they never wrote to the bot, or Telegram refused a notice)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from policy.categories import StudioCategory
from policy.categories import label as category_label
from policy.divisions import Division
from policy.divisions import label as division_label
from policy.eligibility import ARTICLE, ConditionCode
from policy.eligibility import label as condition_label
from policy.source import article_label
from policy.studio_status import label as state_label
from services import studios
from services.labels import status_label
from services.messages.values import Reader
from storage.repos.binding import Attempt, BindingRepo
from storage.repos.eligibility_outcomes import EligibilitySummary
from storage.repos.review_stats import StatsRepo


def _counts(
    ctx: Reader, counts: Mapping[str | None, int], name: Callable[[str], str]
) -> list[str]:
    """One line per key, largest first; keys not filled in come last as 'not given'."""
    ordered = sorted(counts.items(), key=lambda kv: (kv[0] is None, -kv[1], kv[0] or ""))
    return [
        ctx.t("stats.line", name=name(k) if k else ctx.t("stats.unknown"), count=v)
        for k, v in ordered
    ] or [ctx.t("stats.none")]


def enum_label(ctx: Reader, enum: type[StudioCategory] | type[Division]) -> Callable[[str], str]:
    def name(code: str) -> str:
        try:
            member = enum(code)
        except ValueError:
            return code
        if isinstance(member, StudioCategory):
            return category_label(member, ctx.texts.lang)
        return division_label(member, ctx.texts.lang)

    return name


def eligibility_text(ctx: Reader, summary: EligibilitySummary) -> str:
    """How many checks ran, how many may apply (eligible or by exception), what fails most."""
    if summary.total == 0:
        return ctx.t("stats.checks_none")
    may_apply = summary.passed + summary.exceptional
    text = ctx.t(
        "stats.checks",
        total=summary.total,
        passed=may_apply,
        rate=f"{may_apply / summary.total:.0%}",
        exceptional=summary.exceptional,
    )
    worst = summary.most_common_failure
    if worst is not None:
        count = summary.failing_counts[worst]
        text += "\n" + _worst(ctx, worst, count)
    return text


class StatsFlow(Flow):
    name = "stats"
    commands = ("stats",)
    menu_key = "menu.stats"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        figures = await ctx.uow.repo(StatsRepo).figures()
        tries = await ctx.uow.repo(BindingRepo).attempt_counts()
        total = sum(figures.by_status.values())
        parts = [
            ctx.t("stats.applications", count=total),
            "\n".join(_counts(ctx, figures.by_status, lambda k: status_label(ctx.texts, k))),
            ctx.t("stats.by_category"),
            "\n".join(_counts(ctx, figures.by_category, enum_label(ctx, StudioCategory))),
            ctx.t("stats.by_division"),
            "\n".join(_counts(ctx, figures.by_division, enum_label(ctx, Division))),
            ctx.t("stats.studios", count=sum(figures.studios_by_category.values())),
            "\n".join(_counts(ctx, figures.studios_by_category, enum_label(ctx, StudioCategory))),
            states_text(ctx, await studios.state_figures(ctx.uow)),
            eligibility_text(ctx, figures.eligibility),
            ctx.t(
                "stats.binding",
                ok=tries[Attempt.OK],
                wrong=tries[Attempt.WRONG],
                locked=tries[Attempt.LOCKED],
            ),
        ]
        unreachable = await ctx.uow.users.unreachable_among(await ctx.staff())
        if unreachable:
            parts.append(ctx.t("stats.unreachable", ids=", ".join(map(str, unreachable))))
        ctx.show("\n".join(parts))


def states_text(ctx: Context, figures: studios.StateFigures) -> str:
    """Studios by state (support over, revoked, withdrawn: 第十六、十七条), accepted (第十二条)."""
    lines = [ctx.t("studio.stats_states")]
    for state, count in figures.by_state.items():
        lines.append(
            ctx.t("studio.stats_state", state=state_label(state, ctx.texts.lang), count=count)
        )
    lines.append(ctx.t("studio.stats_accepted", count=figures.accepted))
    return "\n".join(lines)


def _worst(ctx: Reader, code: str, count: int) -> str:
    """The most common unmet condition, by its words and article, never its internal code."""
    try:
        condition = ConditionCode(code)
    except ValueError:
        return ctx.t("stats.worst_unknown", count=count)
    name = condition_label(condition, ctx.texts.lang)
    article = article_label(ARTICLE[condition], ctx.texts.lang)
    return ctx.t("stats.worst", condition=name, article=article, count=count)
