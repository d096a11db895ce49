"""The checks every candidate answer passes, whatever reader produced it."""
import pytest

from rag.question import analyze
from rag.reader.spans import with_unit
from rag.reader.verify import echoes, fits, ordinal_for_count


@pytest.mark.parametrize("qtype, span, ok", [
    ("who", "黄祖英", True), ("who", "任天堂", True), ("who", "10月25日", False), ("who", "1094户", False),
    ("who", "《三国演义》", True),       # what a work is called: a title, numerals and all
    # a comma inside quotes is the quoted phrase's; outside them a span is two statements
    ("what", "“新人新办法,老人老办法”的原则", True), ("what", "新人新办法,老人老办法", False),
    ("when", "10月25日", True), ("when", "2019年", True), ("when", "清朝", True), ("when", "黄祖英", False),
    ("day", "10月25日", True), ("day", "考察期间", False),
    ("number", "1094户", True), ("number", "四十九", True), ("number", "黄祖英", False), ("number", "10月25日", False),
    ("what", "招商引资", True), ("what", "这是一整句话。那是另一句。", False), ("list", "", False),
    # a list of people names persons, learned or not; a post alone names none
    ("people", "丁薛祥、王毅、何立峰", True), ("people", "国务委员兼外长王毅", True),
    ("people", "总理", False), ("people", "新加坡总理", False), ("people", "社区工作人员、志愿者", False),
])
def test_the_span_is_of_the_asked_kind(qtype, span, ok):
    assert fits(qtype, span) is ok


def test_quoted_phrases_written_side_by_side_are_one_enumeration():
    from rag.reader.spans import quoted_run
    s = "坚持落实“一月一通报”“一年一测评”的督导工作机制。"
    assert quoted_run(s, s.find("一月"), "一月一通报") == "一月一通报、一年一测评"
    assert quoted_run(s, s.find("“一年"), "“一年一测评”") == "一月一通报、一年一测评"
    assert quoted_run("围绕“两大定位”做好“四篇文章”", 3, "两大定位") == "两大定位"     # apart: one each


def test_a_count_is_never_read_off_an_ordinal():
    s = "区委副书记、区长黄祖英主持召开区政府第27次常务会议。"
    assert ordinal_for_count("number", s, s.index("27"))
    assert not ordinal_for_count("number", "共开了27次会议。", 3)
    assert not ordinal_for_count("who", s, s.index("27"))


def test_a_number_says_its_unit_and_an_echo_is_no_answer():
    assert with_unit("1094", "户居民", ["户"]) == "1094户"
    assert with_unit("3万", "余斤", ["斤", "万斤"]) == "3万余斤"
    assert with_unit("1094户", "居民", ["户"]) == "1094户"
    assert with_unit("71", "栋楼", []) == "71"
    assert with_unit("52", "%。", []) == "52%"                          # a bare number's percent sign
    assert with_unit("1180万人", "次,比去年", ["人"]) == "1180万人次" and with_unit("2400多人", "次", []) == "2400多人次"
    assert with_unit("100只", "左右新基金成立", ["只"]) == "100只左右"
    from rag.reader.spans import with_bound
    assert with_bound("4人", "需3至") == "3至4人" and with_bound("4人", "需要") == "4人"   # a range's start
    # a sum's currency after its magnitude is part of it (lexicon.CURRENCY)
    assert with_unit("超过2500", "亿美元的商业合同", ["亿元", "万元", "元", "亿", "万"]) == "超过2500亿美元"
    assert with_unit("30", "万欧元", []) == "30万欧元"
    # ... and a rate's denominator (lexicon.PER)
    assert with_unit("32.40元", "/股,市值", []) == "32.40元/股"
    assert with_unit("350公里", "/小时的速度", []) == "350公里/小时"


def test_a_who_span_leaves_out_the_day_said_after_the_name_and_a_month_takes_its_year():
    from rag.reader.spans import with_date_rest, without_day
    assert without_day("塞拉勒26号") == "塞拉勒" and without_day("哈希米27号晚") == "哈希米"
    assert without_day("27号") == "27号" and without_day("黄祖英") == "黄祖英"
    assert with_date_rest("12月", "他们于去年", "部署到任务区") == "去年12月"
    assert with_date_rest("10月", "自2022年", "开始") == "2022年10月"
    # a day said with its time (4月20日下午, 8日0时), not with the 晚会 after it
    assert with_date_rest("4月20日", "", "下午,习近平同沙特王储通电话") == "4月20日下午"
    assert with_date_rest("8日", "", "0时起解除离汉通道管控") == "8日0时"
    assert with_date_rest("9月5日", "分别于", "和6日上午举行") == "9月5日和6日上午"
    assert with_date_rest("12日", "", "晚会上") == "12日"
    assert with_date_rest("4月20日", "", "下午,习近平同沙特王储通电话", clock=False) == "4月20日"   # 哪天: the day
    assert echoes("谁主持了区政府第49次常务会议?", "区政府第49次常务会议")
    assert not echoes("谁主持了区政府第49次常务会议?", "黄祖英")


