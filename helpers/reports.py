"""The report runner: ``python -m helpers.reports --seeds DIR --out DIR [--only NAME ...]``.

First runs the analysis once (:func:`helpers.analysis.load`: every per-article step over
``--workers`` processes or a Dask ``--scheduler``, reusing the per-article cache in
``OUT/.analysis/cache``), then executes the notebooks of ``notebooks/`` with papermill,
several at a time: each reads that stored analysis instead of recomputing it. Writes each
executed ``.ipynb`` and an HTML page (code hidden, nothing loaded from the network) into
``--out``, and an ``index.html`` linking them with a one-line summary each (the text
output of the cell tagged ``summary``).

The executed notebooks are written with the parameters relative to ``--out`` (the kernel
runs there), and papermill's timing metadata is removed, so the same seeds give the same
files byte for byte, wherever the repository is checked out.

Cost (the benchmark compares the runner with papermill running empty notebooks): the worker
processes only execute, each notebook is saved once when it ends, a finished kernel is
stopped at once (it has nothing left to save), and this process writes the HTML pages as the
notebooks finish, so nbconvert is loaded once.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import CaselessStrEnum, default

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
KERNEL_NAME = "iran-news"
_VOLATILE_NOTEBOOK_KEYS = (
    "start_time",
    "end_time",
    "duration",
    "input_path",
    "output_path",
    "environment_variables",
    "version",
)


class IpcKernelManager(AsyncKernelManager):
    """A kernel reached over Unix sockets in Jupyter's runtime folder instead of TCP ports.

    Kernels started at the same moment by parallel workers can pick the same free TCP port
    (seen here: "Address already in use", then "Kernel died before replying"); sockets named
    after each kernel's id cannot collide.
    """

    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    @default("ip")
    def _unique_socket_path(self) -> str:
        # jupyter_client's own default names every such kernel's sockets alike
        return os.path.join(tempfile.gettempdir(), f"kernel-{uuid.uuid4()}-ipc")


def kernel_manager_class() -> type:
    """The kernel manager papermill should use: Unix sockets where the system has them."""
    return IpcKernelManager if os.name == "posix" else AsyncKernelManager


def list_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The analysis notebooks (``NN_name.ipynb``) in name order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())


def _kernel_name() -> str:
    from jupyter_client.kernelspec import find_kernel_specs

    return KERNEL_NAME if KERNEL_NAME in find_kernel_specs() else "python3"


def strip_volatile_metadata(nb) -> None:
    """Remove what changes from run to run: timings, absolute paths, a random cell id."""
    meta = nb.metadata.get("papermill", {})
    for key in _VOLATILE_NOTEBOOK_KEYS:
        meta.pop(key, None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id on every run


def export_html(nb, target: Path) -> Path:
    """Write the notebook ``nb`` as ``target`` (an ``.html`` path), code cells hidden."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nb)
    target.write_text(offline_page(body), encoding="utf-8")
    return target


