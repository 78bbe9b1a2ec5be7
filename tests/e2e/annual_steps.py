"""Filling a plan or report through the emulator: a text answer, or ⏭ 跳过 for None."""

from __future__ import annotations

from collections.abc import Sequence

from emulator import SimUser


async def fill(user: SimUser, answers: Sequence[str | None]) -> None:
    for answer in answers:
        if answer is None:
            await user.click("⏭ 跳过")
        else:
            await user.ask(answer)
