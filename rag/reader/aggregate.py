"""Questions about every event of a person (黄祖英主持过哪些会议?), answered from the meetings
table built at index time (`events.derive`), not by retrieval: retrieval finds a few
articles, the table holds them all."""
from __future__ import annotations

import re

from ..types import Answer, Article, Scope
from .sentence import Sentence, cite

# 主持过哪些会议; 主持了哪次会议 and 出席了什么活动 ask the same of the table: its rows say
ASKED = re.compile(r"(主持|出席)(?:过|了)?(?:哪些|哪几|哪次|哪个|什么)")
# what stands between the person and the act: 黄祖英还主持过哪些
FILLER = re.compile(r"(还|也|都|曾经|曾|先后|一共|共)+$")


class Meetings:
    """The meetings table's rows, within a scope, and the answers built from them."""

    def __init__(self, tables, backend):
        self.tables, self.backend = tables, backend

    def rows(self, scope: Scope, role: str = "主持", person: str = "") -> list:
        """Who (`person`, when given) chaired (`role` 主持) or attended (出席) which meeting."""
        return [e for e in self.tables.events_of(role) if (not person or e.person == person)
                and scope.allows(Article(id=e.article_id, source=e.source, title="", date=e.date))]

    def read(self, scope: Scope, role: str = "主持", person: str = "") -> list[tuple[str, str, Sentence, Sentence]]:
        """(person, meeting, lead sentence, role sentence) of those rows, read from their
        articles (fetched in one call)."""
        rows = self.rows(scope, role, person)
        arts = self.backend.articles([e.article_id for e in rows])
        return [(e.person, e.meeting, *e.sentences(arts[e.article_id])) for e in rows if e.article_id in arts]

    def answer(self, question: str, scope: Scope) -> Answer | None:
        """Every meeting the asked person chaired or attended, each cited; None when the
        question is not of that form or the table has no such row."""
        m = ASKED.search(question)
        if not m:
            return None
        role, person = m.group(1), FILLER.sub("", question[:m.start()])
        rows = self.read(scope, role, person)
        # 主持了哪次常务会议: only the meetings of the kind named, when it is not any meeting
        kind = re.sub(r"^(?:会议|活动)", "", re.sub(r"[?？。!！\s]+$", "", question[m.end():]))
        if kind and not kind.startswith(("会", "活动")):
            rows = [r for r in rows if kind in r[1]]
        if not rows:
            return None
        cites, parts = [], []
        for i, (_, event, lead, chair) in enumerate(rows, 1):
            cites.append(cite(i, *([lead] if lead.start == chair.start else [lead, chair])))
            parts.append(f"{event}[{i}]")
        return Answer(text=f"{person}{role}过:{'、'.join(parts)}。", span="、".join(r[1] for r in rows),
                      found=True, citations=cites)
