"""Near-miss predicates on plain strings (the reader's use of them is in test_compose)."""
from rag.checks import (counted_elsewhere, holds, lacks_unseen, mentions, modifier_pairs, other_count, swapped,
                        unseen_words, wh_own)
from rag.tokenize import Segmenter

SEG = Segmenter()


def test_mentions_a_place_without_its_unit():
    assert mentions("北碚的发展", "北碚区") and mentions("北碚区", "北碚区")
    assert not mentions("江北的发展", "北碚区")


def test_the_noun_counted_past_a_measure():
    from rag.checks import counted_noun
    assert counted_noun("有多少比例的耕地被占用?", "多少", SEG.cut) == "耕地"     # counted in %
    assert counted_noun("参加的有多少人数?", "多少", SEG.cut) == ""              # a measure, no thing
    assert counted_noun("有多少个行业?", "多少个", SEG.cut) == "行业"
    # a modal after the wh-phrase says what is done then, and counts nothing; 会员 is a noun
    assert counted_noun("结婚后怀孕几天能生子嗣?", "几天", SEG.cut) == ""
    assert counted_noun("几天才能到达?", "几天", SEG.cut) == ""
    assert counted_noun("有多少会员单位?", "多少", SEG.cut) == "会员单位"
    s = "天津津南区有87%的行政辖区被划入生态屏障区。"
    assert not other_count("天津津南区有多少比例的行政辖区被划入生态屏障区?", "多少", s, SEG.cut)


def test_swapped_modifier_and_head():
    q = "谁代表两地政府签署了旅游合作协议?"
    cut = SEG.cut(q)
    pairs = modifier_pairs(cut, {w: 1.0 for w in cut if len(w) > 1})
    body = "董伦、王伟代表两地政府签署项目合作协议。"
    assert ("旅游", "合作") in pairs
    assert swapped(q, pairs, body, body, SEG.cut)
    q2 = "谁代表两地政府签署了项目合作协议?"
    cut2 = SEG.cut(q2)
    assert not swapped(q2, modifier_pairs(cut2, {w: 1.0 for w in cut2 if len(w) > 1}), body, body, SEG.cut)


def test_an_unseen_word_and_a_jieba_cut():
    unseen = unseen_words("中华村是第几批示范村镇?", ["中华", "村是", "示范"], vocab={"中华", "示范"})
    assert unseen == [("村是", "华村", "是第")]
    assert not lacks_unseen("中华村有多年的历史,是第七批示范村镇。", unseen)   # both edges: a cut
    assert lacks_unseen("示范村镇。", unseen)


def test_the_wh_phrases_own_word_and_a_word_for_the_topic():
    from rag.question import analyze

    def own(question, word):
        return wh_own(question, analyze(question).wh, word)
    # beside the wh-phrase, one character apart at most: the act or thing asked
    assert own("区政府第49次常务会议是谁记录的?", "记录")
    assert own("这档节目每天几点开播?", "开播")
    # ... or the question's last word, its particles aside
    assert own("会议通过了哪项议案的表决?", "表决")
    assert own("会议成立了几个专项工作组?", "工作组")
    # a word that only tells the topic may be the asker's own: the article words it its way
    assert not own("被警察打成重伤的那名男子叫什么名字?", "打成")
    assert not own("开播仪式上谁致辞了?", "开播")
    assert not own("没有这个词的问题?", "记录")


def test_only_dictionary_words_can_be_unseen():
    # jieba's HMM guesses words at unknown runs, often across two (后立 of 称帝后立谁为太子):
    # the reader asks whether a text lacks a dictionary word (竣工), never such a guess
    from rag.tokenize import Segmenter
    s = Segmenter()
    assert "后立" in s.cut("孙权称帝后立谁为太子?") and "后立" not in s.cut("孙权称帝后立谁为太子?", hmm=False)
    assert "竣工" in s.cut("从签约到竣工用了多少天?", hmm=False)


def test_a_number_for_another_count():
    tokens = SEG.tokens
    assert other_count("年产值多少钱?", "多少钱", "营业额可达100余万元", tokens)
    assert other_count("养殖了多少尾草鱼?", "多少尾", "养殖鲈鱼41万尾", tokens)
    assert other_count("有多少家企业入驻?", "多少家", "80余家企业实地考察了产业园", tokens)
    assert not other_count("有多少家企业参加实地考察?", "多少家", "80余家企业实地考察了产业园", tokens)
    assert not other_count("养殖了多少尾鲈鱼?", "多少尾", "养殖鲈鱼41万尾", tokens)
    # 多长时间 asks a measure, not a count of 时间
    assert not other_count("点火测试持续了多长时间?", "多长", "整个测试过程持续了540秒", tokens)