def test_the_asked_kind_and_the_answer_said_once():
    from rag.reader.spans import asked_kinds, names_kind
    from rag.reader.verify import placed
    assert asked_kinds("他们参观了什么支部?", "什么支部") == ["支部"]
    assert asked_kinds("以什么形式召开?", "什么") == ["形式"]
    assert asked_kinds("北碚是重庆唯一的什么示范区?", "什么") == ["示范区"]
    assert asked_kinds("气炉以什么为燃料?", "什么") == [] and asked_kinds("为什么停播?", "什么") == []
    assert asked_kinds("总体定位是什么?", "什么") == [] and asked_kinds("谁主持了会议?", "谁") == []
    assert names_kind(["支部"], "小米产业支部") and not names_kind(["支部"], "农户")
    assert names_kind(asked_kinds("哪个部门打造的?", "哪个部门"), "宣传部门") and not names_kind([], "任何")
    s = "王俊一行来到中国·重庆(静观)花木产业谷,实地查看项目建设进度。"
    assert placed("王俊到哪里查看了项目?", "哪里", s, s.index("中国"), s.index("谷") + 1)
    s = "谭家玲走进卢作孚纪念馆、金刚碑历史文化街区。"
    assert not placed("卢作孚纪念馆在哪里?", "哪里", s, s.index("金刚碑"), len(s) - 1)
    # the place that does what the question asks of 哪里, written right before its verb
    s = "山东德州的动物园新增缆车路线;湖南株洲开通低空飞行,游客可以俯瞰湘江。"
    q = "五一假期哪里开通了低空飞行?"
    assert placed(q, "哪里", s, s.index("湖南"), s.index("开通")) and not placed(q, "哪里", s, 0, 4)
    s = "5月12日,我区召开各界青年人才座谈会。"                 # 在哪里召开: where, not who held it
    assert not placed("座谈会在哪里召开?", "哪里", s, s.index("区"), s.index("区") + 1)


def test_a_span_reaches_the_asked_noun_and_a_listed_neighbour_is_no_place():
    from rag.reader.spans import to_kind
    from rag.reader.verify import listed_with
    # the question says the noun after its wh-phrase (以什么形式召开): the span stops before it
    assert to_kind("现场调研", "办公形式召开", ["形式"], "形式召开") == "现场调研办公"
    # it says it before (…的公司叫什么): the span takes it in
    assert to_kind("重庆斯太宝", "科技有限公司研发", ["公司"], "") == "重庆斯太宝科技有限公司"
    assert to_kind("城市更新", "和乡村振兴工作", ["工作"]) == "城市更新"     # a coordination stops it
    assert to_kind("小米产业", "支部", ["支部"]) == "小米产业支部"        # the kind right after
    s = "随后,谭家玲走进卢作孚纪念馆、金刚碑历史文化街区,深入了解。"
    assert listed_with("卢作孚纪念馆在哪里?", s, s.index("金刚碑"))
    assert not listed_with("金刚碑历史文化街区在哪里?", s, s.index("金刚碑"))


def test_a_rule_span_a_word_wider_than_the_readers_is_said_whole(bot):
    ans = bot.ask("“劳动者港湾”是哪个部门打造的?")
    assert ans.found and "区城市管理局" in ans.text


def test_a_noun_after_the_wh_word_is_not_said_twice(bot):
    ans = bot.ask("全区重点项目专题调度周例会以什么形式召开?")
    assert ans.found and "形式形式" not in ans.text and "现场调研办公形式召开" in ans.text


@pytest.mark.parametrize("asked, chain, title, other", [
    ("区政协主席", "中共中央政治局常委、全国政协主席", "主席", True),       # a national paper's 汪洋
    ("区人大常委会主任", "全国人大常委会法制工作委员会主任", "主任", True),
    ("区政协主席", "北碚区政协主席", "主席", False),
    ("区政协主席", "政协主席", "主席", False),
    ("北碚区区长", "区委副书记、区长", "区长", False),
    ("市委巡回督导组16组组长", "市委巡回督导组十六组组长", "组长", False),
    ("重庆斯太宝科技有限公司的副总经理", "重庆斯太宝科技有限公司副总经理", "副总经理", False),
    ("福建商会会长", "福建商会会长、重庆某公司董事长", "会长", False),
    # the chain read back to the clause's start still names the asked body (来华…巴基斯坦总统)
    ("来华国事访问的巴基斯坦总统", "在北京人民大会堂同来华进行国事访问的巴基斯坦总统", "总统", False),
])
def test_a_title_of_another_body_is_not_the_asked_one(asked, chain, title, other):
    from rag.reader.rules import other_level
    assert other_level(asked, chain, title) is other


def _proposal(question, sentence, span, score, missing=0.0):
    from rag.checks import verbs
    from rag.question import analyze
    from rag.reader.sentence import Sentence
    from rag.reader.verify import Proposal
    from rag.types import Article
    q = analyze(question)
    s = Sentence(Article(id="a", source="a.txt", title="", text=sentence), sentence, 0, len(sentence))
    s.missing = missing
    wh = q.text.find(q.wh)
    return Proposal(q, s, sentence.index(span), span, score, verbs(q.text[:wh] + q.text[wh + len(q.wh):]))


