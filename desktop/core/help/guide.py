"""The guide's sections: ``### heading`` then ``<!-- man-hinh: KEY -->`` (the screen's class
name, or a topic such as ``common``), then the section's Markdown. Search folds diacritics
and case, so ``thu tuc`` finds "thủ tục"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from base.errors import NotFoundError
from desktop.core.office.text import fold
from desktop.core.paths import resource_path

GUIDE_FILE = ("help", "huong-dan.md")
_KEY = re.compile(r"^<!--\s*man-hinh:\s*(\S+)\s*-->\s*$")


@dataclass(frozen=True)
class Section:
    key: str  # screen class name (TodoTab, CatalogTab …) or topic
    heading: str
    text: str  # Markdown, without the heading and the key comment

    @property
    def markdown(self) -> str:
        return f"### {self.heading}\n\n{self.text}"

    @property
    def folded(self) -> str:
        return fold(f"{self.heading}\n{self.text}")


@dataclass(frozen=True)
class Guide:
    intro: str
    sections: tuple[Section, ...]

    def for_screen(self, key: str | None) -> Section:
        """The section of a screen (the first one when the screen has none of its own)."""
        return next((s for s in self.sections if s.key == key), self.sections[0])

    def search(self, query: str) -> list[Section]:
        """Sections holding every word of ``query``, with or without diacritics."""
        words = fold(query).split()
        return [s for s in self.sections if all(w in s.folded for w in words)]


def parse_guide(text: str) -> Guide:
    parts = re.split(r"^### ", text, flags=re.MULTILINE)
    intro, sections = parts[0].strip(), []
    for part in parts[1:]:
        head, _, rest = part.partition("\n")
        lines = rest.strip("\n").split("\n")
        key = ""
        if lines and (m := _KEY.match(lines[0].strip())):
            key = m.group(1)
            lines = lines[1:]
        sections.append(Section(key, head.strip(), "\n".join(lines).strip()))
    return Guide(intro, tuple(sections))


@lru_cache(maxsize=1)
def _read(path: Path) -> Guide:
    try:
        return parse_guide(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NotFoundError(
            f"Không đọc được tệp hướng dẫn {path.name} ({exc.strerror or exc}); hãy cài lại "
            "ứng dụng."
        ) from exc


def load_guide() -> Guide:
    return _read(resource_path(*GUIDE_FILE))
