"""The chat app (Gradio) and the HTTP API (FastAPI) in one server.

    rag serve [--host 127.0.0.1] [--port 7860] [--auth USER:PASSWORD] [--corpus DIR] [--index-dir DIR]

Every string from a question or an article is HTML-escaped before it is shown:
text is displayed, never executed. Who may ask, by which host name and how often is
`ui/guard.py`'s; each answer is worked out within a time limit.
"""
import base64
import html
import io
import json
import logging
import os
import re
import threading
import time
import uuid
import warnings
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from rag.feedback import FILE as FEEDBACK_FILE, NOTICE as FEEDBACK_NOTICE, FeedbackLog
from rag.normalize import visible
from rag.types import Scope

from .guard import LOOPBACK, Answering, Guard, RateLimit, TooSlow, Users

# Gradio reports each start to its makers' server unless told not to: this server calls no one
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

log = logging.getLogger("beibei.serve")
# Gradio's queue calls pandas APIs pandas 3 deprecates: its chatter, not ours to fix
warnings.filterwarnings("ignore", module=r"gradio\.queueing")

FAILED = "抱歉,回答这个问题时出错了,已记录下来。请换个问法再试。"
TOO_SLOW = "抱歉,这个问题一时答不出来(超过了时间限制)。请稍后再试,或把问题问得更具体些。"
REFRESH_SECONDS = 2.0       # how often the server looks for a new index generation
MAX_QUESTION = 500          # characters; longer questions get a 4xx from the API
MAX_BODY = 256 * 1024       # bytes of one /api/ask request: a question and a long conversation
MAX_TURNS = 40              # history messages; the reader looks back 4 questions at most
MAX_TURN_CHARS = 4000       # characters of one history message
CSS = """
.src {border:1px solid #ddd; border-radius:8px; padding:10px 12px; margin:8px 0; background:#fafafa}
.src .meta {color:#555; font-size:0.9em; margin-bottom:4px}
.src mark {background:#fff3a3; padding:0 2px}
.src details {margin-top:6px}
.src .article {white-space:pre-wrap; font-size:0.92em; color:#333}
"""


def corpus_facts(bot) -> dict:
    """What the generation answering now holds, and the corpus files (or lines) its build
    skipped, with why."""
    backend = bot.backend               # once: a new generation may be swapped in meanwhile
    f = backend.tables.facts
    return {"articles": f["articles"], "issues": len(f["sources"]), "chunks": f["chunks"],
            "first_date": f["first_date"], "last_date": f["last_date"], "model": backend.model_id,
            "built": backend.manifest.get("built", ""), "generation": bot.generation,
            "skipped": list(backend.manifest.get("problems", []))}


def header(facts: dict) -> str:
    """The page's header: the corpus as it is now."""
    skipped = f"有 {len(facts['skipped'])} 个文件或记录读不了,已跳过(见 /api/health)。" if facts["skipped"] else ""
    return (f"## 北碚报问答\n语料:{facts['issues']} 期报纸、{facts['articles']} 篇报道"
            f"({facts['first_date'] or '?'} 至 {facts['last_date'] or '?'})。"
            f"答案只来自报道原文,每句都附出处;语料中没有的,会直说没有找到。{skipped}")


def follow_index(bot, watch: bool, every: float = REFRESH_SECONDS) -> threading.Event:
    """A daemon thread that swaps in each new index generation (`watch`: and first indexes
    the corpus folder's new or changed files); set the returned event to stop it."""
    stop = threading.Event()

    def loop():
        while not stop.wait(every):
            try:
                bot.update() if watch else bot.refresh()
            except Exception:                   # a bad build must not end the server
                log.exception("index update failed; still answering from %s", bot.generation)
    threading.Thread(target=loop, daemon=True, name="index-follower").start()
    return stop


