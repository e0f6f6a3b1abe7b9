"""The web edition (`build --format html`): the report as one self-contained page, with its tables as CSV and its
figures as JSON beside it. Its text is the Word edition's, block by block; its open data holds the figures the
report prints. How it reads in a real browser: tests/test_web_browser.py."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from .conftest import EDITIONS, run_cli
from .docxdump import blocks
from .webdump import web_contents, web_units, word_contents, word_units


@pytest.mark.parametrize("name", EDITIONS)
def test_the_web_edition_prints_the_text_of_the_word_edition_in_its_order(editions, name):
    edition = editions[name]
    assert web_units(edition.index) == word_units(edition.docx)


@pytest.mark.parametrize("name", EDITIONS)
def test_the_contents_link_each_heading_of_the_word_editions_contents(editions, name):
    edition = editions[name]
    page = edition.index.read_text(encoding="utf-8")
    links = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a>', page)
    assert links
    for target, text in links:  # each link names the heading it leads to
        assert re.search(rf'<h([2-6]) id="{target}"[^>]*>{re.escape(text)}</h\1>', page), text
    listed = word_contents(edition.docx)
    # an official document prints no contents: the page lists the headings a contents would
    assert web_contents(edition.index) == listed or (name == "official" and not listed)


def test_the_page_fetches_nothing_and_stays_within_its_weight(editions):
    page = editions["2021"].index.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", page), "nothing is fetched from elsewhere"
    assert not re.search(r"<(?:script|link)\b", page), "no script or stylesheet beside the page"
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert len(page.encode("utf-8")) <= 300 * 1024  # 2021's edition has no pictures: the page is all it weighs
    assert page.count("<h1") == 1


def test_pictures_are_files_of_the_folder_and_the_page_names_them(editions):
    folder = editions["qinghe"].folder
    sources = re.findall(r'<img src="([^"]+)" alt="([^"]+)"', (folder / "index.html").read_text(encoding="utf-8"))
    assert sources, "qinghe's summary has pictures"
    for src, alt in sources:
        assert (folder / src).is_file() and (folder / src).stat().st_size > 0
        assert alt.strip()


# -- open data --------------------------------------------------------------------------------------------------

def _csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode()), "UTF-8 with a byte order mark, so that Excel reads it as such"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _linked(index: Path, suffix: str) -> list[Path]:
    page = index.read_text(encoding="utf-8")
    return [index.parent / href for href in re.findall(r'href="([^"]+\.' + suffix + ')"', page)]


@pytest.mark.parametrize("name", EDITIONS)
def test_every_table_is_a_csv_the_page_links_holding_the_cells_the_report_prints(editions, name):
    edition = editions[name]
    tables = [b.rows for b in blocks(edition.docx) if b.kind == "table" and "imprint" not in b.style.lower()]
    files = _linked(edition.index, "csv")
    assert len(files) == len(tables)
    assert tables or name == "cover", "every other edition has tables"
    for path, rows in zip(files, tables):
        assert [[c for c in row if c] for row in _csv(path)] == [[c for c in row if c] for row in rows], path.name
        assert len({len(row) for row in _csv(path)}) == 1, "every row of the sheet has every column"


def _printed_order(item: dict):
    """A statistics item and those under it, in the order the table prints them."""
    yield item
    for key in ("details", "parts", "of_which"):
        for child in item.get(key, []):
            yield from _printed_order(child)


def _prints(item: dict) -> bool:
    return "unit" in item or "value" in item or any(_prints(c) for k in ("parts", "of_which", "details")
                                                    for c in item.get(k, []))


@pytest.mark.parametrize("name", ["2021", "2019"])
def test_the_json_holds_the_statistics_the_report_prints_with_units_and_approximation_words(editions, name):
    edition = editions[name]
    [path] = _linked(edition.index, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    [stats] = [s for s in data["sections"] if s["kind"] == "statistics"]
    items = [i for top in stats["items"] for i in _printed_order(top) if _prints(i)]
    [table] = [b.rows for b in blocks(edition.docx) if b.kind == "table" and b.rows[0][1:4] == ["项目", "单位", "数量"]]
    rows = table[1:]
    assert len(items) == len(rows)
    for item, row in zip(items, rows):
        assert row[1].strip("\u3000").endswith(item["name"])
        assert row[2] == item.get("unit", "—")
        if "value" not in item:
            assert row[3] in ("—", "")
            continue
        assert Decimal(re.sub(r"[^\d.]", "", row[3].split("（")[0])) == Decimal(str(item["value"]))
        assert item.get("approx", "") in row[3]


def test_an_approximate_figure_keeps_its_word_and_its_note_in_the_json(project):
    stats = project / "years" / "2021" / "statistics.yaml"
    stats.write_text(stats.read_text(encoding="utf-8").replace(
        "{name: 盲文图书, unit: 册, value: 709}", "{name: 盲文图书, unit: 册, value: 709, approx: 近, note: 含分馆}"),
        encoding="utf-8")
    assert run_cli("build", "2021", "--format", "html", cwd=project).returncode == 0
    [path] = (project / "out" / "2021").glob("*/data/2021.json")
    [stats_data] = [s for s in json.loads(path.read_text(encoding="utf-8"))["sections"] if s["kind"] == "statistics"]
    [item] = [i for top in stats_data["items"] for i in _printed_order(top) if i["name"] == "盲文图书"]
    assert item == {"name": "盲文图书", "path": "藏量/图书/盲文图书", "unit": "册", "value": 709, "digits": "709",
                    "approx": "近", "note": "含分馆", "printed": item["printed"]}
    assert item["printed"].startswith("近 709") and "册" in item["printed"]
    assert "近 709（含分馆）" in (path.parent.parent / "index.html").read_text(encoding="utf-8")


def test_the_json_holds_the_activities_and_lists_of_the_report(editions):
    edition = editions["2021"]
    [path] = _linked(edition.index, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    by_kind = {s["kind"]: s for s in data["sections"]}
    assert data["library"] == "越秀区图书馆" and data["year"] == 2021
    word = [b for b in blocks(edition.docx) if b.kind == "table"]
    [activities] = [b.rows for b in word if b.rows[0][:2] == ["序号", "活动类型"]]
    for row, entry in zip(activities[2:], by_kind["activities"]["rows"]):
        assert row[1] == entry["type"]
        assert row[2].replace(",", "") == str(entry["sessions"]["value"])
        assert row[4].replace(",", "") == str(entry["attendance"]["value"])
        assert entry["attendance"]["unit"] == "人次"
    [awards] = [b.rows for b in word if b.rows[0][1] == "奖项名称"]
    assert [row[1] for row in awards[1:]] == [a["name"] for a in by_kind["awards"]["entries"]]
    [coverage] = [b.rows for b in word if b.rows[0][1:3] == ["日期", "媒体"]]
    assert [row[-1] for row in coverage[1:]] == [c["title"] for c in by_kind["coverage"]["entries"]]
    chronicle = [b.text for b in blocks(edition.docx) if b.kind == "p" and b.style == "Chronicle"]
    assert [e["text"] for e in by_kind["chronicle"]["entries"]] == [line.split("，", 1)[1] for line in chronicle]


# -- the command ------------------------------------------------------------------------------------------------

def test_html_alone_writes_no_word_edition_and_all_builds_every_year(project):
    done = run_cli("build", "--all", "--format", "html", cwd=project)
    assert done.returncode == 0, done.stderr
    for year in ("2019", "2021"):
        assert list((project / "out" / year).glob("*/index.html"))
        assert not list((project / "out" / year).glob("*.docx"))
    assert "index.html" in done.stdout


def test_a_format_that_is_none_and_a_pdf_without_word_are_usage_errors(project):
    wrong = run_cli("build", "2021", "--format", "docx,epub", cwd=project)
    assert wrong.returncode == 2 and "epub" in wrong.stderr
    pdf = run_cli("build", "2021", "--format", "html", "--pdf", cwd=project)
    assert pdf.returncode == 2 and "--pdf" in pdf.stderr
    assert not (project / "out").exists()


def test_a_rebuild_replaces_the_folder_whole(project):
    assert run_cli("build", "2021", "--format", "html", cwd=project).returncode == 0
    [index] = (project / "out" / "2021").glob("*/index.html")
    stale = index.parent / "data" / "table-99.csv"
    stale.write_text("left from before", encoding="utf-8")
    assert run_cli("build", "2021", "--format", "html", cwd=project).returncode == 0
    assert index.is_file() and not stale.exists()
    assert [p.name for p in (project / "out" / "2021").iterdir() if p.name.startswith(".")] == []


def test_a_csv_cell_that_would_be_a_formula_in_excel_stays_text(tmp_path):
    """A table's text that starts like a formula (=HYPERLINK(…), @SUM, +A1) would run in the reader's Excel: it is
    written after Excel's text mark, an apostrophe; figures as printed with their signs stay as they are."""
    from .test_structure import HEAD, year

    year(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: table, title: 分馆, file: branches.yaml}\n",
                    "branches.yaml": "columns:\n  - 馆名\n  - {name: 今年, type: number}\n"
                                     "  - {name: 去年, type: number}\n"
                                     "  - {name: 增减, type: change, of: [今年, 去年]}\n"
                                     "rows:\n  - ['=HYPERLINK(\"http://x\",\"看\")', 10, 8, +25%]\n"
                                     "  - ['@SUM(A1)', 7, 10, -3]\n  - ['+A1', 5, 4, +1]\n"})
    assert run_cli("build", "2023", "--format", "html", cwd=tmp_path).returncode == 0
    [path] = (tmp_path / "out" / "2023").glob("*/data/table-1.csv")
    assert [[row[0], row[-1]] for row in _csv(path)[1:]] == [
        ["'=HYPERLINK(\"http://x\",\"看\")", "+25%"], ["'@SUM(A1)", "-3"], ["'+A1", "+1"]]


