"""The ruled tables of one PDF page, found from the lines drawn on it (pypdfium2).

Word and LibreOffice draw a table's cell borders either as stroked lines or as thin
filled rectangles; every path object of the page (Form XObjects included) is read
segment by segment and each thin, straight piece becomes a horizontal or vertical
ruling. Rulings on one line are joined; a ruling that crosses fewer than two rulings of
the other direction is not a border (a text underline). Rulings crossing each other form
one table: its rows lie between consecutive horizontal lines and its columns between
consecutive vertical ones, and a cell whose inner border is missing is merged with its
neighbour. Coordinates are top-down (``y`` grows downwards) for reading order.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from itertools import pairwise

_THIN = 2.5  # a shape this narrow is a line, however it is drawn
_SNAP = 1.5  # rulings this close are one line
_JOIN = 3.0  # pieces of one line with a gap this small are one ruling
_MEET = 3.0  # a ruling ending this close to another one crosses it
_MIN = 1.0  # shorter pieces (Word's corner squares) draw nothing on their own


@dataclass
class Ruling:
    pos: float  # y of a horizontal ruling, x of a vertical one
    start: float
    end: float


@dataclass
class Table:
    """One ruled table: its column and row lines, and its cells as (row, col, rows, cols)."""

    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def box(self, cell: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
        r, c, rs, cs = cell
        return self.xs[c], self.ys[r], self.xs[c + cs], self.ys[r + rs]


def page_tables(page) -> list[Table]:
    """The page's ruled tables, top to bottom."""
    flat: list[Ruling] = []
    tall: list[Ruling] = []
    for points, closed, curved, stroked in _subpaths(page):
        _add_rulings(points, closed, curved, stroked, flat, tall)
    flat, tall = _join(flat), _join(tall)
    flat, tall = _crossing(flat, tall)
    tables = [_table(f, t) for f, t in _groups(flat, tall)]
    return sorted((t for t in tables if t.cells), key=lambda t: (t.ys[0], t.xs[0]))


def _subpaths(page):
    """(points in top-down page space, closed?, has curves?, stroked?) of every subpath."""
    import pypdfium2.raw as pdfium_c

    def walk(count, get, parent, outer):
        for i in range(count(parent)):
            obj = get(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
                continue
            m = pdfium_c.FS_MATRIX()
            if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
                m.a, m.b, m.c, m.d, m.e, m.f = 1, 0, 0, 1, 0, 0
            matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                yield from walk(
                    pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj, matrix
                )
            else:
                yield from _path_pieces(pdfium_c, obj, matrix)

    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    yield from walk(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw, identity)


def _path_pieces(pdfium_c, obj, matrix):
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
        return
    stroked = bool(stroke.value)
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    closed = curved = False
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO and points:
            yield points, closed, curved, stroked
            points, closed, curved = [], False, False
        a, b, c, d, e, f = matrix
        points.append((a * x.value + c * y.value + e, -(b * x.value + d * y.value + f)))
        curved = curved or kind == pdfium_c.FPDF_SEGMENT_BEZIERTO
        closed = closed or bool(pdfium_c.FPDFPathSegment_GetClose(seg))
    if points:
        yield points, closed, curved, stroked


def _compose(inner: tuple, outer: tuple) -> tuple:
    """The matrix applying ``inner`` then ``outer`` (PDF's a b c d e f)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _add_rulings(points, closed, curved, stroked, flat, tall) -> None:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if height <= _THIN and width >= _MIN and width > height:  # a line or a thin filled bar
        flat.append(Ruling((min(ys) + max(ys)) / 2, min(xs), max(xs)))
    elif width <= _THIN and height >= _MIN and height > width:
        tall.append(Ruling((min(xs) + max(xs)) / 2, min(ys), max(ys)))
    elif stroked and not curved and len(points) > 1:  # a stroked box: its sides
        pairs = list(pairwise(points))
        if closed or points[0] == points[-1]:
            pairs.append((points[-1], points[0]))
        for (x0, y0), (x1, y1) in pairs:
            if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= _MIN:
                flat.append(Ruling((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= _MIN:
                tall.append(Ruling((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    # a large filled shape without a stroke is a shading, not a border


def _join(rulings: list[Ruling]) -> list[Ruling]:
    """Rulings on one line snapped to one position, touching pieces joined."""
    out: list[Ruling] = []
    rulings = sorted(rulings, key=lambda r: r.pos)
    i = 0
    while i < len(rulings):
        j = i + 1
        while j < len(rulings) and rulings[j].pos - rulings[j - 1].pos <= _SNAP:
            j += 1
        line = rulings[i:j]
        pos = sum(r.pos for r in line) / len(line)
        pieces: list[Ruling] = []
        for r in sorted(line, key=lambda r: r.start):
            if pieces and r.start <= pieces[-1].end + _JOIN:
                pieces[-1].end = max(pieces[-1].end, r.end)
            else:
                pieces.append(Ruling(pos, r.start, r.end))
        out.extend(pieces)
        i = j
    return out


def _meet(flat: Ruling, tall: Ruling) -> bool:
    return (
        flat.start - _MEET <= tall.pos <= flat.end + _MEET
        and tall.start - _MEET <= flat.pos <= tall.end + _MEET
    )


def _crossing(flat: list[Ruling], tall: list[Ruling]) -> tuple[list[Ruling], list[Ruling]]:
    """Only rulings crossing at least two of the other direction: borders, not underlines."""
    while True:
        kept_flat = [f for f in flat if sum(_meet(f, t) for t in tall) >= 2]
        kept_tall = [t for t in tall if sum(_meet(f, t) for f in kept_flat) >= 2]
        if len(kept_flat) == len(flat) and len(kept_tall) == len(tall):
            return flat, tall
        flat, tall = kept_flat, kept_tall


def _groups(flat: list[Ruling], tall: list[Ruling]):
    """The rulings of each table: the sets that cross one another."""
    parent = list(range(len(flat) + len(tall)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, f in enumerate(flat):
        for j, t in enumerate(tall):
            if _meet(f, t):
                parent[root(i)] = root(len(flat) + j)
    groups: dict[int, tuple[list[Ruling], list[Ruling]]] = {}
    for i, f in enumerate(flat):
        groups.setdefault(root(i), ([], []))[0].append(f)
    for j, t in enumerate(tall):
        groups.setdefault(root(len(flat) + j), ([], []))[1].append(t)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _covers(rulings: list[Ruling], pos: float, a: float, b: float) -> bool:
    middle = (a + b) / 2
    return any(abs(r.pos - pos) <= _SNAP and r.start <= middle <= r.end for r in rulings)


def _table(flat: list[Ruling], tall: list[Ruling]) -> Table:
    ys = sorted({r.pos for r in flat})
    xs = sorted({r.pos for r in tall})
    table = Table(xs, ys)
    rows, cols = len(ys) - 1, len(xs) - 1
    if rows < 1 or cols < 1:
        return table
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def root(cell):
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    def join(one, other):
        a, b = root(one), root(other)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _covers(tall, xs[c + 1], ys[r], ys[r + 1]):
                join((r, c), (r, c + 1))
            if r + 1 < rows and not _covers(flat, ys[r + 1], xs[c], xs[c + 1]):
                join((r, c), (r + 1, c))
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cell in parent:
        spans.setdefault(root(cell), []).append(cell)
    for members in spans.values():
        r0, c0 = min(r for r, _ in members), min(c for _, c in members)
        r1, c1 = max(r for r, _ in members), max(c for _, c in members)
        table.cells.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1))
    table.cells.sort()
    return table
