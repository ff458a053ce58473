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