def test_holds_folds_numerals_only_when_needed():
    assert holds("区政府第四十九次常务会议", ["第49次"])
    assert holds("聚焦“两大定位”", ["两大定位"]) and not holds("定位", ["两大定位"])


def test_a_verb_heads_no_modifier_pair():
    # 帮村民收割: 村民 is whom one helps, not a kind of 收割; a caption saying 帮民一道收割
    # is no near miss of it
    cut = SEG.cut("服务队哪天帮村民收割小米?")
    pairs = modifier_pairs(cut, {w: 1.0 for w in cut if len(w) > 1})
    assert not any(head == "收割" for _, head in pairs)
    body = "8月22日,中华村党员志愿服务队帮民一道收割小米。"
    assert not swapped("服务队哪天帮村民收割小米?", pairs, body, body, SEG.cut)


def test_a_count_of_another_clause_counts_another_thing():
    s = "重庆市福建商会会员单位超过1600家,涉及百余行业,规模大。"
    assert counted_elsewhere("会员单位涉及多少个行业?", "多少个", s, s.find("1600"), SEG.tokens)
    assert not counted_elsewhere("会员单位涉及多少个行业?", "多少个", s, s.find("百余"), SEG.tokens)


def test_a_number_anchor_is_found_only_whole():
    assert holds("累计确诊超过113.1万例。", ["113.1万"]) and not holds("累计确诊超过113.1万例。", ["1万"])
    assert not holds("第127次会议", ["27次"]) and holds("第27次会议", ["27次"])


def test_a_demonstrative_names_no_other_thing():
    # 此类芯片 of the sentence after 薄膜铂热敏电阻芯片: the same chip, no near miss
    q = "谁介绍了研发热敏电阻芯片的初衷?"
    cut = SEG.cut(q)
    pairs = modifier_pairs(cut, {w: 1.0 for w in cut if len(w) > 1})
    body = "我们的初衷就是积极研发此类芯片,进行国产化替代。"
    assert not swapped(q, pairs, body, body, SEG.cut)
    assert swapped(q, pairs, "我们的初衷就是研发存储芯片。", "我们的初衷就是研发存储芯片。", SEG.cut)


def test_a_count_written_before_another_noun_counts_that_noun():
    from rag.checks import counts_another_noun
    s = "通过强力推进全区47个“两山”建设重点项目,持续拓宽转化通道。"
    assert counts_another_noun("第五批“两山”基地全国一共有多少个?", "多少个", s, s.find("47个") + 3)
    s = "43岁的周月华是西河村的乡村医生。"                       # an age, no count of a noun
    assert not counts_another_noun("周月华今年多少岁?", "多少岁", s, 3)
    s = "全区共有12个街道办事处。"
    assert not counts_another_noun("全区共有多少个街道办事处?", "多少个", s, s.find("12个") + 3)
    s = "涉及到新房子片区的71栋1094户居民。"               # 户 says what it counts
    assert not counts_another_noun("涉及多少户?", "多少户", s, s.find("1094户") + 5)


def test_a_sentence_on_another_edition_of_the_asked_thing_is_a_near_miss():
    from rag.checks import other_ordinal
    from rag.normalize import normalize
    q = normalize("第二届进博会累计意向成交多少?")
    assert other_ordinal(q, normalize("首届进博会累计意向成交578.3亿美元。"))
    assert not other_ordinal(q, normalize("注册参加第二届进博会的采购商超过了50万人。"))
    assert not other_ordinal(q, normalize("首届进博会后,第二届进博会累计意向成交711亿美元。"))
    assert other_ordinal(normalize("区政府第50次常务会议由谁主持?"), normalize("区政府召开第49次常务会议。"))


def test_a_quantity_or_a_verb_before_the_head_names_no_other_thing():
    from rag.checks import swapped
    import jieba
    cut = jieba.lcut
    # (集市, 汽车) typed side by side in a search box: 发生汽车炸弹 names no other 汽车
    assert not swapped("巴格达集市汽车炸弹死亡人数", [("集市", "汽车")], "巴格达13号发生汽车炸弹袭击", "巴格达13号发生汽车炸弹袭击",
                       cut)
    assert not swapped("文中说华人开始抱怨", [("文中说", "华人")], "一些华人已开始抱怨", "一些华人已开始抱怨", cut)
    assert swapped("旅游合作协议是谁签的", [("旅游", "合作协议")], "双方签署了项目合作协议", "双方签署了项目合作协议",
                   cut)


