"""Question analysis: every row of the question-type table classifies its own example."""
import pytest

from rag.lexicon import ROLES
from rag.question import QTYPES, SEARCH_HEADS, analyze, classify


@pytest.mark.parametrize("qtype,pattern,example", QTYPES, ids=[t for t, _, _ in QTYPES])
def test_each_question_type_classifies_its_example(qtype, pattern, example):
    assert classify(analyze(example).text) == qtype


@pytest.mark.parametrize("head,added,example", SEARCH_HEADS, ids=[a for _, a, _ in SEARCH_HEADS])
def test_a_search_box_query_asks_the_kind_its_head_noun_names(head, added, example):
    kind = {"是谁": "who", "是什么时候": "when", "在哪里": "where", "是多少": "number", "是哪些{}": "list",
            "是哪些国家": "list", "有哪些": "list", "是什么": "what"}[added]
    q = analyze(example)
    assert q.qtype == kind and q.wh, (q.text, q.qtype)


@pytest.mark.parametrize("question", ["乡村振兴", "黄祖英", "区政府第49次常务会议"])
def test_a_query_with_no_head_noun_is_left_as_typed(question):
    assert analyze(question).text == question


@pytest.mark.parametrize("question", ["孙中山在哪部著作里提出建南方大港?", "共治是什么?", "会议强调了什么?"])
def test_a_question_of_no_listed_kind_asks_what(question):
    assert analyze(question).qtype == "what"


@pytest.mark.parametrize("question,wh", [("谭家玲来碚调研时,哪些区领导陪同?", "哪些区领导"),
                                         ("新冠肺炎疫情防控工作会议有哪些人出席?", "哪些人"),
                                         # the longest people noun: not 哪些人 of 哪些人大代表
                                         ("区政协会前集中视察有哪些人大代表参加?", "哪些人大代表"),
                                         # a title names people too, and a 会 later in the question
                                         # (会议, 会见) makes no body of the noun
                                         ("哪些副区长参加了政协委员的会前视察?", "哪些副区长"),
                                         ("哪些区领导出席了会议?", "哪些区领导"),
                                         ("哪些人参加了习近平与李显龙的会见?", "哪些人")])
def test_a_list_of_people_is_asked_for_by_its_noun(question, wh):
    q = analyze(question)
    assert (q.qtype, q.asks_people, q.wh) == ("list", True, wh)
    assert not analyze("哪些企业入选了2021重庆民营企业100强?").asks_people
    assert not analyze("哪些委员会参加了会议?").asks_people          # a body
    assert not analyze("银花鲈鱼是哪些地方的代表鱼?").asks_people     # a fish's 代表
    # ... or the people named before a wh-phrase that ends the clause, or 哪几位 alone
    assert analyze("参加视察的副区长有哪几位?").asks_people and analyze("出席的区领导有哪些?").asks_people
    assert analyze("跟着去的有哪几位?").asks_people
    assert not analyze("会议有哪些议题?").asks_people and not analyze("代表团有哪些?").asks_people


@pytest.mark.parametrize("question,qtype", [
    ("中哈联合改良的马铃薯新品种叫什么?", "what"),      # a thing's name
    ("区政协举办的读书活动叫什么?", "what"),
    ("它的副总经理叫什么?", "who"),                     # a post, kin, a word for people
    ("李友辉的女儿叫什么?", "who"),
    ("这位志愿者叫什么?", "who"),
    ("与它轮相撞的货轮叫什么名字?", "who"),             # 名字 asks a name, as 谁 does
])
def test_x_jiao_shenme_asks_a_person_only_when_x_is_one(question, qtype):
    assert analyze(question).qtype == qtype


def test_an_age_is_asked_in_years_and_which_takes_more_classifiers():
    q = analyze("李师傅今年多大岁数?")
    assert (q.qtype, q.wh, q.units) == ("number", "多大岁数", ["岁"])
    assert analyze("这块地多大?").units[:1] == ["平方公里"]
    assert analyze("车站是哪条铁路线上的站点?").wh == "哪条"


def test_the_question_as_written_keeps_its_numerals():
    q = analyze("新一届国会将于哪天成立？")
    assert q.text == "新1届国会将于哪天成立?" and q.asked == "新一届国会将于哪天成立?"


def test_depth_and_weight_are_measures_and_which_two_asks_two():
    q = analyze("那口旱井有多深?")
    assert (q.qtype, q.wh, q.units[:1]) == ("number", "多深", ["米"])
    assert analyze("要处理好哪两者的关系?").wh == "哪两者"
    # points are counted too (做到哪两点: a list of two, not a word 两点 no text has)
    q = analyze("具体要做到哪两点?")
    assert (q.qtype, q.wh) == ("list", "哪两点")


@pytest.mark.parametrize("question,role", [
    ("谁参加了习近平会见梁强?", "参加"),        # the role next after the wh-phrase, not the act it names
    ("王俊在调研时会见了谁?", "会见"),          # else the nearest before it
    ("谁主持了区政府第49次常务会议?", "主持"),
])
def test_the_asked_role_is_the_one_next_to_the_wh_phrase(question, role):
    assert analyze(question).role == role


def test_a_bracketed_modifier_is_an_anchor():
    # 区委常委会(扩大)会议 is not the 区委常委会会议 of another issue
    assert "委会(扩大)" in analyze("区委常委会(扩大)会议由谁主持?").anchors


