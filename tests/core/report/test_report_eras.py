"""A report names the year's appraising body: the district for 2022, the province from
2025 (after the July 2025 reform), and the commune's name of that year."""

from __future__ import annotations

from desktop.core.catalog.store import load_builtin
from desktop.core.report.data import gather
from desktop.core.report.draft import draft_header, draft_sections
from desktop.core.years.profile import save_profile
from desktop.core.years.store import set_year


def test_both_eras_in_one_data_folder(ws) -> None:
    with ws.transaction() as s:
        save_profile(s, commune_name="Đồng Tâm", district="Ninh Giang", province="Hải Dương")
        load_builtin(s, 2022)
    with ws.transaction() as s:  # the merger: new commune, new city, no district
        save_profile(s, commune_name="Tân Tiến", district="", province="Hải Phòng")
        load_builtin(s, 2025)
        set_year(s, 2025, appraiser="Sở Nội vụ thành phố Hải Phòng")
    with ws.session() as s:
        old, new = gather(s, 2022, None), gather(s, 2025, None)
    assert old.appraiser.name == "UBND huyện Ninh Giang" and old.commune == "Đồng Tâm"
    assert new.appraiser.name == "Sở Nội vụ thành phố Hải Phòng" and new.commune == "Tân Tiến"
    assert "Phòng Nội vụ huyện Ninh Giang" in draft_header(old).recipients
    assert draft_header(old).body_name.endswith("XÃ ĐỒNG TÂM")  # the name that year
    new_text = draft_header(new).recipients + "\n".join(x.text for x in draft_sections(new))
    assert "Sở Nội vụ thành phố Hải Phòng" in new_text
    assert "huyện" not in draft_header(new).recipients
    assert draft_header(new).body_name.endswith("XÃ TÂN TIẾN")