def test_another_number_of_a_series_is_another_thing():
    from rag.checks import other_ordinal
    assert other_ordinal("神舟11号发射时间", "瞄准北京时间5月30日9时31分发射神舟16号载人飞船")
    assert not other_ordinal("神舟11号发射时间", "神舟11号于2016年10月17日发射")


def test_a_sentence_or_lead_on_another_year_of_the_asked_thing_is_a_near_miss():
    from rag.checks import other_ordinal
    q = "2020年北碚党政领导干部“军事日”活动是去哪支部队搞的?"
    body = "活动中,党政领导干部走进武警重庆总队机动支队,深入学习贯彻习近平强军思想。"
    lead = "我区举行2021年党政领导干部“军事日”活动"
    assert other_ordinal(q, body, lead)
    assert not other_ordinal(q.replace("2020", "2021"), body, lead)
    assert not other_ordinal(q, body, "本报讯 我区举行党政领导干部“军事日”活动")   # no year: not another


def test_a_verbal_noun_in_a_noun_phrase_is_no_act_asked():
    from rag.checks import verbs
    assert verbs("人大常委会工作报告根据代表意见改了几处") == []          # 工作 of 工作报告
    assert verbs("直属党组织书记参加了政务服务体验专项行动?") == []      # 行动 of 专项行动
    assert verbs("区政协委员黄燕在哪个单位工作?") == ["工作"]            # after the asked kind: the act
    assert verbs("完成了多少改造") == ["改造"]


def test_an_adverb_makes_no_modifier_pair():
    from rag.checks import modifier_pairs
    w = {t: 1.0 for t in ("保障", "房", "开工", "已经", "完成", "全年", "目标")}
    pairs = modifier_pairs(["保障", "房", "开工", "已经", "完成", "全年", "目标"], w)
    assert ("开工", "已经") not in pairs and ("全年", "目标") in pairs


def test_a_sentence_on_another_country_is_a_near_miss():
    from rag.checks import other_country
    q = "韩国持续高温 老人中暑死亡人数"
    assert other_country(q, "10号的高温天气导致日本全国至少1729人中暑入院,其中3人死亡。")
    assert not other_country(q, "高温导致韩国全罗北道等地出现老人中暑身亡的事件。")
    assert not other_country(q, "高温天气持续,已有5人死亡。")        # names no country: read in its article
    assert not other_country("北碚区有多少家企业?", "日本企业来访。")     # the question names none


def test_a_sentence_naming_the_asked_thing_only_negated_is_a_near_miss():
    from rag.checks import negated
    q = "美国4月份制造业PMI降到了多少点?"
    body = "4月份美国非制造业采购经理人指数(PMI)从3月份的52.5点骤降到41.8点。"
    assert negated(q, ["美国", "制造业", "PMI"], body)
    assert not negated("美国4月非制造业PMI是多少?", ["美国", "非制造业", "制造业", "PMI"], body)
    assert not negated(q, ["制造业"], "制造业和非制造业PMI双双回落。")   # it names both
    assert not negated("南非的政府宣布了什么?", ["南非", "政府"], "南非政府宣布进入国家灾难状态。")


def test_after_a_verb_stands_its_object_not_another_head():
    # asked 刺杀事件, the paper writes 刺杀何君尧议员: 何君尧 is whom, not another kind of 事件
    q = "中联办谴责的当街刺杀事件,被刺的是哪位议员?"
    cut = SEG.cut(q)
    pairs = modifier_pairs(cut, {w: 1.0 for w in cut if len(w) > 1 and w != "哪位"})
    body = "香港中联办严厉谴责凶徒蓄意刺杀何君尧议员的极端暴力犯罪行为"
    assert ("刺杀", "事件") in pairs
    assert not swapped(q, pairs, body, body, SEG.cut)
    # nor, since stop 50, is another head after the asked modifier (旅游协议 asked, 旅游合作项目
    # written): as a gate it turned down more right answers of other people's than wrong ones
    q2 = "谁签署了旅游协议?"
    cut2 = SEG.cut(q2)
    assert not swapped(q2, modifier_pairs(cut2, {w: 1.0 for w in cut2 if len(w) > 1}), "董伦签署旅游合作项目。",
                       "董伦签署旅游合作项目。", SEG.cut)


