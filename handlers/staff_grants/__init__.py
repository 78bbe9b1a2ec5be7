"""/staff: the list of agency staff, and granting or revoking staff in the bot."""

from handlers.staff_grants.flow import StaffFlow

__all__ = ["StaffFlow"]
