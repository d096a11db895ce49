"""Word segmentation for BM25: jieba with a user dictionary learned from the corpus.

jieba cuts unseen names apart (黄祖英 -> 黄祖 / 英), so names that follow a title
(区长黄祖英, 会长黄祖任), the names listed after one (副区长向红、李钢), names in subtitle lines (黄祖英主持) and company and
organisation names (重庆斯太宝科技有限公司) are collected from the articles and
added as words.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache

from .lexicon import BEFORE_NAME_WORD, TRANSLITERATION
from .normalize import normalize

TITLES = BEFORE_NAME_WORD
# (a name is followed by punctuation, a verb news writes after names, or a word that joins
# it to the next: 总理李强同越南政府总理范明政互致贺电, 主任委员乔晓阳作的报告)
NAME_AFTER_TITLE = re.compile(rf"(?:{TITLES})([\u4e00-\u9fff]{{2,3}}?)(?=[,，、。;；(（]|主持|出席|表示|指出|强调|介绍|代表|率队|带队|"
                              rf"陪同|一行|参加|会见|告诉|以一名|等|在|说|同|和|与|作|互致|就|向|对|发表|致|率|"
                              # an adverb after the name (副主席万钢也发表了意见: not 万钢也)
                              rf"也|还|亦|又|都|均|分别|\d)")
# a foreign name right after a title (巴基斯坦总统扎尔达里举行会谈): three or more characters of
# a transliteration, then each part after a middle dot (特伦斯·农贝贝等), up to a joining word
FOREIGN_AFTER_TITLE = re.compile(rf"(?:{TITLES})([{TRANSLITERATION}]{{3,10}}(?:·[^·\s,，、。;；()（）等的和与及是在]{{1,6}})*)")
# the names listed after one title (副区长向红、李钢、陈政; 区领导刘永、杨锋…出席): each is a name
LISTED_NAMES = re.compile(rf"(?:{TITLES}|领导)((?:[\u4e00-\u9fff]{{2,3}}、)+[\u4e00-\u9fff]{{2,3}})(?=[,，。;；]|出席|参加|陪同|等)")
SUBTITLE_NAMES = re.compile(r"([\u4e00-\u9fff]{2,3})(?=主持|出席|讲话|陪同)")
ORG = re.compile(r"[\u4e00-\u9fff()（）·]{2,14}?(?:有限责任公司|股份有限公司|有限公司|集团|商会|支队|研究所|纪念馆)")
# an organisation name starts after the last particle or verb-ending character before it
ORG_START = re.compile(r"^.*[的了和与及在到给对见同是为向把被往进望]")
STOP = set("的了是在和与及或等吗呢吧啊呀么什谁哪几多少怎样为何被把对向从由也都还就而且但")
PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)
# characters that join words rather than name anything: particles, coverbs, localisers,
# classifiers and date units jieba may glue to the next word in a short question (据区人大,
# 是从几个方面, 12日新冠, 有个局里的)
FUNCTION_CHARS = STOP | set("据按于以自向里上下中内外时日月年有个之所其将给跟同到")
SURNAMES = set("习王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")


# characters a learned "name" past its surname holds when the pattern caught something else
# (代表, 常委会, 全体, 向他们, 姬团队, 管总局): a given name is almost never made of them
NOT_IN_NAME = set("们会委体团队局站院部组处厅表将并邀说称曾还也均已又即则的了是在和与等对向于我你他她它")


def corpus_pieces(word: str, known) -> list[str] | None:
    """`word`, which no indexed text holds, read as the corpus's own words: the fewest pieces,
    each a word `known(piece)` says the corpus has (two characters or more, or at most one
    single character) or a FUNCTION_CHARS character or a common verb the corpus lacks (买 of
    买宏耐), which names nothing here and is left out.
    None when it cannot be read so (员工: two single characters that are not words here)."""
    best: list[tuple[int, int, list[str], bool] | None] = [None] * (len(word) + 1)
    # (pieces, single content characters, content pieces, a verb left out)
    best[0] = (0, 0, [], False)
    for i in range(len(word)):
        if best[i] is None:
            continue
        n, singles, got, verb = best[i]
        for j in range(i + 1, len(word) + 1):
            piece = word[i:j]
            if j - i == 1 and piece in FUNCTION_CHARS:
                step = (n + 1, singles, got, verb)
            elif j - i == 1 and not known(piece) and light_verb(piece):
                step = (n + 1, singles, got, True)
            elif known(piece) and (j - i > 1 or singles == 0):
                step = (n + 1, singles + (j - i == 1), got + [piece], verb)
            else:
                continue
            if best[j] is None or step[:2] < best[j][:2]:
                best[j] = step
    end = best[-1]
    # (a word of common verbs alone, 买买提, is a name jieba did not know, not a paraphrase)
    return None if end is None or end[0] < 2 or (end[3] and not end[2]) else end[2]


def looks_like_name(word: str) -> bool:
    """A 2-3 character person name: a surname, then no character of NOT_IN_NAME."""
    return 2 <= len(word) <= 3 and word[0] in SURNAMES and not (set(word[1:]) & NOT_IN_NAME)


def learn_words(texts: list[str]) -> dict[str, str]:
    """Words to add to jieba: {word: POS tag} ('nr' person, 'nt' organisation)."""
    words: dict[str, str] = {}
    names = Counter()
    for t in texts:
        for m in NAME_AFTER_TITLE.finditer(t):
            names[m.group(1)] += 1
        for m in SUBTITLE_NAMES.finditer(t):
            names[m.group(1)] += 1
        for m in LISTED_NAMES.finditer(t):
            names.update(m.group(1).split("、"))
        for m in ORG.finditer(t):
            org = ORG_START.sub("", m.group(0))
            if len(org) >= 4:
                words[org] = "nt"
    for name, _ in names.items():
        # a title's last character is not a surname here (主席董伦 is not 席董伦), and a word
        # jieba's dictionary has as another kind is no name (时期 of 市长时期在…)
        # (nor is a surname before a verb: 殷嘱托 of 总书记殷殷嘱托和…)
        if looks_like_name(name) and name[0] not in "席长任记" and not _other_word(name) \
                and not (len(name) == 3 and dictionary_tag(name[1:]) == "v"):
            words[name] = "nr"
    return words


def _other_word(word: str) -> bool:
    """jieba's dictionary holds `word` tagged as something other than a person's name."""
    tag = dictionary_tag(word)
    return tag is not None and not tag.startswith("nr")


def dictionary_tag(word: str) -> str | None:
    """The part of speech jieba's own dictionary gives `word` (n, v, f, nr …), or None."""
    import jieba
    import jieba.posseg as pseg
    jieba.setLogLevel(logging.WARNING)
    return pseg.dt.word_tag_tab.get(word)


