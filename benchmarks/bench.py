"""The benchmark behind ``make bench``: cost of every step from 100 to 10,000 articles.

For each size N it writes a synthetic corpus (the seeds' paragraphs recombined, see
``synthetic.py``), then, in a fresh process so that peak memory is that size's own:

- runs every step serially (one core) and prints wall seconds and articles per second;
- times the floor: TextBlob sentiment of every sentence of the same cleaned corpus;
- runs the whole analysis again over a process pool and checks that every table is
  byte-identical to the serial one.

Then, for each of ``--report-sizes`` (1,000, 10,000 and 100,000 articles), it times the
whole report run (``python -m helpers.reports``) beside the analysis alone and the TextBlob
floor, records the peak memory of all the run's processes and the largest HTML page, adds
1% more articles and times the run again (up to ``--compare-up-to`` articles it also checks
that the tables then equal a run from nothing).

Last it times ``helpers.reports`` on the seeds against the runner's floor: papermill
executing an empty notebook once per notebook, with the same kernel (three runs of each,
alternating; the ratio is of the medians).

    python benchmarks/bench.py [--sizes 100 1000 10000] [--workers 2] [--skip-reports]
                               [--report-sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))


def csv_bytes(frame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.4f").encode()


def measure_one(folder: Path, workers: int) -> dict:
    """Serial steps, the TextBlob floor and the parallel run, for one corpus folder."""
    from textblob import TextBlob
    from textblob.en import sentiment as textblob_sentiment

    from helpers.pipeline import run_all

    steps: dict[str, float] = {}
    serial = run_all(folder, workers=1, on_step=lambda name, s: steps.__setitem__(name, s))
    texts = serial["sentences"]["text"].tolist()
    start = time.perf_counter()
    for text in texts:
        TextBlob(text).sentiment  # noqa: B018 - the floor is exactly this call
    floor = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        textblob_sentiment(text)
    floor_direct = time.perf_counter() - start

    start = time.perf_counter()
    parallel = run_all(folder, workers=workers)
    parallel_seconds = time.perf_counter() - start
    identical = all(csv_bytes(serial[k]) == csv_bytes(parallel[k]) for k in serial)
    return {
        "articles": int((serial["articles"]["status"] == "ok").sum()),
        "sentences": len(texts),
        "steps": steps,
        "floor": floor,
        "floor_direct": floor_direct,
        "parallel": parallel_seconds,
        "identical": identical,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def print_size(n: int, result: dict, workers: int) -> None:
    total = sum(result["steps"].values())
    print(f"\n== {n:,} articles ({result['articles']:,} analysed, "
          f"{result['sentences']:,} sentences)")
    print(f"{'step':<12}{'seconds':>10}{'articles/s':>12}{'ms/article':>12}")
    for name, seconds in result["steps"].items():
        print(f"{name:<12}{seconds:>10.2f}{n / seconds:>12,.0f}{1000 * seconds / n:>12.2f}")
    print(f"{'total':<12}{total:>10.2f}{n / total:>12,.0f}{1000 * total / n:>12.2f}")
    print(f"{'floor':<12}{result['floor']:>10.2f}{n / result['floor']:>12,.0f}"
          f"{1000 * result['floor'] / n:>12.2f}   (TextBlob sentiment of every sentence)")
    print(f"{'floor, direct':<12}{result['floor_direct']:>10.2f}"
          f"{n / result['floor_direct']:>12,.0f}{1000 * result['floor_direct'] / n:>12.2f}"
          "   (the analyser behind it, which the sentiment step calls)")
    print(f"one core: total / floor = {total / result['floor']:.2f} "
          f"(against the direct call: {total / result['floor_direct']:.2f})")
    print(f"{workers} workers: {result['parallel']:.2f} s "
          f"({n / result['parallel']:,.0f} articles/s); tables identical to serial: "
          f"{'yes' if result['identical'] else 'NO'}")
    print(f"peak memory: {result['peak_mib']:,.0f} MiB")


ANALYSIS_SCRIPT = """
import sys, time
from textblob import TextBlob
from helpers.analysis import analyse
start = time.perf_counter()
result = analyse(sys.argv[1], workers=int(sys.argv[2]))
seconds = time.perf_counter() - start
texts = result.corpus.sentences["text"].tolist()
start = time.perf_counter()
for text in texts:
    TextBlob(text).sentiment
