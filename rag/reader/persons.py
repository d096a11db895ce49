"""Who a question and a sentence are about: the persons they name, whether a sentence is
about the person asked, and whether a reader's span is the holder of the asked title.

`people` is the corpus's `People` (its learned names and title chains)."""
from __future__ import annotations

import re
from typing import Callable

from ..question import Question
from ..tokenize import dictionary_tag, looks_like_name
from .people import People
from .rules import TITLE_WORD, other_level
from .sentence import Sentence


def persons(people: People, text: str) -> list[str]:
    """The persons `text` names: the names the corpus taught, and full names jieba tags a
    person's (朱振汉): three characters, a surname and no word of another kind after it (its
    two-character guesses are often other words: 英勇, 北碚; 韩美军 is 韩 + 美军)."""
    import jieba.posseg as pseg
    return [text[a:b] for a, b in people.names_in(text)] + \
        [w for w, f in pseg.lcut(text) if f == "nr" and len(w) == 3 and looks_like_name(w)
         and dictionary_tag(w[1:]) in (None, "nr")]


def about_the_asked(people: People, q: Question, sentences: list[Sentence]) -> list[Sentence]:
    """`sentences` less those of another person: asked a count or a time of a person the
    question names (赵一曼牺牲时多少岁), a sentence is dropped when neither it nor its paragraph
    before it (which a sentence without a subject goes on about), nor its article's headline,
    names that one: 牺牲时他还只是个16岁的少年 of 朱振汉's letter is his age, and 年仅23岁 of
    the next story is 赵云霄's. (The question's persons are found once, not per sentence.)"""
    asked = persons(people, q.text) if q.qtype in ("number", "when") else []
    if not asked:
        return sentences

    def named(s: Sentence) -> bool:
        text = s.article.text
        about = s.article.header + text[text.rfind("\n", 0, s.start) + 1:s.end]
        return any(n in about for n in asked)
    return [s for s in sentences if s.start < 0 or named(s)]


def holds_title(people: People, q: Question) -> Callable:
    """A check `(candidate, span) -> bool` of a reader's who-span for 全国人大法律委员会主任委员
    是谁: one name, with the asked title (not a deputy's, not another body's:
    rules.other_level) right before it in its sentence."""
    focus = re.sub(r"(是|叫|的|为)$", "", q.text[:q.text.find(q.wh)] if q.wh in q.text else "")
    title = re.search(rf"({TITLE_WORD})$", focus)

    def holds(c, span: str) -> bool:
        # (a foreign name the corpus has not learned is the short span itself: 诺特利)
        names = people.names_in(span) or ([(0, len(span))] if re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", span) else [])
        if not title or len(names) != 1:
            return False
        text, name = c.sentence.text, span[names[0][0]:names[0][1]]
        at = text.find(name, max(0, c.start - c.sentence.start - len(span)))
        chain = people.chain_before(text, at) if at >= 0 else ""
        return bool(re.search(rf"(?<!副){title.group(1)}(?:、|$)", chain)) and \
            not other_level(focus, chain, title.group(1))
    return holds