@pytest.mark.parametrize("question,unit,not_unit", [
    ("工行的电商平台交易额突破了多少?", "亿", "%"),           # an amount of money, 元 or not
    ("交易金额同比增长了多少?", "倍", None),                   # a change by how much
    ("新增确诊病例比前一周上升了多少?", "%", "天"),
    ("起征点由10万元提高到多少?", None, "%"),                  # ... not to what level
    ("朱振汉烈士牺牲时多大?", "岁", None),                     # 多大 is an age as well as an area
    ("每天化妆要花多长时间?", "小时", None),                   # 多长时间 is how long it took
    ("这条公路有多长?", "公里", "小时"),
    # a search box's head noun says what it counts in
    ("阳山县 卖给开发商 每亩价格", "元", "亩"), ("索契冬奥开幕式 演员人数", "人", "个"),
    ("宁波舟山港去年货物吞吐量是多少?", "吨", "个"), ("春晚直播的收视率 多少", "%", None),
    ("胶囊机器人 长度", "厘米", "天"),
    ("地震遇难人数是多少?", "人", "个"), ("今年全省累计确诊 多少", "例", "个"),   # cases count people
])
def test_the_units_a_how_much_question_takes(question, unit, not_unit):
    units = analyze(question).units
    assert (unit is None or unit in units) and (not_unit is None or not_unit not in units)


def test_the_measure_a_count_asks_is_its_kind_not_a_word_to_find():
    """多少比例的行政辖区: 比例 is what the answer is (87%), which no sentence need write."""
    q = analyze("天津津南区有多少比例的行政辖区被划入生态屏障区?")
    assert q.measures == ["比例"] and "%" in q.units
    assert analyze("有多少个行业?").measures == []


@pytest.mark.parametrize("role", ROLES)
def test_every_role_of_the_lexicon_is_the_asked_role(role):
    """A role is one lexicon row: 谁在开幕式上致辞 asks who did 致辞."""
    assert analyze(f"谁在开幕式上{role}?").role == role


@pytest.mark.parametrize("question,qtype", [("泽洛退休前是干啥的?", "what"), ("会议啥时候开的?", "when"),
                                            ("那个项目投资了啥?", "what")])
def test_spoken_question_words_are_read_as_written_ones(question, qtype):
    q = analyze(question)
    assert q.qtype == qtype and "什么" in q.wh and "啥" not in q.text


def test_a_search_box_head_noun_is_the_kind_asked_not_a_word_to_find(bot):
    """施行日期 asks a date: an article says 自2019年4月7日起施行, never 日期; 开盘价 no text
    has is the asked price, not a word the article must hold."""
    weights = bot.composer.candidates.weights
    assert "日期" not in weights(analyze("党政领导干部考核工作条例 施行日期"))
    q = analyze("中国中车A股开盘价")
    assert q.head == "开盘价" and "开盘价" not in weights(q)
    assert analyze("天津 2013年全年 外贸出口额").qtype == "number"     # any 额 is an amount


def test_a_request_to_list_asks_which():
    q = analyze("请列出在上合组织获得观察员地位的国家。")
    assert q.qtype == "list" and "列出" not in q.text and q.wh == "哪些"


def test_ji_hao_asks_the_day_unless_it_numbers_a_thing():
    assert analyze("那次会议是几月几号?").qtype == "when"
    assert analyze("会议是几号开的?").qtype == "when"
    assert analyze("他住在几号楼?").qtype != "when" and analyze("这是第几号台风?").qtype != "when"


def test_a_rate_is_asked_as_a_percentage_and_a_few_places_as_a_count():
    assert analyze("去年年末城镇调查失业率是多少?").units[:1] == ["%"]
    assert "%" not in analyze("汇率是多少?").units
    q = analyze("工作报告根据代表意见改了几处?")
    assert q.qtype == "number" and q.wh == "几处"


def test_a_role_that_modifies_the_asked_noun_is_not_the_role_asked():
    assert analyze("2月20日王俊会见的重庆市福建商会会长是谁?").role == ""
    assert analyze("王俊在调研时会见了谁?").role == "会见"


def test_measure_words_are_one_table_for_which_how_many_and_where():
    # 几种 / 哪首 / 哪款 / 几章: the wh-phrase, whatever measure word follows 几 or 哪
    assert analyze("这款相机有几种颜色?").wh == "几种"
    assert analyze("《干部考核条例》一共有几章?").wh == "几章"
    assert analyze("古琴弹的是哪首曲子?").wh == "哪首曲子"
    q = analyze("它是在哪款机型的基础上升级的?")
    assert q.qtype != "where" and q.wh == "哪款机型"        # 在哪款: which, not where
    q = analyze("亚信峰会在哪开的?")
    assert q.qtype == "where" and q.wh == "哪"               # 在哪 before a verb asks where
    assert analyze("双方最后发表了什么文件?").wh == "什么文件"     # the kind asked stays with its 什么


def test_each_one_named_is_a_list():
    assert analyze("要选树的几类典型分别叫什么名字?").qtype == "list"
    assert analyze("有几种颜色可选,分别是什么?").qtype == "list"


@pytest.mark.parametrize("question", ["会见福建商会 参加会见的区人大常委会主任", "老旧社区焕新颜 摄影记者",
                                      "北碚区 副区长"])
def test_a_search_box_post_or_role_asks_who(question):
    assert analyze(question).qtype == "who"


@pytest.mark.parametrize("question,qtype,wh", [
    ("会议要求压实的四方责任 是哪四方", "list", "哪四方"),
    ("那部专题纪录片共有几集?", "number", "几集"),
    # 人员力量: forces of people, no persons' names asked
    ("疫情应急预案 统筹整合哪些人员力量", "list", "哪些"),
    # a description asked (怎样的队伍) is a what-question's blank, with its 的
    ("他要求打造一支怎样的党外代表人士队伍?", "what", "怎样的"),
    ("习近平希望中美发展一种什么样的关系?", "what", "什么样的"),
])
def test_the_wh_phrase_is_read_whole(question, qtype, wh):
    q = analyze(question)
    assert (q.qtype, q.wh) == (qtype, wh)
