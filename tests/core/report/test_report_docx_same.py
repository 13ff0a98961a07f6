"""The report's .docx keeps its format: every paragraph's effective properties (its own, then
its style's and the document defaults', as Word resolves them), the tables, the section and
the page headers of the seed-002 report, compared with a golden made by the writer as it was
before it was made faster (``tests/core/data/report-docx-format.json``).

The golden holds formats, not text: one entry per kind of paragraph of the layout (``body``,
``h1``, ``recipients``, the three rules…); the text is compared with the report itself in
reading order. After a deliberate change of format, rewrite it with
``CCHC_REWRITE_GOLDEN=1 python -m pytest tests/core/report/test_report_docx_same.py -p no:xdist``
and look at the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from report_seed import export_seed_report

from desktop.core.report.docx_writer import write_docx
from desktop.core.report.layout import SIGN_SPACE_LINES, Block, ReportDocument

GOLDEN = Path(__file__).parents[1] / "data" / "report-docx-format.json"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALSE = ("0", "false", "off")
FONT_GROUPS = {  # the font of each script: a name or a theme font (the theme wins)
    "ascii": ("asciiTheme", "ascii"),
    "hAnsi": ("hAnsiTheme", "hAnsi"),
    "eastAsia": ("eastAsiaTheme", "eastAsia"),
    "cs": ("cstheme", "cs"),
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attrs(el) -> dict:
    return {_local(k): v for k, v in el.attrib.items()}


def _value(el):
    """An element as data: its attributes, and its children's when it has any."""
    out = _attrs(el)
    for child in el:
        name, value = _local(child.tag), _value(child)
        if name in out:  # repeated (tab stops): a list
            out[name] = [*(out[name] if isinstance(out[name], list) else [out[name]]), value]
        else:
            out[name] = value
    return out


def _merge(levels: list, skip: tuple[str, ...] = ()) -> dict:
    """The properties of ``levels`` (``w:pPr`` or ``w:rPr`` elements, nearest first): each
    attribute from the nearest level that gives it; fonts by script; toggles as booleans."""
    out: dict = {}
    fonts: dict = {}
    for level in levels:
        for child in level:
            name = _local(child.tag)
            if name in skip:
                continue
            if name == "rFonts":
                a = _attrs(child)
                for script, keys in FONT_GROUPS.items():
                    if script not in fonts and any(k in a for k in keys):
                        fonts[script] = next(
                            (f"theme:{a[k]}" if k.endswith(("Theme", "theme")) else a[k])
                            for k in keys
                            if k in a
                        )
                continue
            for k, v in _value(child).items():
                out.setdefault(name, {}).setdefault(k, v)
            out.setdefault(name, {})
    if fonts:
        out["rFonts"] = dict(sorted(fonts.items()))
    for toggle in ("b", "i", "bCs", "iCs", "keepNext", "keepLines", "widowControl", "caps"):
        if toggle in out:
            out[toggle] = out[toggle].get("val", "1") not in FALSE
    return dict(sorted(out.items()))


class _Styles:
    def __init__(self, styles) -> None:
        self.by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
        self.default = next(
            s.get(f"{W}styleId")
            for s in styles.iter(f"{W}style")
            if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") in ("1", "true")
        )
        defaults = styles.find(f"{W}docDefaults")
        self.ppr = defaults.findall(f"{W}pPrDefault/{W}pPr")
        self.rpr = defaults.findall(f"{W}rPrDefault/{W}rPr")

    def chain(self, style_id: str | None, tag: str) -> list:
        out, sid = [], style_id or self.default
        while sid:
            style = self.by_id[sid]
            out += style.findall(f"{W}{tag}")
            based = style.find(f"{W}basedOn")
            sid = based.get(f"{W}val") if based is not None else None
        return out


def _paragraph(p, styles: _Styles) -> dict:
    ppr = p.find(f"{W}pPr")
    own = [ppr] if ppr is not None else []
    style = ppr.find(f"{W}pStyle") if ppr is not None else None
    sid = style.get(f"{W}val") if style is not None else None
    mark = [m for m in own[0].findall(f"{W}rPr")] if own else []
    runs = []
    for r in p.iter(f"{W}r"):
        rpr = r.findall(f"{W}rPr")
        runs.append(
            {
                "r": _merge(rpr + styles.chain(sid, "rPr") + styles.rpr),
                "content": [
                    _local(c.tag) for c in r if _local(c.tag) not in ("rPr", "t", "instrText")
                ],
                "instr": "".join(c.text or "" for c in r.iter(f"{W}instrText")),
            }
        )
    return {
        "style": sid or styles.default,
        "p": _merge(own + styles.chain(sid, "pPr") + styles.ppr, skip=("pStyle", "rPr")),
        "mark": _merge(mark + styles.chain(sid, "rPr") + styles.rpr),
        "runs": runs,
        "text": "".join(t.text or "" for t in p.iter(f"{W}t")),
    }


