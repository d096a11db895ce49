"""Text folding applied before both retrievers and the answer reader.

- full-width ASCII -> half-width (１２３ＡＢＣ -> 123ABC, ，？！；：（） -> ,?!;:(), so a typed
  question reads as the patterns are written; 。、“”《》 have no half-width form and stay);
- traditional -> simplified characters (區政府 -> 区政府);
- Chinese numerals -> digits where they count something (第二十七次 -> 第27次,
  八项 -> 8项), never inside words like 一体化 or 一盘棋.
"""
from __future__ import annotations

import re
from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
NUMERAL = "零〇一二两三四五六七八九十百千万"
# measure words after which a numeral is a count or an ordinal
MEASURE = "次届项个名家亩批年月日号组条位人天周岁座所支户栋台辆篇份件轮期条"
# (not a magnitude after digits: 223万人次 and 3千亩 stay, as 30多万人 does; nor 万 alone: 万人)
NUM_RE = re.compile(rf"(第)([{NUMERAL}]+)|(?<![哪某每\d.多余])(?!万)([{NUMERAL}]*[十百千万][{NUMERAL}]*|[{NUMERAL}]+)"
                    rf"(?=[{MEASURE}]|平方|公里)")
# bump when the folding changes what an index's text reads as (the index rebuilds its words)
VERSION = 2


def visible(text: str) -> str:
    """`text` without what a reader cannot see: control characters become spaces; format
    characters (bidi overrides such as U+202E, zero-width spaces and joiners, BOM, soft
    hyphen) and lone surrogates (half a character, which JSON can carry and no encoder can
    write) are dropped, so a question cannot make its echoed answer render reversed."""
    import unicodedata
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text
                   if unicodedata.category(ch) not in ("Cf", "Cs"))


def count_value(s: str) -> int | None:
    """A count written in digits or in Chinese numerals: '4' -> 4, '四' -> 4, '十二' -> 12."""
    return int(s) if s.isdigit() else cn_to_int(s)


def cn_to_int(s: str) -> int | None:
    """'二十七' -> 27, '四十九' -> 49, '一百零三' -> 103, '二〇二三' -> 2023."""
    if not s:
        return None
    if all(ch in DIGITS for ch in s):                      # digit by digit: 二〇二三
        if len(s) > 1 and "两" in s:                         # 两两 is not a number
            return None
        return int("".join(str(DIGITS[ch]) for ch in s))
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in DIGITS:
            num = DIGITS[ch]
        elif ch == "万":
            section = (section + num) * 10000
            total, section, num = total + section, 0, 0
        elif ch in UNITS:
            section += (num or 1) * UNITS[ch]
            num = 0
        else:
            return None
    return total + section + num


def numerals_to_digits(text: str) -> str:
    def repl(m: re.Match) -> str:
        if m.group(1):
            n = cn_to_int(m.group(2))
            return f"第{n}" if n is not None else m.group(0)
        num = m.group(3)
        if num.endswith("万") and len(num) > 1 and (wan := cn_to_int(num[:-1])) is not None:
            return f"{wan}万"                        # 两万人 -> 2万人, as the paper writes 2万人
        n = cn_to_int(num)
        return str(n) if n is not None else m.group(0)
    return NUM_RE.sub(repl, text)


FULL_PUNCT = "，？！；：（）"     # full-width punctuation the reader's patterns know half-width
PUNCT = str.maketrans(FULL_PUNCT, ",?!;:()")


def fold_punct(text: str) -> str:
    """Full-width ，？！；：（） as half-width: one character for one, so offsets hold."""
    return text.translate(PUNCT)


def fold_width(text: str) -> str:
    out = []
    for ch in text:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E and (ch.isalnum() or ch in "％＋－．／" or ch in FULL_PUNCT):
            out.append(chr(o - 0xFEE0))
        elif o == 0x3000:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def normalize(text: str) -> str:
    """Full fold: width, traditional characters, numerals."""
    return numerals_to_digits(to_simplified(fold_width(text)))