def test_a_file_where_the_folder_goes_is_a_diagnostic_not_a_traceback(project):
    assert run_cli("build", "2021", "--format", "html", cwd=project).returncode == 0
    [folder] = [p for p in (project / "out" / "2021").iterdir() if p.is_dir()]
    import shutil

    shutil.rmtree(folder)
    folder.write_text("not a folder", encoding="utf-8")
    done = run_cli("build", "2021", "--format", "html", cwd=project)
    assert done.returncode == 1
    assert "not-a-file" in done.stderr and "Traceback" not in done.stderr
    assert folder.read_text(encoding="utf-8") == "not a folder"


def test_a_template_without_the_web_editions_words_says_which_to_add(project):
    snippets = project / "templates" / "snippets.yaml"
    snippets.write_text(re.sub(r"^web_contents:.*\n", "", snippets.read_text(encoding="utf-8"), flags=re.M),
                        encoding="utf-8")
    done = run_cli("build", "2021", "--format", "html", cwd=project)
    assert done.returncode == 1 and "web_contents" in done.stderr
    assert run_cli("build", "2021", "--toc", "field", cwd=project).returncode == 0  # the Word edition needs none


# -- the look -----------------------------------------------------------------------------------------------------

def test_the_colours_come_from_the_templates_theme_made_readable_on_a_light_and_a_dark_page(project):
    from libreport.web.colours import DARK_PAGE, LIGHT_PAGE, contrast

    from .conftest import edit_docx

    def green(xml: str) -> str:  # staff pick another theme in Word: Design → Colours
        return re.sub(r'(<a:accent1>\s*<a:srgbClr val=")[0-9A-F]{6}', r"\g<1>70AD47", xml)

    edit_docx(project / "templates" / "report.docx", {"word/theme/theme1.xml": green})
    assert run_cli("build", "2021", "--format", "html", cwd=project).returncode == 0
    [index] = (project / "out" / "2021").glob("*/index.html")
    page = index.read_text(encoding="utf-8")
    light, dark = re.findall(r"--page:#(\w{6});--text:#\w{6};--accent:#(\w{6});--muted:#\w{6};--series-1:#(\w{6})",
                             page)
    assert light[0] == LIGHT_PAGE and dark[0] == DARK_PAGE
    for page_colour, accent, series in (light, dark):
        assert contrast(accent, page_colour) >= 4.5  # links and rules, as text
        assert contrast(series, page_colour) >= 3.0  # the first series' bars
        r, g, b = (int(series[i:i + 2], 16) for i in (0, 2, 4))
        assert g > r and g > b, "still the theme's green"
    assert "prefers-color-scheme:dark" in page and "@media print" in page
    assert "PingFang SC" in page and "Microsoft YaHei" in page and "Noto Sans CJK SC" in page


