"""What an application's answers say about the studio it asks for.

The application form (policy/forms/application.py) names its fields; this module is the one
place that knows which of them make up a studio, for approval (第十二、十三条) and for exports.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from policy.categories import StudioCategory
from policy.sectors import FocusSector
from storage.models import Submission
from storage.repos.studios import StudioFacts

STUDIO_NAME = "studio_name"
LEADER_NAME = "master_name"
LEADER_ID = "master_id"
UNIT_NAME = "unit_name"
UNIT_CREDIT_CODE = "unit_credit_code"
CATEGORY = "category"
DIVISION = "division"
SECTOR = "sector"


def answer(answers: Mapping[str, Any] | None, key: str) -> str | None:
    value = (answers or {}).get(key)
    return None if value in (None, "") else str(value)


def studio_facts(
    submission: Submission, answers: Mapping[str, Any], approved_on: date
) -> StudioFacts:
    """The studio an approved application creates; the submission's columns win if set."""
    category = submission.category or answer(answers, CATEGORY) or ""
    sector = answer(answers, SECTOR)
    return StudioFacts(
        name=(answer(answers, STUDIO_NAME) or submission.title)[:128],
        category=StudioCategory(category),
        leader_name=(answer(answers, LEADER_NAME) or "")[:64],
        unit_name=(answer(answers, UNIT_NAME) or "")[:128],
        approved_on=approved_on,
        division=submission.division or answer(answers, DIVISION),
        sector=sector,
        leader_id_number=answer(answers, LEADER_ID),
        unit_credit_code=answer(answers, UNIT_CREDIT_CODE),
        intangible_heritage=sector == FocusSector.INTANGIBLE_HERITAGE.value,
    )