def test_a_reader_span_is_vetoed_by_name_and_a_sure_one_outweighs_a_paraphrase():
    from rag.reader.verify import Lookups, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    said = "区委书记王俊出席会议并讲话。"
    # who chaired is not who spoke: a missing role verb vetoes however sure the reader is
    assert verify(_proposal("谁主持了会议?", said, "王俊", 20.0), k) == ("", "its sentence lacks the asked verb")
    # another verb the sentence does not say: only a sure reader may answer past it
    done = "项目于2023年10月投入使用。"
    assert verify(_proposal("项目什么时候完工?", done, "2023年10月", 1.5), k)[1] == "its sentence lacks the asked verb"
    assert verify(_proposal("项目什么时候完工?", done, "2023年10月", 9.0), k) == ("2023年10月", "")
    # an article lacking much of the question: the same
    assert verify(_proposal("项目什么时候投入使用?", done, "2023年10月", 2.0, missing=0.45), k)[1] == \
        "its article lacks much of the question"
    assert verify(_proposal("项目什么时候投入使用?", done, "2023年10月", 5.0, missing=0.45), k)[0] == "2023年10月"
    assert verify(_proposal("项目什么时候投入使用?", done, "投入使用", 5.0), k) == ("", "it repeats the question")


def test_an_article_lacking_a_word_no_text_holds_gives_only_a_sure_span():
    from rag.reader.verify import UNSEEN_SURE, Lookups, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "经查,该男子名叫张某,今年35岁。"
    p = _proposal("被打成重伤的男子叫什么名字?", s, "张某", UNSEEN_SURE - 1)
    p.sentence.unseen = True
    assert verify(p, k) == ("", "its article lacks a word no indexed text holds")
    p = _proposal("被打成重伤的男子叫什么名字?", s, "张某", UNSEEN_SURE + 1)
    p.sentence.unseen = True
    assert verify(p, k)[0] == "张某"


def test_a_sure_reader_may_name_a_place_without_its_kind():
    from rag.reader.verify import SURE, Lookups, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "王若琳出生于台北,从小与母亲和妹妹住在图卢兹。"
    # 图卢兹 names no kind of place (市, 区, 馆 …) and jieba does not know it as one:
    # only a sure reader's span is taken
    assert verify(_proposal("王若琳从小住在哪里?", s, "图卢兹", 2.0), k) == ("", "not a where answer")
    assert verify(_proposal("王若琳从小住在哪里?", s, "图卢兹", SURE + 1), k) == ("图卢兹", "")
    # a place jieba knows by name is one without its kind (洛杉矶, 山东济南)
    s = "王若琳出生于台北,从小与母亲和妹妹住在洛杉矶。"
    assert verify(_proposal("王若琳从小住在哪里?", s, "洛杉矶", 2.0), k) == ("洛杉矶", "")
    s = "技能大赛决赛今天在山东济南开幕。"
    assert verify(_proposal("技能大赛决赛在哪里开幕?", s, "山东济南", 3.0), k) == ("山东济南", "")
    # an act or 我区 is no place, however sure
    s = "区政府第49次常务会议在举办法治讲座后召开。"
    assert verify(_proposal("会议在哪里召开?", s, "举办法治讲座", SURE + 9), k)[0] == ""
    s = "各界青年人才座谈会在我区召开。"
    assert verify(_proposal("座谈会在哪里召开?", s, "我区", SURE + 9), k)[0] == ""


def test_a_count_is_no_date_nor_in_another_unit_and_an_opposed_act_is_no_answer():
    from rag.reader.verify import in_a_date, opposed_acts, other_unit
    s = "本报讯10月25日,区长主持召开会议。"
    assert in_a_date(s, s.index("10")) and in_a_date(s, s.index("25"))      # 持续了多久: not 10 / 25日
    assert not in_a_date("会议持续了25天", 5)
    assert other_unit("234", "名政协委员开展视察", ["组"])                    # 分成了几组: 234名 counts people
    assert not other_unit("3", "组", ["组"]) and not other_unit("234", "名", ["人"])
    assert not other_unit("2624677", "例", ["人"])                               # 死了多少人: cases
    assert not other_unit("51", "个直属党组织书记", ["名"])                      # 个 counts people too
    assert other_unit("31", "个省份", ["例"])                                    # ... not cases
    from rag.reader.verify import cuts_a_number
    s = "已累计向下游补水9.8亿立方米。"
    assert cuts_a_number(s, s.index("8亿"), s.index("8亿") + 5) and not cuts_a_number(s, s.index("9.8"), s.index("9.8") + 7)
    assert cuts_a_number(s, s.index("9.8"), s.index("9.8") + 1) and not cuts_a_number("第1.", 1, 2)
    assert not other_unit("3", "家企业", ["个", "项"]) and not other_unit("3万", "余斤", ["斤", "万斤"])
    assert opposed_acts(["完工"], "项目于今年4月份开工,力争年底完成。") == ["开工"]
    assert opposed_acts(["打败"], "他击败了对手。") == []                      # a synonym is no opposite


def test_full_width_punctuation_reads_as_the_district_papers_half_width():
    from rag.question import analyze
    from rag.types import Article
    assert analyze("他们参观了哪些支部？").wh == "哪些支部"              # a typed question
    a = Article(id="x", source="s", title="标题：会议", text="王俊出席，黄祖英主持！")
    assert a.text == "王俊出席,黄祖英主持!" and a.title == "标题:会议"     # one character for one


def test_listed_bodies_are_bodies_and_keep_their_level(bot):
    # 哪些单位: an item must end as a body's name does (社会影响 holds 会 but is none), and
    # the reader's 生态环境局 after a comma is the paper's 区生态环境局
    ans = bot.ask("美丽北碚建设大会上哪些单位作交流发言?")
    assert ans.found and "区生态环境局" in ans.text and "区林业局" in ans.text
    assert all(x in ans.citations[0].quote for x in ("区生态环境局", "区林业局"))


