"""The report runner on temporary folders: no manifest, bad input, a failing notebook."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from helpers.reports import list_notebooks

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def run_runner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers.reports", *args],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )


def test_runner_on_a_folder_without_manifest(tmp_path):
    seeds = tmp_path / "articles"
    seeds.mkdir()
    shutil.copy(SEEDS / "004_6da93dbc1b5ab60c.txt", seeds / "dated_page.txt")
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "escaped.txt").write_text(
        "Iran <script>alert(1)</script> talks resume\n\n"
        "Iran's foreign minister said on Monday that talks with the United States would resume "
        "in Oman, officials said.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_runner("--seeds", str(seeds), "--out", str(out), "--only", "01_corpus")
    assert result.returncode == 0, result.stderr
    assert "[1/1] 01_corpus done" in result.stderr
    for name in ("01_corpus.ipynb", "01_corpus.html", "index.html", "data/articles.csv",
                 "data/removed_lines.csv", "data/sentences.csv"):
        assert (out / name).is_file(), name

    import pandas as pd

    articles = pd.read_csv(out / "data" / "articles.csv", keep_default_na=False).set_index("file")
    assert articles.loc["dated_page.txt", "published"] == "2023-11-16"
    assert articles.loc["dated_page.txt", "published_source"] == "text"
    assert articles.loc["empty.txt", "status"] == "skipped"
    assert articles.loc["empty.txt", "problem"] == "is empty"

    page = (out / "01_corpus.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "empty.txt is empty; it was skipped." in page
    index = (out / "index.html").read_text("utf-8")
    assert 'href="01_corpus.html"' in index and "3 files: 2 analysed, 1 skipped" in index
    assert "earlier run" not in index  # everything listed was written by this run

    executed = nbformat.read(out / "01_corpus.ipynb", as_version=4)
    assert executed.metadata["papermill"]["parameters"] == {
        "seeds_dir": "../articles", "output_dir": "."}
    assert "start_time" not in json.dumps(executed.metadata)


def test_runner_names_the_failing_notebook_and_its_error(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('seeds_dir = "."\noutput_dir = "."',
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell('raise ValueError("Parameter topics names an unknown topic.")'),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, notebooks / "09_broken.ipynb")
    result = run_runner("--seeds", str(SEEDS), "--out", str(tmp_path / "out"),
                        "--notebooks", str(notebooks))
    assert result.returncode == 1
    assert ("Notebook 09_broken failed: ValueError: Parameter topics names an unknown topic."
            in result.stderr)
    assert "Traceback" not in result.stderr
    assert "FAILED" in (tmp_path / "out" / "index.html").read_text("utf-8")
    # the executed notebook and its page show where it failed
    page = (tmp_path / "out" / "09_broken.html").read_text("utf-8")
    assert "Parameter topics names an unknown topic." in page


def test_a_kernel_that_dies_leaves_no_stale_pages(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('seeds_dir = "."\noutput_dir = "."',
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import os\nos._exit(1)"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, notebooks / "09_dies.ipynb")
    out = tmp_path / "out"
    out.mkdir()
    (out / "data").mkdir()
    # pages and a table from an earlier, successful run
    for name in ("09_dies.ipynb", "09_dies.html", "data/dies.csv"):
        (out / name).write_text("an earlier run", encoding="utf-8")
    result = run_runner("--seeds", str(SEEDS), "--out", str(out), "--notebooks", str(notebooks))
    assert result.returncode == 1
    assert "Notebook 09_dies failed:" in result.stderr
    assert not (out / "09_dies.ipynb").exists() and not (out / "09_dies.html").exists()
    index = (out / "index.html").read_text("utf-8")
    assert "09_dies: FAILED: DeadKernelError" in index
    assert '<a href="data/dies.csv">dies.csv</a> (from an earlier run)' in index


def test_runner_rejects_a_missing_folder_and_an_unknown_notebook(tmp_path):
    result = run_runner("--seeds", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"The articles folder {tmp_path / 'nope'} does not exist or is not a folder.")
    result = run_runner("--seeds", str(SEEDS), "--out", str(tmp_path / "out"),
                        "--only", "99_nothing")
    assert result.returncode == 2 and "No notebook named 99_nothing" in result.stderr


def run_notebook_with(tmp_path, name: str, **parameters) -> str:
    """Execute one notebook with papermill and the given parameters; return the error line."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    parameters = {"seeds_dir": str(SEEDS), "output_dir": str(tmp_path / "out"), **parameters}
    try:
        papermill.execute_notebook(
            str(REPO / "notebooks" / f"{name}.ipynb"), str(tmp_path / f"{name}.ipynb"),
            parameters=parameters, kernel_name="iran-news", progress_bar=False,
            cwd=str(REPO / "notebooks"),
        )
    except PapermillExecutionError as exc:
        return f"{exc.ename}: {exc.evalue}"
    return ""


