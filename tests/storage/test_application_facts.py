"""The studio an approved application creates is read from the application form's own keys."""

from __future__ import annotations

from datetime import date

import pytest

from policy.categories import StudioCategory
from policy.forms.application import APPLICATION
from storage.models import Submission
from storage.repos import application_facts as facts_module
from storage.repos.application_facts import studio_facts

KEYS = [
    facts_module.STUDIO_NAME,
    facts_module.LEADER_NAME,
    facts_module.LEADER_ID,
    facts_module.UNIT_NAME,
    facts_module.UNIT_CREDIT_CODE,
    facts_module.CATEGORY,
    facts_module.DIVISION,
    facts_module.SECTOR,
]


@pytest.mark.parametrize("key", KEYS)
def test_every_key_is_a_field_of_the_application_form(key: str) -> None:
    assert APPLICATION.node(key) is not None


def test_facts_from_answers() -> None:
    answers = {
        "studio_name": "王五剪纸技能大师工作室",
        "category": "cultural_creative",
        "sector": "intangible_heritage",
        "master_name": "王五",
        "master_id": "410102198001011234",
        "unit_name": "荥阳剪纸协会",
        "unit_credit_code": "91410100MA0000000X",
        "division": "xingyang",
    }
    sub = Submission(title="王五剪纸技能大师工作室", category="cultural_creative", division=None)
    facts = studio_facts(sub, answers, date(2027, 3, 1))
    assert facts.category is StudioCategory.CULTURAL_CREATIVE and facts.intangible_heritage
    assert (facts.leader_name, facts.unit_name, facts.division) == (
        "王五",
        "荥阳剪纸协会",
        "xingyang",
    )
    assert facts.leader_id_number == "410102198001011234"
