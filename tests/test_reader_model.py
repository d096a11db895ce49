"""The trained span reader: shipped weights load offline, real answers, no confident nonsense."""
import json
import re

from conftest import ROOT, SHARED
from rag.evaluate import run_item


def test_the_shipped_reader_reads_offline():
    from embeddings.span_reader import SpanReader
    r = SpanReader.open()
    got = r.read("谁主持了会议?", ["区委副书记、区长黄祖英主持了区政府第49次常务会议。", "今天的天气很好,适合出门。"])
    assert got[0][0].text == "黄祖英" and got[0][0].score > 0
    assert not got[1] or got[1][0].score < 0           # nothing to answer with: no-answer wins
    again = r.read("谁主持了会议?", ["区委副书记、区长黄祖英主持了区政府第49次常务会议。"])
    assert again[0][0] == got[0][0]                     # read alone or beside another: the same


def gold_items():
    for path in (SHARED / "eval" / "seed_qa_dev.jsonl", ROOT / "tests" / "hand_qa.jsonl"):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                yield json.loads(line)


def test_every_name_and_number_said_is_inside_its_quote(bot):
    for item in gold_items():
        ans = run_item(bot, item)
        if not ans.found:
            continue
        quotes = "".join(c.quote for c in ans.citations)
        asked = (item.get("turns") or [item.get("question")])[-1] + (ans.question or "")
        said = re.sub(r"\[\d+\]|\(\d{4}-\d{2}-\d{2}\)|\(\d{2}-\d{2}\)", "", ans.text)
        for num in re.findall(r"\d+(?:\.\d+)?", said):
            assert num in quotes or num in asked, (item["id"], ans.text)
        for part in (ans.span or "").split("、"):
            assert part in quotes, (item["id"], ans.text)