def _properties(el, tag: str) -> dict:
    """A table's, row's or cell's own properties (a repeated element counted once)."""
    pr = el.find(f"{W}{tag}")
    return {} if pr is None else dict(sorted((_local(c.tag), _value(c)) for c in pr))


def _table(tbl, styles: _Styles) -> dict:
    return {
        "tblPr": _properties(tbl, "tblPr"),
        "grid": [g.get(f"{W}w") for g in tbl.iter(f"{W}gridCol")],
        "rows": [
            {
                "trPr": _properties(tr, "trPr"),
                "cells": [
                    {
                        "tcPr": _properties(tc, "tcPr"),
                        "paragraphs": [_paragraph(p, styles) for p in tc.findall(f"{W}p")],
                    }
                    for tc in tr.findall(f"{W}tc")
                ],
            }
            for tr in tbl.findall(f"{W}tr")
        ],
    }


def effective(path: Path) -> dict:
    """The document as Word lays it out: body items, the section, the page headers."""
    d = Document(str(path))
    styles = _Styles(d.styles.element)
    body = []
    for el in d.element.body:
        if el.tag == f"{W}p":
            body.append(_paragraph(el, styles))
        elif el.tag == f"{W}tbl":
            body.append(_table(el, styles))
    sect = d.sections[0]
    sect_pr = {
        _local(c.tag): _attrs(c)
        for c in sect._sectPr
        if _local(c.tag) not in ("headerReference", "footerReference")
    }
    headers = {
        "default": [_paragraph(p._p, styles) for p in sect.header.paragraphs],
        "first": [_paragraph(p._p, styles) for p in sect.first_page_header.paragraphs],
        "linked": [sect.header.is_linked_to_previous, sect.first_page_header.is_linked_to_previous],
    }
    return {"body": body, "sectPr": sect_pr, "headers": headers}


