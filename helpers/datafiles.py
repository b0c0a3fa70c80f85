"""Where the editable data files of ``helpers/data/`` are."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """The path of ``helpers/data/<name>``."""
    return DATA_DIR / name


def read_data_text(name: str) -> str:
    """The text of ``helpers/data/<name>`` (UTF-8)."""
    return data_path(name).read_text(encoding="utf-8")
