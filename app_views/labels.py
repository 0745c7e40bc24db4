"""Column headers and relation names in the app's two languages (Chinese, then English).

Tables keep their data's column names (queries, CSV downloads and tests read those); only the
header a reader sees is relabelled, through Streamlit's column_config.
"""

from __future__ import annotations

from ontology.namespace import split_prefixed

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
    "label": "名称 / label",
    "iri": "IRI",
    "components": "子项目 / components",
    "implements": "落实 / implements",
    "continues": "延续 / continues",
    "school_name": "学校名称 / school name",
    "group_name": "集团名称 / group name",
    "program_name": "项目名称 / programme name",
    "participant_name": "参与者名称 / participant name",
    "predicate": "谓词 / predicate",
    "subject": "主语 / subject",
    "object": "宾语 / object",
    "entity": "实体 / entity",
    "count": "数量 / count",
    "time": "时间 / time",
    "rows": "行数 / rows",
    "seconds": "秒 / seconds",
    "query": "查询 / query",
    "concept": "项目家族 / programme family",
    "sentence_count": "句数 / sentences",
    "mention": "提及 / mention",
    "section": "章节 / section",
    "level": "层级 / level",
    "heading": "标题 / heading",
    "kind": "种类 / kind",
}

RELATIONS = {
    "memberOf": "成员 / member of",
    "inDistrict": "所属学区 / in district",
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
    "issuedBy": "发布 / issued by",
    "affiliatedWith": "隶属于 / affiliated with",
    "…": "… / more",
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


def prefixed(iri: str) -> str:
    """Return `iri` with a project prefix (ekg:memberOf), or whole when none fits: for reading,
    so the local part may hold a slash (ekgid:school/xicangqiao).

    >>> prefixed("https://w3id.org/edukg/ontology#memberOf")
    'ekg:memberOf'
    >>> prefixed("http://example.org/x")
    'http://example.org/x'
    """
    split = split_prefixed(iri)
    return f"{split[0]}:{split[1]}" if split else iri
