"""Who a question and a sentence are about: the persons they name, whether a sentence is
about the person asked, and whether a reader's span is the holder of the asked title.

`people` is the corpus's `People` (its learned names and title chains)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..checks import PLACE_UNIT
from ..question import WHICH_PERSON, Question
from ..tokenize import dictionary_tag, looks_like_name
from .people import People
from .rules import TITLE_WORD, other_level
from .sentence import Sentence
from .spans import LATIN_NAME


def persons(people: People, text: str) -> list[str]:
    """The persons `text` names: the names the corpus taught, and full names jieba tags a
    person's (朱振汉): three characters, a surname and no word of another kind after it (its
    two-character guesses are often other words: 英勇, 北碚; 韩美军 is 韩 + 美军)."""
    import jieba.posseg as pseg
    return [text[a:b] for a, b in people.names_in(text)] + \
        [w for w, f in pseg.lcut(text) if f == "nr" and len(w) == 3 and looks_like_name(w)
         and dictionary_tag(w[1:]) in (None, "nr")]


@lru_cache(maxsize=4096)
def places(text: str) -> tuple[str, ...]:
    """The places `text` names (jieba tags them ns: 山东省, 佛罗里达州), each as its stem when
    it ends in a unit (山东 of 山东省: the article may write either)."""
    import jieba.posseg as pseg
    return tuple(w[:-1] if len(w) >= 3 and w[-1] in PLACE_UNIT else w
                 for w, f in pseg.lcut(text) if f == "ns" and len(w) >= 2)


def about_the_asked(people: People, q: Question, sentences: list[Sentence],
                    is_home: Callable[[str, str], bool] = lambda source, place: False) -> list[Sentence]:
    """`sentences` less those about another person or place. Asked a count or a time:
    - of a person the question names (赵一曼牺牲时多少岁), a sentence is dropped when neither it
      nor its paragraph before it (which a sentence without a subject goes on about), nor its
      article's headline, names that one: 牺牲时他还只是个16岁的少年 of 朱振汉's letter is his
      age, and 年仅23岁 of the next story is 赵云霄's;
    - of a place (山东省玉米平均亩产多少), a sentence is dropped when none of those names it and
      its paragraph names another place: 平均亩产达到550公斤 of a paragraph on 乌审旗 is no
      yield of 山东省, which another paragraph names. A paragraph naming no place goes on about
      the one before (如今,这里每天可以处理5000吨), and a place its source implies
      (`is_home(source, place)`: 北碚区 in the district paper) needs no naming.
    (The question's persons and places are found once, not per sentence.)"""
    if q.qtype not in ("number", "when"):
        return sentences
    who, where = persons(people, q.text), places(q.text)
    if not who and not where:
        return sentences

    def named(s: Sentence) -> bool:
        text = s.article.text
        para = text[text.rfind("\n", 0, s.start) + 1:s.end]
        about = s.article.header + para
        if who and not any(n in about for n in who):
            return False
        # (a place the article never names is no paragraph's subject: jieba tags a few common
        # words ns, 长度 among them)
        unnamed = [p for p in where if p not in about and p in text
                   and not any(is_home(s.article.source, p + u) for u in PLACE_UNIT)]
        return not unnamed or not [x for x in places(para) if x not in q.text]
    return [s for s in sentences if s.start < 0 or named(s)]


def holds_title(people: People, q: Question) -> Callable | None:
    """A check `(candidate, span) -> bool` of a reader's who-span for 全国人大法律委员会主任委员
    是谁 (or 谁是…主任委员): one name, with the asked title (not a deputy's, not another body's:
    rules.other_level) right before it in its sentence. None when the question's title is not
    what it asks the holder of (提名谁为区长人选: a nominee; 谁向县长汇报: someone else)."""
    at = q.text.find(q.wh) if q.wh in q.text else -1
    focus = re.sub(r"(是|叫|的|为)$", "", q.text[:at] if at >= 0 else "")
    title = re.search(rf"({TITLE_WORD})$", focus)
    if not title and at >= 0:         # 谁是北碚区区长?
        focus = q.text[at + len(q.wh):].rstrip("?？。 ")
        title = re.search(rf"^(?:是|为|任|担任).*?({TITLE_WORD})$", focus)
    if not title and q.wh in WHICH_PERSON:      # 还有哪位全国政协副主席发表了意见?
        named = re.match(rf"[^,，。?？]{{0,12}}?(?:{TITLE_WORD})", q.text[at + len(q.wh):])
        focus = named.group(0) if named else ""
        title = re.search(rf"({TITLE_WORD})$", focus)
    if not title:
        return None

    def holds(c, span: str) -> bool:
        # (a foreign name the corpus has not learned is the short span itself: 诺特利)
        names = people.names_in(span) or ([(0, len(span))] if re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", span)
                                                or LATIN_NAME.fullmatch(span) else [])
        if len(names) != 1:
            return False
        text, name = c.sentence.text, span[names[0][0]:names[0][1]]
        at = text.find(name, max(0, c.start - c.sentence.start - len(span)))
        chain = people.chain_before(text, at) if at >= 0 else ""
        return bool(re.search(rf"(?<!副){title.group(1)}(?:、|$)", chain)) and \
            not other_level(focus, chain, title.group(1))
    return holds