def sources_html(bot, answer) -> str:
    """The cited sources: headline, date, reporter, file, the quote highlighted in an excerpt."""
    esc = html.escape
    if not answer.found:
        if not answer.related:
            return "<p>没有相关报道。</p>"
        items = "".join(f"<li>{esc(a.title or '(无标题)')} <span class='meta'>{esc(a.date or '日期不详')} · "
                        f"{esc(a.source)}</span></li>" for a in answer.related)
        return f"<div class='src'><b>相关报道</b><ul>{items}</ul></div>"
    # an article cited more than once (the key points of one speech) is shown once, every
    # cited passage highlighted in it
    groups: dict[str, list] = {}
    for c in answer.citations:
        groups.setdefault(c.article_id, []).append(c)
    out = []
    for cs in groups.values():
        c, art = cs[0], bot.backend.article(cs[0].article_id)
        reporters = "、".join(art.reporters) if art and art.reporters else "—"
        marked = sorted((x for x in cs if x.start >= 0), key=lambda x: x.start)
        if art and marked:
            lo, hi = max(0, marked[0].start - 80), min(len(art.text), max(x.end for x in marked) + 80)
            excerpt, at = "…" if lo else "", lo
            for x in marked:
                if x.start < at:                 # overlapping passages: one mark
                    continue
                excerpt += esc(art.text[at:x.start]) + "<mark>" + esc(art.text[x.start:x.end]) + "</mark>"
                at = x.end
            excerpt += esc(art.text[at:hi]) + ("…" if hi < len(art.text) else "")
        else:
            excerpt = "<mark>" + esc(c.quote) + "</mark>"
        whole = esc(art.text) if art else ""
        ns = "".join(f"[{x.n}]" for x in cs)
        where = esc(c.source) + (f" 第{c.page}页" if c.page else "")
        out.append(
            f"<div class='src' id='src-{c.n}'><div><b>{ns} {esc(c.title or '(无标题)')}</b></div>"
            f"<div class='meta'>{esc(c.date or '日期不详')} · 记者 {esc(reporters)} · {where}</div>"
            f"<div class='quote'>{excerpt}</div>"
            f"<details><summary>全文</summary><div class='article'>{whole}</div></details>"
            f"{page_view(bot, c)}</div>")
    return "".join(out)


def page_view(bot, c) -> str:
    """For a quote from a PDF or a scanned page: the page itself, the quoted paragraph
    outlined, behind a click (an image, made when the answer is shown)."""
    from rag import pages
    path = Path(bot.corpus_dir) / c.source
    if not c.page or path.suffix.lower() not in pages.SUFFIXES or not path.is_file():
        return ""
    try:
        read = pages.read(path, cached_only=True)     # as indexed: never OCR while a user waits
        at = next((p for p in range(c.page, len(read.sizes) + 1)
                   if pages.page_has(read, p, c.quote)), c.page)
        img = pages.outlined(path, read, at, c.quote) or pages.page_image(path, at)
    except (OSError, ValueError):
        return ""
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=70)
    data = base64.b64encode(buf.getvalue()).decode()
    return (f"<details class='page'><summary>原版面 第{at}页</summary>"
            f"<img alt='{html.escape(c.source)} 第{at}页' style='max-width:100%' "
            f"src='data:image/jpeg;base64,{data}'></details>")


def example_questions(bot, n: int = 5) -> list[str]:
    """Questions drawn from the corpus, one of each kind the chat answers: a fact, the
    reports about a topic, a person's activities, the key points of a meeting, a count."""
    rows = bot.composer.meetings()
    if not rows:
        return ["乡村振兴", "有哪些关于招商引资的报道?"][:n]
    first = rows[0]
    topic = re.sub(r"^区政府|^区委|第\d+次", "", first.meeting) or first.meeting
    return [f"谁主持了{first.meeting}?", topic, f"{first.person}最近在忙什么?",
            f"{first.meeting}强调了什么?", f"报纸上报道了几次{topic}?"][:n]


