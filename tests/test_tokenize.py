"""The learned dictionary: names and organisations from the corpus, and no junk names."""
from rag.tokenize import Segmenter, learn_words, looks_like_name


def test_names_after_titles_and_organisations_are_learned():
    words = learn_words(["区委副书记、区长黄祖英主持召开会议。", "重庆斯太宝科技有限公司副总经理王志刚介绍。"])
    assert words["黄祖英"] == "nr" and words["王志刚"] == "nr"
    assert words["重庆斯太宝科技有限公司"] == "nt"
    assert Segmenter(words).tokens("黄祖英主持会议").count("黄祖英") == 1
    # a title before a list of names is each one's
    listed = learn_words(["副区长向红、李钢、陈政参加视察。", "区领导刘永、杨锋、邓美涛出席。",
                          # national and foreign posts, a name before a date or 在
                          "国务院总理李克强3月26日主持会议。", "国家主席习近平在曼谷会见新加坡总理李显龙。"])
    assert {"向红", "李钢", "陈政", "刘永", "杨锋", "邓美涛", "李克强", "习近平", "李显龙"} <= \
        {w for w, t in listed.items() if t == "nr"}
    # a word jieba knows as another kind is no name, whatever stands before it
    assert "时期" not in learn_words(["他在市长时期在任内修路。"])


def test_what_a_large_archive_teaches_is_not_taken_for_a_name():
    for junk in ("常委会", "全体", "向他们", "兰发表", "和应邀", "高丽将", "姬团队"):
        assert not looks_like_name(junk), junk
    for name in ("黄祖英", "王俊", "徐永德", "董江民", "王刚强"):
        assert looks_like_name(name), name
    assert "常委会" not in learn_words(["区人大常委会主任常委会议上讲话。", "主任全体参加。"])


def test_a_name_is_learned_before_a_word_that_joins_it_to_the_next():
    from rag.tokenize import learn_words
    words = learn_words(["国务院总理李强同越南政府总理范明政互致贺电。",
                         "会议听取了法律委员会主任委员乔晓阳作的报告。",
                         "牢记习近平总书记殷殷嘱托和重要指示。"])
    assert {"李强", "范明政", "乔晓阳"} <= set(words) and "殷嘱托" not in words      # 殷 + a verb is no name


def test_a_question_word_no_text_has_is_read_as_the_corpus_words():
    from rag.tokenize import corpus_pieces
    known = {"区", "人大", "新冠", "员", "工", "局"}.__contains__
    assert corpus_pieces("据区", known) == ["区"]             # 据 joins, 区 is a word here
    assert corpus_pieces("日新冠", known) == ["新冠"]          # 12日新冠疫情: jieba's cut across two
    assert corpus_pieces("是从", known) == []                 # joining characters alone
    assert corpus_pieces("员工", known) is None               # two single characters: a word of its own
    assert corpus_pieces("财经委", known) is None
    # 国庆期间买宏耐地板送哪些礼品: 买 is the asker's common verb (the item says 购买)
    assert corpus_pieces("买宏耐", {"宏耐"}.__contains__) == ["宏耐"]
    assert corpus_pieces("买买提", known) is None             # common verbs alone: a name jieba lacks


def test_a_common_verb_is_one_a_rare_one_is_not():
    from rag.tokenize import light_verb
    assert light_verb("安排") and light_verb("买")
    assert not light_verb("表决") and not light_verb("去年") and not light_verb("跟")
