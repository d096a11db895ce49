import json

from conftest import SHARED


def test_hit_fields(bot):
    hits = bot.retrieve("谁主持了区政府第49次常务会议?", k=5)
    top = hits[0]
    assert top.title == "区政府召开第49次常务会议" and top.source.startswith("001_")
    assert top.date == "2023-10-25" and top.text in top.article.text and top.score > 0
    assert top.article_id == top.chunk.article_id
    per_article = {}
    for h in hits:
        per_article[h.article_id] = per_article.get(h.article_id, 0) + 1
    assert max(per_article.values()) <= 2


def test_traditional_characters_and_numerals(bot):
    assert bot.retrieve("誰主持了區政府第四十九次常務會議?")[0].title == "区政府召开第49次常务会议"
    assert bot.retrieve("第二十七次常务会议审议了什么")[0].title == "区政府召开第27次常务会议"


def test_seed_dev_questions_find_their_article(bot):
    rows = [json.loads(l) for l in open(SHARED / "eval" / "seed_qa_dev.jsonl")]
    top1 = top5 = n = 0
    for q in rows:
        if q["type"] in ("none", "aggregate"):
            continue
        hits = bot.retrieve(q.get("question") or q["turns"][0], 5)
        ok = [h.source in q["sources"] and q["evidence"] in h.article.header + h.article.text for h in hits]
        n += 1
        top1 += ok[0]
        top5 += any(ok)
    assert top5 == n and top1 >= 0.93 * n


def test_the_dense_weight_follows_how_decisive_bm25_is():
    import numpy as np
    from rag.retrieve import ALPHA_MIN, ALPHA_TOP, adaptive_alpha
    assert adaptive_alpha(np.array([10.0, 9.9, 9.5])) > 0.85          # flat: the dense side decides
    assert adaptive_alpha(np.array([10.0, 2.0, 1.0])) == ALPHA_MIN     # one decisive lexical match
    assert adaptive_alpha(np.array([0.0, 0.0])) == ALPHA_TOP           # no lexical match at all
    assert 0.5 < adaptive_alpha(np.array([10.0, 8.5])) < 0.7