def test_a_reader_span_takes_in_the_mark_it_opens():
    from rag.reader.model import closed
    t = "举办《中华人民共和国行政复议法》(以下简称"
    assert t[slice(*closed(t, t.index("《"), t.index("》")))] == "《中华人民共和国行政复议法》"
    assert closed("一个“词”。", 2, 4) == (2, 5) and closed("一个“词”。", 3, 5) == (2, 5)
    assert closed("他说的话", 1, 3) == (1, 3)


def test_a_compound_of_known_words_and_a_verb_of_going_are_no_words_an_article_must_hold(bot):
    ans = bot.ask("区政府第49次常务会议举办了什么法的专题讲座?")       # the paper says 法治讲座
    assert ans.found and "行政复议法" in ans.text
    ans = bot.ask("王俊一行在周例会前去哪里查看项目建设进度?")          # the paper says 来到
    assert ans.found and "花木产业谷" in ans.text


def test_which_person_asks_for_a_person_not_a_body():
    from rag.reader.verify import Lookups, verify
    s = "政协委员们认为,北碚区委、区政府务实高效,区政协委员唐大焱说发展有目共睹。"
    names = lambda t: [(t.find("唐大焱"), t.find("唐大焱") + 3)] if "唐大焱" in t else []
    k = Lookups(names=names, tokens=lambda t: list(t))
    assert verify(_proposal("哪位委员说发展有目共睹?", s, "北碚区委", 9.0), k) == ("", "not a who answer")
    assert verify(_proposal("哪位委员说发展有目共睹?", s, "唐大焱", 9.0), k) == ("唐大焱", "")
    # 谁 may be answered by a body (谁打造了…: 区城市管理局)
    assert verify(_proposal("谁认为北碚务实高效?", s, "政协委员们", 9.0), k)[0] == "政协委员们"


def test_a_post_is_no_answer_to_who_but_the_name_after_it_is():
    from rag.reader.verify import Lookups, verify
    s = "中共中央总书记习近平主持会议。"
    k = Lookups(names=lambda t: [(t.find("习近平"), t.find("习近平") + 3)] if "习近平" in t else [],
                tokens=lambda t: list(t))
    assert verify(_proposal("谁主持了中共中央政治局的会议?", s, "中共中央总书记", 9.0), k) == ("中共中央总书记习近平", "")
    s = "会议由区委书记主持。"
    assert verify(_proposal("谁主持了会议?", s, "区委书记", 9.0), k) == ("", "a post, not who holds it")


def test_an_age_is_counted_in_years_of_age():
    from rag.question import analyze
    from rag.reader.verify import Lookups, verify
    q = analyze("周月华今年多少岁?")
    assert (q.wh, q.units) == ("多少岁", ["岁"])
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "老百姓已经看了快20年,66岁的杨明龙得病十多年。"
    assert verify(_proposal("周月华今年多少岁?", s, "20年", 5.0), k) == ("", "a count in another unit")


def test_a_what_question_is_not_answered_by_a_bare_name():
    from rag.reader.spans import asked_kinds
    from rag.reader.verify import Lookups, verify
    names = lambda t: [(t.find("杨锋"), t.find("杨锋") + 2)] if "杨锋" in t else []
    k = Lookups(names=names, tokens=lambda t: list(t))
    s = "区委常委、统战部部长杨锋主持。"
    assert verify(_proposal("章榕主持了哪次会议?", s, "杨锋", 9.0), k) == ("", "not a what answer")
    # the kind a 哪次 / 什么 asks for, a set phrase too
    assert asked_kinds("章榕主持了哪次会议?", "哪次会议") == ["会议"]
    assert asked_kinds("卫星是用什么运载火箭发射的?", "什么") == ["运载火箭"]
    assert asked_kinds("竺士杰独创的操作法叫什么?", "什么") == ["操作法"]      # X叫什么: an X's name


def test_a_name_found_ends_inside_the_text():
    from rag.reader.people import People
    assert People({"杨锋": "nr"}).names_in("杨锋") == [(0, 2)]


def test_a_list_asked_with_its_count_has_that_many_items():
    from rag.question import analyze
    from rag.reader.verify import Lookups, verify
    q = analyze("京津冀协同发展哪3个重点领域率先突破?")
    assert (q.qtype, q.wh) == ("list", "哪3个")
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "贯彻落实《京津冀协同发展规划纲要》,交通、生态、产业3个重点领域率先突破。"
    assert verify(_proposal("京津冀协同发展哪3个重点领域率先突破?", s, "《京津冀协同发展规划纲要》", 9.0), k) == \
        ("", "not as many items as asked")
    assert verify(_proposal("京津冀协同发展哪3个重点领域率先突破?", s, "交通、生态、产业", 9.0), k)[0] == "交通、生态、产业"
    assert verify(_proposal("哪三项措施得到推广?", "风险补偿、低息贷款两项措施得到推广。", "风险补偿、低息贷款", 9.0), k)[1] == \
        "not as many items as asked"
    # 哪几 asks for several: one item is no answer, two or more are
    s = "园区建设跑出快车道。"
    assert verify(_proposal("园区正加速打造成哪几种形态?", s, "快车道", 9.0), k)[1] == "not as many items as asked"
    s = "园区正加速打造成创新高地和未来之城。"
    assert verify(_proposal("园区正加速打造成哪几种形态?", s, "创新高地和未来之城", 9.0), k)[0] == "创新高地和未来之城"


