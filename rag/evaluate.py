"""Score the assistant on a gold file: correct + cited, by question type.

An item is right when the answer is found, its text contains the gold answer(s)
(`match`: any / all) and a cited quote from a gold source contains each of
them; a `none` item is right when the answer is not found. `turns` items are
asked as a conversation and the last answer is scored.
"""
from __future__ import annotations

import json
from collections import defaultdict

from .normalize import fold_width


def judge(item: dict, ans) -> bool:
    if item["type"] == "none":
        return not ans.found
    if not ans.found:
        return False

    def ok(gold: str) -> bool:
        # widths folded: the reader quotes the text as it reads it, （试行） as (试行)
        gold = fold_width(gold)
        return gold in fold_width(ans.text) and any(c.source in item["sources"] and gold in fold_width(c.quote)
                                                    for c in ans.citations)
    golds = item["answers"]
    return all(map(ok, golds)) if item.get("match") == "all" else any(map(ok, golds))


def run_item(bot, item: dict):
    turns = item.get("turns") or [item["question"]]
    history: list[dict] = []
    ans = None
    for t in turns:
        ans = bot.ask(t, history)
        history += [{"role": "user", "content": t}, {"role": "assistant", "content": ans.text}]
    return ans


def evaluate(bot, path) -> dict:
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    by_type, items = defaultdict(lambda: [0, 0]), []
    for item in rows:
        ans = run_item(bot, item)
        right = judge(item, ans)
        by_type[item["type"]][0] += right
        by_type[item["type"]][1] += 1
        items.append({"id": item.get("id"), "type": item["type"], "right": right,
                      "wrong": bool(ans.found) and not right,
                      "question": (item.get("turns") or [item.get("question")])[-1], "answer": ans.text,
                      "span": ans.span, "quote": ans.citations[0].quote if ans.citations else ""})
    total = sum(r for r, _ in by_type.values()), sum(n for _, n in by_type.values())
    # confidently wrong: an answer given that is not right (worse than 没有找到)
    return {"total": total, "by_type": dict(by_type), "items": items,
            "wrong": sum(it["wrong"] for it in items)}


def format_report(report: dict, verbose: bool = False) -> str:
    lines = []
    if verbose:
        for it in report["items"]:
            mark = "✓" if it["right"] else "✗!" if it.get("wrong") else "✗"
            lines.append(f"{mark} {it['id']} [{it['type']}] {it['question']} -> {it['answer']}")
    for t, (r, n) in sorted(report["by_type"].items()):
        lines.append(f"{t:10} {r}/{n} = {r / n:.0%}")
    r, n = report["total"]
    lines.append(f"{'all':10} {r}/{n} = {r / n:.0%}")
    if "wrong" in report:
        lines.append(f"{'wrong':10} {report['wrong']}/{n} = {report['wrong'] / n:.0%} (answered, not right)")
    return "\n".join(lines)
