"""Generators shared by the fuzz properties: Chinese prose, portal lines, whole documents."""

from __future__ import annotations

from hypothesis import strategies as hs

# Common characters of policy prose, none of which starts a portal label or footer term, so a
# sentence of them is body text wherever it stands.
PROSE_CHARS = "教育学校发展推进工作质量提升全面加强改革建设实施深化管理服务体系优质均衡课程教师学生"
SENTENCE = hs.text(hs.sampled_from(PROSE_CHARS), min_size=10, max_size=40).map(lambda s: s + "。")
# Portal lines that are boilerplate wherever they stand (loaders/boilerplate.py's strong lines).
STRONG_LINES = [
    "您的位置:首页 > 通知公告 > 正文",
    "【打印本页】 【关闭窗口】",
    "版权所有:某某县教育局",
    "主办单位:某某县人民政府办公室",
    "苏ICP备12345678号",
    "网站地图 | 联系我们 | 免责声明",
    "浏览次数:1024",
    "上一篇:关于开展活动的通知",
    "索引号:014119491/2019-00001",
    "发布机构:某某县教育局",
    "共3页",
    "友情链接",
    "×",
]
# Pieces that portal pages, catalogue headers and official documents are made of.
FRAGMENTS = [
    *STRONG_LINES,
    "关于印发2020年全区教育工作要点的通知",
    "泰海教〔2020〕28号",
    "苏教[2023] 2 号",
    "各中小学、幼儿园:",
    "一、指导思想",
    "(一)总体目标",
    "1.推进集团化办学",
    "(2)加强师资",
    "海陵区教育局",
    "2020年4月28日",
    "二〇二〇年四月二十八日",
    "抄送:市教育局,区委办。",
    "海陵区教育局办公室 2020年4月28日印发",
    "发布日期:2019-10-24",
    "成文日期: 2019年2月31日",
    "2019-10-31 10:05:00",
    "主持人好!我是何海平。2019-10-31 10:05:00",
    "请问今年新增多少学位?2019-10-31 10:06:12",
    "某某县教育信息网",
    "工作动态",
    "常州市钟楼区",
    "天宁区推进义务教育优质均衡发展实施方案",
    "Copyright © 2019-2023 某某县教育局 All Rights Reserved",
    "附件",
    "",
    " ",
    "\t",
    "鐘樓區教育文體局(試行)",
    "ＡＢＣ１２３",
]
LINE = hs.one_of(
    hs.sampled_from(FRAGMENTS),
    SENTENCE,
    hs.text(max_size=30),
    hs.lists(hs.sampled_from(FRAGMENTS), max_size=4).map("".join),
)
# A page's text: portal fragments, prose and anything else, one per line.
PAGE_TEXT = hs.lists(LINE, max_size=30).map("\n".join)
# A document that reads as Chinese (enough characters to pass the reader's checks).
DOCUMENT_TEXT = hs.tuples(
    hs.lists(LINE, max_size=20), hs.lists(SENTENCE, min_size=2, max_size=5)
).map(
    lambda parts: "\n".join(
        parts[0][: len(parts[0]) // 2] + parts[1] + parts[0][len(parts[0]) // 2 :]
    )
)
