"""Builds on a Dask cluster (`--scheduler`): the same bytes as a local build, a dead worker costs
only its item, an unreachable scheduler is one line. The cluster is started here on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.building import cluster
from pipeline.cli import main

from conftest import CORPUS, PROJECT, TEI, need

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install '.[dask]')")


@pytest.fixture(scope="module")
def scheduler():
    import dask
    # One retry on another worker (not Dask's three: each costs a worker restart), and a worker
    # holds only the item it works on, which alone is blamed for its death.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1, "distributed.scheduler.worker-saturation": 1.0}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None) as local:
            yield local.scheduler_address


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    """tei/ and a few documents split from a volume, with the volume's personography."""
    folder = tmp_path_factory.mktemp("sources")
    shutil.copytree(TEI, folder, dirs_exist_ok=True)
    split = folder / "split"
    subprocess.run([sys.executable, str(PROJECT / "bench" / "split.py"), str(split),
                    str(need(CORPUS / "frus1894Nicaragua.xml"))], check=True, capture_output=True)
    keep = {f"frus1894Nicaragua-d{n}.xml" for n in (1, 2, 3, 10)} | {"frus1894Nicaragua-persons.xml"}
    for path in split.iterdir():
        if path.name not in keep:
            path.unlink()
    return folder


def files(out: Path) -> dict[str, bytes]:
    return {str(path.relative_to(out)): path.read_bytes()
            for fmt in ("html", "txt", "fo") for path in sorted((out / fmt).rglob("*")) if path.is_file()}


def test_a_build_on_a_dask_cluster_writes_the_same_bytes_as_a_local_one(tmp_path, scheduler, sources):
    outputs = {}
    for name, options in (("local", ["--jobs", "1"]), ("dask", ["--scheduler", scheduler])):
        out = tmp_path / name
        result = CliRunner().invoke(main, ["build", str(sources), "--to", "html,txt,fo", "--out", str(out),
                                           "--force", *options])
        assert result.exit_code == 0, result.output
        outputs[name] = files(out)
    assert outputs["dask"] == outputs["local"]
    names = set(outputs["local"])
    assert {"txt/frus1894Nicaragua-d10.txt", "fo/frus1894Nicaragua-d10.fo", "txt/ikeda-2002-hatoyama.txt"} <= names
    assert any(name.startswith("html/") for name in names)


def test_a_second_build_on_the_cluster_finds_everything_current(tmp_path, scheduler, sources):
    out = tmp_path / "out"
    for _ in range(2):
        result = CliRunner().invoke(main, ["build", str(sources), "--to", "txt", "--out", str(out),
                                           "--force", "--scheduler", scheduler])
        assert result.exit_code == 0, result.output
    assert "wrote" not in result.output


def square_or_die(n: int) -> int:
    """Module-level, so that Dask workers can import it; kills its worker on 13."""
    import os
    import signal
    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def test_a_dead_dask_worker_costs_only_its_item(scheduler):
    with cluster.Cluster(scheduler) as workers:
        pairs = dict(workers.run(square_or_die, [13, 1, 2, 3, 4, 5], on_crash=lambda n, reason: reason))
    assert {n: pairs[n] for n in (1, 2, 3, 4, 5)} == {1: 1, 2: 4, 3: 9, 4: 16, 5: 25}
    assert "Dask worker died" in pairs[13]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(main, ["build", str(TEI), "--to", "txt", "--out", str(tmp_path / "out"),
                                       "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: no Dask scheduler answers at tcp://127.0.0.1:{port}")