def test_a_year_or_month_asked_may_be_said_by_the_articles_date():
    from rag.checks import in_its_date
    # 2021年10月那次常委会: the report of 2021-10-14 writes 10月14日, its issue says the year
    assert in_its_date("2021-10-14", "2021年") and in_its_date("2021-10-14", "10月")
    assert in_its_date("05-12", "5月") and not in_its_date("05-12", "2022年")    # year unknown
    assert not in_its_date("2023-10-14", "2021年") and not in_its_date("2021-10-14", "27次")


def test_a_change_answers_no_level():
    from rag.checks import a_change
    s = "2023年,中国外贸全年进出口总值41.76万亿元人民币,同比增长0.2%。"
    assert a_change("2023年中国外贸进出口总值是多少?", s, s.find("0.2"))
    assert not a_change("2023年中国外贸进出口总值是多少?", s, s.find("41.76"))
    assert not a_change("2023年外贸进出口同比增长了多少?", s, s.find("0.2"))      # a change asked
    assert not a_change("全球销售渠道多了多少个?", "全球销售渠道增加了2700个。", 9)   # 多了: a change too


def test_a_figure_of_another_year_than_asked():
    from rag.checks import another_years
    s = "2007年新基金首募规模为58.45亿份,2008年则骤降至17.7亿份。"
    assert another_years("2008年 新基金首募规模", s, s.find("58.45"))
    assert not another_years("2008年 新基金首募规模", s, s.find("17.7"))
    now = "森林覆盖率由1977年的5.05%提高到现在的13.57%。"
    assert another_years("三北防护林工程 森林覆盖率 现在", now, now.find("5.05"))
    assert not another_years("三北防护林工程 森林覆盖率 现在", now, now.find("13.57"))
    assert not another_years("森林覆盖率是多少?", now, now.find("5.05"))        # no time asked


def test_a_word_written_apart_is_a_word_the_article_has():
    from rag.checks import written_apart
    assert written_apart("公司将以每月新开一家店的速度扩张", "开店")
    assert not written_apart("公司将以每月新开业的速度扩张", "开店") and not written_apart("开设新的门店", "开店")
    unseen = [("开店", "划开", "店数")]
    assert not lacks_unseen("公司将以每月新开一家店的速度扩张", unseen)


def test_a_level_for_a_change():
    from rag.checks import a_level
    s = "今年上半年,山东各地市空气优良天数平均为109.8天,同比增加16.1天。"
    assert a_level("同比增加了多少?", s, s.find("109.8")) and not a_level("同比增加了多少?", s, s.find("16.1"))
    assert not a_level("空气优良天数平均是多少天?", s, s.find("109.8"))            # a level asked
    up = "森林覆盖率由5.05%提高到13.57%。"
    assert not a_level("森林覆盖率提高到了多少?", up, up.find("13.57"))            # 提高到: a level


def test_a_figure_said_with_its_year_is_of_that_year():
    from rag.checks import another_years
    now = "森林覆盖率由1977年的5.05%提高到现在的13.57%。"
    assert another_years("三北防护林工程 森林覆盖率 现在", now, now.find("1977"), "1977年的5.05%")
    assert not another_years("三北防护林工程 森林覆盖率 现在", now, now.find("13.57"), "13.57%")


def test_a_count_of_another_scope():
    from rag.checks import another_scope
    s = "累计治愈出院病例18264例,当日新增2109例;现有疑似病例5206例。"
    assert another_scope("2月20日全国新增治愈出院多少例?", s, s.find("18264"))
    assert not another_scope("2月20日全国新增治愈出院多少例?", s, s.find("2109"))
    assert another_scope("累计治愈出院多少例?", s, s.find("2109"))
    assert not another_scope("治愈出院多少例?", s, s.find("18264"))             # no scope asked


def test_a_thing_is_mentioned_under_another_of_its_names():
    from rag.checks import has_anchor, mentions, other_count
    from rag.lexicon import aliases
    # each row of lexicon.ALIASES reads both ways
    assert "国内生产总值" in aliases("GDP") and "gdp" in aliases("国内生产总值")
    text = "初步核算,一季度国内生产总值318758亿元,按不变价格计算,同比增长5.4%。"
    assert mentions(text, "gdp") and has_anchor(text, "GDP")
    assert not other_count("一季度GDP同比增长多少?", "多少", text, lambda t: list(t))
    assert not mentions("一季度固定资产投资同比增长4.2%。", "gdp")
