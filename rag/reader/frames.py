"""The words that frame a request of each intent, as data: what is left is its topic.

"报纸上讲过创文吗" asks for reports (rag/intent.py says so); its frame is 报纸 上 讲 过 吗, its
topic 创文. "黄祖英最近在忙什么" frames the person 黄祖英. A word is dropped only as a whole
token of the analyzer (so 讲座 keeps its 讲), and a date limit (2023年, 5月) is read apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize import normalize

# words any request may be framed with: asking, politeness, particles, question words
COMMON = set("""请问 请 帮 帮我 麻烦 给 我 我们 想 想要 知道 一下 看看 看 查 查查 查一下 找 找找 找一下 搜 搜搜
搜一下 搜索 检索 查找 有 没 没有 有没有 有无 是否 吗 呢 吧 啊 呀 嘛 哪些 哪几 什么 啥 都 过 了 的 一共 总共 共
多少 几 几次 几篇 几个 那个 这个 那 这 之前 以前 最近 近期 近来 这段时间 目前 现在 相关 有关 关于""".split())
FRAMES = {
    "articles": COMMON | set("""报道 新闻 文章 稿件 稿子 消息 报纸 报上 北碚报 本报 上 讲 讲过 讲到 写 写过 写到
提到 提及 提过 涉及 说 说过 报 报过 登 登过 刊登 内容 方面 篇 条""".split()),
    "activities": COMMON | set("""在 忙 忙什么 忙啥 干 干嘛 干啥 干什么 做 做了 做过 搞 事 事情 活动 工作 去 去过 去了
到过 地方 哪里 哪儿 参加 参加过 出席 出席过 动态 行程 日程 近况 情况 时间""".split()),
    "count": COMMON | set("""报道 报 报过 报纸 报上 本报 上 开 开了 召开 举行 举办 次 回 场 篇 条 项 个
出席 主持 参加 会 一共 总共 提到""".split()),
    "points": COMMON | set("""要点 重点 核心 精神 内容 主要 主要内容 讲话 讲 讲了 说 说了 谈 谈了 提 提了 提出 要求
强调 指出 希望 部署 研究 审议 明确 表示 事项 工作 方面 对 在 上 会上 中 时 期间 具体""".split()),
}
YEAR = re.compile(r"((?:19|20)\d{2})年?(?:的|里|中|份)?")
MONTH = re.compile(r"(\d{1,2})月份?(?:(\d{1,2})(?:[日号]|(?=[到至~—-]))(?:[到至~—-](?:(\d{1,2})月)?(\d{1,2})[日号])?)?"
                   r"(?:的|里|中)?")
# a part of a month, its first and last day (10月下旬: 21日 to 31日)
PART_OF_MONTH = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "月初": (1, 10), "初": (1, 10),
                 "月中": (11, 20), "中下旬": (11, 31), "上中旬": (1, 20), "月底": (21, 31), "底": (21, 31),
                 "月末": (21, 31), "末": (21, 31), "上半月": (1, 15), "下半月": (16, 31)}
PART = re.compile("|".join(sorted(PART_OF_MONTH, key=len, reverse=True)))


@dataclass(frozen=True)
class Framed:
    topic: str            # what the request is about, as written (the longest unframed run)
    words: tuple          # its words
    year: str = ""
    month: str = ""
    day: str = ""         # with a month: one day asked (10月24日), or the first of a range
    until: str = ""       # the range's last day, MM-DD (5月10日到12日: 05-12)

    def on_day(self, date: str) -> bool:
        """An article's date (YYYY-MM-DD or MM-DD) is the day asked, or in the range asked
        (any date, when no day was asked)."""
        if not self.day:
            return True
        first = f"{int(self.month):02d}-{int(self.day):02d}"
        return first <= (date or "")[-5:] <= (self.until or first)


def frame(question: str, intent: str, tokens) -> Framed:
    """The topic of an `intent` request (`tokens`: the analyzer's), and its date limits."""
    q = normalize(question)
    year, month = YEAR.search(q), MONTH.search(q)
    # (right after 月: MONTH's optional 中 would take the 中 of 中旬)
    after_month = month.start() + len(re.match(r"\d+月份?", q[month.start():]).group(0)) if month else 0
    part = PART.match(q, after_month) if month and not month.group(2) else None
    if part:                                                  # 10月下旬: a range of its days
        q = q[:part.start()] + " " + q[part.end():]
    q = MONTH.sub(" ", YEAR.sub(" ", q, 1), 1) if year or month else q
    frame_words = FRAMES.get(intent, COMMON)
    words = [t for t in tokens(q) if t not in frame_words]
    day, until = (month.group(2) or "") if month else "", ""
    if month and month.group(2) and month.group(4):          # 5月10日到12日, 5月30日至6月2日
        until = f"{int(month.group(3) or month.group(1)):02d}-{int(month.group(4)):02d}"
    if part:
        first, last = PART_OF_MONTH[part.group(0)]
        day, until = str(first), f"{int(month.group(1)):02d}-{last:02d}"
    return Framed(_span(q, words), tuple(words), year.group(1) if year else "", month.group(1) if month else "",
                  day, until)


def _span(q: str, words: list[str]) -> str:
    """The question's text from its first topic word to its last, where nothing but particles
    stands between two (环卫工人吃饭休息的地方); a space where a frame word was left out
    (金刀峡镇胜天湖村 鱼菜共生项目, of …村那个鱼菜…: joined without one, 专题 and 会议
    would be read as one word no text has)."""
    if not words:
        return ""
    at, ends = 0, []
    for w in words:
        k = q.find(w, at)
        if k < 0:
            return " ".join(words)
        ends.append((k, k + len(w)))
        at = k + len(w)
    out = q[ends[0][0]:ends[0][1]]
    for (_, a), (b, c) in zip(ends, ends[1:]):
        gap = q[a:b]
        out += (gap if re.fullmatch(r"[的之与和及、]?|[“”‘’\"'\s()（）]*", gap) else " ") + q[b:c]
    return out