def build_app(bot, feedback_path: str | Path | None = None, users: Users = Users(),
              hosts: frozenset[str] = LOOPBACK, rate: RateLimit | None = None,
              answering: Answering | None = None):
    """The server as one ASGI app. `users`: the logins the page and /api/* ask for (none:
    open); `hosts`: the names a request's Host may give; `rate`: a per-client limit on POSTs
    (None: no limit); `answering`: the workers and time limit of answers."""
    import gradio as gr

    log_ = FeedbackLog(feedback_path or bot.index_dir / FEEDBACK_FILE)
    api = FastAPI(title="Beibei News QA")
    answering = answering or Answering()

    @api.get("/api/health")
    def health():
        return {"status": "ok", **corpus_facts(bot)}

    def answer(question, history, scope=None):
        # no lock: the composer keeps no per-request state (rag/compose.py), so
        # conversations run side by side
        return bot.ask(question, history, scope=scope)

    @api.post("/api/ask")
    async def ask(request: Request):
        # JSON only: a form or text/plain POST is what another site's page can send unasked
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            return JSONResponse({"error": "send the question as application/json"}, status_code=415)
        body = bytearray()
        async for part in request.stream():       # read no more than the limit, whatever is sent
            body += part
            if len(body) > MAX_BODY:
                return JSONResponse({"error": f"request body too long (more than {MAX_BODY} bytes)"},
                                    status_code=413)
        try:
            payload = json.loads(bytes(body) or b"null")
        except (ValueError, UnicodeDecodeError, RecursionError):     # nested too deep: no JSON we take
            return JSONResponse({"error": "body is not valid JSON"}, status_code=400)
        err = _validate(payload)
        if err:
            return JSONResponse({"error": err}, status_code=413 if "too long" in err else 400)
        try:
            ans = await answering.run_async(answer, payload["question"], payload.get("history") or [],
                                            _scope(payload.get("scope")))
        except TooSlow:
            log.warning("answering %r took longer than %s s", payload["question"][:100], answering.limit)
            return JSONResponse({"error": TOO_SLOW}, status_code=503)
        except Exception:                   # the traceback goes to the log, never to the client
            log.exception("answering %r failed", payload["question"][:100])
            return JSONResponse({"error": FAILED}, status_code=500)
        d = ans.to_dict()
        return {"text": d["text"], "found": d["found"], "span": d["span"], "form": d["form"],
                "question": d["question"],
                "citations": [{k: c[k] for k in ("n", "source", "article_id", "title", "date", "quote")}
                              for c in d["citations"]],
                "related": d["related"]}

    facts = corpus_facts(bot)

    def respond(message, history, state, issues=None, date_from="", date_to=""):
        message = visible(message or "").strip()
        if not message:
            return "", history, state, gr.update()
        if len(message) > MAX_QUESTION:
            reply = f"问题太长了(超过{MAX_QUESTION}字),请缩短后再问。"
            return "", history + [_user(message), {"role": "assistant", "content": reply}], state, gr.update()
        try:
            scope = _scope({"sources": issues or [], "from": date_from, "to": date_to})
        except ValueError as e:             # a malformed date in the filter: our own message
            return "", history + [_user(message), {"role": "assistant", "content": str(e)}], state, gr.update()
        try:
            ans = answering.run(answer, message, [{"role": h["role"], "content": h["content"]} for h in state],
                                scope)
        except TooSlow:
            return "", history + [_user(message), {"role": "assistant", "content": TOO_SLOW}], state, gr.update()
        except Exception:                   # the traceback goes to the log, never to the chat
            log.exception("answering %r failed", message[:100])
            return "", history + [_user(message), {"role": "assistant", "content": FAILED}], state, gr.update()
        shown = html.escape(ans.text)
        if ans.question:                    # a follow-up, as it was understood
            shown = f"(理解为:{html.escape(ans.question)})\n{shown}"
        conv = state[0]["conv"] if state else uuid.uuid4().hex       # names the conversation's answers
        state = state + [{"role": "user", "content": message, "conv": conv},
                         {"role": "assistant", "content": ans.text, "conv": conv, "rewritten": ans.question,
                          "citations": [c.__dict__ for c in ans.citations],
                          "generation": bot.generation, "model": bot.backend.model_id,
                          "sources": sources_html(bot, ans)}]
        history = history + [_user(message), {"role": "assistant", "content": shown}]
        return "", history, state, state[-1]["sources"]

    def show_sources(data: gr.SelectData, state):
        """Clicking an answer (or its [n]) shows that answer's own sources."""
        idx = _message_index(data)
        if isinstance(idx, int) and 0 <= idx < len(state) and state[idx].get("sources"):
            return state[idx]["sources"]
        return gr.update()

    def clear():
        return [], [], "<p>新对话开始。</p>"

    def feedback(data: gr.LikeData, state):
        # the annotation must be a class, not a string: Gradio passes event data by it
        idx = _message_index(data)
        if not (isinstance(idx, int) and 0 <= idx < len(state)):
            return
        said = state[idx]
        entry = {"id": f"{said.get('conv', '')}:{idx}", "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
                 "liked": bool(data.liked), "question": state[idx - 1]["content"] if idx else "",
                 "rewritten": said.get("rewritten", ""), "answer": said["content"],
                 "citations": said.get("citations", []), "generation": said.get("generation", ""),
                 "model": said.get("model", "")}
        log_.record(entry)

    with gr.Blocks(title="北碚报问答", analytics_enabled=False) as demo:
        top = gr.Markdown(header(facts))
        state = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="对话", height=420, elem_id="chat", sanitize_html=True,
                                  render_markdown=False, feedback_options=("Like", "Dislike"))
                box = gr.Textbox(placeholder="例如:谁主持了区政府第49次常务会议?", show_label=False,
                                 elem_id="question", max_length=2000)
                with gr.Row():
                    send = gr.Button("提问", variant="primary", elem_id="send")
                    new = gr.Button("新对话", elem_id="new")
                with gr.Accordion("筛选:只在某几期或某段时间的报道中查找", open=False, elem_id="filter"):
                    issues = gr.Dropdown(bot.backend.tables.facts["sources"], multiselect=True,
                                         label="报纸期号(文件)", elem_id="issues")
                    with gr.Row():
                        date_from = gr.Textbox(label="从(如 2023 或 2023-10-01)", elem_id="date-from")
                        date_to = gr.Textbox(label="到(如 2023-12-31)", elem_id="date-to")
                gr.Examples(example_questions(bot), inputs=box, label="示例问题")
                gr.Markdown(FEEDBACK_NOTICE, elem_id="feedback-notice")
            with gr.Column(scale=2):
                gr.Markdown("### 来源")
                src = gr.HTML("<p>提问后,这里显示引用的报道和原句。</p>", elem_id="sources")
        inputs = [box, chat, state, issues, date_from, date_to]
        send.click(respond, inputs, [box, chat, state, src])
        box.submit(respond, inputs, [box, chat, state, src])
        new.click(clear, None, [chat, state, src])
        chat.like(feedback, [state], None)
        chat.select(show_sources, [state], [src])

        def now():                          # each page load shows the index as it is now
            f = corpus_facts(bot)
            return header(f), gr.update(choices=bot.backend.tables.facts["sources"])
        demo.load(now, None, [top, issues])
    app = gr.mount_gradio_app(api, demo, path="/", css=CSS, auth=users.login if users else None,
                              auth_message="请登录后使用北碚报问答。", max_file_size=1)
    return Guard(app, users, hosts, rate)


