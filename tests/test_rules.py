"""The rule extractors on plain sentences (their use in answers is in test_compose)."""
import pytest

from rag.question import analyze
from rag.reader.people import People
from rag.reader.rules import RuleReader
from rag.reader.sentence import Sentence
from rag.tokenize import Segmenter
from rag.types import Article

SEG = Segmenter()


def _read(extractor: str, question: str, sentence: str) -> str | None:
    """The span the rule `extractor` (number, listing, …) reads off one plain sentence."""
    rules = RuleReader(People({}), lambda q: {t: 1.0 for t in SEG.tokens(q.text.replace(q.wh, " "))},
                       SEG.tokens)
    s = Sentence(Article(id="a", source="a.txt", title="", text=sentence), sentence, 0, len(sentence))
    ext = getattr(rules, extractor)(analyze(question), s)
    return ext.span if ext else None


def test_a_one_character_noun_after_ge_is_its_unit():
    q = analyze("重庆主城共有多少个区?")
    assert "区" in q.units and q.wh == "多少个区"


def _what(question: str, sentence: str) -> str | None:
    return _read("what", question, sentence)


def test_what_a_noun_is_said_to_be():
    assert _what("这次华夏行的主题是什么?", "本届华夏行以“青春中华·放飞梦想”为主题,共有500名代表参加。") == "青春中华·放飞梦想"
    assert _what("这一期读书活动的主题是什么?", "本次活动以品读诗文、传承经典为主题。") == "品读诗文、传承经典"
    # the words after the verb, but never a cut that starts with a particle
    assert _what("这次活动的主题是什么?", "相信参加此次活动的华裔青年能够开阔视野。") is None


def test_items_are_split_at_coordinators_that_are_words():
    from rag.reader.rules import _items
    assert _items("驻碚部队积极参与地方经济建设") == ["驻碚部队积极参与地方经济建设"]     # not at 与 of 参与
    assert _items("市规划自然资源局以及技术支持单位") == ["市规划自然资源局", "技术支持单位"]
    # a headline's two phrases, a space between them, are no item
    assert _items("反对票 再次站在国际社会对立面") == []


def _list(question: str, sentence: str) -> str | None:
    return _read("listing", question, sentence)


def test_an_enumeration_before_the_asked_noun_is_the_list():
    s = "近年来,驻碚部队在抢险救灾、战疫战贫、维护稳定等方面勇挑重担。"
    assert _list("驻碚部队在哪些方面勇挑重担?", s) == "抢险救灾、战疫战贫、维护稳定"


def test_a_question_written_as_the_sentence_is_answered_by_what_follows():
    assert _what("王俊强调工作成绩要重什么?", "工作成绩要重考核,加大晾晒比拼。") == "考核"
    s = "标志着我区正式成为全国探索创新“两山”实践路径的先行者与排头兵,成为示范样板。"
    assert _what("我区正式成为全国探索创新“两山”实践路径的什么?", s) == "先行者与排头兵"


def test_the_verb_near_the_wh_word_and_where_it_stands_as_a_word():
    from rag.reader.rules import _verb_near, _word_at
    q = "党政领导干部在武警重庆总队机动支队参观了哪些内容?"      # jieba tags this 参观 a noun
    assert _verb_near(q, q.find("哪")) == "参观"
    q = "会议要求对照国务院安委会的什么措施摸清问题隐患?"         # a coverb nearest the wh-word
    assert _verb_near(q, q.find("什么")) == "对照"
    assert _word_at("收到群众反馈建议项目121项,位于云开路旁的医院建在这里", "建") > 20    # not 建 of 建议


def _listing(question: str, sentence: str) -> str | None:
    return _read("listing", question, sentence)


def test_a_list_follows_the_questions_own_words_after_its_verb_and_keeps_quotes_whole():
    got = _listing("王俊说古镇改造要处理好哪两者的关系?", "他指出,古镇改造要处理好改造开发和保护利用的关系。")
    assert got.startswith("改造开发、保护利用")                 # not 好改造开发
    got = _listing("要增强区直机关党员干部的哪些意识?", "组织区直机关党组织书记开展行动,进一步增强区直机关党员干部的"
                   "主动服务意识、换位思考意识和‘走在前、做表率’的先锋模范意识。")
    assert got == "主动服务意识、换位思考意识、‘走在前、做表率’的先锋模范意识"


