"""`edukg analyse` on the tiny store: the figures of graph_store.analysis, as table, CSV or JSON."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from cli import build_parser, main
from graph_store.analysis import COLUMNS, NETWORK_CLASSES

ID = "https://w3id.org/edukg/id/"
QINGTAN = ID + "school/qingtan"
ZL_MINGXIAO = ID + "program/zl-mingxiao"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["analyse", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_csv_has_one_row_per_node_with_the_figures(tiny_store_path, capsys):
    code, out, _ = run(capsys, "--store", str(tiny_store_path), "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert list(table.columns) == list(COLUMNS)
    assert len(table) == 16
    school = table.set_index("iri").loc[ID + "school/xicangqiao"]
    assert (school["label"], school["degree"]) == ("西仓桥小学", 3)
    assert school["betweenness"] == pytest.approx(11 / 105, abs=1e-6)


def test_area_year_and_class_filters(tiny_store_path, capsys):
    store = ["--store", str(tiny_store_path), "--format", "csv"]
    _, out, _ = run(capsys, *store, "--area", "钟楼区")
    zhonglou = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert sorted(zhonglou["label"]) == ["名校建设", "名校长培育", "西仓桥小学", "钟楼三名工程"]
    # In that network 钟楼三名工程 is the centre of a star of three: on every path.
    hub = zhonglou.set_index("label").loc["钟楼三名工程"]
    assert (hub["degree"], hub["betweenness"]) == (3, 1.0)
    _, out, _ = run(capsys, *store, "--year", "2019", "--class", "School", "--class", "Campus")
    schools = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert sorted(schools["label"]) == ["清潭小学", "西仓桥小学", "西仓桥小学东校区"]


def test_json_names_its_filters_and_nodes(tiny_store_path, capsys):
    code, out, _ = run(
        capsys, "--store", str(tiny_store_path), "--format", "json", "--area", "泰州市"
    )
    assert code == 0
    answer = json.loads(out)
    assert answer["filters"] == {"area": "泰州市", "year": None, "classes": None}
    assert answer["notes"] == []
    nodes = {row["iri"]: row for row in answer["nodes"]}
    assert len(nodes) == 6
    group = nodes[ID + "group/hl-shiyan"]
    assert (group["label"], group["class"], group["degree"]) == (
        "实验小学教育集团",
        "EducationGroup",
        3,
    )
    # 城东小学 and its group are in one community.
    assert nodes[ID + "school/hl-chengdong"]["community"] == group["community"]


def test_table_is_readable_and_says_the_totals(tiny_store_path, capsys):
    code, out, _ = run(capsys, "--store", str(tiny_store_path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["label", "class", "jurisdiction", "year"]
    assert lines[1].split()[:5] == ["西仓桥小学", "School", "钟楼区", "2019", "3"]
    assert lines[-1] == "16 nodes, 12 links, 5 communities"
    assert "nan" not in out and "None" not in out


def test_output_file(tiny_store_path, tmp_path, capsys):
    target = tmp_path / "metrics.csv"
    code, out, err = run(
        capsys, "--store", str(tiny_store_path), "--format", "csv", "-o", str(target)
    )
    assert code == 0 and out == ""
    assert f"wrote 16 rows to {target}" in err
    assert target.read_text(encoding="utf-8").startswith(",".join(COLUMNS))


def test_shortest_path(tiny_store_path, capsys):
    store = ["--store", str(tiny_store_path)]
    code, out, _ = run(capsys, *store, "--format", "csv", "--path", QINGTAN, ZL_MINGXIAO)
    assert code == 0
    steps = pd.read_csv(io.StringIO(out))
    assert steps["relation"].tolist() == ["memberOf", "leads", "participatesIn", "partOf"]
    assert steps["source_label"].iloc[0] == "清潭小学"
    code, _, err = run(capsys, *store, "--path", QINGTAN, ID + "school/hl-chengdong")
    assert code == 1
    assert "no path joins" in err
    code, _, err = run(capsys, *store, "--path", QINGTAN, ID + "area/320404")
    assert code == 2
    assert "not in the network" in err


def test_unknown_area_exits_2(tiny_store_path, capsys):
    code, out, err = run(capsys, "--store", str(tiny_store_path), "--area", "朝阳区")
    assert code == 2 and out == ""
    assert "no administrative area '朝阳区'" in err


def test_class_choices_are_the_network_classes():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    action = next(a for a in subparsers["analyse"]._actions if a.dest == "classes")
    assert tuple(action.choices) == NETWORK_CLASSES
