"""The `rag` command line: articles | index | ask | eval | serve."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _report(problems) -> None:
    for p in problems:
        print(f"skipped {p}", file=sys.stderr)


def cmd_articles(args) -> int:
    from .articles import load_articles
    articles, problems = load_articles(args.corpus)
    _report(problems)
    if args.json:
        json.dump([a.to_dict() for a in articles], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for a in articles:
        subs = f" [{' / '.join(a.subtitles)}]" if a.subtitles else ""
        who = f" 记者 {' '.join(a.reporters)}" if a.reporters else ""
        where = a.source + (f" 第{a.page}页" if a.page else "")
        print(f"{where}  {a.date or '----'}  {a.kind:7} {a.title or '(无标题)'}{subs}{who}")
    print(f"{len(articles)} articles, {len(problems)} problems", file=sys.stderr)
    return 0


def cmd_index(args) -> int:
    from embeddings import Encoder
    from .assistant import default_index_dir, open_store
    from .index import IndexBroken, build_index, verify_index
    corpus = Path(args.corpus)
    index_dir = Path(args.index_dir) if args.index_dir else default_index_dir(corpus)
    if args.backend != "local":
        if args.verify:
            print("--verify compares local index folders; it does not read Milvus", file=sys.stderr)
            return 2
        store = open_store(args.backend, index_dir, Encoder(args.model), args.milvus_uri)
        print(f"index {store.name} {store.uri}: {store.build(corpus, progress=None)}")
        return 0
    if args.verify:
        try:
            diffs = verify_index(corpus, index_dir, Encoder(args.model))
        except IndexBroken as e:
            print(f"index {index_dir}: {e}", file=sys.stderr)
            return 1
        for d in diffs:
            print(f"  {d}")
        print(f"index {index_dir}: " + ("differs from a fresh build" if diffs else
                                         "identical to a fresh build of the corpus"))
        return 1 if diffs else 0
    report = build_index(corpus, index_dir, Encoder(args.model), faiss_type=args.faiss)
    print(f"index {index_dir}: {report}")
    return 0


def _open(args):
    from .assistant import Assistant
    return Assistant.open(args.corpus, args.index_dir, model=args.model, backend=args.backend,
                          milvus_uri=args.milvus_uri)


def cmd_ask(args) -> int:
    bot = _open(args)
    ans = bot.ask(args.question)
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=1))
        return 0
    print(ans.text)
    for c in ans.citations:
        print(f"  [{c.n}] {c.title} ({c.date or '日期不详'}, {c.source})\n      “{c.quote}”")
    if not ans.found and ans.related:
        print("  相关报道:")
        for a in ans.related:
            print(f"    - {a.title} ({a.date or '日期不详'}, {a.source})")
    return 0


def cmd_eval(args) -> int:
    from .evaluate import evaluate, format_report
    bot = _open(args)
    report = evaluate(bot, args.file)
    print(format_report(report, verbose=args.verbose))
    return 0


def cmd_serve(args) -> int:
    from ui.app import serve
    from ui.guard import LOOPBACK, RATE, RateLimit, allowed_hosts, load_users
    try:
        users = load_users(args.auth, args.auth_file, args.token)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.host not in LOOPBACK and not users and not args.no_auth:
        print(f"error: --host {args.host} lets anyone on the network read the corpus and ask; give "
              "--auth USER:PASSWORD (or RAG_AUTH, --auth-file), or --no-auth to serve it open",
              file=sys.stderr)
        return 2
    rate = RateLimit(min(RATE, args.rate), args.rate / 60) if args.rate > 0 else None
    bot = _open(args)
    serve(bot, host=args.host, port=args.port, watch=args.watch, users=users,
          hosts=allowed_hosts(args.host, args.allowed_host), rate=rate)
    return 0


def cmd_feedback(args) -> int:
    from .assistant import default_index_dir
    from .feedback import FILE, FeedbackLog, summary
    index_dir = Path(args.index_dir) if args.index_dir else default_index_dir(Path(args.corpus))
    print(summary(FeedbackLog(index_dir / FILE).entries()))
    return 0


def _backend_args(p) -> None:
    p.add_argument("--backend", default=os.environ.get("RAG_INDEX_BACKEND", "local"), choices=["local", "milvus"],
                   help="where the index lives: local FAISS + BM25 files (default) or Milvus")
    p.add_argument("--milvus-uri", default=os.environ.get("RAG_MILVUS_URI"),
                   help="a Milvus Lite file or a server's URI (http://host:19530; MILVUS_TOKEN for "
                        "credentials); default: milvus.db in the index folder")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rag", description="Beibei News QA")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("articles", help="read a corpus folder and print its articles")
    p.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(fn=cmd_articles)
    p = sub.add_parser("index", help="build or update the index of a corpus folder")
    p.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    p.add_argument("--index-dir", help="where the index lives (default: in the user cache)")
    p.add_argument("--model", help="sentence-transformers model name or path (default: me5-small)")
    p.add_argument("--faiss", default="auto", choices=["auto", "flat", "hnsw"],
                   help="FAISS index type (auto: flat up to 200k chunks)")
    p.add_argument("--verify", action="store_true",
                   help="rebuild in a temporary folder and report whether it equals the index")
    _backend_args(p)
    p.set_defaults(fn=cmd_index)
    for name, help_ in (("ask", "answer one question with citations"),
                        ("eval", "score a gold question file (seed_qa_dev.jsonl format)")):
        p = sub.add_parser(name, help=help_)
        p.add_argument("question" if name == "ask" else "file")
        p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
        p.add_argument("--index-dir")
        p.add_argument("--model")
        _backend_args(p)
        if name == "ask":
            p.add_argument("--json", action="store_true")
        else:
            p.add_argument("-v", "--verbose", action="store_true", help="print every item")
        p.set_defaults(fn=cmd_ask if name == "ask" else cmd_eval)
    p = sub.add_parser("serve", help="start the chat app and HTTP API")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind; any but loopback needs --auth (or --no-auth)")
    p.add_argument("--auth", metavar="USER:PASSWORD",
                   help="the login the page and /api/* ask for (or RAG_AUTH); /api/* takes HTTP Basic")
    p.add_argument("--auth-file", help="a file of logins, one USER:PASSWORD a line (or RAG_AUTH_FILE)")
    p.add_argument("--token", help="a bearer token /api/* also takes, 16+ characters (or RAG_API_TOKEN)")
    p.add_argument("--no-auth", action="store_true", help="serve a non-loopback address without a login")
    p.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="a host name clients reach the server by (besides loopback and the machine's "
                        "own names); requests naming any other Host get 421")
    p.add_argument("--rate", type=float, default=60,
                   help="POSTs a client address may send a minute (0: no limit; default %(default)s)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--watch", action="store_true",
                   help="index new or changed corpus files as they appear (a new index built by "
                        "`rag index` is picked up within seconds either way)")
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--index-dir")
    p.add_argument("--model")
    _backend_args(p)
    p.set_defaults(fn=cmd_serve)
    p = sub.add_parser("feedback", help="summarise the chat's 👍/👎 log: counts and the disliked answers")
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    p.add_argument("--index-dir")
    p.set_defaults(fn=cmd_feedback)
    return ap


def main(argv: list[str] | None = None) -> int:
    from .backends import BackendError
    args = build_parser().parse_args(argv)
    try:
        return args.fn(args)
    except (FileNotFoundError, BackendError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