def test_a_people_list_asked_by_title_takes_those_of_that_title():
    rules = RuleReader(People({"向红": "nr", "李钢": "nr", "陈政": "nr", "董江民": "nr", "张奕": "nr"}),
                       lambda q: {}, SEG.tokens)
    text = "副区长向红、李钢、陈政,区政协领导董江民、张奕参加视察。"
    s = Sentence(Article(id="a", source="a.txt", title="", text=text), text, 0, len(text))
    assert rules.listing(analyze("哪些副区长参加了视察?"), s).span == "向红、李钢、陈政"
    # 领导 is no title: every leader by the verb
    assert rules.listing(analyze("哪些领导参加了视察?"), s).span == "向红、李钢、陈政、董江民、张奕"
    # names the corpus has not learned, by the verb; no post is a person
    assert _read("listing", "哪些人参加了会见?", "丁薛祥、王毅、何立峰等参加会见。") == "丁薛祥、王毅、何立峰"


@pytest.mark.parametrize("question,sentence,span", [
    # a news item's bare day is a date; of several, the one the question's words lead to
    ("第五十八次主席会议是哪天召开的?", "全国政协主席俞正声28日下午主持召开第五十八次主席会议。", "28日"),
    ("这次军演持续到哪一天?", "演习从21日开始,持续到本月31日。", "31日"),
    ("座谈会是哪天召开的?", "5月12日,全区各界青年人才座谈会召开,会期到15日。", "5月12日"),
    # a month and day spoken with 号 is a date, and the one the question's verb leads to
    ("国会把戒严令延长到了哪天?", "国会22日举行联席会议,通过了将戒严令延长至今年12月31号的提议。", "今年12月31号"),
])
def test_a_date_is_the_one_the_question_leads_to(question, sentence, span):
    assert _read("when", question, sentence) == span


def test_a_list_of_what_the_question_names_takes_each_clause_about_it():
    text = ("其中,甲公司、乙公司入选民营企业100强;乙公司、丙公司入选制造业100强;"
            "丙公司、乙公司入选科技创新100强。")
    assert _read("listing", "乙公司入选了哪些榜单?", text) == "民营企业100强、制造业100强、科技创新100强"
    assert _read("listing", "丙公司入选了哪些榜单?", text) == "制造业100强、科技创新100强"


def test_a_clock_time_is_asked_by_ji_dian_and_a_share_by_de_duoshao():
    assert analyze("领导同志几点来到博物馆?").qtype == "when"
    assert analyze("丁薛祥提出了几点建议?").qtype == "number"        # points counted, not the clock
    assert _read("when", "领导同志几点来到博物馆?", "下午3时05分,领导同志来到博物馆。") == "下午3时05分"
    assert "%" in analyze("企业拿出销售收入的多少用于创新?").units       # 销售收入的多少: a share


def test_a_quoted_name_with_a_numeral_is_counted_only_when_its_items_are_asked():
    text = "会议强调,聚焦生态田园都市区、人文科教创新城“两大定位”,加快建设。"
    assert _read("what", "“两大定位”是什么?", text) == "生态田园都市区、人文科教创新城"
    # 哪次 asks for one thing: “两山” names a base, and a book title is no list of it
    text = "“两山”基地表彰授牌活动在联合国《生物多样性公约》第十五次缔约方大会期间举行。"
    assert _read("what", "“两山”基地表彰授牌活动是在哪次大会期间举行的?", text) != "生物多样性公约"


