"""The Milvus backend: the same passages, vectors and reader tables in Milvus collections.

One URI is all a reader node needs: a Milvus Lite file (`./milvus.db`) or a server
(`http://host:19530`, with `MILVUS_TOKEN` for its credentials). Three collections, named
`<prefix>_chunks`, `<prefix>_articles` and `<prefix>_meta`:

- chunks: one row a chunk: its article and offsets, its dense vector (FLOAT_VECTOR, inner
  product), its BM25 terms and the SPARSE_FLOAT_VECTOR a Milvus BM25 function makes of them.
  The terms are our own analyzer's tokens (jieba with the learned dictionary, normalised,
  no stop words), each written as an opaque ASCII word (a hash) that Milvus's standard
  analyzer keeps whole, so Milvus scores the same words the local BM25 does.
- articles: each article as JSON, keyed by its id (a long one in more rows, id#1…: a
  VARCHAR holds 64 KB); read by primary key, since a scalar filter scans every row in Lite.
- meta: the manifest and the reader tables (rag/tables.py), as JSON in parts. The manifest
  is written last, and its `built` stamp is the generation a running server follows.

Milvus needs a vector field in every collection: articles and meta carry a 2-d zero one.
Hybrid fusion is the local one (rag/retrieve.py: min-max scaled scores, the dense weight
from BM25's lead): both candidate lists come from Milvus and each candidate's score on the
other side is fetched (its vector with the BM25 hits; BM25 scores of the dense hits by a
BM25 search restricted to their ids), so the ranking matches the local backend's up to
Milvus's own BM25 arithmetic.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections import Counter, OrderedDict
from pathlib import Path

import numpy as np

from ..chunk import CHUNKER_VERSION
from ..index import BuildReport, IndexBroken, embed_resumably, load_pending, plan_build
from ..normalize import normalize
from ..retrieve import POOL, fuse, per_article_top
from ..tables import ReaderTables, VERSION as TABLES_VERSION
from ..tokenize import Segmenter
from ..types import Article, Chunk, Hit
from . import BackendError

PREFIX = os.environ.get("RAG_MILVUS_PREFIX", "beibei")
SCHEMA = 2                   # the collections' layout: another one is dropped and rebuilt
PART = 20_000                # characters of JSON a row holds (a VARCHAR holds 65,535 bytes)
BATCH = 1000                 # rows an insert sends
ARTICLE_CACHE = 4096         # articles kept in memory by a reader node
LIMIT = 16_384               # Milvus's largest search limit: an AND query's rarest word's chunks


def term(token: str) -> str:
    """A token as one word Milvus's standard analyzer keeps whole (and lower case)."""
    return "t" + hashlib.blake2b(token.encode(), digest_size=8).hexdigest()


def terms(tokens: list[str]) -> str:
    return " ".join(term(t) for t in tokens)


def _client(uri: str):
    import logging
    from pymilvus import MilvusClient
    # its iterator warns on every full scan that Milvus Lite keeps no server-side timestamp
    logging.getLogger("pymilvus").setLevel(logging.ERROR)
    # a Lite file another process holds is told in one line below, not a traceback
    logging.getLogger("milvus_lite").setLevel(logging.CRITICAL)
    lite = "://" not in uri
    if lite:
        Path(uri).parent.mkdir(parents=True, exist_ok=True)
    try:
        return MilvusClient(uri=uri, token=os.environ.get("MILVUS_TOKEN", ""))
    except Exception as e:
        why = ("a Milvus Lite file is opened by one process at a time: is another `rag` using it? "
               "(for several processes, use a Milvus server's URI)") if lite else str(e)
        raise BackendError(f"cannot open Milvus at {uri}: {why}") from None


def _parts(text: str) -> list[str]:
    return [text[i:i + PART] for i in range(0, len(text), PART)] or [""]