# -- charts -------------------------------------------------------------------------------------------------------

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _word_charts(docx: Path) -> list[dict]:
    """Each native chart of the Word edition, in order: its title, and each series' name, categories, values."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(docx) as z:
        names = sorted((n for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)),
                       key=lambda n: int(re.search(r"\d+", n).group()))
        charts = []
        for name in names:
            root = etree.fromstring(z.read(name))
            title = "".join(root.find(f"{C}chart").find(f"{C}title").itertext()) if root.find(
                f"{C}chart/{C}title") is not None else ""
            series = []
            for ser in root.iter(f"{C}ser"):
                named = ser.find(f"{C}tx//{C}v")
                series.append((named.text if named is not None else "",
                               [p.findtext(f"{C}v") for p in ser.find(f"{C}cat").iter(f"{C}pt")],
                               [Decimal(p.findtext(f"{C}v")) for p in ser.find(f"{C}val").iter(f"{C}pt")]))
            charts.append({"title": title, "series": series})
    return charts


def _web_charts(index: Path) -> list[dict]:
    """Each chart of the web edition: the title it draws, and its data table's series."""
    page = index.read_text(encoding="utf-8")
    charts = []
    for figure in re.findall(r'<figure class="chart-figure">(.*?)</figure>', page, re.S):
        title = "".join(re.findall(r'<text [^>]*class="chart-title">([^<]*)</text>', figure))
        head = re.findall(r'<th scope="col">([^<]*)</th>', figure)[1:]
        rows = re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', figure)
        values = [[Decimal(v.rstrip("%")) for v in re.findall(r'<td class="number">([^<]*)</td>', cells)]
                  for _category, cells in rows]
        charts.append({"title": title, "series": [(name, [c for c, _ in rows], [line[k] for line in values])
                                                  for k, name in enumerate(head)]})
    return charts


@pytest.mark.parametrize("name", ["2021", "2019", "tables"])
def test_each_chart_is_drawn_from_the_series_of_the_word_editions_chart(editions, name):
    edition = editions[name]
    word, web = _word_charts(edition.docx), _web_charts(edition.index)
    assert word and len(web) == len(word)
    for ours, theirs in zip(web, word):
        assert ours["title"] == theirs["title"]
        for (our_name, our_categories, our_values), (their_name, categories, values) in zip(ours["series"],
                                                                                             theirs["series"]):
            assert (our_name, our_categories) == (their_name, categories)
            assert our_values == values
        assert len(ours["series"]) == len(theirs["series"])
