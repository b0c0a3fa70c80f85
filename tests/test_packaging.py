"""The built wheel carries every data file: the analysis runs from it, not from the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_holds_every_data_file_and_runs_the_seeds(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--wheel-dir", str(tmp_path / "dist"), str(REPO)],
        check=True, cwd=tmp_path,
    )
    wheel = next((tmp_path / "dist").glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    shipped = {n.split("helpers/data/", 1)[1] for n in names if n.startswith("helpers/data/")}
    in_repo = {p.name for p in (REPO / "helpers" / "data").iterdir() if p.is_file()}
    assert in_repo <= shipped, in_repo - shipped
    script = (
        "import helpers, sys\n"
        "from helpers.pipeline import run_all\n"
        f"assert helpers.__file__.startswith({str(tmp_path / 'site')!r}), helpers.__file__\n"
        f"tables = run_all({str(REPO / 'seeds')!r})\n"
        "print(int((tables['articles']['status'] == 'ok').sum()), len(tables['stance']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, check=True,
                          capture_output=True, text=True,
                          env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"})
    n_ok, n_stance = map(int, done.stdout.split())
    assert n_ok == 5 and n_stance > 0