class MilvusBackend:
    def __init__(self, client, prefix: str, encoder, manifest: dict, tables: ReaderTables):
        self.client, self.encoder, self.prefix = client, encoder, prefix
        self.chunks_c, self.articles_c = f"{prefix}_chunks", f"{prefix}_articles"
        self.manifest, self.tables, self.model_id = manifest, tables, manifest["model_id"]
        self.generation = manifest["built"]
        self.analyzer = Segmenter(tables.names)
        self._articles: OrderedDict[str, Article] = OrderedDict()

    # ------------------------------------------------------------ articles
    def articles(self, ids) -> dict[str, Article]:
        """The articles of `ids` (cached; the rest fetched by primary key: a scalar filter
        is a scan of every row in Milvus Lite)."""
        cache = self._articles
        out = {}
        for i in dict.fromkeys(ids):
            if i in cache:
                cache.move_to_end(i)
                out[i] = cache[i]
        want = [i for i in dict.fromkeys(ids) if i not in out]
        if want:
            rows = list(self.client.get(self.articles_c, ids=want, output_fields=["article_id", "part", "parts", "data"]))
            more = [f"{r['article_id']}#{i}" for r in rows for i in range(1, r["parts"])]
            if more:                                       # the rest of long articles
                rows += list(self.client.get(self.articles_c, ids=more, output_fields=["article_id", "part", "data"]))
            got: dict[str, list] = {}
            for r in rows:
                got.setdefault(r["article_id"], []).append((r["part"], r["data"]))
            for aid, parts in got.items():
                out[aid] = cache[aid] = Article(**json.loads("".join(d for _, d in sorted(parts))))
            while len(cache) > ARTICLE_CACHE:
                cache.popitem(last=False)
        return out

    def article(self, article_id: str) -> Article | None:
        return self.articles([article_id]).get(article_id)

    def _hits(self, rows: list[dict], scores: list[float]) -> list[Hit]:
        arts = self.articles([r["article_id"] for r in rows])
        out = []
        for r, s in zip(rows, scores):
            a = arts.get(r["article_id"])
            if a:
                out.append(Hit(Chunk(r["id"], a.id, a.text[r["start"]:r["end"]], r["start"], r["end"]), a, s))
        return out

    # -------------------------------------------------------------- search
    def _bm25(self, tokens: list[str], k: int, filter: str = "", fields=("id", "article_id", "start", "end")):
        if not tokens or k <= 0:
            return []
        res = self.client.search(self.chunks_c, data=[terms(tokens)], anns_field="sparse", limit=k,
                                 filter=filter, output_fields=list(fields),
                                 search_params={"metric_type": "BM25"})[0]
        # BM25 scores are positive; Milvus Lite reports them negated as distances
        return [({**h["entity"], "id": h["id"]}, abs(float(h["distance"]))) for h in res]

    def lexical(self, query: str, k: int, must: str = "") -> list[Hit]:
        tokens = self.analyzer.tokens(query)
        flt = ""
        if must:
            ids = self._having(sorted(set(self.analyzer.tokens(must))))
            if not ids:
                return []
            flt, k = f"id in {json.dumps(ids)}", min(k, len(ids))
        got = self._bm25(tokens, k, flt)
        # equal scores by chunk id, as the local index orders them by row
        got.sort(key=lambda x: (-x[1], x[0]["id"]))
        return self._hits([r for r, _ in got], [s for _, s in got])

    def _having(self, need: list[str]) -> list[str]:
        """Ids of the chunks holding every token of `need` (an AND query). Milvus Lite scans
        every row for TEXT_MATCH (1.4 s at 19k chunks), so postings are read as BM25
        searches for one token each: all chunks of the rarest, then those of them that hold
        the next, and so on (ids only)."""
        df = self.tables.df
        if not need or any(t not in df for t in need):
            return []                                      # a word no chunk holds: none holds all
        need = sorted(need, key=lambda t: (df[t], t))
        ids = [r["id"] for r, _ in self._bm25(need[:1], min(LIMIT, df[need[0]]), fields=("id",))]
        for t in need[1:]:
            if not ids:
                break
            ids = [r["id"] for r, _ in self._bm25([t], len(ids), f"id in {json.dumps(ids)}", ("id",))]
        return ids

    def search(self, query: str, k: int = 5, per_article: int = 2) -> list[Hit]:
        q = normalize(query)
        pool = max(POOL, k * 4)
        tokens = self.analyzer.tokens(q)
        qvec = self.encoder.encode_queries([q])[0]
        fields = ["id", "article_id", "start", "end"]
        dense = self.client.search(self.chunks_c, data=[qvec.tolist()], anns_field="dense", limit=pool,
                                   output_fields=fields, search_params={"metric_type": "IP"})[0]
        lex = self._bm25(tokens, pool, fields=(*fields, "dense"))
        rows = {h["id"]: {**h["entity"], "id": h["id"]} for h in dense}
        d_score = {h["id"]: float(h["distance"]) for h in dense}
        bm_score = {}
        for r, s in lex:
            bm_score[r["id"]] = s
            d_score.setdefault(r["id"], float(np.dot(np.asarray(r.pop("dense"), np.float32), qvec)))
            rows.setdefault(r["id"], r)
        others = [i for i in d_score if i not in bm_score]
        if lex and others:                                 # BM25 scores of the dense-only candidates
            for r, s in self._bm25(tokens, len(others), f"id in {json.dumps(others)}", ("id",)):
                bm_score[r["id"]] = s
        ids = list(rows)
        if not ids:
            return []
        fused = fuse(np.array([d_score[i] for i in ids], np.float32),
                     np.array([bm_score.get(i, 0.0) for i in ids], np.float32) if lex else None)
        order = sorted(zip(ids, fused), key=lambda x: (-x[1], x[0]))
        picked = per_article_top(order, lambda i: rows[i]["article_id"], k, per_article)
        return self._hits([rows[i] for i, _ in picked], [float(s) for _, s in picked])


