"""The whole analysis end to end: offline, and the same tables serially and in parallel."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from helpers.pipeline import STEPS, run_all

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def csv_bytes(frame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.4f").encode()


def test_every_step_runs_with_the_network_and_nltk_data_out_of_reach(tmp_path):
    """Rule 2: nothing downloads at run time. Sockets refuse to connect and NLTK looks in an
    empty folder; the whole analysis must still produce every table."""
    script = textwrap.dedent(f"""
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network is off in this test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from helpers.pipeline import run_all
        tables = run_all({str(SEEDS)!r})
        empty = [name for name, frame in tables.items() if frame.empty]
        print("EMPTY:" + ",".join(empty))
    """)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "nltk"),
           "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "EMPTY:\n" in result.stdout or result.stdout.strip() == "EMPTY:"


def test_parallel_run_gives_byte_identical_tables():
    timings: dict[str, float] = {}
    serial = run_all(SEEDS, workers=1, on_step=timings.__setitem__)
    parallel = run_all(SEEDS, workers=2)
    assert list(timings) == list(STEPS)
    assert serial.keys() == parallel.keys()
    for name in serial:
        assert csv_bytes(serial[name]) == csv_bytes(parallel[name]), name
