"""Taking updates in: raw JSON, one tolerant translation, each update on its own."""

from bot.intake.intake import Intake, Outcome, RetryLater

__all__ = ["Intake", "Outcome", "RetryLater"]
