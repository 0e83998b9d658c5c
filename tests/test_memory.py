"""The translation memory: exact hits per model identity, durability, two processes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import tinymodel
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.errors import BilingualError
from bilingual.translation.memory import Reviewed, TranslationMemory, default_path, legacy_path

runner = CliRunner()


def test_default_path_is_in_the_data_dir_not_the_cache():
    assert default_path() == Path(os.environ["XDG_DATA_HOME"]) / "bilingual" / "memory.sqlite3"
    assert legacy_path() == Path(os.environ["XDG_CACHE_HOME"]) / "bilingual" / "memory.sqlite3"


def test_a_memory_left_in_the_cache_dir_is_adopted_once():
    """Reviewed English written by an earlier version (cache dir) is found after the move,
    and the new memory is then the one in use: later writes do not go to the old file."""
    legacy = legacy_path()
    legacy.parent.mkdir(parents=True)
    with TranslationMemory(legacy) as old:
        old.put_reviewed_many([Reviewed("قال الوزير إن الاجتماع انتهى.", "The minister said the meeting ended.")])
    with TranslationMemory() as memory:
        assert memory.path == default_path()
        assert [r.target for r in memory.get_reviewed(["قال الوزير إن الاجتماع انتهى."]).values()] == [
            "The minister said the meeting ended."
        ]
        memory.put_reviewed_many([Reviewed("وصل الوفد إلى المدينة.", "The delegation reached the city.")])
    with TranslationMemory(legacy) as old:
        assert old.get_reviewed(["وصل الوفد إلى المدينة."]) == {}
    legacy.unlink()
    with TranslationMemory() as memory:  # adopted once: the old file is no longer needed
        assert memory.get_reviewed(["قال الوزير إن الاجتماع انتهى."]) != {}


def test_exact_hits_per_keyspace(tmp_path):
    memory = TranslationMemory(tmp_path / "m.sqlite3")
    memory.put("model-a", "جملة أولى.", "First sentence.")
    memory.put("model-a", "جملة ثانية.", "Second sentence.")
    memory.put("model-b", "جملة أولى.", "Other model.")
    assert memory.get_many("model-a", ["جملة أولى.", "جملة ثانية.", "جديدة."]) == {
        "جملة أولى.": "First sentence.",
        "جملة ثانية.": "Second sentence.",
    }
    assert memory.get_many("model-b", ["جملة أولى."]) == {"جملة أولى.": "Other model."}
    assert memory.get_many("model-c", ["جملة أولى."]) == {}
    assert memory.get_many("model-a", ["جملة أولى. ", "جملة اولى."]) == {}  # exact only
    memory.put("model-a", "جملة أولى.", "Replaced.")
    assert memory.get_many("model-a", ["جملة أولى."]) == {"جملة أولى.": "Replaced."}


def test_many_sources_in_one_lookup(tmp_path):
    memory = TranslationMemory(tmp_path / "m.sqlite3")
    pairs = [(f"source {i}", f"target {i}") for i in range(2500)]
    memory.put_many("k", pairs)
    found = memory.get_many("k", [s for s, _ in pairs] + ["missing"])
    assert len(found) == 2500 and found["source 1999"] == "target 1999"


def test_each_put_is_durable_at_once(tmp_path):
    """Another connection sees a put immediately: nothing waits for a final commit."""
    path = tmp_path / "m.sqlite3"
    writer = TranslationMemory(path)
    writer.put("k", "a", "b")
    with sqlite3.connect(path) as other:
        assert other.execute("SELECT COUNT(*) FROM translations").fetchone()[0] == 1
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_stats_and_clear(tmp_path):
    memory = TranslationMemory(tmp_path / "m.sqlite3")
    assert memory.stats()["entries"] == 0 and memory.clear() == 0
    memory.put_many("a", [("1", "one"), ("2", "two")])
    memory.put("b", "1", "uno")
    stats = memory.stats()
    assert stats["entries"] == 3 and stats["models"] == {"a": 2, "b": 1} and stats["bytes"] > 0
    assert memory.clear() == 3
    assert memory.stats()["entries"] == 0
    memory.put("a", "1", "one")  # usable after clearing
    assert memory.get_many("a", ["1"]) == {"1": "one"}


def test_unwritable_location_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    memory = TranslationMemory(blocker / "sub" / "m.sqlite3")
    with pytest.raises(BilingualError) as err:
        memory.get_many("k", ["a"])
    assert "--no-memory" in str(err.value) and "\n" not in str(err.value)


def test_corrupt_file_is_one_line(tmp_path):
    path = tmp_path / "m.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BilingualError, match="translation memory"):
        TranslationMemory(path).get_many("k", ["a"])


WRITER = textwrap.dedent(
    """
    import sys
    from bilingual.translation.memory import TranslationMemory
    path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    memory = TranslationMemory(path)
    for i in range(n):
        memory.put("shared", f"{tag}-{i}", f"target {tag} {i}")
        if i % 50 == 0:
            memory.get_many("shared", [f"{tag}-{i}"])
    print("done")
    """
)


def test_concurrent_processes_write_at_once(tmp_path):
    """Four processes create the same new file and write to it together (two runs of
    `bilingual translate` at once, with margin): every row of every process is there."""
    path = tmp_path / "m.sqlite3"
    tags = "abcd"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag, "300"], stdout=subprocess.PIPE, text=True)
        for tag in tags
    ]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * 4 and outs == ["done\n"] * 4
    memory = TranslationMemory(path)
    keys = [f"{tag}-{i}" for tag in tags for i in range(300)]
    assert len(memory.get_many("shared", keys)) == 1200


INTERRUPTED_RUN = textwrap.dedent(
    """
    import sys
    from bilingual.translation.engine import load_engine
    from bilingual.translation.memory import TranslationMemory
    package, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    engine = load_engine(package, batch_tokens=64, threads=1)
    memory = TranslationMemory(path)
    sentences = [f"جملة رقم {i} عن الاقتصاد والطاقة والمياه في المنطقة." for i in range(n)]
    print("ready", flush=True)
    engine.translate(sentences, on_result=lambda i, r: memory.put(engine.identity, sentences[i], r.text))
    print("finished", flush=True)
    """
)


def test_ctrl_c_keeps_finished_sentences(tiny_package, tmp_path):
    """A real SIGINT in the middle of a long run: every finished sentence is in the memory."""
    path = tmp_path / "m.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED_RUN, str(tiny_package), str(path), "20000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 30
    saved = 0
    while time.monotonic() < deadline and saved < 20:
        time.sleep(0.05)
        if path.exists():
            try:
                with sqlite3.connect(path, timeout=5) as db:
                    saved = db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
            except sqlite3.OperationalError:
                pass  # schema not created yet
    assert saved >= 20, "the run saved nothing while running"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode != 0 and "finished" not in out
    assert "KeyboardInterrupt" in err
    memory = TranslationMemory(path)
    stats = memory.stats()
    assert saved <= stats["entries"] < 20000
    # what was kept is usable: the same sentences hit
    assert len(stats["models"]) == 1


def test_engine_output_round_trips_through_memory(tiny_engine, tmp_path):
    memory = TranslationMemory(tmp_path / "m.sqlite3")
    sentences = tinymodel.ARABIC_SENTENCES[:4]
    results = tiny_engine.translate(
        sentences, on_result=lambda i, r: memory.put(tiny_engine.identity, sentences[i], r.text)
    )
    hits = memory.get_many(tiny_engine.identity, sentences)
    assert hits == {s: r.text for s, r in zip(sentences, results)}


def test_cli_memory_stats_and_clear():
    memory = TranslationMemory()
    memory.put_many("model-x", [("a", "b"), ("c", "d")])
    memory.close()
    result = runner.invoke(app, ["memory", "stats"])
    assert result.exit_code == 0 and "Sentences: 2" in result.output and "model-x" in result.output
    data = json.loads(runner.invoke(app, ["memory", "stats", "--json"]).output)
    assert data["entries"] == 2 and data["path"] == str(default_path())
    result = runner.invoke(app, ["memory", "clear"])
    assert result.exit_code == 0 and "Cleared 2 sentences" in result.output
    assert TranslationMemory().stats()["entries"] == 0


def test_alignment_is_stored_beside_the_target(tmp_path):
    memory = TranslationMemory(tmp_path / "m.db")
    memory.put("k", "مرحبا", "Hello", '{"s": [], "t": [], "l": []}')
    memory.put("k", "شكرا", "Thanks")
    assert memory.get_entries("k", ["مرحبا", "شكرا"]) == {
        "مرحبا": ("Hello", '{"s": [], "t": [], "l": []}'),
        "شكرا": ("Thanks", None),
    }


def test_a_memory_from_before_the_alignment_column_is_upgraded(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE keyspaces (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
        "CREATE TABLE translations (keyspace INTEGER NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,"
        " created REAL NOT NULL, PRIMARY KEY (keyspace, source));"
        "INSERT INTO keyspaces VALUES (1, 'k');"
        "INSERT INTO translations VALUES (1, 'مرحبا', 'Hello', 0);"
    )
    db.commit()
    db.close()
    memory = TranslationMemory(path)
    assert memory.get_entries("k", ["مرحبا"]) == {"مرحبا": ("Hello", None)}
    memory.put("k", "شكرا", "Thanks", "[]")
    assert memory.get_entries("k", ["شكرا"])["شكرا"] == ("Thanks", "[]")