def _kinds(doc: ReportDocument) -> dict[str, list[tuple[str, str]]]:
    """The kind and text of every paragraph, by where it is: the header table's cells, the
    body between the tables, the signature table's cells."""
    return {
        "header": [
            *(("body_name", t) for t in doc.body_name),
            ("rule_body_name", ""),
            ("national", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("motto", "Độc lập - Tự do - Hạnh phúc"),
            ("rule_motto", ""),
            ("number", doc.number_line),
            ("place_date", doc.place_date),
        ],
        "body": [
            ("title", doc.title),
            *(("summary", t) for t in doc.summary),
            ("rule_summary", ""),
            *((b.style, b.text) for b in doc.blocks[:-1]),
            ("closing", doc.blocks[-1].text),  # kept with the signature (issue 16)
        ],
        "signature": [
            ("recipients_label", "Nơi nhận:"),
            *(("recipients", t) for t in doc.recipients),
            ("sign_authority", doc.sign_authority),
            ("sign_title", doc.sign_title),
            *(("signer_space", "") for _ in range(SIGN_SPACE_LINES)),
            ("signer", doc.signer),
        ],
    }


def _cell_paragraphs(table: dict) -> list[dict]:
    return [p for row in table["rows"] for cell in row["cells"] for p in cell["paragraphs"]]


def formats(path: Path, doc: ReportDocument) -> dict:
    """What the golden holds: one format per kind of paragraph (every paragraph of a kind
    must have it), the tables without their paragraphs, the section, the page headers."""
    eff = effective(path)
    body = eff["body"]
    assert "rows" in body[0] and "rows" in body[-1], "a table first and last"
    where = {
        "header": _cell_paragraphs(body[0]),
        "body": body[1:-1],
        "signature": _cell_paragraphs(body[-1]),
    }
    by_kind: dict[str, dict] = {}
    for place, expected in _kinds(doc).items():
        got = where[place]
        assert [p.get("text") for p in got] == [t for _k, t in expected], place
        for (kind, _text), p in zip(expected, got, strict=True):
            fmt = {k: v for k, v in p.items() if k != "text"}
            assert by_kind.setdefault(kind, fmt) == fmt, f"{kind}: not every paragraph alike"
    tables = []
    for t in (body[0], body[-1]):
        rows = [{"trPr": r["trPr"], "cells": [c["tcPr"] for c in r["cells"]]} for r in t["rows"]]
        tables.append({"tblPr": t["tblPr"], "grid": t["grid"], "rows": rows})
    return {
        "paragraphs": dict(sorted(by_kind.items())),
        "tables": tables,
        "sectPr": eff["sectPr"],
        "headers": eff["headers"],
    }


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> tuple[Path, ReportDocument]:
    return export_seed_report(tmp_path_factory.mktemp("seed-002"))


def test_every_paragraph_keeps_its_format(seed_report) -> None:
    path, doc = seed_report
    got = formats(path, doc)
    if os.environ.get("CCHC_REWRITE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        pytest.skip(f"rewrote {GOLDEN.name}")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for kind in golden["paragraphs"]:
        assert got["paragraphs"].get(kind) == golden["paragraphs"][kind], kind
    assert got == golden


def test_the_format_is_the_layouts(seed_report) -> None:
    """The golden read the way a reader of ND 30 would: body 14 pt Times New Roman,
    justified, first line indented 1,27 cm, 6 pt after; headings bold and kept with the
    next paragraph; the rules 0,75 pt; page numbers at the top centre from page 2."""
    got = formats(*seed_report)
    paras = got["paragraphs"]
    tnr = {s: "Times New Roman" for s in ("ascii", "hAnsi", "eastAsia")}
    for kind, fmt in paras.items():
        for run in fmt["runs"]:
            assert {s: run["r"]["rFonts"][s] for s in tnr} == tnr, kind
    body = paras["body"]
    assert body["p"]["jc"] == {"val": "both"}
    assert body["p"]["ind"] == {"firstLine": "720"}  # 12,7 mm
    assert body["p"]["spacing"] == {
        "before": "0",
        "after": "120",
        "line": "240",
        "lineRule": "auto",
    }
    assert body["p"]["widowControl"] is True and "keepNext" not in body["p"]
    assert [r["r"]["sz"] for r in body["runs"]] == [{"val": "28"}]
    assert paras["h1"]["p"]["keepNext"] is True and paras["h1"]["runs"][0]["r"]["b"] is True
    for rule in ("rule_body_name", "rule_motto", "rule_summary"):
        assert paras[rule]["p"]["pBdr"]["bottom"]["sz"] == "6" and paras[rule]["runs"] == []
        assert paras[rule]["mark"]["sz"] == {"val": "2"}
    assert got["sectPr"]["pgSz"] == {"w": "11906", "h": "16838"}  # A4
    assert "titlePg" in got["sectPr"]
    (number,) = got["headers"]["default"]
    assert number["p"]["jc"] == {"val": "center"} and number["runs"][0]["instr"] == " PAGE "
    assert [p["runs"] for p in got["headers"]["first"]] == [[]]


def _small(blocks: list[Block]) -> ReportDocument:
    return ReportDocument(
        body_name=["ỦY BAN NHÂN DÂN", "XÃ A"],
        number_line="Số: 1/BC-UBND",
        place_date="A, ngày 01 tháng 01 năm 2024",
        title="BÁO CÁO",
        summary=["Thử"],
        blocks=blocks,
        recipients=["- Lưu: VT."],
        sign_authority="TM. ỦY BAN NHÂN DÂN",
        sign_title="CHỦ TỊCH",
        signer="",
    )


def test_any_text_reads_back_as_written(tmp_path) -> None:
    texts = [
        "A & B <c> \"d\" 'e' ]]> 5 > 3",
        "  lề hai bên  ",
        "cột\tcột",
        "dòng\nmới\r\ncuối",
        "",
    ]
    path = write_docx(_small([Block("body", t) for t in texts]), tmp_path / "a.docx")
    d = Document(str(path))
    got = [p.text for p in d.paragraphs][-len(texts) :]
    assert got == [t.replace("\r\n", "\n\n") for t in texts]
    kept = d.paragraphs[-4].runs[0]._r.find(f"{W}t")
    assert kept.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    sec = d.sections[0]
    assert [round(m / Mm(1)) for m in (sec.top_margin, sec.left_margin)] == [20, 30]  # default


def test_control_characters_are_refused_as_python_docx_refuses_them(tmp_path) -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        write_docx(_small([Block("body", "a\x0bb")]), tmp_path / "a.docx")


def test_importing_the_writer_loads_no_database_or_gui_library() -> None:
    code = (
        "import sys, desktop.core.report.docx_writer\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'alembic', 'openpyxl', 'PySide6', 'python_calamine'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