def test_an_ordinal_is_answered_with_its_di():
    from rag.question import analyze
    from rag.reader.verify import Lookups, verify
    assert analyze("台风“烟花”是第几号台风?").wh == "第几号"
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "今年第6号台风“烟花”于今天上午再次登陆。"
    assert verify(_proposal("台风“烟花”是第几号台风?", s, "6号", 9.0), k) == ("第6号", "")


def test_a_what_span_is_the_whole_object_of_the_asked_verb():
    from rag.reader.spans import whole_object
    s = "会上,与会同志观看了2023年度北碚区生态环境问题暗访片,区生态环境局作交流发言。"
    assert whole_object("与会同志观看了什么?", "什么", s, s.find("暗访片"), "暗访片") == "2023年度北碚区生态环境问题暗访片"
    assert whole_object("会上大家观看了什么片子?", "什么片子", s, s.find("暗访片"), "暗访片") == \
        "2023年度北碚区生态环境问题暗访片"
    # not across a comma or a coordination
    s2 = "村里组建了合作社、小米产业支部。"
    assert whole_object("村里组建了什么?", "什么", s2, s2.find("小米"), "小米产业支部") == "小米产业支部"
    assert whole_object("村里组建了什么支部?", "什么支部", s2, s2.find("小米"), "小米产业支部") == "小米产业支部"


def test_a_rule_answer_of_the_asked_kind_ends_as_that_kind_does():
    from rag.question import analyze
    from rag.reader.people import People
    from rag.reader.rules import RuleReader
    from rag.reader.sentence import Sentence
    from rag.types import Article
    rules = RuleReader(People({}), lambda q: {}, lambda t: list(t))
    text = "在碚考察期间,代表团先后前往同兴工业园区兴隆灯具厂等地。"
    s = Sentence(Article(id="a", source="a.txt", title="", text=text), text, 0, len(text))
    assert rules.what(analyze("代表团考察了哪家灯具厂?"), s) is None       # not 期间


def test_a_long_list_of_short_items_is_a_list_answer():
    from rag.reader.verify import Lookups, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "当天,王俊先后前往西南大学科学中心、科学城北碚园区招商服务中心、西南大学柑桔研究所、晏阳初纪念馆和大磨滩湿地公园等地。"
    span = s[s.find("西南"):s.find("等地") + 2]
    said, why = verify(_proposal("王俊先后去了哪些地方?", s, span, 9.0), k)
    assert said == span[:-2] and said.endswith("大磨滩湿地公园"), why
    # but not a span across clauses
    assert verify(_proposal("王俊先后去了哪些地方?", s, s[s.find("当天"):s.find("等地")], 9.0), k)[0] == ""


def test_asked_whom_the_span_stands_after_the_mark():
    from rag.reader.verify import Lookups, verify
    k = Lookups(names=lambda t: [(t.find(n), t.find(n) + 3) for n in ("黄祖英", "黄祖任") if n in t],
                tokens=lambda t: list(t))
    s = "王俊、黄祖英代表北碚区委、区政府对黄祖任一行表示热烈欢迎。"
    assert verify(_proposal("王俊代表区委向谁表示欢迎?", s, "黄祖英", 9.0), k) == ("", "not where the sentence says whom")
    assert verify(_proposal("王俊代表区委向谁表示欢迎?", s, "黄祖任", 9.0), k)[0] == "黄祖任"


def test_classifiers_the_table_lacked_and_a_percentage_are_units():
    from rag.question import analyze
    from rag.reader.verify import Lookups, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    assert analyze("海南全省有多少艘渔船完成了避风?").units == ["艘"]
    s = "全省3万多艘渔船已完成避风,累计转移危险区域人员2万多人。"
    assert verify(_proposal("海南全省有多少艘渔船完成了避风?", s, "2万多人", 9.0), k)[1] == "a count in another unit"
    s = "新增确诊超过1900万例,比此前一周减少17%,但新增死亡病例增加了7%。"
    assert verify(_proposal("全球新增确诊超过多少例?", s, "7%", 9.0), k)[1] == "a count in another unit"


def test_a_year_is_said_with_the_month_after_it():
    from rag.reader.verify import Lookups, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "2023年11月,明家犯罪集团重要头目被成功抓获并移交中国警方。"
    assert verify(_proposal("头目是什么时候被抓获的?", s, "2023年", 9.0), k)[0] == "2023年11月"


def test_a_list_takes_the_items_coordinated_before_the_span():
    from rag.reader.spans import whole_list
    s = "接下来,我们将和市规划自然资源局以及技术支持单位共同研究优化设置。"
    at = s.find("技术支持单位")
    assert whole_list("徐峰表示将和哪些单位共同研究?", "哪些单位", s, at, "技术支持单位") == \
        "市规划自然资源局以及技术支持单位"


def test_a_classifier_ending_a_how_many_question_is_its_unit():
    from rag.question import analyze
    q = analyze("今年一季度中欧班列累计开行多少列?")
    assert (q.wh, q.units) == ("多少列", ["列"])
    assert "鱼" not in analyze("现在养了多少鱼?").units          # a noun: what is counted, not a unit


