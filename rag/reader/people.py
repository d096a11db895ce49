"""People in a sentence: the names it holds and the title chains printed before them.

`People.names_in("区委副书记、区长黄祖英主持会议")` finds 黄祖英 from the names learned at
index time (`rag.tokenize.learn_words`) and the title-then-name pattern; `before(text, pos)`
gives the people right before a verb (谁主持), `after` those after it (会见了谁), each with
its title chain (区委副书记、区长黄祖英).
"""
from __future__ import annotations

import re

from ..tokenize import FOREIGN_AFTER_TITLE, NAME_AFTER_TITLE, SURNAMES, looks_like_name


class People:
    def __init__(self, userdict: dict[str, str]):
        # an index built before looks_like_name may hold junk learned from a large archive
        self.names = {w for w, t in userdict.items() if t == "nr" and looks_like_name(w)}
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)

    def names_in(self, text: str) -> list[tuple[int, int]]:
        # a set lookup per position and name length, not a regex per learned name:
        # a 75k-article index learns tens of thousands of names
        spans = [(i, i + n) for i in range(len(text)) for n in self.lengths
                 if i + n <= len(text) and text[i:i + n] in self.names]
        for m in NAME_AFTER_TITLE.finditer(text):
            n = m.group(1)
            if n[0] in SURNAMES:
                spans.append(m.span(1))
        spans += [m.span(1) for m in FOREIGN_AFTER_TITLE.finditer(text)]
        spans = sorted(set(spans), key=lambda x: (x[0], -(x[1] - x[0])))
        out, last = [], -1
        for s, e in spans:                  # longest, non-overlapping
            if s >= last:
                out.append((s, e))
                last = e
        return out

    def before(self, text: str, pos: int) -> list[tuple[str, str]]:
        """(title chain + name, name) of the people named right before `pos` (a verb)."""
        head = text[:pos]
        names = self.names_in(head)
        people = []
        boundary = pos
        for s, e in reversed(names):
            between = head[e:boundary]
            if len(between) > 8 or re.search(r"[。;；!?！？]", between) or \
                    (people and re.sub(r"[,、和及与\s]|同志|等", "", between)):
                break
            chain_start = _chain_start(head, s, names)
            chain = head[chain_start:e].lstrip("、和及与")
            people.append((chain, head[s:e]))
            boundary = chain_start
        return list(reversed(people))

    def after(self, text: str, pos: int) -> list[tuple[str, str]]:
        """(title chain + name, name) of the people named in the clause after `pos` (a verb)."""
        clause = re.split(r"[,，。;；!?！？]", text[pos:])[0]
        names = self.names_in(clause)
        return [(re.sub(r"^[了过]", "", self.chain_before(clause, s, names)) + clause[s:e], clause[s:e])
                for s, e in names]

    def chain_before(self, text: str, ns: int, names: list[tuple[int, int]] | None = None) -> str:
        """The title chain printed right before the name starting at `ns` (区委副书记、区长).
        `names`: the name spans of `text`, when the caller already has them."""
        names = self.names_in(text) if names is None else names
        chain = text[_chain_start(text, ns, names):ns].lstrip("、和及与")
        prev = [s for s, e in names if e == ns - 1 and text[e] in "、和及与"]
        if not chain and prev:          # 副区长向红、李钢: a list's title is each name's
            return self.chain_before(text, prev[-1], names)
        return re.sub(r"^.*?(?:会见了|会见|陪同|了)", "", chain) if "了" in chain or "会见" in chain else chain


def _chain_start(text: str, ns: int, names: list[tuple[int, int]]) -> int:
    """Where the title chain before the name at `ns` begins: after the last punctuation
    mark or the previous name, whichever is nearer."""
    start = max(text.rfind(c, 0, ns) for c in ",，。;；:： \n“”\"") + 1       # a quote ends a chain too
    return max(start, max([pe for _, pe in names if pe <= ns] or [0]))