def general_idf(word: str) -> float | None:
    """The word's idf in general Chinese (the table jieba ships for keyword extraction, from
    a large corpus), or None when it lacks the word: how much a word names, apart from how
    often this corpus uses it."""
    return _general_idf().get(word)


LIGHT_VERB = 6.5       # general idf below which a verb is a common one (安排 5.8; 表决 8.7)


def light_verb(word: str) -> bool:
    """A verb general Chinese uses often (安排, 打算, 买): when the corpus never uses it, the
    asker's word for an act the paper words its own way."""
    if not (dictionary_tag(word) or "").startswith("v"):
        return False
    idf = general_idf(word)
    return idf is not None and idf < LIGHT_VERB


@lru_cache(maxsize=1)
def _general_idf() -> dict[str, float]:
    import jieba.analyse             # loads the table once, for its own keyword extraction too
    return jieba.analyse.default_tfidf.idf_freq


class Segmenter:
    """`tokens(text)`: normalised jieba tokens without punctuation and stop words."""

    def __init__(self, userdict: dict[str, str] | None = None):
        import jieba
        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self.userdict = dict(userdict or {})
        for word, tag in self.userdict.items():
            self._jieba.add_word(word, freq=200000, tag=tag)

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        """jieba's words of `text`; `hmm=False`: only words of its dictionary (and the
        learned ones), an unknown run left in single characters instead of guessed words."""
        return self._jieba.lcut(text, HMM=hmm)

    def tokens(self, text: str) -> list[str]:
        out = []
        for tok in self._jieba.lcut(normalize(text).lower()):
            tok = tok.strip()
            if tok and tok not in STOP and not PUNCT.match(tok):
                out.append(tok)
        return out
