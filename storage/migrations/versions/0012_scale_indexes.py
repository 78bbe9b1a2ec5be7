"""scale indexes: the staff views, the reminder sweeps and /stats at a province's size (issue 14)

- `ix_submissions_status_updated`: /pending, the open submissions the one waiting longest first,
  read in index order (a page is a short index walk, the count an index-only scan);
- `ix_submissions_kind_status_category_division`: /stats counts applications by status,
  category and division from the index alone;
- `ix_submissions_studio_kind_year`: "has this studio filed its plan (report) for the year?",
  asked per studio by every reminder sweep and by the annual flows;
- `ix_users_staff`: the few staff granted in the bot, among a hundred thousand users (/stats,
  every sweep), a partial index of only them;
- `ix_studios_status_category`: /stats counts the studios holding the title by category;
- `ix_outbox_key_c` (PostgreSQL): the outbox keys of one reminder moment, a range of the key in
  code-point order (`COLLATE "C"`), whatever the database's own collation (SQLite compares keys
  byte-wise, so its unique index on the key serves the range already).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_submissions_status_updated", "submissions", ["status", "updated_at", "id"])
    op.create_index(
        "ix_submissions_kind_status_category_division",
        "submissions",
        ["kind", "status", "category", "division"],
    )
    op.create_index(
        "ix_submissions_studio_kind_year", "submissions", ["studio_id", "kind", "year"]
    )
    # the predicate as the query writes it (`User.is_staff.is_(True)`), so the planner matches
    op.create_index(
        "ix_users_staff",
        "users",
        ["id"],
        sqlite_where=sa.text("is_staff IS 1"),
        postgresql_where=sa.text("is_staff IS true"),
    )
    op.create_index("ix_studios_status_category", "studios", ["status", "category"])
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_outbox_key_c", "outbox", [sa.text('key COLLATE "C"')])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_outbox_key_c", table_name="outbox")
    op.drop_index("ix_studios_status_category", table_name="studios")
    op.drop_index("ix_users_staff", table_name="users")
    op.drop_index("ix_submissions_studio_kind_year", table_name="submissions")
    op.drop_index("ix_submissions_kind_status_category_division", table_name="submissions")
    op.drop_index("ix_submissions_status_updated", table_name="submissions")
