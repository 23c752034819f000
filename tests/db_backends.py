"""pytest plugin: run every database test on SQLite and on PostgreSQL.

Fixtures:
- ``db_url`` (parametrised ``sqlite`` / ``postgresql``): a fresh, empty
  database for one test, as ``lacha --db`` takes it: a SQLite file path (the
  file does not exist yet) or the URL of a new PostgreSQL database holding
  lacha's empty tables (a copy of a template made once per run), dropped
  after the test.
- ``pg_server`` (session): the throwaway PostgreSQL server of ``pg_server.py``,
  started on first use and stopped at the end of the run.

Select one backend with ``-k sqlite`` or ``-k postgresql`` (the test ids end in
``[sqlite]`` / ``[postgresql]``).

Markers:
- ``sqlite_only``: the test is about the SQLite file itself (its path, a copy
  of it): its ``postgresql`` run is skipped with the reason.

Without a PostgreSQL server (no binaries, ``LACHA_TEST_PG=0``) the
``postgresql`` runs are skipped, saying why; with ``LACHA_TEST_PG=1`` (CI) a
missing server fails them instead.
"""

from __future__ import annotations

import pytest

import pg_server as _pg

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: the test is about the SQLite file; no PostgreSQL run")


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = _pg.get_server()
    except _pg.PgUnavailable as reason:
        if _pg.wanted():
            pytest.fail(f"PostgreSQL required ({_pg.ENV_SWITCH}=1) but unavailable: {reason}", pytrace=False)
        pytest.skip(f"no PostgreSQL server: {reason}")
    server.schema_template = _schema_template(server)
    yield server
    server.stop()


def _schema_template(server) -> str:
    """A database holding lacha's empty tables, copied for each test (creating them costs ~0.15 s)."""
    from lacha.db.engine import get_engine

    url = server.create_database("lacha_schema")
    get_engine(url).dispose()
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=BACKENDS)
def db_backend(request) -> str:
    """'sqlite' or 'postgresql'."""
    if request.param == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("about the SQLite file itself")
    return request.param


@pytest.fixture
def db_url(request, db_backend, tmp_path) -> str:
    """A fresh empty database for this test: a SQLite path or a PostgreSQL URL."""
    if db_backend == "sqlite":
        yield str(tmp_path / "lacha-test.db")
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_database(template=server.schema_template)
    yield url
    server.drop_database(url)
