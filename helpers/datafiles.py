"""Where the editable data files of ``helpers/data/`` are."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """The path of ``helpers/data/<name>``."""
    return DATA_DIR / name


def read_data_text(name: str) -> str:
    """The text of ``helpers/data/<name>`` (UTF-8)."""
    return data_path(name).read_text(encoding="utf-8")


def read_rows(
    name: str, columns: Sequence[str], error: type[Exception], path: str | Path | None = None,
    what: str = "file",
) -> list[dict[str, str]]:
    """The rows of the CSV ``helpers/data/<name>`` (or of ``path``), which must have ``columns``.

    A file that cannot be read or lacks a column raises ``error`` with one plain sentence.
    """
    shown = str(path) if path else f"helpers/data/{name}"
    try:
        text = Path(path).read_text(encoding="utf-8") if path else read_data_text(name)
    except OSError as exc:
        raise error(f"The {what} {shown} cannot be read: {exc.strerror}.") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or any(column not in rows[0] for column in columns):
        raise error(f"The {what} {shown} needs the columns {', '.join(columns)}.")
    return rows