def test_a_date_is_said_as_whole_as_the_sentence_writes_it():
    from rag.reader.spans import with_date_rest
    s = "区政府自2022年10月开始,向社会公开征集候选项目。"
    at = s.find("10月")
    assert with_date_rest("10月", s[:at], s[at + 3:]) == "2022年10月"      # the year before a month
    s = "新一届国会和政府将分别于9月5日和6日成立。"
    at = s.find("9月5日")
    assert with_date_rest("9月5日", s[:at], s[at + 4:]) == "9月5日和6日"    # the days coordinated after
    assert with_date_rest("9月5日", "将于", "举行") == "9月5日"


def test_a_span_in_a_title_mark_is_the_whole_title_and_a_begun_kind_is_finished():
    from rag.reader.spans import to_kind, whole_title
    s = "中共中央近日印发了《关于加强社会主义协商民主建设的意见》。"
    span = "加强社会主义协商民主建设的意见"
    assert whole_title(s, s.find(span), span) == "《关于加强社会主义协商民主建设的意见》"
    s = "会议审议了《实施方案》和《工作计划》。"
    assert whole_title(s, s.find("实施方案》和《工作"), "实施方案》和《工作") == "实施方案》和《工作"
    # 哪条铁路线: the reader's 牙林铁路 of 牙林铁路线上
    assert to_kind("牙林铁路", "线上唯一给列车补水的站点", ["铁路线"]) == "牙林铁路线"


def test_a_who_span_naming_only_the_questions_people_is_no_answer():
    from rag.reader.verify import Lookups, verify
    k = Lookups(names=lambda t: [(t.find(n), t.find(n) + len(n)) for n in ("习近平", "梁强", "王毅") if n in t],
                tokens=lambda t: list(t))
    s = "国家主席习近平在北京人民大会堂会见越南国家主席梁强。"
    assert verify(_proposal("谁参加了习近平会见梁强?", s, "国家主席习近平", 3.0), k)[1] == \
        "it names only whom the question names"
    # completed to the name after the post, it is still one the question names
    assert verify(_proposal("谁参加了习近平会见梁强?", s, "越南国家主席", 3.0), k)[1] == \
        "it names only whom the question names"
    assert verify(_proposal("谁参加了习近平会见梁强?", "王毅参加会见。", "王毅", 3.0), k)[0] == "王毅"


def test_a_group_of_people_answers_who():
    from rag.reader.verify import fits
    assert fits("who", "“第十届世界华裔杰出青年华夏行”全体代表")
    assert fits("who", "类乌齐县党政代表团") and not fits("who", "第十届世界华裔杰出青年华夏行活动")


def test_asked_by_what_means_the_span_is_what_follows_the_mark():
    from rag.reader.verify import Lookups, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "井下缺乏氧气,他仅靠救援人员扔下去的医用氧气袋维持生存。"
    q = "掉进旱井的群众靠什么维持生存?"
    assert verify(_proposal(q, s, "缺乏氧气", 9.0), k)[1] == "not where the sentence says whom"
    assert verify(_proposal(q, s, "缺乏氧气,他仅靠救援人员扔下去的医用氧气袋", 9.0), k)[0] == "救援人员扔下去的医用氧气袋"


def test_a_count_is_one_clause_and_a_thousands_comma_is_no_clause():
    from rag.reader.verify import fits
    assert fits("number", "2,020万户") and not fits("number", "树枝条构成,且一巢只生一个蛋")


def test_a_verb_of_saying_is_said_by_the_paragraph_before_the_sentence():
    from rag.reader.verify import Lookups, Proposal, verify
    from rag.reader.sentence import Sentence
    from rag.question import analyze
    from rag.types import Article
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    text = "会议要求,各单位要抓好安全生产。要对照安全生产“十五条硬措施”,摸清问题隐患。"
    at = text.find("要对照")
    s = Sentence(Article(id="a", source="a.txt", title="", text=text), text[at:], at, len(text))
    q = analyze("会议要求对照什么措施摸清问题隐患?")
    span = "安全生产“十五条硬措施”"
    p = Proposal(q, s, s.text.find(span), span, 1.0, ["要求", "对照", "摸清"])
    assert verify(p, k)[1] != "its sentence lacks the asked verb"
    alone = Sentence(s.article, s.text, 0, len(s.text))       # no paragraph before it says 要求
    assert verify(Proposal(q, alone, p.at, span, 1.0, ["要求", "对照", "摸清"]), k)[1] == \
        "its sentence lacks the asked verb"


def test_a_list_stops_at_the_questions_words_and_takes_the_items_after_it():
    from rag.reader.spans import to_kind, whole_list
    s = "进一步增强党员干部的主动服务意识、换位思考意识和‘走在前、做表率’的先锋模范意识,共同打造营商环境。"
    assert whole_list("要增强党员干部的哪些意识?", "哪些", s, s.find("换位"), "换位思考意识") == \
        "主动服务意识、换位思考意识和‘走在前、做表率’的先锋模范意识"
    s = "我们将和市规划自然资源局以及技术支持单位共同研究优化设置。"       # a predicate is no item
    assert whole_list("将和哪些单位研究?", "哪些单位", s, s.find("市规划"), "市规划自然资源局") == "市规划自然资源局"
    assert to_kind("特勤", "中队的杨伦", ["中队"]) == "特勤中队"       # the asked kind right after


