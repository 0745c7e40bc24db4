"""Named people with their role and the body they serve: 副区长何海平, 钟楼区教育局局长杨文娟.

A person is a 2–3 character name written right after a role word (ROLES), or introduced by
我是 in an interview turn. The body written before the role (a found organisation or school
ending where the role begins) is the affiliation.
"""

from __future__ import annotations

import re

from loaders.extract.model import PERSON, Candidate

ROLES = (
    "副区长",
    "区长",
    "副市长",
    "市长",
    "副县长",
    "县长",
    "副局长",
    "局长",
    "副书记",
    "书记",
    "副校长",
    "校长",
    "副园长",
    "园长",
    "副主任",
    "主任",
    "副厅长",
    "厅长",
    "主持人",
    "老师",
    "教师",
    "处长",
    "科长",
    "院长",
    "副院长",
    "督学",
    "委员",
    "理事长",
    "会长",
)
_ROLE = "|".join(sorted(ROLES, key=len, reverse=True))
_PERSON = re.compile(
    rf"(?P<role>{_ROLE})(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?=[,，、。;；!！\s(（]|同志|$)"
)
_SELF = re.compile(r"我是(?P<name>[\u4e00-\u9fff]{2,3}?)(?=[,，。!！])")
_NOT_NAME = re.compile(r"^(?:们|等|和|及|在|的|是|为|将|对|也|都|说|表示|指出|介绍|强调|助理)")


def find_people(text: str, spans) -> list[Candidate]:  # noqa: ANN001
    """Return person candidates (attrs: role) in the sentence spans.

    >>> [c.name for c in find_people("南京市副市长王小明,出席", [(0, 12)])]
    ['王小明']
    """
    out = []
    for s_start, s_end in spans:
        for match in _PERSON.finditer(text, s_start, s_end):
            name = match.group("name")
            if _NOT_NAME.match(name):
                continue
            attrs = (("role", match.group("role")), ("role_start", str(match.start("role"))))
            out.append(
                Candidate(
                    PERSON,
                    name,
                    match.start("name"),
                    match.end("name"),
                    "Person",
                    "people.role_name",
                    0.7,
                    attrs=attrs,
                )
            )
        for match in _SELF.finditer(text, s_start, s_end):
            out.append(
                Candidate(
                    PERSON,
                    match.group("name"),
                    match.start("name"),
                    match.end("name"),
                    "Person",
                    "people.self_introduction",
                    0.6,
                )
            )
    return out
