"""Baseline for bench_selftest: a bare PySide6 main window that exits after its first paint."""

import sys
import time

t0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView  # noqa: E402

app = QApplication(sys.argv[:1])
win = QMainWindow()
view = QTreeView()
win.setCentralWidget(view)
win.resize(1280, 720)


class Paint(QObject):
    def eventFilter(self, obj, ev):  # noqa: N802
        if ev.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(
                0, lambda: (print(f"ready {round((time.perf_counter() - t0) * 1000)}"), app.exit(0))
            )
        return False


f = Paint()
view.viewport().installEventFilter(f)
win.show()
sys.exit(app.exec())
