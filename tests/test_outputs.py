"""Output files appear whole, with the permissions the user's umask gives, and leave no debris."""

from __future__ import annotations

import os

import pytest

from pipeline.building.outputs import write_atomic


def test_written_file_is_complete_and_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "html" / "a.html", b"<p>whole</p>")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"<p>whole</p>"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["a.html"]


def test_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    target = write_atomic(tmp_path / "a.txt", b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_many_files_look_for_their_folders_temporary_folder_once_per_folder(tmp_path, monkeypatch):
    """A volume's web edition is hundreds of pages: the walk up to the build's lock and the
    mkdir are made once per folder, not per page; each page still appears whole, by a rename."""
    from pipeline.building import outputs
    from pipeline.building.stamp import LOCK, PARTIAL
    (tmp_path / LOCK).write_text("")
    looked = []
    find = outputs._temporary_folder
    monkeypatch.setattr(outputs, "_temporary_folder", lambda folder: looked.append(folder) or find(folder))
    pages = {tmp_path / "html" / folder / f"d{n}.html": f"<p>{n}</p>".encode() for folder in ("a", "b") for n in range(50)}
    written = outputs.write_all(pages)
    assert written == list(pages) and all(page.read_bytes() == data for page, data in pages.items())
    assert sorted(looked) == [tmp_path / "html" / "a", tmp_path / "html" / "b"]
    assert list((tmp_path / PARTIAL).iterdir()) == []