def test_round_12_phrasings():
    # 近几天 is a time phrase, 哪几部分 a wh-phrase
    assert analyze("近几天全国铁路平均每天售票多少张?").wh == "多少张"
    assert analyze("《概论》由哪几部分组成?").wh == "哪几部分"
    # a list read past the question's own words before the wh-phrase
    assert _read("listing", "《概论》由哪几部分组成?", "《概论》由绪论、主体、结语组成。") == "绪论、主体、结语"
    # a title holder the corpus has not learned, printed right after the asked title, whole
    assert _read("who", "比利时首相叫什么名字?", "李克强与比利时首相米歇尔共同会见记者。") == "米歇尔"
    # ... a foreign name of transliteration characters, whole, though jieba cuts it (诺特 + 利)
    assert _read("who", "艾伯塔省省长是谁?", "艾伯塔省省长诺特利表示。") == "诺特利"
    assert _read("who", "巴基斯坦总统叫什么?", "习近平同巴基斯坦总统扎尔达里举行会谈。") == "扎尔达里"


def test_an_enumeration_ends_at_its_last_item():
    from rag.reader.rules import _bare_tail
    assert _bare_tail("日本、土耳其、埃及等多国也已") == "日本、土耳其、埃及"
    assert _bare_tail("美国26号暂时") == "美国"                 # the day news writes after a name
    assert _bare_tail("更衣间、餐桌、冰箱、微波炉等") == "更衣间、餐桌、冰箱、微波炉"
    assert _bare_tail("京东方科技公司") == "京东方科技公司"


@pytest.mark.parametrize("question,sentence,span", [
    # the quoted names written after the asked noun, each of them
    ("亚冬会的吉祥物叫什么?", "本届赛会口号为“冰雪同梦,亚洲同心”、会徽“超越”、吉祥物“滨滨”和“妮妮”同步亮相。", "滨滨、妮妮"),
    ("北碚区的总体定位是什么?", "围绕“科学之城、创新高地”总体定位,加快建设。", "科学之城、创新高地"),
    ("北碚区的总体定位是什么?", "北碚区的总体定位是“科学之城、创新高地”。", "科学之城、创新高地"),
])
def test_a_name_asked_is_the_quote_written_with_its_noun(question, sentence, span):
    assert _read("what", question, sentence) == span


def test_a_what_answer_is_its_enumeration_or_quote_whole():
    s = "他指出,要把周例会机制长期坚持下去,力争做到查堵点、破难题、强合力、促落实。"
    assert _read("what", "周例会机制要力争做到什么?", s) == "查堵点、破难题、强合力、促落实"
    from rag.reader.spans import whole_segment
    t = "要围绕“科创陪城、大家之家”发展定位,高标准建设园区。"
    assert whole_segment(t, t.find("“"), "“科创陪城") == "“科创陪城、大家之家”"
    assert whole_segment(t, t.find("高标准"), "高标准建设园区") == "高标准建设园区"


def test_the_one_of_an_acts_people_the_asked_post_is_printed_before():
    names = ("彭辉", "董伦", "徐永德", "杨峰", "章榕")
    rules = RuleReader(People({n: "nr" for n in names}), lambda q: {}, SEG.tokens)
    text = "区人大常委会主任彭辉,区政协主席董伦,区委副书记徐永德,区领导杨峰、章榕参加会见。"
    s = Sentence(Article(id="a", source="a.txt", title="", text=text), text, 0, len(text))
    assert rules.who(analyze("参加会见的区政协主席是谁?"), s).span == "董伦"
    assert rules.who(analyze("谁参加了会见?"), s).span == "、".join(names)


def test_a_date_is_the_one_whose_clause_says_what_was_asked():
    s = "中共中央政治局8月30日召开会议,决定今年10月在北京召开第十九届中央委员会第四次全体会议。"
    assert _read("when", "第十九届中央委员会第四次全体会议什么时候召开?", s) == "今年10月"
    assert _read("when", "中共中央政治局什么时候召开会议?", s) == "8月30日"
    # a date standing alone says what the next clause does
    assert _read("when", "第49次常务会议是什么时候召开的?", "3月12日,区政府召开第49次常务会议,研究部署5月的工作。") == "3月12日"