_OUTSIDE = r"(?:https?:)?//[^\s\"')]+"
_REMOTE_SCRIPT = re.compile(rf"<script[^>]*\bsrc=[\"']{_OUTSIDE}[\"'][^>]*>\s*</script>\s*", re.I)
_SCRIPT_BLOCK = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.I | re.S)
_LINK_TAG = re.compile(rf"<link[^>]*\bhref=[\"']{_OUTSIDE}[\"'][^>]*>\s*", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def offline_page(page: str) -> str:
    """The page without anything it would load from the network: nbconvert's template
    pulls require.js, MathJax and mermaid from a CDN (a page opened offline waits on them;
    one opened online tells a third party it was read). The reports use none of them.
    Comments in the CSS that cite a web address go too, so that no outside address is left
    in the page's code."""
    page = _REMOTE_SCRIPT.sub("", page)
    page = _SCRIPT_BLOCK.sub(
        lambda m: "" if re.search(_OUTSIDE, m.group(0)) and "import(" in m.group(0)
        or "MathJax" in m.group(0) else m.group(0), page)
    page = _LINK_TAG.sub("", page)
    return _CSS_COMMENT.sub(lambda m: "" if re.search(r"https?://", m.group(0)) else m.group(0),
                            page)


def notebook_summary(notebook_path: Path) -> str:
    """The first line of text printed by the cell tagged ``summary`` (or the title)."""
    import nbformat

    nb = nbformat.read(notebook_path, as_version=4)
    for cell in nb.cells:
        if "summary" in cell.metadata.get("tags", []):
            for output in cell.get("outputs", []):
                text = output.get("text") or output.get("data", {}).get("text/plain", "")
                if text.strip():
                    return text.strip().splitlines()[0]
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            return cell.source.strip().splitlines()[0].lstrip("# ")
    return ""


def notebook_findings(notebook_path: Path) -> str:
    """The HTML shown by the cell tagged ``summary``, if it shows HTML (the findings'
    headlines, whose links point into the notebook's own page), else ""."""
    import nbformat

    nb = nbformat.read(notebook_path, as_version=4)
    for cell in nb.cells:
        if "summary" in cell.metadata.get("tags", []):
            for output in cell.get("outputs", []):
                shown = output.get("data", {}).get("text/html", "")
                if shown:
                    return "".join(shown) if isinstance(shown, list) else shown
    return ""


def findings_section(out_dir: Path, name: str, shown: str, earlier) -> list[str]:
    """The index's opening section: the headlines of notebook ``name`` (its in-page links
    made to point at ``name.html``) with that notebook's figures inline."""
    page = html.escape(f"{name}.html")
    shown = shown.replace('href="#', f'href="{page}#')
    figures = [
        f'<figure style="margin:1em 0"><img src="figures/{html.escape(p.name)}" '
        f'alt="{html.escape(p.stem)}" style="max-width:100%">'
        f"<figcaption>{html.escape(p.name)}{earlier(p)}</figcaption></figure>"
        for p in sorted((out_dir / "figures").glob(f"{name}_*.png"))
    ]
    return [
        "<h2>Findings</h2>",
        f'<p>Generated from the tables by <a href="{page}">{html.escape(name)}</a>'
        f"{earlier(out_dir / f'{name}.ipynb')}, where every statement is followed by its "
        "evidence sentences; each link below goes to the evidence.</p>",
        shown,
        *figures,
    ]


def run_notebook(source: Path, out_dir: Path, seeds_dir: Path, kernel: str):
    """Execute one notebook into ``out_dir``.

    Returns the error's last line (or None), the executed notebook (or None, if the kernel
    died) and the seconds it took. The HTML page is left to the caller.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    target = out_dir / source.name
    parameters = {
        "seeds_dir": os.path.relpath(seeds_dir, out_dir),
        "output_dir": ".",
    }
    for stale in (target, target.with_suffix(".html")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    error = None
    nb = None
    try:
        # Saved once at the end instead of after every cell (papermill's default), which
        # costs a validated JSON dump per cell; a kernel that dies therefore leaves no file.
        nb = papermill.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            cwd=str(out_dir),
            kernel_name=kernel,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            shutdown_kernel="immediate",
            kernel_manager_class=kernel_manager_class(),
        )
    except PapermillExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}".strip().splitlines()[-1]
    except Exception as exc:  # kernel died, bad notebook JSON: still one plain line
        error = f"{type(exc).__name__}: {exc}".strip().splitlines()[-1]
    if nb is None and target.exists():  # papermill wrote the failed notebook, then raised
        nb = nbformat.read(target, as_version=4)
    if nb is not None:
        strip_volatile_metadata(nb)
        nbformat.write(nb, target)
    return error, nb, time.perf_counter() - started


def output_files(out_dir: Path) -> dict[Path, int]:
    """The executed notebooks, tables and figures in ``out_dir``, with their modification
    times (ns)."""
    paths = [*out_dir.glob("[0-9][0-9]_*.ipynb"), *(out_dir / "data").glob("*.csv"),
             *(out_dir / "figures").glob("*.png")]
    return {path: path.stat().st_mtime_ns for path in paths}


def write_index(out_dir: Path, failures: dict[str, str],
                before: dict[Path, int] | None = None) -> Path:
    """``index.html``: the findings (a notebook whose summary cell shows HTML) with their
    figures, then every executed notebook with its summary, then the tables and figures.

    A file that is unchanged since ``before`` (:func:`output_files` taken when the run
    began), e.g. one written by a notebook that failed this time or was left out with
    ``--only``, is marked as coming from an earlier run.
    """
    before = before or {}

    def earlier(path: Path) -> str:
        unchanged = before.get(path) == path.stat().st_mtime_ns
        return " (from an earlier run)" if unchanged else ""

    items, opening = [], []
    executed = {p.stem: p for p in out_dir.glob("[0-9][0-9]_*.ipynb")}
    for name in sorted(executed):
        shown = notebook_findings(executed[name])
        if shown and not opening:
            opening = findings_section(out_dir, name, shown, earlier)
            if name in failures:
                opening.insert(1, f"<p>{html.escape(name)} FAILED after its headlines: "
                                  f"{html.escape(failures[name])}</p>")
    for name in sorted(executed.keys() | failures.keys()):
        summary = f"FAILED: {failures[name]}" if name in failures else ""
        if name not in executed:  # its kernel died: no notebook was written
            items.append(f"<li>{html.escape(name)}: {html.escape(summary)}</li>")
            continue
        summary = summary or notebook_summary(executed[name])
        items.append(
            f'<li><a href="{html.escape(name)}.html">{html.escape(name)}</a> '
            f'(<a href="{html.escape(name)}.ipynb">notebook</a>): {html.escape(summary)}'
            f"{earlier(executed[name])}</li>"
        )
    tables = [
        f'<li><a href="data/{html.escape(p.name)}">{html.escape(p.name)}</a>{earlier(p)}</li>'
        for p in sorted((out_dir / "data").glob("*.csv"))
    ]
    figures = [
        f'<li><a href="figures/{html.escape(p.name)}">{html.escape(p.name)}</a>{earlier(p)}</li>'
        for p in sorted((out_dir / "figures").glob("*.png"))
    ]
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            "<title>Iran leadership in the news: reports</title>",
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}"
            "</style></head><body>",
            "<h1>Iran leadership in the news: reports</h1>",
            "<p>Generated by <code>python -m helpers.reports</code>; each page is an executed "
            "notebook with its code hidden.</p>",
            *opening,
            "<h2>Notebooks</h2><ul>",
            *items,
            "</ul>",
            "<h2>Tables</h2><ul>",
            *tables,
            "</ul>",
            "<h2>Figures</h2><ul>",
            *figures,
            "</ul>",
            "</body></html>",
            "",
        ]
    )
    target = out_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.reports", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seeds", required=True, help="folder of article .txt files")
    parser.add_argument("--out", required=True, help="folder to write the reports into")
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="run only these notebooks (e.g. 01_corpus)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=(os.cpu_count() or 1) + 1,
        help="notebooks executed at once (default: one more than the CPU cores, as kernels "
        "wait while they start; each notebook runs on its own)",
    )
    parser.add_argument(
        "--workers", type=int, default=0,
        help="processes for the analysis (default 0: one per CPU core)",
    )
    parser.add_argument(
        "--scheduler", default=None,
        help="run the per-article steps on Dask: 'local' or tcp://HOST:PORT (needs .[dask])",
    )
    parser.add_argument(
        "--no-cache", action="store_true",
        help="recompute every article (the per-article cache is in OUT/.analysis/cache)",
    )
    parser.add_argument("--notebooks", default=str(NOTEBOOKS_DIR), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    seeds_dir = Path(args.seeds).resolve()
    if not seeds_dir.is_dir():
        print(
            f"The articles folder {args.seeds} does not exist or is not a folder.", file=sys.stderr
        )
        return 2
    out_dir = Path(args.out).resolve()
    if out_dir.exists() and not out_dir.is_dir():
        print(f"The output path {args.out} is a file, not a folder.", file=sys.stderr)
        return 2
    if args.jobs < 1:
        print(f"--jobs must be at least 1, not {args.jobs}.", file=sys.stderr)
        return 2
    notebooks = list_notebooks(Path(args.notebooks))
    if args.only:
        wanted = {Path(n).stem for n in args.only}
        unknown = wanted - {p.stem for p in notebooks}
        if unknown:
            print(
                f"No notebook named {', '.join(sorted(unknown))}; choose from "
                f"{', '.join(p.stem for p in notebooks)}.",
                file=sys.stderr,
            )
            return 2
        notebooks = [p for p in notebooks if p.stem in wanted]
    for sub in ("data", "figures"):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)

    # Imported once here, so that the worker processes forked below inherit it. The workers
    # only execute; this process writes the HTML pages while they run, so nbconvert is
    # imported and its templates compiled once, not once per worker.
    import papermill  # noqa: F401

    kernel = _kernel_name()
    failures: dict[str, str] = {}
    started, before = time.perf_counter(), output_files(out_dir)
    from helpers import analysis
    from helpers.parallel import cache_counts

    try:
        analysis.load(seeds_dir, out_dir, workers=args.workers, cache=not args.no_cache,
                      scheduler=args.scheduler)
    except (ValueError, RuntimeError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    hits, misses = cache_counts()
    print(f"Analysis done in {time.perf_counter() - started:.1f} s ({misses} per-article "
          f"results computed, {hits} read from the cache).", file=sys.stderr, flush=True)
    jobs = min(args.jobs, max(len(notebooks), 1))
    print(f"Running {len(notebooks)} notebook(s), {jobs} at a time.", file=sys.stderr)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending = {
            pool.submit(run_notebook, source, out_dir, seeds_dir, kernel): source
            for source in notebooks
        }
        for done_count, future in enumerate(as_completed(pending), start=1):
            source = pending[future]
            error, nb, seconds = future.result()
            status = f"FAILED: {error}" if error else "done"
            print(
                f"[{done_count}/{len(notebooks)}] {source.stem} {status} ({seconds:.1f} s)",
                file=sys.stderr,
                flush=True,
            )
            if error:
                failures[source.stem] = error
            if nb is not None:
                export_html(nb, (out_dir / source.name).with_suffix(".html"))
    index = write_index(out_dir, failures, before)
    print(f"Wrote {index} in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    for name, error in failures.items():
        print(f"Notebook {name} failed: {error}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
