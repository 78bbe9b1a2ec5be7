"""A studio as a plain row, for tests that insert many at once past the repositories."""

from __future__ import annotations

from datetime import date

from policy.states import StudioState
from storage.types import utcnow


def studio_row(n: int, **columns: object) -> dict[str, object]:
    """An active, imported studio numbered `n`; `columns` override or add to it."""
    return {
        "id": n,
        "name": f"S{n}",
        "category": "modern_tech",
        "leader_name": "L",
        "unit_name": "U",
        "approved_on": date(2024, 6, 1),
        "support_ends_on": date(2027, 12, 31),
        "construction_cap": 1,
        "status": StudioState.ACTIVE,
        "source": "import",
        "intangible_heritage": False,
        "created_at": utcnow(),
        **columns,
    }