def test_an_ordinal_question_takes_an_ordinal_and_first_is_one():
    from rag.reader.verify import Lookups, fits, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    assert fits("number", "首次") and not fits("number", "首都")
    s = "市工商联发布“三个百强”榜单,其中科技创新指数100强榜单为首次发布。"
    q = "科技创新指数100强榜单是第几次发布?"
    assert verify(_proposal(q, s, "三个百强", 2.0), k)[1] == "a count, not the ordinal asked"
    assert verify(_proposal(q, s, "首次", 9.0), k)[0] == "首次"
    s = "考察北碚是商会新春的第一场对外交流活动。"
    assert verify(_proposal("考察北碚是商会新春的第几场活动?", s, "的第一场", 9.0), k)[0] == "第一场"


def test_a_count_of_the_asked_noun_is_the_one_written_before_it():
    from rag.reader.verify import Lookups, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: [w for w in ("美军", "工作日内") if w in t] or [t[:2]])
    s = "有5万名韩军和1.75万美军参加了此次演习。"
    assert verify(_proposal("有多少名美军参加了此次演习?", s, "5万名", 9.0), k)[1] == "it counts another thing"
    s = "企业开办时间要压至5个工作日内、办理用电业务平均时间压至45个工作日内。"
    assert verify(_proposal("企业开办时间要压至几个工作日内?", s, "5个工作日内", 9.0), k)[0] == "5个工作日内"


def test_a_count_is_said_with_what_it_counts_and_its_own_unit_is_read():
    from rag.reader.spans import with_unit
    from rag.reader.verify import other_unit
    assert with_unit("12个", "人,一年的收入指标", ["个", "项", "人"]) == "12个人"        # 几个人
    assert with_unit("50个", "亿,当然", ["亿元", "万元", "元", "亿", "万"]) == "50个亿"
    assert other_unit("七年前", "定居在蚶江", ["岁"])                                  # asked 多大岁数
    assert not other_unit("50个亿", "", ["亿元", "万元", "元", "亿", "万"])


def test_where_one_set_out_from_is_not_where_one_went():
    from rag.reader.verify import Lookups, verify
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "今天,江西第八批援鄂医疗队从赣州出发,对口支援湖北随州。"
    assert verify(_proposal("医疗队对口支援湖北哪个城市?", s, "赣州", 9.0), k)[1] == "it is where one set out from"
    assert verify(_proposal("医疗队从哪个城市出发?", s, "赣州", 9.0), k)[0] == "赣州"       # asked the origin


def test_the_questions_own_frame_is_not_part_of_the_span():
    from rag.question import analyze
    from rag.reader.verify import frame_edges
    assert frame_edges(analyze("谁作了关于新增人事任免事项的汇报?"), "刘俊臣作") == (0, 1)
    assert frame_edges(analyze("会议在哪里举行?"), "在北京人民大会堂") == (1, 0)
    assert frame_edges(analyze("谁主持了会议?"), "黄祖英") == (0, 0)
    assert frame_edges(analyze("谁作了汇报?"), "作") == (0, 0)          # nothing would be left


def test_a_bare_yi_before_a_word_is_an_article_not_a_count():
    from rag.reader.verify import other_unit
    assert other_unit("一书", ",已由党建读物出版社出版", ["页"])          # 多少页: not 一书
    assert not other_unit("70多万", "张", ["张"])
    assert not other_unit("28间", "分店", ["家"])                       # a unit of the same things
    assert not other_unit("300万", "奖励", ["亿元", "万元", "元", "亿", "万"])


def test_every_near_miss_is_named_and_a_span_of_another_kind_is_unfit():
    from rag.reader.verify import Lookups, checked
    k = Lookups(names=lambda t: [], tokens=lambda t: list(t))
    s = "区委副书记、区长黄祖英主持召开区政府第27次常务会议。"
    got = checked(_proposal("开了多少次会议?", s, "27次", 0.5, missing=0.5), k)
    # both near misses, in the checks' order, so a learned judge can weigh each
    assert got.reasons[:2] == ["its article lacks much of the question", "an ordinal for a count"]
    assert not got.unfit and got.span
    got = checked(_proposal("会议是哪天开的?", s, "黄祖英", 9.0), k)
    assert got.unfit == "not a when answer" and got.span == ""


def test_the_learned_judge_says_the_span_it_rates_highest_or_nothing():
    from rag.reader.answerable import Answerable, Proposed, features
    from rag.reader.model import Candidate
    s = _proposal("谁主持了会议?", "区委书记王俊主持会议,区长黄祖英出席。", "王俊", 5.0).sentence
    q = _proposal("谁主持了会议?", s.text, "王俊", 5.0).question
    wang = Proposed(Candidate("王俊", s, 4, 6, 5.0), "王俊", [])
    huang = Proposed(Candidate("黄祖英", s, 13, 16, 6.0), "黄祖英", ["its sentence lacks the asked verb"])
    date = Proposed(Candidate("会议", s, 8, 10, 9.0), "", ["not a who answer"], "not a who answer")
    props = [date, huang, wang]
    f = features(q, props, 2, ["主持"])
    assert f["passes"] == 1.0 and f["near miss:its sentence lacks the asked verb"] == 0.0
    judge = Answerable({"bias": -1.0, "passes": 3.0, "near misses": -2.0}, threshold=0.5)
    assert [p.span for _, p in judge.rank(q, props, ["主持"])] == ["王俊"]      # never the unfit one
    assert Answerable({"bias": -5.0}, threshold=0.5).rank(q, props, ["主持"]) == []


