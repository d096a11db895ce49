from collections import Counter

from conftest import find
from rag.segment import infer_year, parse_reporters, segment


def test_article_counts_per_issue(corpus_articles):
    per_file = Counter(a.source[:3] for a in corpus_articles)
    assert per_file == {"000": 8, "001": 5, "002": 6, "003": 6, "004": 5}


def test_subtitles_belong_to_their_article(corpus_articles):
    a = find(corpus_articles, "区政府召开第49次常务会议")
    assert a.subtitles == ["黄祖英主持"]
    assert a.date == "2023-10-25" and a.reporters == ["齐宏", "关楚凡"]
    assert find(corpus_articles, "军事日").subtitles == ["王俊出席"]
    assert find(corpus_articles, "专题审议会议").subtitles == ["黄祖英出席 徐永德主持"]


def test_headline_printed_after_the_article(corpus_articles):
    a = find(corpus_articles, "美 丽北碚建设大会")
    assert a.text.startswith("本报讯(记者 熊辉)10月26日,美丽北碚建设大会")
    assert a.subtitles == ["黄祖英主持 徐永德董伦出席"]
    b = find(corpus_articles, "会见重庆福建商会会长")
    assert "黄祖任" in b.text and b.date == "2023-02-20"
    assert find(corpus_articles, "第27次常务会议").subtitles == ["黄祖英主持"]


def test_headline_printed_inside_the_article(corpus_articles):
    a = find(corpus_articles, "王俊在全区各界青年人才座谈会上强调")
    assert "奋进新征程 创业新时代" in a.title
    assert "区委副书记徐永德主持会议" in a.text
    # the sentence broken around the misplaced headline is whole again
    assert "“两红两优”和“重庆市五四青年奖章”获得者" in a.text
    assert "王俊在全区各界" not in a.text


def test_broken_paragraphs_are_repaired(corpus_articles):
    a = find(corpus_articles, "全面学习领会贯彻党的二十大精神")
    assert "具有很强的政治性、理论性和指导性。" in a.text
    assert a.subtitles == ["王俊主持并讲话"]
    # a real paragraph break stays
    assert "\n会议强调,要全面贯彻落实" in a.text


def test_dates_years_and_reporters(corpus_articles):
    assert find(corpus_articles, "北碚区召开区委常委会").date == "2021-10-14"
    assert find(corpus_articles, "第11次常务会议").date == "05-11"         # issue names no year
    assert find(corpus_articles, "类乌齐县").date == ""                       # "近日"
    assert find(corpus_articles, "会前集中视察").reporters == ["熊辉", "代宇航", "李万伟"]
    assert find(corpus_articles, "年中专题审议").reporters == ["彭浩杰"]     # 本报记者 byline


def test_photo_stories_and_furniture(corpus_articles):
    photo = find(corpus_articles, "劳动者港湾")
    assert photo.kind == "photo" and photo.reporters == ["秦廷富"]
    assert photo.text.count("10月25日,在云清路") == 2      # both captions
    assert find(corpus_articles, "老旧社区焕新颜").kind == "photo"
    titles = " ".join(a.title for a in corpus_articles)
    texts = " ".join(a.text for a in corpus_articles)
    for furniture in ("本期导读", "学思想 强党性", "奋斗百年路", "热烈庆祝", "缙享北", "相关新闻",
                      "绿水青山就是金山银山 "):
        assert furniture not in titles
    assert "本期导读" not in texts and "2版" not in texts


def test_feature_section_heads_stay_in_their_story(corpus_articles):
    a = find(corpus_articles, "弯道超车")
    assert "破除进口依赖 打造新一代温度传感器" in a.text
    assert "重庆斯太宝科技有限公司副总经理王志刚" in a.text
    b = find(corpus_articles, "小米粒焕发新活力")
    assert b.text.startswith("8月22日,静观镇中华村") and "103亩" in b.text


def test_made_up_page_rules():
    page = "\n".join([
        "本期导读", "某某标题", "2版", "",
        "全区召开某某会议", "", "张三主持 李四出席", "",
        "本报讯(记者 王五 实习记者 赵六)3月5日,全区召开某某会议,区长张三主持会议,具有很强的理",
        "", "论性和指导性。", "",
        "记者 孙七 摄",
    ])
    arts = segment(page, "x.txt")
    assert len(arts) == 1
    a = arts[0]
    assert a.title == "全区召开某某会议" and a.subtitles == ["张三主持 李四出席"]
    assert a.date == "03-05" and a.reporters == ["王五", "赵六", "孙七"]
    assert "具有很强的理论性和指导性。" in a.text and "某某标题" not in a.text


def test_year_inference():
    assert infer_year("2023年度计划。2022年完成。2023年开工。2022年底") == 2023
    assert infer_year("2023年度北碚区生态环境") == 2023
    assert infer_year("2021年。2019年") is None
    assert infer_year("没有年份") is None


def test_reporter_parsing():
    assert parse_reporters("记者 齐宏 实习记者 关楚凡") == ["齐宏", "关楚凡"]
    assert parse_reporters("记者 秦廷富 文/图") == ["秦廷富"]
