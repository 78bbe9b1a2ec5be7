"""Reading the agency's own spreadsheets into the database (row by row, idempotent)."""