@pytest.mark.parametrize("question,sentence,span", [
    # the blank between the question's words, closed by those after it: a description asked
    # (the question is read with 1支 for 一支; the sentence's numerals are matched as such)
    ("要求打造一支怎样的党外代表人士队伍?", "会议要求,打造一支政治素质好、工作业绩优的党外代表人士队伍。", "政治素质好、工作业绩优"),
    ("要求打造一支怎样的队伍?", "会议要求,打造一支政治素质好、工作业绩优的干部队伍。", "政治素质好、工作业绩优"),
    ("会议提出了什么样的发展目标?", "会议提出了建设一流园区的发展目标。", "建设一流园区"),
    # one coverb marks the blank when the words after it close it
    ("榜单想引领民企把什么作为高质量发展的主动力?", "旨在引领民营企业全面贯彻新发展理念,把科技创新作为高质量发展的主动力。",
     "科技创新"),
])
def test_a_description_asked_is_read_between_the_questions_words(question, sentence, span):
    assert _read("what", question, sentence) == span


@pytest.mark.parametrize("question,sentence,span", [
    # a counted phrase of the question stands for the enumeration the sentence writes right
    # before it, as many items as it counts; the verb leading them is no part of the first
    ("会议要求压实的四方责任 是哪四方", "要压实属地、部门、单位、个人四方责任,落实早发现、早报告、早隔离、早治疗要求。",
     "属地、部门、单位、个人"),
    ("会议提出的三个原则是哪三个", "会议提出坚持公平、公开、公正三个原则。", "公平、公开、公正"),
    ("区委提出的两大定位是什么", "区委明确生态田园都市区、人文科教创新城两大定位。", "生态田园都市区、人文科教创新城"),
])
def test_a_counted_phrase_is_the_enumeration_written_before_it(question, sentence, span):
    assert _read("listing", question, sentence) == span


def test_items_of_the_asked_kind_end_where_its_names_end():
    # 农业和农村委员会 is one committee; the last item ends at its kind, not at the clause's end
    sentence = "会议听取了全国政协提案委员会、经济委员会、农业和农村委员会关于2021年开展专题民主监督工作情况的汇报。"
    assert _read("listing", "这次主席会议听取了哪几个专门委员会的专题民主监督工作汇报?", sentence) == \
        "全国政协提案委员会、经济委员会、农业和农村委员会"
    assert _read("listing", "考察了哪些企业?", "代表团考察了甲公司、乙企业和丙企业。") == "甲公司、乙企业、丙企业"


def test_a_what_is_read_after_the_nearest_verb_of_its_clause_the_sentence_has():
    # 做到 is the question's own; the sentence says 确保…
    assert _read("what", "现场会要求建立健全领导机制,最终要确保做到什么?",
                 "要建立健全领导机制,坚持统筹协调,确保责任全覆盖、工作无真空、创建无死角。") == \
        "责任全覆盖、工作无真空、创建无死角"


def test_an_enumeration_of_quoted_names_is_its_names():
    sentence = "会议通报表扬全国、市、区“两红两优”和“重庆市五四青年奖章”获得者、第七届“北碚区十大杰出青年”,开展座谈交流。"
    assert _read("listing", "座谈会上通报表扬了哪几类先进?", sentence) == "两红两优、重庆市五四青年奖章、北碚区十大杰出青年"
    # quoted names side by side, no mark between, are as many items
    from rag.reader.rules import _items
    assert _items("“生态报表”“生态环保督察问题清单”") == ["生态报表", "生态环保督察问题清单"]
    # a one-character verb of the question (要) is no verb to read after; 打造成 is read as 打造
    assert _read("what", "会议提出,要努力把缙云山打造成什么?", "要做强做实综合提升文章,努力打造“世界级的缙云山”。") != \
        "做强做实综合提升文章"


def test_a_set_phrase_ending_in_its_verb_is_that_verb():
    # jieba reads 切实加强 as one set phrase (l): the list is what follows its 加强
    q = "王俊要求对一线工作者切实加强哪些方面?"
    s = "要关心关爱一线工作者,切实加强生活服务、后勤保障和健康监测,落实轮岗轮休制度。"
    assert _read("listing", q, s) == "生活服务、后勤保障、健康监测"
