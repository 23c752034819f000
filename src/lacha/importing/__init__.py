"""Reading officers' roster workbooks (roster-format.md) into the database."""
