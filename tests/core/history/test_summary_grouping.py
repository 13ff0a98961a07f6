"""Issue 16: a former commune's history summary (shown in questions and the CLI)
groups a thousand and more; the years stay as they are."""

from __future__ import annotations

from pathlib import Path

from desktop.core.history.store import HistoryInfo


def test_history_summary_groups_counts_not_years() -> None:
    info = HistoryInfo(
        folder=Path("x"), name="Xã cũ", years=(2023, 2024), documents=1234, files=45734
    )
    assert info.summary().startswith("năm 2023, 2024; 1.234 tài liệu, 45.734 tệp,")