def test_a_list_is_whole_and_no_item_is_a_time_clause():
    from rag.reader.spans import titles_with
    from rag.reader.verify import fits
    assert not fits("list", "观察员地位后") and fits("list", "蒙古国、巴基斯坦、伊朗、印度")
    assert fits("list", "主动服务意识、‘走在前、做表率’的先锋模范意识")      # 前 inside quotes
    s = "1998年印发的《暂行规定》、2009年印发的《考核办法(试行)》同时废止。此前发布的《另一规定》仍有效。"
    assert titles_with(s, s.index("《考核"), "《考核办法(试行)》") == "《暂行规定》、《考核办法(试行)》"
    assert titles_with(s, s.index("《另一"), "《另一规定》") == "《另一规定》"


def test_a_works_title_is_no_place():
    from rag.reader.verify import fits
    assert not fits("somewhere", "《上海公报》") and fits("somewhere", "洛杉矶")


def test_a_name_says_no_act():
    from rag.reader.verify import fits
    assert not fits("who", "江苏南通破土动工") and fits("who", "任天堂") and fits("who", "约翰·霍普金斯")
    assert fits("who", "区发展改革委") and fits("who", "塞拉勒")


def test_no_day_has_three_digits():
    from rag.reader.verify import fits
    assert not fits("when", "29980日") and fits("when", "2017年3月3日") and fits("when", "3日")


def test_a_transliterated_name_the_question_names_is_not_who_else():
    from rag.question import analyze
    from rag.reader.verify import asked_of
    assert asked_of(analyze("谁暗杀了肯尼迪?"), "约翰·f·肯尼迪", lambda t: [])
    assert not asked_of(analyze("谁暗杀了肯尼迪?"), "李·哈维·奥斯瓦尔德", lambda t: [])


def test_a_name_may_hold_a_numeral_but_one_character_names_no_one():
    assert fits("who", "近藤昭二") and fits("who", "王一博")
    assert not fits("who", "近") and not fits("who", "3名") and not fits("who", "两位")


def test_one_counted_phrase_is_no_list():
    assert not fits("list", "四类鸟") and not fits("list", "3个项目")
    assert fits("list", "营区正规化建设、武器装备静态展示") and fits("list", "北京、上海")


def test_a_span_ranging_over_places_names_none():
    from rag.reader.verify import fits
    assert not fits("where", "整个城市") and not fits("where", "各地") and not fits("what", "整个城市")
    assert fits("where", "尼亚美市")


def test_a_number_keeps_its_bound_and_a_model_name_is_said_whole():
    from rag.reader.spans import whole_code, with_bound
    assert with_bound("1600家", "重庆市福建商会会员单位超过") == "超过1600家"     # not 1600家: more than that
    assert with_bound("1600家", "会员单位有") == "1600家"
    s = "佳能IXUS 120 IS在保持上一代机型IXUS 100 IS的基础上"
    assert whole_code(s, s.find("IS", 20), "IS") == "IXUS 100 IS"
    assert whole_code("对RS-25型火箭引擎", 4, "25") == "RS-25"


@pytest.mark.parametrize("question,span,kind", [
    ("除了绵阳,还有哪些城市在推行生态审计试点?", "省市", True),
    ("除了绵阳,还有哪些城市在推行生态审计试点?", "我国部分省市", True),
    ("除了绵阳,还有哪些城市在推行生态审计试点?", "南京市、兰州市", False),
    ("除了绵阳,还有哪些城市在推行生态审计试点?", "南京市", False),
    # a member that is a common noun is a member, not the kind (冰箱 of 生活设施)
    ("劳动者港湾配备了哪些生活设施?", "冰箱", False),
])
def test_a_list_answer_that_names_the_kind_asked_is_no_member_of_it(question, span, kind):
    from rag.reader.spans import names_the_kind
    assert names_the_kind(analyze(question), span) is kind


def test_a_search_box_kind_of_person_must_be_said_where_the_name_is(bot):
    """总导演 typed: the leader who watched the gala is no director; 冠军 said in the headline
    will do."""
    from rag.reader.sentence import Sentence
    from rag.reader.verify import unnamed_kind
    from rag.types import Article
    a = Article(id="x", source="x.txt", title="文艺晚会在京举行", text="习近平等出席观看了文艺晚会。")
    s = Sentence(a, a.text, 0, len(a.text))
    assert unnamed_kind("总导演", s)
    b = Article(id="y", source="y.txt", title="张三夺得男子组冠军", text="张三以9秒98的成绩夺冠。")
    assert not unnamed_kind("冠军", Sentence(b, b.text, 0, len(b.text)))
    assert not bot.ask("全区各界青年人才座谈会 总导演").found


@pytest.mark.parametrize("span,n", [("信息共享、数据互通", 2), ("美国、俄罗斯与约旦", 3), ("甲和乙", 2),
                                    ("要在确保党和国家事业薪火相传、后继有人的高度", 2), ("单一项目", 1)])
def test_a_lists_items_are_counted_by_its_marks(span, n):
    """和 joins the last two items of a list, not the words inside one (党和国家)."""
    from rag.reader.verify import item_count
    assert item_count(span) == n


def test_the_checks_rule_spans_run_are_vetoes():
    """A rule's span runs the checks of the kind of span asked, by their names in VETOES: a
    renamed check must not drop out silently; the reader's positional ones are not among them."""
    from rag.reader.verify import RULE_CHECKS, VETOES
    assert RULE_CHECKS <= {why for why, _ in VETOES}
    assert "not where the sentence says whom" not in RULE_CHECKS
    assert "its sentence lacks the asked verb" not in RULE_CHECKS      # rule spans carry no asked verbs