def test_bad_notebook_parameters_get_one_plain_sentence(tmp_path):
    assert run_notebook_with(tmp_path, "04_stance", topics=["peace_talks"]) == (
        "ParameterError: Parameter topics: peace_talks not configured; "
        "helpers/data/stance_cues.csv has war_with_israel, talks_with_us.")
    assert run_notebook_with(tmp_path, "05_timeline", date_from="2024-13-01") == (
        "ParameterError: Parameter date_from: '2024-13-01' is not a calendar date.")
    assert run_notebook_with(tmp_path, "01_corpus", seeds_dir=str(tmp_path / "nope")) == (
        f"ParameterError: Parameter seeds_dir: the folder {tmp_path / 'nope'} does not exist.")


def test_every_notebook_completes_on_a_folder_of_mostly_bad_files(tmp_path):
    """One good article among the bad inputs: every notebook runs, every bad file is listed."""
    seeds = tmp_path / "messy"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_518498b07356cbc8.txt", seeds / "a_good.txt")
    (seeds / "b_empty.txt").write_bytes(b"")
    (seeds / "c_binary.txt").write_bytes(bytes(range(256)) * 8)
    (seeds / "d_latin.txt").write_bytes(b"Caf\xe9 \x81\x8d news \xff\xfe\x90 text " * 5)
    (seeds / "e_persian.txt").write_text("\u0627\u06cc\u0631\u0627\u0646 \u0648 "
                                         "\u0622\u0645\u0631\u06cc\u06a9\u0627 " * 40,
                                         encoding="utf-8")
    shutil.copy(SEEDS / "000_518498b07356cbc8.txt", seeds / "f_copy.txt")
    (seeds / "manifest.csv").write_text(
        "file,outlet,url,published,headline,note\n"
        "a_good.txt,Iran International,,2024-08-07,,\n"
        "g_gone.txt,Nowhere,,2024-01-01,,\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = run_runner("--seeds", str(seeds), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(" done (") == len(list_notebooks()) == 6

    import pandas as pd

    articles = pd.read_csv(out / "data" / "articles.csv", keep_default_na=False)
    status = dict(zip(articles["file"], articles["status"], strict=True))
    assert status == {"a_good.txt": "ok", "b_empty.txt": "skipped", "c_binary.txt": "skipped",
                      "d_latin.txt": "skipped", "e_persian.txt": "skipped",
                      "f_copy.txt": "skipped", "g_gone.txt": "skipped"}
    assert (articles.loc[articles["status"] == "skipped", "problem"] != "").all()
    stance = pd.read_csv(out / "data" / "stance.csv", keep_default_na=False)
    assert set(stance["article_id"]) == {"a_good"}
    # one outlet only: the findings say so instead of comparing outlets
    index = (out / "index.html").read_text("utf-8")
    assert index.index("<h2>Findings</h2>") < index.index("<h2>Notebooks</h2>")
    findings = (out / "06_findings.html").read_text("utf-8")
    assert ("Every article with an outlet comes from Iran International, so outlets cannot be "
            "compared.") in findings


def test_findings_on_a_folder_without_manifest_or_any_stance(tmp_path):
    """No manifest and no stance sentence: the findings page says so, and nothing fails."""
    seeds = tmp_path / "plain"
    seeds.mkdir()
    (seeds / "harvest.txt").write_text(
        "Wheat harvest begins early in the north\n\n"
        "Farmers in the northern provinces began the wheat harvest two weeks earlier than "
        "usual this year, after a warm and dry spring.\n\n"
        "The agriculture ministry said yields were expected to match those of last season, "
        "and that storage silos had been cleaned and inspected.\n",
        encoding="utf-8")
    out = tmp_path / "out"
    result = run_runner("--seeds", str(seeds), "--out", str(out), "--only", "06_findings")
    assert result.returncode == 0, result.stderr
    index = (out / "index.html").read_text("utf-8")
    assert index.index("<h2>Findings</h2>") < index.index("<h2>Notebooks</h2>")
    assert "No sentence states a stance on war with Israel or talks with the US" in index
    assert "<img" not in index  # no stance, no chart
    assert not list((out / "figures").glob("06_findings_*.png"))
    import pandas as pd

    table = pd.read_csv(out / "data" / "findings.csv", keep_default_na=False)
    assert table["kind"].tolist() == ["overview"] * 4 + ["speakers"]
    assert table["statement"].tolist()[-1] == (
        "No quote has a speaker in the actor register (1 quote by unnamed speakers).")
