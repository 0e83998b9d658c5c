"""Interchange files: XLIFF (translate → CAT tool → review import), TMX (memory out and in),
TBX and DeepL TSV (glossary out and in). Every exported file is validated against the
published schema or DTD in tests/data/schemas/ (sources and licences in its README)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_driver import assert_ok, assert_one_line_error, invoke, run
from lxml import etree
from test_review import _translate, write_library_article

import bilingual
from bilingual.errors import InputError
from bilingual.translation.memory import Reviewed, TranslationMemory

SCHEMAS = Path(__file__).parent / "data" / "schemas"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def article(work_dir) -> Path:
    return write_library_article(work_dir)


def xliff_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd")))


def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "tmx14.dtd"))


# --- XLIFF -------------------------------------------------------------------------------------


def test_translate_to_xliff_edit_import_and_reuse(article, installed_model):
    xlf = article.with_suffix(".xlf")
    assert_ok(invoke("translate", article, "--format", "xliff", "-o", xlf, "-g", article.parent / "names.csv"))
    tree = etree.parse(str(xlf))
    xliff_schema().assertValid(tree)

    units = tree.getroot().findall(f".//{{{XLIFF_NS}}}trans-unit")
    assert len(units) == 6  # one per sentence: 1 + 2 + 1 + 2
    notes = [n.text for n in tree.getroot().iter(f"{{{XLIFF_NS}}}note") if n.get("from") == "glossary"]
    assert any("بيسكوف = Peskov" in note for note in notes)

    # a translator edits the third unit's target in a CAT tool
    target = units[2].find(f"{{{XLIFF_NS}}}target")
    target.text = "The library holds thousands of books for children and adults."
    target.set("state", "translated")
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")

    report = bilingual.review_import([xlf])
    assert (report.count("edited"), report.count("unchanged"), report.stored) == (1, 5, 1)
    again = _translate(article)
    segment = again.articles[0].blocks[1].segments[1]
    assert segment.target == "The library holds thousands of books for children and adults."
    assert segment.origin == "reviewed"

    # the next XLIFF marks it as translated (reviewed), still valid
    bilingual.write_xliff(again, xlf)
    xliff_schema().assertValid(etree.parse(str(xlf)))
    states = [t.get("state") for t in etree.parse(str(xlf)).getroot().iter(f"{{{XLIFF_NS}}}target")]
    assert states.count("translated") == 1


def test_truncated_xliff_is_refused(article, installed_model):
    bilingual.write_xliff(_translate(article), article.with_suffix(".xlf"))
    xlf = article.with_suffix(".xlf")
    data = xlf.read_bytes()
    xlf.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"library\.xlf: not a complete XLIFF file"):
        bilingual.review_import([xlf])
    with TranslationMemory() as memory:
        assert memory.all_reviewed() == []


def test_xliff_with_changed_source_is_a_conflict(article, installed_model):
    xlf = bilingual.write_xliff(_translate(article), article.with_suffix(".xlf"))
    tree = etree.parse(str(xlf))
    unit = tree.getroot().findall(f".//{{{XLIFF_NS}}}trans-unit")[0]
    unit.find(f"{{{XLIFF_NS}}}source").text = "عنوان آخر."
    unit.find(f"{{{XLIFF_NS}}}target").text = "Another headline."
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    report = bilingual.review_import([xlf])
    assert report.count("conflict") == 1 and report.stored == 0


# --- TMX ---------------------------------------------------------------------------------------


def test_memory_export_holds_the_reviewed_pair_and_imports_into_a_fresh_memory(
    article, installed_model, work_dir, tmp_path, monkeypatch
):
    _translate(article)
    with TranslationMemory() as memory:
        memory.put_reviewed_many([Reviewed("وقال بيسكوف إن المشروع سيخدم سكان الأحياء القريبة.", "Peskov said so.")])
    tmx = work_dir / "memory.tmx"
    assert_ok(invoke("memory", "export", "-o", tmx))
    tree = etree.parse(str(tmx))
    assert tmx_dtd().validate(tree), tmx_dtd().error_log
    root = tree.getroot()
    assert root.find("header").get("srclang") == "ar"
    origins = {}
    for tu in root.iter("tu"):
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        segs = {tuv.get(XML_LANG): tuv.find("seg").text for tu_ in [tu] for tuv in tu_.findall("tuv")}
        origins.setdefault(props["x-origin"], []).append(segs)
        assert tu.get("creationdate", "").endswith("Z")
    assert origins["reviewed"] == [
        {"ar": "وقال بيسكوف إن المشروع سيخدم سكان الأحياء القريبة.", "en": "Peskov said so."}
    ]
    assert len(origins["mt"]) >= 6  # the machine output of the first run

    # an empty data folder: a fresh cache, no memory at all
    fresh = tmp_path / "fresh-cache"
    fresh.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(fresh))
    outcome = invoke("memory", "import", tmx)
    assert_ok(outcome)
    assert "Imported 1 reviewed unit(s)" in outcome.stderr and "skipped" in outcome.stderr
    again = _translate(article)
    block = again.articles[0].blocks[2]
    assert block.translation == "Peskov said so." and block.segments[0].origin == "reviewed"
    assert block.names[0].status == "kept"  # reported on the reviewer's English, not rewritten


def test_tmx_in_other_languages_is_refused(work_dir):
    tmx = work_dir / "fr.tmx"
    tmx.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="fr" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    line = assert_one_line_error(run("memory", "import", tmx, cwd=work_dir), "fr.tmx", "de, fr", code=2)
    assert "Arabic→English" in line
    with TranslationMemory() as memory:
        assert memory.all_reviewed() == []


# --- TBX and DeepL -----------------------------------------------------------------------------


def tbx_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "TBXBasicRNGV02.rng")))


def _check_tbx_structure(root: etree._Element) -> None:
    """The TBX-Basic integrated RELAX NG schema, plus the concept layout bilingual promises."""
    assert tbx_schema().validate(root), tbx_schema().error_log
    assert root.tag == "martif" and root.get("type") == "TBX-Basic" and root.get(XML_LANG)
    assert [c.tag for c in root] == ["martifHeader", "text"]
    assert root.find("martifHeader/fileDesc/sourceDesc/p") is not None
    body = root.find("text/body")
    assert len(body) > 0
    ids = set()
    for entry in body:
        assert entry.tag == "termEntry" and entry.get("id") not in ids
        ids.add(entry.get("id"))
        lang_sets = entry.findall("langSet")
        assert [c.tag for c in entry][: len(entry) - len(lang_sets)] == ["note"] * (len(entry) - len(lang_sets))
        for lang_set in lang_sets:
            assert lang_set.get(XML_LANG) in ("ar", "en")
            for tig in lang_set:
                assert tig.tag == "tig" and tig[0].tag == "term" and tig[0].text
                assert all(c.tag == "termNote" and c.get("type") == "partOfSpeech" for c in tig[1:])


def test_glossary_export_tbx_and_import_back(work_dir):
    glossary = work_dir / "house.csv"
    glossary.write_text(
        "arabic,english,kind,note\nبيسكوف,Peskov,person,Kremlin spokesman\nبسكوف,Peskov,person,\nكييف,Kyiv,place,\n",
        encoding="utf-8",
    )
    tbx = work_dir / "names.tbx"
    assert_ok(invoke("glossary", "export", "-g", glossary, "-o", tbx))
    root = etree.parse(str(tbx)).getroot()
    _check_tbx_structure(root)
    terms = {(ls.get(XML_LANG), t.text) for ls in root.iter("langSet") for t in ls.iter("term")}
    assert terms == {("ar", "بيسكوف"), ("ar", "بسكوف"), ("en", "Peskov"), ("ar", "كييف"), ("en", "Kyiv")}
    assert len(root.findall("text/body/termEntry")) == 2  # one concept per house spelling

    house = work_dir / "new-house.csv"
    assert_ok(invoke("glossary", "import", tbx, "-g", house))
    loaded = bilingual.load_glossaries([house])
    assert {(e.arabic, e.english, e.kind) for e in loaded.entries} == {
        ("بيسكوف", "Peskov", "person"),
        ("بسكوف", "Peskov", "person"),
        ("كييف", "Kyiv", "place"),
    }
    outcome = invoke("glossary", "import", tbx, "-g", house)  # again: nothing new
    assert_ok(outcome) and "added 0" in outcome.stderr


def test_glossary_export_deepl_and_import_back(work_dir):
    glossary = work_dir / "house.csv"
    glossary.write_text("arabic,english,kind\nبيسكوف,Peskov,person\nكييف,Kyiv,place\n", encoding="utf-8")
    tsv = work_dir / "deepl.tsv"
    assert_ok(invoke("glossary", "export", "-g", glossary, "-o", tsv, "--format", "deepl"))
    assert tsv.read_text(encoding="utf-8") == "بيسكوف\tPeskov\nكييف\tKyiv\n"
    house = work_dir / "glossaries" / "names.csv"
    assert_ok(invoke("glossary", "import", tsv, "-g", house))
    assert [(e.arabic, e.english) for e in bilingual.load_glossaries([house]).entries] == [
        ("بيسكوف", "Peskov"),
        ("كييف", "Kyiv"),
    ]


def test_glossary_import_conflict_writes_nothing(work_dir):
    house = work_dir / "house.csv"
    house.write_text("arabic,english,kind\nبيسكوف,Peskov,person\n", encoding="utf-8")
    before = house.read_bytes()
    tsv = work_dir / "other.tsv"
    tsv.write_text("كييف\tKyiv\nبيسكوف\tPeskoff\n", encoding="utf-8")
    assert_one_line_error(invoke("glossary", "import", tsv, "-g", house), "house.csv", "glossary unchanged")
    assert house.read_bytes() == before
    assert [p.name for p in work_dir.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    bad = work_dir / "bad.tsv"
    bad.write_text("one cell only\n", encoding="utf-8")
    assert_one_line_error(invoke("glossary", "import", bad, "-g", house), "bad.tsv:1")
    assert house.read_bytes() == before and os.path.exists(house)
