"""Column headers and relation names in the app's two languages (Chinese, then English).

Tables keep their data's column names (queries, CSV downloads and tests read those); only the
header a reader sees is relabelled, through Streamlit's column_config.
"""

from __future__ import annotations

COLUMNS = {
    "area_name": "辖区 / jurisdiction",
    "area": "辖区 / jurisdiction",
    "year": "年份 / year",
    "document": "文件 / document",
    "title": "标题 / title",
    "issued": "发布日期 / issued",
    "indicator": "指标 / indicator",
    "value": "数值 / value",
    "unit": "单位 / unit",
    "total": "合计 / total",
    "targets": "目标 / targets",
    "relation": "关系 / relation",
    "program": "项目 / programme",
    "program_label": "项目 / programme",
    "programme": "项目 / programme",
    "other": "对象 / linked to",
    "role": "角色 / role",
    "participant": "参与者 / participant",
    "school": "学校 / school",
    "school_label": "学校 / school",
    "group": "教育集团 / group",
    "sub": "子项目 / sub-programme",
    "quote": "句子 / sentence",
    "sentence": "句子 / sentence",
    "sentences": "句数 / sentences",
    "start": "起 / start",
    "end": "止 / end",
    "property": "属性 / property",
    "issuer_name": "发布机构 / issuer",
    "number": "文号 / number",
    "source": "来源文件 / file",
    "doc_type": "类型 / type",
    "matched": "匹配 / matched",
    "class": "类 / class",
    "name": "名称 / name",
    "documents": "文件数 / documents",
    "read": "阅读 / read",
    "about": "实体 / about",
}

RELATIONS = {
    "memberOf": "成员 / member of",
    "leads": "牵头 / leads",
    "participatesIn": "参与 / takes part in",
    "campusOf": "校区 / campus of",
    "campus": "校区 / campus",
    "locatedIn": "位于 / located in",
    "partOf": "隶属 / part of",
    "implements": "落实 / implements",
    "continues": "延续 / continues",
    "concept": "家族 / family",
    "jurisdiction": "辖区 / jurisdiction",
    "mentions": "提及 / mentions",
    "cites": "引用 / cites",
    "statedIn": "见于 / stated in",
}


def header(column: str) -> str:
    """Return the header shown for a column (the column's own name when none is known).

    >>> header("area_name"), header("custom_column")
    ('辖区 / jurisdiction', 'custom_column')
    """
    return COLUMNS.get(column, column)


def relation(name: str) -> str:
    """Return a relation's name in both languages (the name itself when unknown).

    >>> relation("memberOf")
    '成员 / member of'
    """
    return RELATIONS.get(name, name)
