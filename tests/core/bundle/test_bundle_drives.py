"""Removable drives offered as bundle targets."""

from __future__ import annotations

from pathlib import Path

from desktop.core.bundle import drives


def test_linux_mounts_under_media_with_free_space(tmp_path: Path, monkeypatch) -> None:
    stick = tmp_path / "media" / "an" / "USB KINGSTON"
    stick.mkdir(parents=True)
    gone = tmp_path / "media" / "an" / "THE NHO"  # listed in mounts but not readable
    monkeypatch.setattr(drives, "LINUX_MOUNT_ROOTS", (f"{tmp_path}/media/",))
    mounts = "\n".join(
        [
            "/dev/vda / ext4 rw,relatime 0 0",
            f"/dev/sdb1 {str(stick).replace(' ', chr(92) + '040')} vfat rw 0 0",
            f"/dev/sdc1 {str(gone).replace(' ', chr(92) + '040')} vfat rw 0 0",
            "tmpfs /run tmpfs rw 0 0",
        ]
    )
    found = drives.linux_drives(mounts)
    assert [d.path for d in found] == [stick]
    assert found[0].label == "USB KINGSTON" and 0 < found[0].free <= found[0].total
    assert found[0].display.startswith(f"{stick} USB KINGSTON (còn ")


def test_listing_never_raises(monkeypatch) -> None:
    def broken(_text):
        raise OSError("no /proc")

    monkeypatch.setattr(drives, "linux_drives", broken)
    monkeypatch.setattr(drives, "_windows_drives", lambda: broken(""))
    assert drives.list_removable_drives() == []