print(seconds, time.perf_counter() - start, len(texts))
"""


def _tree_rss(root: int) -> int:
    """Resident bytes of process ``root`` and all its descendants (read from /proc)."""
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * resource.getpagesize()
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += [child for child, parent in parents.items() if parent == pid]
    return total


def run_measured(command: list[str]) -> tuple[float, int]:
    """Wall seconds of ``command`` and the peak resident memory of its process tree."""
    import threading

    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peak = [0]

    def watch() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.5)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, errors = process.communicate()
    watcher.join()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {errors[-2000:]}")
    return time.perf_counter() - start, peak[0]


def measure_reports(workdir: Path, n: int, workers: int, compare: bool) -> None:
    """The report run on ``n`` synthetic articles beside the analysis alone and the TextBlob
    floor; the largest page; the run again after adding 1% more articles."""
    from synthetic import write_corpus

    folder = write_corpus(workdir / f"reports_{n}", n)
    out = workdir / f"out_{n}"
    analysis_s, floor_s, n_sentences = map(float, subprocess.run(
        [sys.executable, "-c", ANALYSIS_SCRIPT, str(folder), str(workers)], cwd=REPO,
        check=True, capture_output=True, text=True).stdout.split())
    runner = [sys.executable, "-m", "helpers.reports", "--seeds", str(folder), "--out",
              str(out), "--workers", str(workers)]
    report_s, peak = run_measured(runner)
    largest = max(out.glob("*.html"), key=lambda p: p.stat().st_size)
    extra = write_corpus(workdir / f"extra_{n}", max(1, n // 100), seed=1234)
    for path in sorted(extra.glob("*.txt")):
        shutil.copy(path, folder / f"added_{path.name}")
    again_s, _ = run_measured(runner)
    print(f"\n== report run, {n:,} articles ({int(n_sentences):,} sentences), "
          f"{workers} workers")
    print(f"analysis alone {analysis_s:.1f} s; TextBlob floor {floor_s:.1f} s; report run "
          f"{report_s:.1f} s = {report_s / analysis_s:.2f} x the analysis, "
          f"{report_s / floor_s:.2f} x the floor; {1000 * report_s / n:.2f} ms/article")
    print(f"peak memory of the run (all its processes) {peak / 2**30:.2f} GiB; largest page "
          f"{largest.name} {largest.stat().st_size / 2**20:.2f} MB")
    print(f"after adding {max(1, n // 100):,} articles (1%): {again_s:.1f} s = "
          f"{again_s / report_s:.0%} of the first run")
    if compare:
        fresh = workdir / f"fresh_{n}"
        run_measured([*runner[:5], "--out", str(fresh), "--workers", str(workers),
                      "--no-cache"])
        same = all((out / "data" / p.name).read_bytes() == p.read_bytes()
                   for p in (fresh / "data").glob("*.csv"))
        print(f"tables after the incremental run equal a run from nothing: "
              f"{'yes' if same else 'NO'}")
        shutil.rmtree(fresh, ignore_errors=True)
    for path in (folder, out, extra):
        shutil.rmtree(path, ignore_errors=True)


FLOOR_SCRIPT = """
import sys, papermill
from helpers.reports import kernel_manager_class
for _ in range(int(sys.argv[3])):
    papermill.execute_notebook(sys.argv[1], sys.argv[2], kernel_name=sys.argv[4],
                               progress_bar=False, kernel_manager_class=kernel_manager_class())
"""


def time_reports(workdir: Path, repeats: int = 3) -> tuple[list[float], list[float]]:
    """Seconds for the runner on the seeds, and for its floor: a process that executes an
    empty notebook with papermill once per notebook, with the same kernel (both timed from
    the start of their own Python process). The two alternate, ``repeats`` times each, so
    that a slow spell of a shared machine falls on both."""
    import nbformat

    from helpers.reports import _kernel_name, list_notebooks

    empty = nbformat.v4.new_notebook()
    empty.cells = [nbformat.v4.new_code_cell('seeds_dir = "."\noutput_dir = "."',
                                             metadata={"tags": ["parameters"]})]
    nbformat.write(empty, workdir / "empty.ipynb")
    floor_command = [sys.executable, "-c", FLOOR_SCRIPT, str(workdir / "empty.ipynb"),
                     str(workdir / "out.ipynb"), str(len(list_notebooks())), _kernel_name()]
    runner_command = [sys.executable, "-m", "helpers.reports", "--seeds", str(REPO / "seeds"),
                      "--out", str(workdir / "reports")]
    runner, floor = [], []
    pair = ((floor_command, floor), (runner_command, runner))
    for repeat in range(repeats):  # each goes first in turn, so neither always starts cold
        for command, times in pair if repeat % 2 == 0 else pair[::-1]:
            start = time.perf_counter()
            subprocess.run(command, check=True, cwd=REPO, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return runner, floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-reports", action="store_true")
    parser.add_argument("--report-sizes", nargs="*", type=int, default=[1000, 10000, 100000],
                        help="corpus sizes for the report run (none: skip it)")
    parser.add_argument("--compare-up-to", type=int, default=10000,
                        help="check the incremental tables against a run from nothing up to "
                        "this size")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:  # child process: one size, result as JSON on stdout
        print(json.dumps(measure_one(args.one, args.workers)))
        return 0

    from synthetic import write_corpus

    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        for n in args.sizes:
            folder = write_corpus(workdir / f"corpus_{n}", n)
            print(f"[bench] {n:,} articles written; running ...", file=sys.stderr, flush=True)
            child = subprocess.run(
                [sys.executable, __file__, "--one", str(folder), "--workers", str(args.workers)],
                check=True, capture_output=True, text=True,
            )
            print_size(n, json.loads(child.stdout), args.workers)
            shutil.rmtree(folder)
        for n in args.report_sizes:
            print(f"[bench] report run on {n:,} articles ...", file=sys.stderr, flush=True)
            measure_reports(workdir, n, args.workers, compare=n <= args.compare_up_to)
        if not args.skip_reports:
            runner, floor = time_reports(workdir)
            count = len(list(REPO.glob("notebooks/[0-9][0-9]_*.ipynb")))
            print(f"\n== make reports on the seeds, {len(runner)} runs alternating with its "
                  f"floor (papermill, empty notebook x {count}):")
            print(f"runner {' '.join(f'{t:.1f}' for t in runner)} s (median "
                  f"{median(runner):.1f}); floor {' '.join(f'{t:.1f}' for t in floor)} s "
                  f"(median {median(floor):.1f}); ratio of medians "
                  f"{median(runner) / median(floor):.2f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
