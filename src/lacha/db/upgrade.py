"""Columns added to lacha's tables after a database was created (issue 14: the ward's Kính gửi and the
numbers of the Báo cáo and Biên bản): added, empty, to a database that lacks them."""

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

# table → columns added since the first schema (each nullable text)
ADDED_COLUMNS = {"ward": ("addressees", "report_number", "minutes_number")}


def missing_columns(conn: Connection) -> list[tuple[str, str]]:
    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    missing = []
    for table, columns in ADDED_COLUMNS.items():
        if table in tables:
            have = {c["name"] for c in inspector.get_columns(table)}
            missing += [(table, column) for column in columns if column not in have]
    return missing


def add_missing_columns(conn: Connection) -> None:
    for table, column in missing_columns(conn):
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" VARCHAR')
