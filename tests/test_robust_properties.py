"""Property tests for the whole chain: random Unicode through reading, sentence splitting,
glossary matching and DOCX rendering never raises, loses nothing, and keeps every offset
honest.

`test_properties.py` checks the pieces one at a time (splitter, layout, byte decoding,
normalization offsets, enforcement); here the pieces run together the way `translate`
runs them, with the real starter glossary loaded, and `inspect --json` is driven through
the real CLI.
"""

from __future__ import annotations

import functools
import io
import json
import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.errors import InputError
from bilingual.names.glossary import Entry, load_glossaries
from bilingual.names.matcher import NameMatcher, annotate_names
from bilingual.names.variants import skeleton
from bilingual.outputs.docx.builder import writable
from bilingual.outputs.docx.options import RenderOptions
from bilingual.outputs.docx.render import build_document, document_bytes
from bilingual.reading.inputs import decode_bytes, read_text
from bilingual.text.arabic import normalize
from bilingual.translation.pipeline import translate_documents

ROOT = Path(__file__).resolve().parents[1]
HOUSE = ROOT / "bilingual" / "glossaries" / "names.csv"

# Names that exercise every matcher rule: the article, ل swallowing it, names starting
# with ل, multi-word names, a name that folds onto a common word, -يا places, dotted
# agencies.
EXTRA_ENTRIES = [
    Entry("بوتين", "Putin", "person"),
    Entry("الكرملين", "the Kremlin", "org"),
    Entry("الأمم المتحدة", "the United Nations", "org"),
    Entry("اللاذقية", "Latakia", "place"),
    Entry("لبنان", "Lebanon", "place"),
    Entry("كيم جونغ أون", "Kim Jong Un", "person"),
    Entry("علي", "Ali", "person"),
    Entry("أوكرانيا", "Ukraine", "place"),
    Entry("السعودية", "Saudi Arabia", "place"),
    Entry("أ.ف.ب", "AFP", "agency"),
]

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويأإآةىءؤئ"
MARKS = "ًٌٍَُِّْٰـ"  # tashkeel, superscript alef, tatweel
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"
CONTROLS = "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\x9f\ufffe\uffff\u2028\u2029"
PUNCT = '.!?؟…،؛:«»"“”()[]-\u2013'
SPACES = "  \n\n\n\t\r\u00a0"
PROCLITICS = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "بال", "وال", "لل", "ولل", "فلل", "ال", "لـ", "ولـ"]


@functools.lru_cache(maxsize=1)
def _house_entries() -> tuple[Entry, ...]:
    return tuple(load_glossaries([HOUSE]).entries)


@pytest.fixture(scope="module")
def glossary_entries() -> list[Entry]:
    return [*_house_entries(), *EXTRA_ENTRIES]


@pytest.fixture(scope="module")
def matcher(glossary_entries) -> NameMatcher:
    return NameMatcher(glossary_entries)


_CHARS = st.sampled_from(list(ARABIC_LETTERS + MARKS + INVISIBLE + CONTROLS + PUNCT + SPACES + "0123456789Ab"))
any_text = st.one_of(st.text(max_size=300), st.text(alphabet=_CHARS, max_size=400))


def _news_text(spellings: list[str]):
    """Text built from glossary spellings, proclitics, letters, marks, punctuation and
    spaces: the material on which matching goes wrong if it can."""
    piece = st.one_of(
        st.sampled_from(spellings),
        st.sampled_from(PROCLITICS),
        st.text(alphabet=st.sampled_from(list(ARABIC_LETTERS)), min_size=1, max_size=6),
        st.sampled_from(list(MARKS + INVISIBLE + PUNCT + SPACES)),
        st.sampled_from([" ", " ", " ", "\n\n"]),
    )
    return st.lists(piece, max_size=40).map("".join)


def _blocks(document):
    return [block for article in document.articles for block in article.blocks]


def _read(text: str):
    """read_text, or None for the one allowed refusal (nothing left to translate)."""
    try:
        return read_text(text, "random.txt")
    except InputError as exc:
        assert str(exc) == "random.txt: no text to translate"
        return None


def _assert_sentences_cover(block) -> None:
    assert block.text and block.text == block.text.strip()
    assert block.sentences, block.text
    for sentence in block.sentences:
        assert block.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
    starts = [s.start for s in block.sentences]
    assert starts == sorted(starts)
    assert "".join("".join(s.text for s in block.sentences).split()) == "".join(block.text.split())


def _assert_name_spans(block, keys: dict[str, set[str]]) -> None:
    """The lead's invariant: every hit points at its own text, its prefix sits just before
    it, and its surface normalizes to the glossary spelling it claims (after ل, the
    swallowed article is restored first)."""
    for hit in block.names:
        assert 0 <= hit.start - len(hit.prefix) <= hit.start < hit.end <= len(block.text)
        assert block.text[hit.start : hit.end] == hit.surface
        assert block.text[hit.start - len(hit.prefix) : hit.start] == hit.prefix
        wanted = normalize(hit.arabic)
        surface = normalize(hit.surface)
        # ل + الأمم is written للأمم ("لل" + "أمم"); ل + اللاذقية is written للاذقية, where
        # the article's lam merges with the name's own ("ل" + "لاذقية").
        article_swallowed = (hit.prefix.endswith("لل") and wanted.startswith("ال")) or (
            hit.prefix.endswith("ل") and wanted.startswith("الل") and not surface.startswith("ال")
        )
        if article_swallowed:
            surface = normalize("ال" + hit.surface)
        if hit.match == "variant":  # another spelling of the name: the same variant key
            assert skeleton(surface.removeprefix("ال")) == skeleton(wanted.removeprefix("ال")), (hit, block.text)
        else:
            assert surface == wanted, (hit, block.text)
        assert hit.english in keys[wanted]


