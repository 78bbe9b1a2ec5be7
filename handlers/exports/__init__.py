"""/export: the agency's workbook for staff."""

from handlers.exports.flow import ExportFlow

__all__ = ["ExportFlow"]
