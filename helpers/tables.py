"""Writing the fixed tables (``<output_dir>/data/*.csv``) byte for byte the same each run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_table(frame: pd.DataFrame, output_dir: str | Path, name: str) -> None:
    """Write ``frame`` to ``<output_dir>/data/<name>.csv`` (UTF-8, LF, no index).

    Rows keep the order they have: every step builds its rows in a fixed order
    (article file name, then sentence index), so the same inputs give the same bytes.
    Floats are written with 4 decimals so that a last-digit difference cannot change the file.
    """
    path = Path(output_dir) / "data" / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", float_format="%.4f")


def figure_path(output_dir: str | Path, name: str) -> Path:
    """``<output_dir>/figures/<name>.png``, with the folder created."""
    path = Path(output_dir) / "figures" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def save_figure(fig, output_dir: str | Path, name: str) -> None:
    """Save a matplotlib figure as a PNG without a timestamp, close it, and show that PNG.

    The figure is drawn once: the notebook shows the saved file instead of letting the inline
    backend draw the figure a second time. Returns nothing, so a cell ending with this call
    prints no value (nbval does not honour a trailing semicolon).
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    path = figure_path(output_dir, name)
    fig.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    display(Image(filename=str(path)))


def show(frame: pd.DataFrame, table: str | None = None, max_rows: int = 50) -> pd.DataFrame:
    """``frame`` as a notebook shows it: whole when short, else its first ``max_rows`` rows
    under a line giving the count and the CSV with every row (``data/<table>.csv``), so that
    a page does not grow with the corpus."""
    if len(frame) <= max_rows:
        return frame
    from IPython.display import Markdown, display

    where = (f"the full table is [data/{table}.csv](data/{table}.csv)" if table
             else "the tables it is computed from are under [data/](data/)")
    display(Markdown(f"Showing the first {max_rows:,} of {len(frame):,} rows; {where}."))
    return frame.head(max_rows)