def _message_index(data) -> int | None:
    """The chat message an event (a like, a click) is about: Gradio gives an int or [row, col]."""
    return data.index if isinstance(data.index, int) else (data.index[0] if data.index else None)


def _user(text: str) -> dict:
    return {"role": "user", "content": html.escape(text)}


DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
SURROGATE = re.compile("[\ud800-\udfff]")      # half a UTF-16 pair: JSON can carry it, no text has it


def _scope(given) -> Scope | None:
    """{"sources": [...], "from": "2023", "to": "2023-10-31"} -> a Scope (ValueError when a
    date is not YYYY, YYYY-MM or YYYY-MM-DD)."""
    if not given:
        return None
    lo, hi = (str(given.get(k) or "").strip() for k in ("from", "to"))
    for d in (lo, hi):
        if d and not DATE.fullmatch(d):
            raise ValueError(f"日期“{d}”的格式不对,请写成 2023、2023-10 或 2023-10-26。")
    return Scope(tuple(given.get("sources") or ()), lo, hi) or None


def _validate(payload) -> str:
    if not isinstance(payload, dict):
        return "body must be a JSON object like {\"question\": \"...\"}"
    q = payload.get("question")
    if not isinstance(q, str) or not q.strip():
        return "'question' must be a non-empty string"
    if len(q) > MAX_QUESTION:
        return f"'question' is too long ({len(q)} characters; at most {MAX_QUESTION})"
    hist = payload.get("history", [])
    if hist is not None and (not isinstance(hist, list) or not all(
            isinstance(h, dict) and h.get("role") in ("user", "assistant") and isinstance(h.get("content"), str)
            for h in hist)):
        return "'history' must be a list of {\"role\": \"user\"|\"assistant\", \"content\": str}"
    if SURROGATE.search(q) or any(SURROGATE.search(h["content"]) for h in hist or []):
        return "the text holds a lone surrogate (\\ud800-\\udfff): not valid Unicode"
    scope = payload.get("scope")
    if scope is not None:
        if not isinstance(scope, dict) or not all(isinstance(x, str) for x in scope.get("sources") or []):
            return "'scope' must be {\"sources\": [file names], \"from\": \"YYYY[-MM[-DD]]\", \"to\": ...}"
        try:
            _scope(scope)
        except ValueError:
            return "'scope' dates must be YYYY, YYYY-MM or YYYY-MM-DD"
    if hist and len(hist) > MAX_TURNS:
        return f"'history' is too long ({len(hist)} messages; at most {MAX_TURNS})"
    if hist and max(len(h["content"]) for h in hist) > MAX_TURN_CHARS:
        return f"a 'history' message is too long (at most {MAX_TURN_CHARS} characters)"
    return ""


def serve(bot, host: str = "127.0.0.1", port: int = 7860, watch: bool = False, users: Users = Users(),
          hosts: frozenset[str] = LOOPBACK, rate: RateLimit | None = None) -> None:
    import uvicorn
    app = build_app(bot, users=users, hosts=hosts, rate=rate)
    follow_index(bot, watch)
    print(f"Beibei News QA: http://{host}:{port}/", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
