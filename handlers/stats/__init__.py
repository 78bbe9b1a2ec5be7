"""/stats: the programme's figures for staff."""

from handlers.stats.flow import StatsFlow

__all__ = ["StatsFlow"]
