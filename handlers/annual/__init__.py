"""The annual cycle: plans and reports by studios, assessments, the calendar and reminders."""

from __future__ import annotations

from handlers.annual.assess import AssessFlow
from handlers.annual.calendar import CalendarFlow
from handlers.annual.plan import PlanFlow
from handlers.annual.reminders import RemindersFlow
from handlers.annual.report import ReportFlow
from handlers.flow import Flow


def annual_flows() -> list[Flow]:
    return [PlanFlow(), ReportFlow(), AssessFlow(), CalendarFlow(), RemindersFlow()]
