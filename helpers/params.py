"""Checking the parameters every notebook takes (``seeds_dir``, ``output_dir``, ...)."""

from __future__ import annotations

from pathlib import Path


class ParameterError(ValueError):
    """A notebook parameter that cannot be used; the message names it and the problem."""


def input_folder(value, name: str = "seeds_dir") -> Path:
    """An existing folder; relative paths are taken from the current (notebook's) folder."""
    if not isinstance(value, (str, Path)) or not str(value).strip():
        raise ParameterError(f"Parameter {name} must be a folder path, not {value!r}.")
    path = Path(value).expanduser()
    if not path.exists():
        raise ParameterError(f"Parameter {name}: the folder {path} does not exist.")
    if not path.is_dir():
        raise ParameterError(f"Parameter {name}: {path} is a file, not a folder.")
    return path


def output_folder(value, name: str = "output_dir") -> Path:
    """A folder to write into, created with its ``data/`` and ``figures/`` subfolders."""
    if not isinstance(value, (str, Path)) or not str(value).strip():
        raise ParameterError(f"Parameter {name} must be a folder path, not {value!r}.")
    path = Path(value).expanduser()
    if path.exists() and not path.is_dir():
        raise ParameterError(f"Parameter {name}: {path} is a file, not a folder.")
    for sub in ("data", "figures"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def positive_int(value, name: str) -> int:
    """A whole number of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ParameterError(
            f"Parameter {name} must be a whole number of at least 1, not {value!r}."
        )
    return value
