"""A synthetic corpus for the benchmark: the seeds' paragraphs recombined, deterministically.

Each synthetic article is a pasted-page text like the seeds: a kicker or site line, a
headline, a date line, a caption printed twice, 8 to 14 paragraphs drawn (without
replacement) from the pool of all seed paragraphs, and a promo block at the end. The same
``seed`` and ``n`` always give the same files.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from helpers.corpus import load_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PROMO = [
    "Popular Articles",
    "Receive latest news & updates",
    "A message from the editors",
    "For as little as $5, you can support our non-profit newsroom, supported by readers like you.",
]


def seed_material() -> tuple[list[str], list[str]]:
    """The seeds' cleaned paragraphs and headlines."""
    corpus = load_corpus(SEEDS)
    ok = corpus.ok_articles
    paragraphs = [p for body in ok["body"] for p in body.split("\n\n") if len(p.split()) >= 8]
    return paragraphs, [h for h in ok["headline"] if h]


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """Write ``n`` synthetic articles into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs, headlines = seed_material()
    rng = random.Random(seed)
    start = date(2023, 6, 1)
    for i in range(n):
        published = start + timedelta(days=rng.randrange(800))
        chosen = rng.sample(paragraphs, rng.randint(8, min(14, len(paragraphs))))
        caption = f"Officials meet in Tehran, {published:%B} {published.day}. (Photo: Agency)"
        lines = [
            rng.choice(["EXCLUSIVE", "ANALYSIS", "World News", ""]),
            f"{rng.choice(headlines)} ({i})",
            f"Published {published:%A, %B} {published.day}, {published.year}",
            caption,
            caption,
            *chosen,
            *PROMO,
        ]
        (folder / f"synthetic_{i:05d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return folder
