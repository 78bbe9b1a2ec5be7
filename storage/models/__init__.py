"""All tables, imported here so that Alembic and `Base.metadata` see every one."""

from storage.models.base import Base
from storage.models.core import AuditEntry, Conversation, OutboxMessage, ProcessedUpdate, User

__all__ = ["AuditEntry", "Base", "Conversation", "OutboxMessage", "ProcessedUpdate", "User"]
