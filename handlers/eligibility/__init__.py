"""Eligibility of a master (Art. 4) and the falsification bar (Art. 17): /check and /finding."""

from __future__ import annotations

from handlers.eligibility.check import CheckFlow
from handlers.eligibility.finding import FindingFlow
from handlers.flow import Flow


def eligibility_flows() -> list[Flow]:
    return [CheckFlow(), FindingFlow()]
