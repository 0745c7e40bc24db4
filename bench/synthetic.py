"""Deterministic synthetic policy documents for scale tests: same seed, byte-identical files.

Each document looks like a district education bureau's 工作要点 / 实施方案 / 通知 as published on
a government disclosure page: the catalogue header (信息名称, 索引号, 发布机构, 发布日期 …), a
title, a 发文字号, the addressees, numbered sections 一、/(一)/1., schools with real-looking
suffixes, education groups, programmes with quoted names shaped like 工程/计划/行动, targets
(新增学位1575个, 投入800万元), cited documents in 《》, and a signature with the date.

Districts are real county-level areas of Jiangsu (names and GB/T 2260 codes) so that the area
gazetteer resolves them; schools, groups and programmes are invented from common patterns.
Document i depends only on (seed, i), so the first 100 files of a 1 000-file corpus are the
100-file corpus.

    python -m bench.synthetic OUT_DIR --documents 1000 --seed 7
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

# (city, city abbreviation, district, GB/T 2260 code): real administrative areas of Jiangsu.
DISTRICTS: tuple[tuple[str, str, str, str], ...] = (
    ("常州市", "常", "钟楼区", "320404"),
    ("常州市", "常", "天宁区", "320402"),
    ("常州市", "常", "新北区", "320411"),
    ("常州市", "常", "武进区", "320412"),
    ("常州市", "常", "金坛区", "320413"),
    ("常州市", "常", "溧阳市", "320481"),
    ("泰州市", "泰", "海陵区", "321202"),
    ("泰州市", "泰", "高港区", "321203"),
    ("泰州市", "泰", "姜堰区", "321204"),
    ("泰州市", "泰", "兴化市", "321281"),
    ("泰州市", "泰", "靖江市", "321282"),
    ("泰州市", "泰", "泰兴市", "321283"),
    ("南京市", "宁", "玄武区", "320102"),
    ("南京市", "宁", "秦淮区", "320104"),
    ("南京市", "宁", "建邺区", "320105"),
    ("南京市", "宁", "鼓楼区", "320106"),
    ("南京市", "宁", "江宁区", "320115"),
    ("南京市", "宁", "浦口区", "320111"),
    ("苏州市", "苏", "姑苏区", "320508"),
    ("苏州市", "苏", "吴中区", "320506"),
    ("苏州市", "苏", "相城区", "320507"),
    ("苏州市", "苏", "吴江区", "320509"),
    ("苏州市", "苏", "昆山市", "320583"),
    ("苏州市", "苏", "常熟市", "320581"),
    ("无锡市", "锡", "梁溪区", "320213"),
    ("无锡市", "锡", "滨湖区", "320211"),
    ("无锡市", "锡", "惠山区", "320206"),
    ("无锡市", "锡", "江阴市", "320281"),
    ("扬州市", "扬", "广陵区", "321002"),
    ("扬州市", "扬", "邗江区", "321003"),
    ("南通市", "通", "崇川区", "320613"),
    ("南通市", "通", "海门区", "320614"),
    ("徐州市", "徐", "鼓楼区", "320302"),
    ("徐州市", "徐", "云龙区", "320303"),
    ("盐城市", "盐", "亭湖区", "320902"),
    ("盐城市", "盐", "盐都区", "320903"),
)
PLACES = (
    "实验",
    "城东",
    "城西",
    "新桥",
    "清潭",
    "西仓桥",
    "花园",
    "怀德",
    "博爱",
    "勤业",
    "龙城",
    "五星",
    "北环",
    "西林",
    "泰山",
    "东坡",
    "明德",
    "文华",
    "鹤溪",
    "春江",
    "觅渡",
    "局前街",
    "银河",
    "荆川",
    "丽华",
    "朝阳",
    "白云",
    "翠竹",
    "三井",
    "薛家",
)
SCHOOL_SUFFIXES = (
    "小学",
    "实验小学",
    "中心小学",
    "初级中学",
    "中学",
    "高级中学",
    "幼儿园",
    "中心幼儿园",
    "外国语学校",
    "实验学校",
    "九年一贯制学校",
)
ORDINALS = ("第一", "第二", "第三", "第五", "第八", "第十", "第二十四")
PROGRAM_STEMS = (
    "三名",
    "品质课堂",
    "青蓝",
    "名师培养",
    "书香校园",
    "阳光体育",
    "智慧教育",
    "强校提质",
    "集团化办学",
    "课后服务提质",
    "新优质学校培育",
    "教师发展",
    "劳动教育",
    "科技创新后备人才",
    "心理健康护航",
    "家校共育",
)
PROGRAM_SHAPES = ("工程", "计划", "行动", "工程", "行动计划", "提升工程")
CITED = (
    "中国教育现代化2035",
    "国家中长期教育改革和发展规划纲要(2010-2020年)",
    "关于深化教育教学改革全面提高义务教育质量的意见",
    "江苏省义务教育学校办学标准(试行)",
    "关于全面深化新时代教师队伍建设改革的意见",
    "关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见",
)
DOC_KINDS = (
    ("关于印发{year}年全区教育工作要点的通知", "工作要点", "规划计划"),
    ("{district}{year}年教育工作要点", "工作要点", "规划计划"),
    ("关于印发《{district}{program}实施方案》的通知", "实施方案", "政策文件"),
    ("关于开展{year}年{program}工作的通知", "通知", "通知公告"),
)
TARGETS = (
    ("新增学位", "个", 200, 5000),
    ("投入", "万元", 100, 20000),
    ("培养骨干教师", "名", 20, 400),
    ("新建改扩建学校", "所", 1, 20),
    ("创建省优质幼儿园", "所", 1, 12),
    ("培育市级学科带头人", "名", 5, 120),
)
SECTION_HEADS = (
    "指导思想",
    "目标任务",
    "重点工作",
    "主要举措",
    "保障措施",
    "组织实施",
    "工作要求",
    "进度安排",
)
SUB_HEADS = (
    "深化集团化办学改革",
    "推进优质均衡发展",
    "加强教师队伍建设",
    "提升课堂教学质量",
    "完善课后服务体系",
    "加快学校建设步伐",
    "强化教育督导评估",
    "推动五育融合发展",
)
FILLER = (
    "坚持以人民为中心的发展思想,全面贯彻党的教育方针,落实立德树人根本任务。",
    "统筹各类资源,完善公共教育服务体系,促进教育公平,办好人民满意的教育。",
    "各学校要高度重视,细化工作举措,明确责任分工,确保各项任务落到实处。",
    "健全督查考核机制,将工作完成情况纳入学校年度综合考核。",
    "加强宣传引导,及时总结推广典型经验,营造全社会关心支持教育的良好氛围。",
)
CHINESE_DIGITS = "一二三四五六七八九十"


@dataclass(frozen=True)
class SyntheticDocument:
    name: str
    text: str


def _numeral(n: int) -> str:
    """Return 1–19 in Chinese numerals.

    >>> _numeral(12)
    '十二'
    """
    if n <= 10:
        return CHINESE_DIGITS[n - 1]
    return "十" + CHINESE_DIGITS[n - 11]


def _school(rng: random.Random, district: str) -> str:
    place = rng.choice(PLACES)
    suffix = rng.choice(SCHOOL_SUFFIXES)
    if suffix in ("中学", "初级中学") and rng.random() < 0.5:
        return f"{district[:-1]}{rng.choice(ORDINALS)}中学"
    return f"{district}{place}{suffix}" if rng.random() < 0.4 else f"{place}{suffix}"


def _program(rng: random.Random) -> str:
    return rng.choice(PROGRAM_STEMS) + rng.choice(PROGRAM_SHAPES)


def _target(rng: random.Random, year: int | None = None) -> str:
    indicator, unit, low, high = rng.choice(TARGETS)
    value = rng.randint(low, high)
    return f"{year}年{indicator}{value}{unit}" if year else f"{indicator}{value}{unit}"


def _paragraph(rng: random.Random, district: str, year: int, programs: list[str]) -> str:
    school = _school(rng, district)
    other = _school(rng, district)
    group = f"{rng.choice(PLACES)}教育集团"
    sentences = [
        f"深入实施“{rng.choice(programs)}”,由{school}领衔,{other}等学校参与,{_target(rng, year)}。",
        f"组建{group},{school}为核心校,吸纳{other}加入集团,推进管理互通、研训联动、质量共进。",
        f"依据《{rng.choice(CITED)}》要求,到{year}年底{_target(rng)},{_target(rng)}。",
        rng.choice(FILLER),
    ]
    rng.shuffle(sentences)
    return "".join(sentences[: rng.randint(2, 4)])


def generate_document(seed: int, index: int) -> SyntheticDocument:
    """Return synthetic document `index` of the corpus with `seed` (depends on nothing else)."""
    rng = random.Random(f"edukg-synthetic/{seed}/{index}")
    city, abbreviation, district, code = rng.choice(DISTRICTS)
    year = rng.randint(2016, 2023)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    issued = f"{year}-{month:02d}-{day:02d}"
    bureau = f"{district}教育局" if rng.random() < 0.8 else f"{district}教育文体局"
    programs = [_program(rng) for _ in range(rng.randint(2, 4))]
    pattern, doc_kind, category = rng.choice(DOC_KINDS)
    title = pattern.format(year=year, district=district, program=programs[0])
    if title.startswith("关于"):
        title = bureau + title
    number = f"{abbreviation}{district[0]}教〔{year}〕{rng.randint(1, 120)}号"
    index_number = f"{rng.randint(10**8, 10**9 - 1)}/{year}-{rng.randint(1, 300):05d}"
    lines = [
        f"信息名称:{title}",
        f"索 引 号:{index_number}",
        f"组配分类:{category}",
        "公开方式:主动公开",
        f"文件编号:{number} 发布机构:{bureau}",
        f"产生日期: {issued} 发布日期: {issued} 废止日期: 有效",
        "",
        title,
        number,
        "",
        "各中小学、幼儿园,局属各单位:",
        f"  现将《{district}{year}年{doc_kind}》印发给你们,请结合实际,认真贯彻落实。",
        "",
    ]
    for s in range(1, rng.randint(4, 7) + 1):
        lines.append(f"{_numeral(s)}、{rng.choice(SECTION_HEADS)}")
        lines.append("")
        for sub in range(1, rng.randint(1, 4) + 1):
            lines.append(
                f"({_numeral(sub)}){rng.choice(SUB_HEADS)}。"
                + _paragraph(rng, district, year, programs)
            )
            for item in range(1, rng.randint(0, 3) + 1):
                lines.append(f"{item}.{_paragraph(rng, district, year, programs)}")
            lines.append("")
    lines += [
        "",
        f"{city}{bureau}",
        f"{year}年{month}月{day}日",
        "",
    ]
    name = f"synthetic_{seed}_{index:05d}.txt"
    return SyntheticDocument(name, "\n".join(lines))


def write_corpus(folder: Path, documents: int, seed: int = 7) -> list[Path]:
    """Write `documents` synthetic .txt files (UTF-8) into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(documents):
        document = generate_document(seed, index)
        path = folder / document.name
        path.write_bytes(document.text.encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = write_corpus(args.folder, args.documents, args.seed)
    print(f"wrote {len(paths)} documents to {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
