"""File names Windows accepts, made from anything an officer typed."""

from __future__ import annotations

import pytest

from desktop.core.safe_names import MAX_NAME, windows_safe_name


@pytest.mark.parametrize(
    "name, safe",
    [
        ("CON.pdf", "_CON.pdf"),
        ("com1.docx", "_com1.docx"),
        ("LPT9", "_LPT9"),
        ("123/BC-UBND.pdf", "123_BC-UBND.pdf"),
        ('a<b>:c?"d|e*.pdf', "a_b__c__d_e_.pdf"),
        ("Kế hoạch. ", "Kế hoạch"),
        ("tab\there.pdf", "tab_here.pdf"),
        ("???", "tep"),
        ("", "tep"),
        ("Báo cáo.pdf", "Báo cáo.pdf"),
    ],
)
def test_windows_safe_name(name, safe) -> None:
    assert windows_safe_name(name) == safe


def test_long_names_keep_their_extension() -> None:
    safe = windows_safe_name("Kế hoạch " * 40 + ".pdf")
    assert len(safe) <= MAX_NAME and safe.endswith(".pdf")
