"""The plain-sqlite3 path reads and writes values exactly as the ORM does, and joins the
ORM session's transaction when given a session."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from db import sqlconn
from db.models import CommuneProfile
from db.models_dossiers import DossierManualFigures
from db.values import (
    date_from_db,
    date_to_db,
    datetime_from_db,
    datetime_to_db,
    points_from_db,
    points_to_db,
)
from desktop.core.workspace import open_workspace


@pytest.fixture
def ws(tmp_path):
    w = open_workspace(tmp_path / "du-lieu")
    yield w
    w.close()


def test_orm_values_read_back_through_plain_sql(ws):
    when = datetime(2023, 4, 4, 8, 5, 9)
    with ws.transaction() as s:
        s.add(
            DossierManualFigures(
                date_from=date(2022, 12, 15),
                date_to=date(2023, 3, 30),
                service_index=Decimal("88.123"),
                updated_at=when,
            )
        )
    with ws.connection() as conn:
        r = sqlconn.row(conn, "SELECT * FROM dossier_manual_figures")
    assert date_from_db(r["date_from"]) == date(2022, 12, 15)
    assert points_from_db(r["service_index"]) == Decimal("88.123")
    assert datetime_from_db(r["updated_at"]) == when
    assert r["updated_at"] == datetime_to_db(when)
    assert r["date_to"] == date_to_db(date(2023, 3, 30))
    assert r["service_index"] == points_to_db(Decimal("88.1234"))


def test_plain_sql_writes_read_back_through_the_orm(ws):
    with ws.connection() as conn, sqlconn.transaction(conn):
        new_id = sqlconn.execute(
            conn,
            "INSERT INTO dossier_manual_figures (date_from, date_to, service_index, note, "
            "updated_at) VALUES (?, ?, ?, '', ?)",
            (
                date_to_db(date(2023, 1, 1)),
                date_to_db(date(2023, 3, 31)),
                points_to_db(Decimal("1.577")),
                datetime_to_db(datetime(2023, 4, 1, 7, 0, 0)),
            ),
        )
    with ws.session() as s:
        row = s.get(DossierManualFigures, new_id)
        assert row.service_index == Decimal("1.577")
        assert row.date_to == date(2023, 3, 31)
        assert row.updated_at == datetime(2023, 4, 1, 7, 0, 0)


def test_a_session_shares_its_transaction_and_flushes_first(ws):
    with ws.transaction() as s:
        s.add(CommuneProfile(commune_name="Hồng Phúc", district="Ninh Giang", province="Hải Dương"))
        # not committed yet, and not flushed: the plain query still sees it
        assert sqlconn.value(s, "SELECT commune_name FROM commune_profile") == "Hồng Phúc"
    with ws.connection() as conn:
        assert sqlconn.value(conn, "SELECT count(*) FROM commune_profile") == 1
    with pytest.raises(RuntimeError), ws.transaction() as s:
        sqlconn.execute(s, "UPDATE commune_profile SET commune_name = 'Khác'")
        raise RuntimeError("rolled back")
    with ws.session() as s:
        assert s.scalar(select(CommuneProfile.commune_name)) == "Hồng Phúc"


def test_a_plain_transaction_rolls_back_on_error(ws):
    with ws.connection() as conn:
        with pytest.raises(RuntimeError), sqlconn.transaction(conn):
            sqlconn.execute(
                conn,
                "INSERT INTO commune_profile (unit_kind, commune_name, province, chairman, "
                "officer, updated_at) VALUES ('xã', 'A', 'B', '', '', '2023-01-01 00:00:00')",
            )
            raise RuntimeError("power cut")
        assert sqlconn.value(conn, "SELECT count(*) FROM commune_profile") == 0
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