class MilvusStore:
    """Builds and loads the collections at `uri`; `work_dir` keeps the embedding
    checkpoints of an unfinished build, so a stopped build resumes."""
    name = "milvus"

    def __init__(self, uri: str, encoder, work_dir: Path, prefix: str = PREFIX):
        self.uri, self.encoder, self.work_dir, self.prefix = uri, encoder, Path(work_dir), prefix
        self.client = _client(uri)
        self._meta_loaded = False
        self.chunks_c, self.articles_c, self.meta_c = (f"{prefix}_{n}" for n in ("chunks", "articles", "meta"))

    # ---------------------------------------------------------------- meta
    def _get(self, name: str) -> str | None:
        if not self.client.has_collection(self.meta_c):
            return None
        if not self._meta_loaded:                           # a collection is searched once loaded
            self.client.load_collection(self.meta_c)
            self._meta_loaded = True
        rows = self.client.query(self.meta_c, filter=f'name == "{name}"', output_fields=["part", "data"])
        return "".join(r["data"] for r in sorted(rows, key=lambda r: r["part"])) if rows else None

    def _put(self, name: str, text: str) -> None:
        parts = _parts(text)
        self.client.upsert(self.meta_c, [{"key": f"{name}#{i}", "name": name, "part": i, "data": p,
                                           "pad": [0.0, 0.0]} for i, p in enumerate(parts)])
        self.client.delete(self.meta_c, filter=f'name == "{name}" and part >= {len(parts)}')

    def generation(self) -> str:
        try:
            m = self._get("manifest")
        except Exception:                                   # the server is away: keep answering
            return ""
        return json.loads(m)["built"] if m else ""

    def damaged(self) -> bool:
        return self.client.has_collection(self.meta_c)

    def load(self) -> MilvusBackend:
        m = self._get("manifest")
        if not m:
            raise IndexBroken(f"no index in Milvus at {self.uri} (collections {self.prefix}_*)")
        manifest = json.loads(m)
        text = self._get("tables")
        tables = None
        if manifest.get("tables") == TABLES_VERSION and text:
            tables = ReaderTables.from_json(text)
        for c in (self.chunks_c, self.articles_c):
            self.client.load_collection(c)
        return MilvusBackend(self.client, self.prefix, self.encoder, manifest, tables)

    # --------------------------------------------------------------- build
    def _create(self, dim: int) -> None:
        from pymilvus import DataType, Function, FunctionType
        c = self.client
        if not c.has_collection(self.chunks_c):
            s = c.create_schema(auto_id=False)
            s.add_field("id", DataType.VARCHAR, is_primary=True, max_length=128)
            s.add_field("article_id", DataType.VARCHAR, max_length=128)
            s.add_field("start", DataType.INT64)
            s.add_field("end", DataType.INT64)
            s.add_field("key", DataType.VARCHAR, max_length=64)
            s.add_field("terms", DataType.VARCHAR, max_length=65535, enable_analyzer=True,
                        analyzer_params={"tokenizer": "standard"})
            s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            s.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
            s.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                    input_field_names=["terms"], output_field_names=["sparse"]))
            ip = c.prepare_index_params()
            ip.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
            # exact search, as the local index up to 200k chunks; a cluster would use HNSW
            # (BENCHMARKS.md has the layout for tens of millions of chunks)
            ip.add_index("dense", index_type="FLAT", metric_type="IP")
            c.create_collection(self.chunks_c, schema=s, index_params=ip)
        for name, key in ((self.articles_c, "id"), (self.meta_c, "key")):
            if not c.has_collection(name):
                s = c.create_schema(auto_id=False)
                s.add_field(key, DataType.VARCHAR, is_primary=True, max_length=160)
                s.add_field("article_id" if name == self.articles_c else "name", DataType.VARCHAR, max_length=128)
                s.add_field("part", DataType.INT64)
                if name == self.articles_c:
                    s.add_field("parts", DataType.INT64)          # how many rows the article takes
                s.add_field("data", DataType.VARCHAR, max_length=65535)
                s.add_field("pad", DataType.FLOAT_VECTOR, dim=2)
                ip = c.prepare_index_params()
                ip.add_index("pad", index_type="FLAT", metric_type="L2")
                c.create_collection(name, schema=s, index_params=ip)

    def _all(self, collection: str, fields: list[str]) -> list[dict]:
        it = self.client.query_iterator(collection, batch_size=5000, filter="", output_fields=fields)
        out = []
        while True:
            rows = it.next()
            if not rows:
                it.close()
                return out
            out += rows

    def build(self, corpus_dir: Path, extra_articles: list[Article] | None = None,
              progress: bool | None = None, vectors: dict | None = None) -> BuildReport:
        """Bring the collections to the corpus folder: rows of removed or changed chunks and
        articles deleted, new ones embedded (resumably) and inserted, tables and manifest
        rewritten. Unchanged chunks are not touched. `vectors`: {key: vector} already made
        (a local index's), taken instead of embedding again."""
        t0 = time.time()
        report = BuildReport()
        old = self._get("manifest")
        old = json.loads(old) if old else None
        if old and (old["model_id"] != self.encoder.model_id or old.get("chunker") != CHUNKER_VERSION
                    or old.get("schema") != SCHEMA):
            report.rebuilt_because = "model, chunker or collection layout changed"
            for c in (self.chunks_c, self.articles_c, self.meta_c):
                self.client.drop_collection(c)
            old, self._meta_loaded = None, False
        self._create(self.encoder.dim)
        for c in (self.chunks_c, self.articles_c):
            self.client.load_collection(c)                 # readable: what is already there is compared
        plan = plan_build(corpus_dir, old["files"] if old else {}, report, extra_articles)
        keys = plan.keys(self.encoder.model_id)

        # chunks: a row is kept when its id, key (text) and offsets are unchanged
        have = {r["id"]: (r["key"], r["article_id"], r["start"], r["end"])
                for r in self._all(self.chunks_c, ["id", "key", "article_id", "start", "end"])}
        want = {c.id: (k, c.article_id, c.start, c.end) for c, k in zip(plan.chunks, keys)}
        stale = [i for i in have if want.get(i) != have[i]]
        todo = [n for n, c in enumerate(plan.chunks) if have.get(c.id) != want[c.id]]
        cache = {**(vectors or {}), **load_pending(self.work_dir, self.encoder.model_id)}
        need = sorted({keys[n]: n for n in todo if keys[n] not in cache}.values())
        self.work_dir.mkdir(parents=True, exist_ok=True)
        embed_resumably(self.encoder, [plan.texts[n] for n in need], [keys[n] for n in need], cache,
                        self.work_dir, progress)
        report.embedded, report.reused = len(need), len(plan.chunks) - len(need)
        for lo in range(0, len(stale), BATCH):
            self.client.delete(self.chunks_c, ids=stale[lo:lo + BATCH])
        for lo in range(0, len(todo), BATCH):
            self.client.insert(self.chunks_c, [
                {"id": c.id, "article_id": c.article_id, "start": c.start, "end": c.end, "key": keys[n],
                 "terms": terms(plan.tokens[n]), "dense": np.asarray(cache[keys[n]], np.float32).tolist()}
                for n in todo[lo:lo + BATCH] for c in [plan.chunks[n]]])

        # articles: rewritten when their JSON changed
        have_a = {r["id"]: (r["parts"], r["data"]) for r in self._all(self.articles_c, ["id", "parts", "data"])}
        rows = [{"id": f"{a.id}#{i}" if i else a.id, "article_id": a.id, "part": i, "parts": len(ps),
                 "data": p, "pad": [0.0, 0.0]}
                for a in plan.articles for ps in [_parts(json.dumps(a.to_dict(), ensure_ascii=False))]
                for i, p in enumerate(ps)]
        keep = {r["id"] for r in rows if have_a.get(r["id"]) == (r["parts"], r["data"])}
        wanted = {r["id"] for r in rows}
        gone = [i for i in have_a if i not in wanted]
        for lo in range(0, len(gone), BATCH):
            self.client.delete(self.articles_c, ids=gone[lo:lo + BATCH])
        fresh = [r for r in rows if r["id"] not in keep]
        for lo in range(0, len(fresh), BATCH):
            self.client.upsert(self.articles_c, fresh[lo:lo + BATCH])

        df = Counter(t for toks in plan.tokens for t in set(toks))
        self._put("tables", plan.tables(dict(df), self.encoder).to_json())
        manifest = plan.manifest(self.encoder, backend="milvus", schema=SCHEMA)
        manifest["built"] = f"{manifest['built']}.{time.time_ns() % 10**9:09d}"  # unique: the generation
        self._put("manifest", json.dumps(manifest, ensure_ascii=False))
        for c in (self.chunks_c, self.articles_c, self.meta_c):
            self.client.flush(c)
        shutil.rmtree(self.work_dir / "pending", ignore_errors=True)
        report.seconds = time.time() - t0
        if progress:
            print(f"milvus {self.uri}: {len(stale)} chunk rows deleted, {len(todo)} written",
                  file=sys.stderr)
        return report
