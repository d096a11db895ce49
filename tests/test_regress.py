"""bench.regress: two runs compared item by item, a blind set's halves counted apart."""
import json
import zlib

from bench import regress


def _write(folder, name, items):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")


def _item(i, right, wrong=False):
    return {"id": i, "type": "who", "right": right, "wrong": wrong, "question": f"q{i}", "answer": f"a{i}"}


def test_compare_names_every_flip_and_the_totals(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(regress, "OUT", tmp_path)
    _write(tmp_path / "a", "set", [_item("x1", True), _item("x2", False), _item("x3", False, True)])
    _write(tmp_path / "b", "set", [_item("x1", True), _item("x2", True), _item("x3", False)])
    regress.compare("a", "b")
    out = capsys.readouterr().out
    flips = [line.split()[1] for line in out.splitlines() if line.startswith("   ")]
    assert flips == ["x2", "x3"] and "-->R x2" in out and "W->- x3" in out
    assert "all: 1 right 1 wrong -> 2 right 0 wrong, of 3" in out


def test_halves_show_only_the_dev_half(tmp_path, capsys):
    ids = [f"q{i}" for i in range(20)]
    items = [_item(i, False) for i in ids]
    (tmp_path / "r.json").write_text(json.dumps(items), encoding="utf-8")
    regress.halves(tmp_path / "r.json", show=True)
    out = capsys.readouterr().out
    for i in ids:
        assert (f" {i} " in out) == (zlib.crc32(i.encode()) % 2 == 0)
