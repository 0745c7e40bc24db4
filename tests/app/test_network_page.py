"""AppTest: the network analysis page against the tiny store."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from graph_store.analysis import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
ID = "https://w3id.org/edukg/id/"
ZHONGLOU = ID + "area/320404"
QINGTAN = ID + "school/qingtan"
ZL_MINGXIAO = ID + "program/zl-mingxiao"
HL_CHENGDONG = ID + "school/hl-chengdong"
HEADERS = [
    "名称 Name",
    "类别 Class",
    "辖区 Jurisdiction",
    "年份 Year",
    "度 Degree",
    "介数中心性 Betweenness",
    "特征向量中心性 Eigenvector",
    "社区 Community",
    "IRI",
]


def open_network(store_path: Path) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["store_location"] = str(store_path)
    at.switch_page("app_views/network.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest) -> pd.DataFrame:
    found = [df.value for df in at.dataframe if "度 Degree" in df.value.columns]
    assert len(found) == 1
    return found[0]


def shown_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    parts += [str(m.value) for m in at.metric]
    return "\n".join(parts)


def test_page_renders_the_whole_network_with_its_figures(tiny_store_path):
    at = open_network(tiny_store_path)
    assert "Network analysis" in at.title[0].value
    df = table(at)
    assert list(df.columns) == HEADERS
    assert len(df) == 16  # 5 schools and campuses, 2 groups, 9 programmes
    school = df[df["IRI"] == "ekgid:school/xicangqiao"].iloc[0]  # prefixed; the CSV has it whole
    assert school["名称 Name"] == "西仓桥小学"
    assert school["类别 Class"] == "学校 School"
    assert school["辖区 Jurisdiction"] == "钟楼区"
    assert school["度 Degree"] == 3
    assert round(school["介数中心性 Betweenness"], 6) == round(11 / 105, 6)
    # Nothing unknown reads as None or nan: the programme without links has degree 0, not nan.
    values = df.astype(str).to_numpy().ravel().tolist()
    assert not {"None", "nan", "NaN", ""} & set(values)
    assert not any(token in shown_text(at) for token in ("None", "nan"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["节点 / Nodes"] == "16"
    assert metrics["连接 / Links"] == "12"


def test_csv_download_holds_the_raw_figures(tiny_store_path, downloads):
    files = downloads
    at = open_network(tiny_store_path)
    at.selectbox(key="network_area").select(ZHONGLOU).run()
    buttons = [b for b in at.get("download_button") if "CSV" in b.proto.label]
    assert len(buttons) == 1 and buttons[0].proto.url.endswith(".csv")
    csv = pd.read_csv(io.BytesIO(files["network_metrics.csv"]), keep_default_na=False)
    assert list(csv.columns) == list(COLUMNS)
    assert sorted(csv["label"]) == ["名校建设", "名校长培育", "西仓桥小学", "钟楼三名工程"]
    hub = csv.set_index("iri").loc[ID + "program/zl-sanming"]
    assert (hub["degree"], hub["class"], hub["jurisdiction"], hub["year"]) == (
        3,
        "Program",
        "钟楼区",
        2019,
    )


def test_jurisdiction_filter_keeps_the_area_and_its_sub_areas(tiny_store_path):
    at = open_network(tiny_store_path)
    at.selectbox(key="network_area").select(ZHONGLOU).run()
    assert not at.exception
    assert sorted(table(at)["名称 Name"]) == [
        "名校建设",
        "名校长培育",
        "西仓桥小学",
        "钟楼三名工程",
    ]
    at.selectbox(key="network_area").select(ID + "area/320400").run()  # 常州市, with 钟楼区
    assert len(table(at)) == 10


def test_year_and_class_filters_change_the_rows(tiny_store_path):
    at = open_network(tiny_store_path)
    at.selectbox(key="network_year").select("2020").run()
    assert sorted(table(at)["名称 Name"]) == [
        "三名工程",
        "名师工程",
        "城东小学",
        "实验小学教育集团",
        "海陵区实验小学",
    ]
    at.multiselect(key="network_classes").unselect("Program").run()
    df = table(at)
    assert sorted(df["名称 Name"]) == ["城东小学", "实验小学教育集团", "海陵区实验小学"]
    # Without the programme, the group is the hub of a three-node star.
    assert df.set_index("名称 Name").loc["实验小学教育集团", "度 Degree"] == 2


def test_shortest_path_between_two_picked_nodes(tiny_store_path):
    at = open_network(tiny_store_path)
    at.selectbox(key="network_from").select(QINGTAN).run()
    at.selectbox(key="network_to").select(ZL_MINGXIAO).run()
    assert not at.exception
    text = shown_text(at)
    assert "4 步 / steps" in text
    assert "清潭小学 → 西仓桥教育集团 → 西仓桥小学 → 钟楼三名工程 → 名校建设" in text
    assert "—成员校 member of→" in text
    at.selectbox(key="network_to").select(HL_CHENGDONG).run()
    assert "No path joins these two nodes" in shown_text(at)


def test_a_filter_that_keeps_nothing_says_so(tiny_store_path):
    at = open_network(tiny_store_path)
    at.selectbox(key="network_area").select(ZHONGLOU).run()
    at.selectbox(key="network_year").select("2020").run()
    assert not at.exception
    assert "No node matches these filters" in shown_text(at)
    assert not [df for df in at.dataframe if "度 Degree" in df.value.columns]


def test_empty_store_explains_what_to_do(tmp_path):
    from graph_store.embedded import EmbeddedStore

    EmbeddedStore(tmp_path / "empty").close()
    at = open_network(tmp_path / "empty")
    assert "No school, group or programme is in the store yet" in shown_text(at)


def test_a_large_network_is_analysed_when_asked(tiny_store_path):
    """Issue 13: above the page's node bound (2 000; 9 000 nodes take about 10 s) the first visit
    shows the network's size and a Compute button instead of computing at once."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["store_location"] = str(tiny_store_path)
    at.session_state["network_compute_at_once"] = 10
    at.switch_page("app_views/network.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [df for df in at.dataframe if "度 Degree" in df.value.columns]
    assert {m.label: m.value for m in at.metric} == {"节点 / Nodes": "16", "连接 / Links": "12"}
    at.button(key="network_compute").click().run()
    assert len(table(at)) == 16
    at.run()  # asked once: the same filters stay analysed
    assert len(table(at)) == 16
    at.selectbox(key="network_year").select("2019").run()  # a network within the bound
    nodes = int({m.label: m.value for m in at.metric}["节点 / Nodes"])
    assert nodes <= 10
    assert len(table(at)) == nodes


def test_an_answer_to_compute_holds_until_the_store_changes(tiny_store_path):
    from cli import main

    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["store_location"] = str(tiny_store_path)
    at.session_state["network_compute_at_once"] = 10
    at.switch_page("app_views/network.py")
    at.run()
    at.button(key="network_compute").click().run()
    assert len(table(at)) == 16
    corpus = sorted((ROOT / "data" / "corpus").glob("*.txt"))[0]
    assert main(["ingest", str(corpus), "--store", str(tiny_store_path), "-q"]) == 0
    at.run()  # the app reloads the store: a larger network, to be asked for again
    assert not at.exception, [e.value for e in at.exception]
    assert not [df for df in at.dataframe if "度 Degree" in df.value.columns]
    assert int({m.label: m.value for m in at.metric}["节点 / Nodes"].replace(",", "")) > 16


def test_issue_12_edukg_analyse_gives_the_pages_figures(tiny_store_path, downloads, capsys):
    """The CLI's CSV is the page's CSV download, row for row, for the same filter."""
    import cli

    files = downloads
    for area, args in ((None, []), (ZHONGLOU, ["--area", "钟楼区"])):
        files.clear()
        at = open_network(tiny_store_path)
        if area:
            at.selectbox(key="network_area").select(area).run()
        assert [b for b in at.get("download_button") if "CSV" in b.proto.label]
        page = pd.read_csv(io.BytesIO(files["network_metrics.csv"]), keep_default_na=False)
        capsys.readouterr()
        code = cli.main(["analyse", "--store", str(tiny_store_path), "--format", "csv", *args])
        assert code == 0
        shell = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
        pd.testing.assert_frame_equal(
            page.sort_values("iri").reset_index(drop=True),
            shell.sort_values("iri").reset_index(drop=True),
        )
        assert len(page) == (16 if area is None else 4)