# --- reading and splitting --------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(any_text)
@example("عنوان\n\nنص هنا.\u202a abc \u202c نهاية.")
def test_reading_random_text_never_raises_and_sentences_cover_blocks(text):
    document = _read(text)
    if document is None:
        return
    for block in _blocks(document):
        _assert_sentences_cover(block)


_ARABIC_PROSE = (
    st.lists(
        st.one_of(
            st.text(alphabet=st.sampled_from(list(ARABIC_LETTERS)), min_size=2, max_size=8),
            st.sampled_from([" ", " ", "، ", ". ", "\n", "\n\n", "؟ ", "123", " (أ.ف.ب) "]),
        ),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda t: any(c in ARABIC_LETTERS for c in t))
)


@settings(max_examples=300, deadline=None)
@given(_ARABIC_PROSE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"]))
def test_arabic_in_any_supported_encoding_reads_back_exactly_or_is_refused(text, encoding):
    """Never mojibake: the decoded text is the original, or a one-line InputError."""
    data = text.encode(encoding)
    try:
        decoded = decode_bytes(data, "x.txt")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("x.txt: ")
        # Windows-1256 decodes any byte, so it is only believed when an Arabic word shows.
        too_little_to_tell = encoding == "cp1256" and not re.search("[\u0621-\u064a]{2,}", text)
        assert not text.strip() or too_little_to_tell, f"{encoding} text refused: {exc}"
        return
    assert decoded == text


# --- glossary matching ------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _spellings() -> list[str]:
    return sorted({e.arabic for e in [*_house_entries(), *EXTRA_ENTRIES]})


@st.composite
def _glossary_text(draw):
    return draw(_news_text(_spellings()))


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_glossary_text())
@example("قال للأمم المتحدة إن للاذقية وبالكرملين")
def test_name_spans_lie_in_their_block_and_normalize_to_their_entry(matcher, glossary_entries, text):
    keys: dict[str, set[str]] = {}
    for entry in glossary_entries:
        keys.setdefault(normalize(entry.arabic), set()).add(entry.english)
    document = _read(text)
    if document is None:
        return
    annotate_names(document, matcher)
    for block in _blocks(document):
        _assert_sentences_cover(block)
        _assert_name_spans(block, keys)
        ends = [(h.start - len(h.prefix), h.end) for h in block.names]
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), "hits overlap"


# --- the whole chain into a DOCX --------------------------------------------------------


class _EchoEngine:
    """Stands in for the model: 'translates' every sentence into its own reversed text
    (any Unicode, controls included, reaches the English column)."""

    identity = "echo"

    def translate(self, sentences, *, attention=False, on_result=None):
        from bilingual.translation.engine import RawTranslation

        results = [RawTranslation(s[::-1], [], []) for s in sentences]
        for i, raw in enumerate(results):
            if on_result:
                on_result(i, raw)
        return results


def _cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(any_text, _glossary_text()), st.sampled_from(["block", "sentence"]), st.booleans())
def test_random_text_renders_to_docx_and_every_arabic_block_is_in_it(matcher, text, rows, arabic_left):
    document = _read(text)
    if document is None:
        return
    annotate_names(document, matcher)
    (tdoc,), summary = translate_documents([document], _EchoEngine())
    options = RenderOptions(rows=rows, arabic_left=arabic_left)
    data = document_bytes(build_document(tdoc, tdoc.articles, options), "random.txt")
    word = docx.Document(io.BytesIO(data))
    numbered = rows == "sentence"
    arabic_column = int(numbered) if arabic_left else -1
    cells = [
        _cell_text(row.cells[arabic_column]) for table in word.tables[: len(tdoc.articles)] for row in table.rows[1:]
    ]
    rendered = "".join("".join(cell.split()) for cell in cells)
    for block in _blocks(document):
        expected = "".join(writable(block.text).split())
        assert expected in rendered
    assert summary.sentences == sum(len(b.sentences) for b in _blocks(document))


# --- the real CLI ---------------------------------------------------------------------------


runner = CliRunner()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@pytest.mark.slow
@given(st.one_of(any_text, _glossary_text()))
def test_inspect_json_on_random_stdin_is_json_or_one_line(text):
    result = runner.invoke(
        app, ["inspect", "-", "--json", "-g", str(HOUSE)], input=text.encode("utf-8", "surrogatepass")
    )
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert result.exit_code == 2, result.output
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Error: <stdin>: ")
        return
    data = json.loads(result.stdout)
    for article in data["articles"]:
        for block in article["blocks"]:
            assert "".join("".join(block["sentences"]).split()) == "".join(block["text"].split())
            for name in block["names"]:
                assert block["text"][name["start"] : name["end"]] == name["surface"]
