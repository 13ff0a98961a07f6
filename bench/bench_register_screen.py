"""Benchmark: the evidence screens with 20,000 documents in the year (offscreen Qt).

Measures, on a real SQLite file in a temporary folder, each against a baseline measured in
the same run:
- opening the "Tài liệu kiểm chứng" tab (read the year, fill the table, paint) vs the core
  work alone (``RegisterIndex.load`` + the first query);
- typing in its search box (filter + table update) vs ``RegisterIndex.query`` alone;
- sorting by the summary column vs a plain Python sort of the same rows;
- the main window after a score is saved (overview read with sqlite3, roll-up, tree
  updated in place) vs ``year_overview`` alone.

Run: ``python bench/bench_register_screen.py [--docs 20000] [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_evidence import YEAR, build, timed  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core.evidence.query import RegisterFilter, RegisterIndex  # noqa: E402
from desktop.core.office.text_sort import sort_key  # noqa: E402
from desktop.core.workspace import open_workspace  # noqa: E402
from desktop.core.years.overview import year_overview  # noqa: E402
from desktop.core.years.profile import save_profile  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402

QUERIES = ["ke hoach", "dong tam", "mot cua", "ninh giang so hoa", ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        ws = open_workspace(Path(tmp) / "du-lieu")
        t0 = time.perf_counter()
        build(ws, args.docs)
        with ws.transaction() as s:
            save_profile(s, commune_name="Đồng Tâm", province="Hải Dương")
        print(f"Built {args.docs} documents in {time.perf_counter() - t0:.1f} s.")
        window = MainWindow(ws)
        window.load()
        window.resize(1366, 768)
        window.show()
        app.processEvents()

        def core_open():
            with ws.session() as s:
                index = RegisterIndex.load(s, YEAR)
            return index, index.query(RegisterFilter(year=YEAR))

        base_open, _w, (index, _rows) = timed(core_open, args.repeat)
        t0 = time.perf_counter()
        tab = window.screens.open("RegisterTab")
        app.processEvents()
        first_open = (time.perf_counter() - t0) * 1000

        def screen_refresh():
            tab.refresh()
            tab.table.viewport().repaint()

        refresh, refresh_worst, _ = timed(screen_refresh, args.repeat)
        print(f"\nOpening the register ({len(tab.model.rows)} rows)")
        print(f"  first open of the tab      {first_open:8.1f} ms")
        print(f"  refresh (after a change)   {refresh:8.1f} ms  (worst {refresh_worst:.1f})")
        print(f"  core only (load + query)   {base_open:8.1f} ms  ratio {refresh / base_open:.2f}")

        print("\nTyping in the search box (filter, table update, paint)")
        print(f"{'query':<22}{'rows':>7}{'screen ms':>11}{'core ms':>9}{'ratio':>7}")
        for q in QUERIES:

            def typed(q=q):
                tab.search.setText(q)
                tab.apply_filters()  # setText of the same text again emits nothing
                tab.table.viewport().repaint()

            def core(q=q):
                return index.query(RegisterFilter(year=YEAR, search=q))

            med, _w, _ = timed(typed, args.repeat)
            base, _w, rows = timed(core, args.repeat)
            print(f"{q or '(trống)':<22}{len(rows):>7}{med:>11.1f}{base:>9.1f}{med / base:>7.2f}")

        tab.search.clear()
        rows = list(tab.model.rows)
        t0 = time.perf_counter()
        tab.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        first_sort = (time.perf_counter() - t0) * 1000
        sort_ms, _w, _ = timed(
            lambda: tab.table.sortByColumn(3, Qt.SortOrder.AscendingOrder), args.repeat
        )
        base_sort, _w, _ = timed(lambda: sorted(rows, key=lambda r: sort_key(r.summary)), 3)
        print(
            f"\nSorting by summary: first time {first_sort:.1f} ms, again {sort_ms:.1f} ms "
            f"(the index keeps the order); plain sort {base_sort:.1f} ms; "
            f"ratio (first) {first_sort / base_sort:.2f}"
        )

        window.tabs.setCurrentIndex(0)
        window.tree.select_node(window.node_by_code("1.4.1"))
        app.processEvents()
        box = window.pane.score_box

        def score_saved():
            box.score.setText("0,5" if box.score.text() != "0,5" else "1")
            box.save()
            app.processEvents()

        saved, _w, _ = timed(score_saved, args.repeat)
        base_ov, _w, _ = timed(lambda: year_overview(ws.db_path, YEAR), args.repeat)
        print(
            f"\nA score saved → totals on screen: {saved:.1f} ms; year_overview alone "
            f"{base_ov:.1f} ms; ratio {saved / base_ov:.2f}"
            f"\n  (the sub-criterion has {len(window.pane.documents)} documents; the register "
            "tab reads the year again only when shown)"
        )
        window.close()
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
