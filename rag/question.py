"""Question analysis: type, asked role or unit, wh-phrase, anchors that an answer must match."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import CLASSIFIERS, COUNT_UNITS, PERSON_NOUN, ROLES, TITLE, TITLE_WORD, UNITS, alt
from .normalize import fold_width, normalize, to_simplified
from .tokenize import dictionary_tag

# units written after 多少/几 (多少公里): the asked unit, longest first
MEASURE_UNITS = ["平方公里", "平方米", "公里", "公顷", "亿元", "万元", "万斤", "万吨", "万人", "小时", "分钟", "个月"]
# 几 asking how many, not the 几 of a time phrase (近几天, 这几年, 前几天: a few)
FEW = r"(?<![近这那前头最])几"
# wh-phrases that may ask a time of day (几点来到), unless they count (几点建议)
CLOCK_WH = ("几点", "几时")
CLOCK = re.compile("|".join(CLOCK_WH))
# wh-phrases that ask for a person, never a body (哪位委员)
WHICH_PERSON = ("哪位", "哪名")
# a quoted count of coined one-character items (“5个好”, “三假”): no anchor, since the text may
# give only the items (rag/reader/patterned.py reads them), never the count's words
COINED_COUNT = re.compile(r"[\d一两二三四五六七八九十]+[个种项条]?[\u4e00-\u9fff]")
# the wh-phrase of a question, replaced by the answer to say it back
WH = re.compile(rf"第几[{COUNT_UNITS}号期]|"
                r"叫什么名字|什么名字|(?<=叫)什么|是什么人|什么时候|什么时间|哪一天|哪一年|哪天|哪年|何时|几月几日|几点|几时|"
                rf"哪(?:\d+|[一两三四五六七八九十几])(?:部分|方面|[{COUNT_UNITS}方国郡省州教队者点])|"
                rf"多少钱|多少[{COUNT_UNITS}年天月周]?|{FEW}[{COUNT_UNITS}天周年]|多大(?:岁数|年纪)?|多长|多久|多远|多深|多高|多宽|多厚|多重|"
                r"哪些[\u4e00-\u9fff]{0,2}?(?=[?,。!]|$)|哪些|哪(?=[“\"])|"
                rf"哪[{CLASSIFIERS}次][\u4e00-\u9fff]{{0,2}}?(?=[的?,。]|$)|哪[{CLASSIFIERS}次]|"
                rf"哪里|哪儿|(?<=在)哪(?![{CLASSIFIERS}次几一两三四五六七八九十\d])|"
                r"什么样的|怎样的|怎么样的|什么地方|什么职务|什么[\u4e00-\u9fff]{0,2}?(?=[?,。]|$)|什么|谁")


@dataclass
class Question:
    text: str                      # normalised question
    qtype: str                     # who when number list where what title
    wh: str = ""                   # the wh-phrase as written
    role: str = ""                 # 主持 / 出席 / … when the question asks who did it
    units: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)   # numbers, quoted names: must be matched
    year_only: bool = False
    asks_people: bool = False      # a list of persons (谁 / 哪些领导), not of things
    asked: str = ""                # the question as written (width and script folded, numerals
                                   # kept): what the answer says back
    head: str = ""                 # a search-box query's head noun, the kind it asks (开盘价)
    measures: list[str] = field(default_factory=list)   # the words `units` came from (比例, 人数):
                                   # the kind asked, which the answer need not write (87%)


# question types, the first whose pattern the question holds wins (else "what"), each with a
# question of that kind (tests/test_question.py asks them all)
QTYPES = [
    ("title", r"什么职务|担任什么|什么职位|什么身份", "黄祖英担任什么职务?"),
    ("list", r"哪些|哪几|哪[“\"]|哪[两三四五六七八九十]|哪[2-9]\d*[个项家所条位种类]|分别(?:是|叫|为)?(?:什么|谁|哪)",
     "巴士底广场跨巴黎市的哪三个区?"),
    ("who", r"谁|什么人|哪位|哪名|叫什么", "谁主持了区政府第49次常务会议?"),
    ("when", r"哪天|哪一天|什么时候|何时|哪一年|哪年|什么时间|几月几日|日期", "这次会议是哪天开的?"),
    ("number", rf"多少|{FEW}[{COUNT_UNITS}天周年]|多大|多长|多久|多远|多深|多高|多宽|多厚|多重|面积",
     "重庆市福建商会有多少家会员单位?"),
    # 在哪 asks where, 在哪部著作 asks which work
    ("where", rf"哪里|在哪(?![{CLASSIFIERS}次])|什么地方|哪儿", "会议在哪召开?"),
]
_QTYPES = [(t, re.compile(p)) for t, p, _ in QTYPES]


def classify(q: str) -> str:
    qt = next((t for t, rx in _QTYPES if rx.search(q)), "what")
    if CLOCK.search(q) and qt in ("number", "where", "what"):
        return "when" if _asks_the_clock(q) else "number"     # 几点来到: a time; 几点建议: a count
    if qt == "who" and not re.search(r"谁|什么人|哪位|哪名|名字", q) and not _names_a_person(q):
        return "what"               # 新品种叫什么: the name of a thing, not a person
    return qt


def _asks_the_clock(q: str) -> bool:
    """几点 / 几时 asks a time of day, unless it is an object (提出了几点要求, 有几点) or a noun
    follows it (几点建议): then it counts points."""
    m = CLOCK.search(q)
    if not m or re.search(r"[了有出]$", q[:m.start()]):
        return False
    return not _noun_follows(q[m.end():])


@lru_cache(maxsize=4096)
def _noun_follows(rest: str) -> bool:
    import jieba.posseg as pseg
    nxt = pseg.lcut(rest)[:1]
    return bool(nxt) and nxt[0].flag.startswith("n")


def _names_a_person(q: str) -> bool:
    # X叫什么 asks a person's name when X is a person: a post, kin, or a word for people
    at = q.find("叫什么")
    return at > 0 and bool(re.search(rf"(?:{PERSON_NOUN})$", q[:at]))


# a list question asking for people: 哪些人 / 哪些区领导 / 哪几位嘉宾 / 哪些副区长 (its items are
# persons), unless the noun begins a body's name (哪些委员会, 哪些代表团会见: bodies)
# (人 last: 哪些人员力量 asks for 人员力量, the 力量 its head, not for 人)
PEOPLE_NOUN = rf"人员|人士|负责人|领导|嘉宾|代表|委员|同志|干部|专家|{TITLE_WORD}"
PEOPLE = re.compile(rf"哪(?:些|几位?)[\u4e00-\u9fff]{{0,3}}(?:{PEOPLE_NOUN}|人)(?![\u4e00-\u9fff]?[会室局部院])")
# ... or named before a wh-phrase that ends its clause (参加视察的副区长有哪几位, 出席的区领导有哪些),
# or counted by the classifier of persons alone (有哪几位?)
PEOPLE_BEFORE = re.compile(rf"(?:{PEOPLE_NOUN})(?:都|还|分别)?(?:有|是|为)?哪(?:些|几位?)(?![\u4e00-\u9fff])"
                           r"|哪几?位(?![\u4e00-\u9fff])")

# a search-box query names the kind it asks by its last noun, with no question word
# ("区政府第49次常务会议 主持人", "阿富汗地震 死亡人数"): the question word that noun asks
# for is added, so it is read as the question people would write. A row each: (the head
# noun, the words added, an example)
SEARCH_HEADS = [
    # a person named by role, or by any post the lexicon knows (参加会见的区人大常委会主任)
    (alt(("主持人", "发言人", "召集人", "得主", "获得者", "冠军", "导演", "作者", "创始人", "记者") + TITLE),
     "是谁", "区政府第49次常务会议 主持人"),
    (r"时间|日期|时候|年份", "是什么时候", "立案登记制改革 正式实施时间"),
    (r"参会人员|参加人员|出席人员|与会人员|参会者|参加者|与会者", "有哪些", "全区重点项目专题调度周例会 参会人员"),
    (r"战绩|成绩|比赛结果|主题|口号|名称|原因|目标", "是什么", "掘金 交易后 战绩"),
    (r"地点|地址|所在地|位置|举办地|发生地|国籍|产地|发源地|总部", "在哪里",
     "空间碎片监测与应用中心 成立地点"),
    # a kind of place asks which of them, not where it is (投反对票的国家: 美国、以色列;
    # 抵达城市: 阿德莱德, wherever the item says it): "{}" is the head noun
    (r"国家|城市|省份", "是哪些{}", "联大决议 投反对票的国家"),
    (r"(?:举办|主办|东道|参加|参赛|成员|主席|签约)国", "是哪些国家", "2019年亚洲杯 举办国"),
    # (a price: 开盘价, 房价; not 时价, 代价, 评价)
    (r"人数|数量|数目|总量|面积|产量|规模|价格|[^时代评]价|增速|增幅|涨幅|降幅|比例|比重|票数|销量|交付量|"
     r"[\u4e00-\u9fff]额|投资|资金|收入|产值|长度|高度|深度|重量|距离|速度|票房|排名|名次|震级|"
     r"级别|温度|气温|得分|比分|市值|估值|[^效频概汇]率", "是多少",
     "阿富汗地震 死亡人数"),
]
_SEARCH_HEADS = [(re.compile(rf"(?:{p})[?？。!！\s]*$"), add) for p, add, _ in SEARCH_HEADS]


def ends_in_a_head(text: str) -> bool:
    """`text` ends with a noun a search box asks by (计划总投资, 死亡人数, 开幕时间)."""
    return any(rx.search(text) for rx, _ in _SEARCH_HEADS)


# a request to list (请列出…的国家, 列举…): the things named are asked as 有哪些
LIST_REQUEST = re.compile(r"^(?:请|麻烦|帮我)?(?:列出|列举|列一下|说出|盘点)(?:一下)?")


def as_question(q: str) -> tuple[str, str]:
    """(`q` with the question word its head noun asks for, when it has none of its own; that
    head noun, or "")."""
    request = LIST_REQUEST.match(q)
    if request and not WH.search(q):
        return q[request.end():].rstrip("?？。!！ ") + "有哪些?", ""
    if WH.search(q):
        return q, ""
    for rx, add in _SEARCH_HEADS:
        m = rx.search(q)
        if m:
            import jieba                 # the whole last word: 开盘价, not the 盘价 matched
            head = next((w for w in reversed(jieba.lcut(q[:m.end()])) if w.strip("?？。!！ ")), "")
            noun = m.group(0).rstrip("?？。!！ ")
            return q[:m.end()].rstrip("?？。!！ ") + add.format(noun) + "?", head
    return q, ""


# spoken forms, said as the tables expect them: (pattern, replacement), in order
COLLOQUIAL = [(re.compile(p), r) for p, r in (
    (r"啥时候|啥时", "什么时候"), (r"干啥|干嘛|干什么", "做什么"), (r"啥", "什么"),
    # 几号 asks the day, unless it numbers a thing (几号线, 几号楼, 第几号)
    (r"几月几号", "几月几日"), (r"(?<!第)几号(?![线楼院门位馆厅房室车台桩])", "哪天"),
    # 区里开…会: the paper says 全区
    (r"^([区市县镇])里", r"全\1"),
    (r"常务会(?!议)", "常务会议"), (r"谁(?:开|召开|主持召开)的", "谁主持的"),
    (r"由谁(?:开|召开)", "由谁主持"), (r"的?主持人是谁", "由谁主持"))]


def analyze(question: str) -> Question:
    q, head = as_question(normalize(question).strip())
    for rx, repl in COLLOQUIAL:
        q = rx.sub(repl, q)
    qt = classify(q)
    m = WH.search(q)
    out = Question(text=q, qtype=qt, wh=m.group(0) if m else "",
                   asked=to_simplified(fold_width(question)).strip(), head=head)
    out.year_only = bool(re.search(r"哪一年|哪年|什么年份", q))
    people = PEOPLE.search(q)
    if people and _noun_follows(q[people.end():]):
        people = None                             # 哪些地方的代表鱼: the 代表 is of a fish
    out.asks_people = qt == "list" and bool(people or "谁" in q or PEOPLE_BEFORE.search(q))
    if people and out.wh and people.start() == q.find(out.wh) and len(people.group(0)) > len(out.wh):
        out.wh = people.group(0)                  # 哪些领导出席 -> 黄祖英、董伦出席
    # the role asked is the one next to the wh-phrase, after it first (谁参加了习近平会见梁强:
    # 参加, not the 会见 it names; 王俊在调研时会见了谁: 会见)
    at = q.find(out.wh) if out.wh else len(q)
    held = sorted((q.find(r), r) for r in ROLES if r in q)
    # (a role before it that modifies the asked noun asks no role: 王俊会见的商会会长是谁)
    after = [r for i, r in held if i >= at]
    before = [r for i, r in held if i < at and not q.startswith("的", i + len(r))]
    out.role = after[0] if after else before[-1] if before else ""
    if qt == "number":
        um = re.search(rf"(?:多少|{FEW})({'|'.join(MEASURE_UNITS)}|[{COUNT_UNITS}天周年])", q)
        if um:
            if out.wh and um.start() == q.find(out.wh) and len(um.group(0)) > len(out.wh):
                out.wh = um.group(0)              # 多少公里: the answer says the unit
            out.units.append(um.group(1))
            if um.group(1) == "个":
                out.units.append("项")
                # 多少个区: a one-character noun after 个 is counted as a unit (主城21区)
                noun = re.match(r"[\u4e00-\u9fff](?=[?？,，。]|$)", q[um.end():])
                if noun:
                    out.units.append(noun.group(0))
                    if out.wh == um.group(0):
                        out.wh += noun.group(0)       # said back as 21区, not 21区区
        elif re.search(r"(?:多少|几)[\u4e00-\u9fff][?？。]?$", q) and \
                not (dictionary_tag(q.rstrip("?？。")[-1]) or "").startswith("n"):     # 多少鱼: a noun, not a unit
            out.units.append(q.rstrip("?？。")[-1])    # 开行多少列? -- a classifier no table lists
            if out.wh in ("多少", "几"):
                out.wh += out.units[-1]
        for key, units in UNITS.items():
            m = re.search(key, q)
            if m:
                out.units += [u for u in units if u not in out.units]
                out.measures += [m.group(0)] if re.fullmatch(r"[\u4e00-\u9fff]{2,}", m.group(0)) else []
    # anchors: numbers, Latin words and quoted phrases must be found where the answer is
    # (1万例 is 1万: a number's 万 / 亿 is part of it; 这一期 / 那一次 point back, they count nothing)
    out.anchors = re.findall(r"(?<![这那此哪“\d.])第?\d+(?:\.\d+)?(?:万|亿)?[次届项个名家年月日号期批组]?", q) + \
        re.findall(r"[A-Za-z]{2,}", q)
    out.anchors += [s for s in re.findall(r"[“\"']([^”\"']{2,20})[”\"']", q) if not COINED_COUNT.fullmatch(s)]
    # a bracketed modifier with the word it follows: 常委会(扩大)会议 is not 常委会会议
    out.anchors += re.findall(r"[\u4e00-\u9fff]{2}\([\u4e00-\u9fff]{1,6}\)", q)
    return out
