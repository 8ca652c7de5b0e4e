"""A jieba segmenter that knows every Chinese administrative division name.

jieba caches its prefix dictionary in a file; ours goes to the project cache directory
(``JIXIAO_CACHE_DIR`` if set, else ``<project>/.cache``), never the home or temp directory.
"""
from __future__ import annotations

import os
from pathlib import Path

import jieba

from pipeline.gazetteer import gazetteer

PROJECT_DIR = Path(__file__).resolve().parent.parent

# frequency given to division names: high enough that 天门市财政局 splits as 天门市|财政局 and
# 武汉市汉阳区 as 武汉市|汉阳区, yet a longer name still beats a shorter one inside it
PLACE_FREQ = 100_000


def cache_dir() -> Path:
    """The project's cache directory, created on demand."""
    path = Path(os.environ.get("JIXIAO_CACHE_DIR") or PROJECT_DIR / ".cache")
    path.mkdir(parents=True, exist_ok=True)
    return path


def add_place_names(tokenizer: jieba.Tokenizer) -> None:
    """Every full and short division name added to ``tokenizer`` as a word."""
    for name in gazetteer().names():
        tokenizer.add_word(name, freq=PLACE_FREQ)


def place_tokenizer() -> jieba.Tokenizer:
    """The project's jieba tokenizer (pipeline.nlp.domain_tokenizer), which knows every
    division name: one dictionary in memory for places and domain words (each jieba dictionary
    costs some 65 MB)."""
    from pipeline.nlp import domain_tokenizer

    return domain_tokenizer()
