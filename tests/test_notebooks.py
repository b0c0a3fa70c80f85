"""The notebooks against the committed reports: a fresh run is byte-identical, and nbval passes.

nbval runs in strict mode on copies of the committed executed notebooks (``reports/*.ipynb``):
each is re-executed and every output must equal the committed one. Strict mode is chosen
because the notebooks are deterministic by design (sorted tables, no timings or paths in
outputs, PNGs without timestamps), so any drift between the code and the committed reports
is a failure rather than something to sanitize away. Image outputs are not compared by
nbval; the figures are compared byte for byte by the fresh-run test instead.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.reports import list_notebooks

REPO = Path(__file__).resolve().parent.parent
REPORTS = REPO / "reports"


def relative_files(folder: Path) -> set[str]:
    """The report files under ``folder``; the analysis store and cache are not reports."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")
            if p.is_file() and not p.relative_to(folder).parts[0].startswith(".")}


@pytest.fixture(scope="module")
def fresh_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("fresh")
    shutil.copytree(REPO / "seeds", root / "seeds")
    result = subprocess.run(
        [sys.executable, "-m", "helpers.reports", "--seeds", str(root / "seeds"),
         "--out", str(root / "reports")],
        cwd=REPO, capture_output=True, text=True, timeout=1200,
    )
    assert result.returncode == 0, result.stderr
    return root / "reports"


def test_every_notebook_has_a_committed_report():
    for notebook in list_notebooks():
        assert (REPORTS / notebook.name).is_file(), f"run make reports: {notebook.name} missing"
        assert (REPORTS / f"{notebook.stem}.html").is_file()


def test_fresh_run_equals_the_committed_reports(fresh_run):
    assert relative_files(fresh_run) == relative_files(REPORTS)
    for name in sorted(relative_files(REPORTS)):
        assert (fresh_run / name).read_bytes() == (REPORTS / name).read_bytes(), (
            f"reports/{name} differs from a fresh run: run make reports and commit it")


def test_index_opens_with_the_findings_and_stays_small(fresh_run):
    index = fresh_run / "index.html"
    page = index.read_text("utf-8")
    assert index.stat().st_size < 1_000_000
    assert page.index("<h2>Findings</h2>") < page.index("<h2>Notebooks</h2>")
    for figure in sorted((fresh_run / "figures").glob("06_findings_*.png")):
        assert f'<img src="figures/{figure.name}"' in page
    assert 'href="06_findings.html#' in page
    # the seed findings the research question starts from, generated from the tables
    page = html.unescape(page)
    assert ("Masoud Pezeshkian's public and private stances on war with Israel differed in "
            "August 2024: in private against war with Israel") in page
    assert ("Ali Khamenei went from being against talks with the US in March 2025" in page
            and "to being open to talks with the US in April 2025" in page)


def test_nbval_strict_on_the_committed_notebooks(tmp_path):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "reports").mkdir()
    for notebook in sorted(REPORTS.glob("[0-9][0-9]_*.ipynb")):
        shutil.copy(notebook, tmp_path / "reports" / notebook.name)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-q",
         "--nbval-kernel-name", "iran-news", str(tmp_path / "reports")],
        cwd=tmp_path, capture_output=True, text=True, timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-4000:]


OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|import\(\s*["'](?:https?:)?//"""
                     r"""|url\(\s*["']?(?:https?:)?//|https?://""", re.I)


def test_pages_load_nothing_from_the_network():
    """No committed page references an outside address (no CDN script, style or font)."""
    for page in sorted(REPORTS.glob("*.html")):
        code = re.sub(r"<(td|th|p|li|pre|blockquote)\b[^>]*>.*?</\1>", "", page.read_text("utf-8"),
                      flags=re.S)  # the article addresses shown in tables are text, not loads
        found = OUTSIDE.search(code)
        assert found is None, f"{page.name}: {code[max(0, found.start() - 60):found.end() + 60]}"
