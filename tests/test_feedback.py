"""The feedback log: concurrent clicks, a second rating of the same answer, rotation, summary."""
import json
import threading

from rag.feedback import FeedbackLog, summary


def entry(i, liked=True, conv="c"):
    return {"id": f"{conv}:{i}", "liked": liked, "question": f"问题{i}", "answer": f"答案{i}[1]。"}


def test_concurrent_clicks_lose_nothing(tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    threads = [threading.Thread(target=lambda k=k: [log.record(entry(i, conv=f"t{k}")) for i in range(25)])
               for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = (tmp_path / "feedback.jsonl").read_text().splitlines()
    assert len(lines) == 200 and len({json.loads(l)["id"] for l in lines}) == 200


def test_rating_an_answer_again_replaces_its_line(tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    log.record(entry(1))
    log.record(entry(2))
    log.record(entry(1, liked=False))
    got = log.entries()
    assert [(e["id"], e["liked"]) for e in got] == [("c:1", False), ("c:2", True)]


def test_the_log_is_rotated_and_bounded(tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl", max_bytes=2000, keep=2)
    for i in range(100):
        log.record(entry(i))
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["feedback.jsonl", "feedback.jsonl.1", "feedback.jsonl.2"]
    assert all(p.stat().st_size <= 2000 for p in tmp_path.iterdir())
    assert log.entries()[-1]["id"] == "c:99"


def test_summary_lists_the_disliked_answers():
    text = summary([entry(1), entry(2, liked=False) | {"rewritten": "区政协主席是谁?"}])
    assert text.startswith("2 rated answers: 1 👍, 1 👎")
    assert "问题2 (理解为: 区政协主席是谁?)" in text and "答案2" in text and "问题1" not in text


def test_the_log_is_private_masks_personal_numbers_and_forgets_old_files(tmp_path):
    import os
    import time
    from rag.feedback import mask
    path = tmp_path / "feedback.jsonl"
    log = FeedbackLog(path, max_bytes=400, keep=2, retain_days=30)
    log.record(entry(1) | {"question": "我的手机13812345678,身份证11010519491231002X,会议是哪天?"})
    assert path.stat().st_mode & 0o777 == 0o600
    kept = log.entries()[0]["question"]
    assert "13812345678" not in kept and "138****5678" in kept and "110105********002X" in kept
    # figures of the news are no personal numbers
    assert mask("2023年10月25日召开第49次会议,投资2500亿元,增长6.1%") == "2023年10月25日召开第49次会议,投资2500亿元,增长6.1%"
    for i in range(2, 12):
        log.record(entry(i))
    rotated = tmp_path / "feedback.jsonl.1"
    assert rotated.exists() and rotated.stat().st_mode & 0o777 == 0o600
    old = time.time() - 31 * 86400
    os.utime(rotated, (old, old))
    log.record(entry(99))
    assert not rotated.exists() or rotated.stat().st_mtime > old
