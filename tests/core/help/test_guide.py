"""The F1 guide: one section per screen, search without diacritics, the same text as the
README's Vietnamese guide."""

from __future__ import annotations

from pathlib import Path

from desktop.core.help.guide import load_guide, parse_guide
from desktop.core.paths import resource_path
from desktop.ui.tabs import TABS

ROOT = Path(__file__).resolve().parents[3]


def test_every_screen_has_its_section() -> None:
    guide = load_guide()
    keys = {s.key for s in guide.sections}
    for screen in ["TodoTab", "CatalogTab", *(t.cls for t in TABS)]:
        assert screen in keys, screen
    assert guide.for_screen("ReportsTab").heading.startswith("Báo cáo")
    assert guide.for_screen("NoSuchScreen") is guide.sections[0]


def test_search_without_diacritics() -> None:
    guide = load_guide()
    hits = [s.key for s in guide.search("thu tuc")]
    assert "CatalogTab" in hits
    assert [s.key for s in guide.search("Thủ  TỤC")] == hits
    assert "DossierStatsScreen" in [s.key for s in guide.search("bieu 06")]
    assert guide.search("khong co chu zyxwv nay") == []


def test_parse_keeps_heading_key_and_text() -> None:
    g = parse_guide("Mở đầu.\n\n### Một (F1)\n<!-- man-hinh: A -->\n\nNội dung **đậm**.\n")
    assert g.intro == "Mở đầu."
    (s,) = g.sections
    assert (s.key, s.heading, s.text) == ("A", "Một (F1)", "Nội dung **đậm**.")


def test_readme_carries_the_same_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    begin = readme.index("<!-- huong-dan: đầu")
    begin = readme.index("-->", begin) + 3
    end = readme.index("<!-- huong-dan: cuối -->")
    guide = resource_path("help", "huong-dan.md").read_text(encoding="utf-8")
    assert readme[begin:end].strip() == guide.strip(), (
        "README.md's Vietnamese guide and resources/help/huong-dan.md differ: copy one to the other"
    )


def test_frozen_build_ships_the_guide() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '"resources" / "help"' in spec
