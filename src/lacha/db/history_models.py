"""Tables of what lacha remembers over time (issue 5).

- ``AssessmentRun`` / ``AssessmentResult``: every ``assess`` and ``dossier`` run
  (profile, as-of date, each criterion's status, when, OS user, command) —
  read by ``lacha history``.
- ``RecordVersion``: what each import said about each record, dated by the
  import's ``--effective`` date — read by ``load_snapshot`` for a past
  ``--as-of`` (rules in ``lacha.importing.versions``).

Registered by the last line of ``lacha.db.models`` so that ``create_all`` sees them.
"""

import datetime as dt

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel


class AssessmentRun(SQLModel, table=True):
    """One ``lacha assess`` or ``lacha dossier`` run for one ward."""

    __tablename__ = "assessment_run"
    id: int | None = Field(default=None, primary_key=True)
    ward_id: int = Field(foreign_key="ward.id", index=True)
    profile_id: str
    profile_title: str
    as_of: dt.date
    run_at: dt.datetime  # UTC (as ImportRun.imported_at)
    os_user: str | None = None
    command: str
    passed: bool


class AssessmentResult(SQLModel, table=True):
    """One criterion's status in one run."""

    __tablename__ = "assessment_result"
    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="assessment_run.id", index=True)
    position: int  # the criterion's place in the profile
    criterion: str  # the criterion id as the plan numbers it: "e"
    title: str  # its short title
    status: str  # pass / fail / insufficient_data
    numerator: int | None = None
    denominator: int | None = None


class RecordVersion(SQLModel, table=True):
    """What one import said about one record (a roster row, or the ward's DiaBan values).

    ``stated_on`` is the import's effective date (ngày số liệu); NULL for a
    baseline taken from rows imported before versions were kept. ``data`` is
    the row as JSON (every column but id and ward_id); NULL means the import
    removed the record (``--replace``).
    """

    __tablename__ = "record_version"
    __table_args__ = (Index("ix_record_version_ward_kind_key", "ward_id", "kind", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    ward_id: int = Field(foreign_key="ward.id", index=True)
    kind: str  # a roster kind ("addicts" …) or "ward"
    key: str
    stated_on: dt.date | None = None
    import_run_id: int | None = Field(default=None, foreign_key="import_run.id")
    data: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
