"""Every command has help, and every command and option is documented in the README."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_there_are_commands():
    assert "ingest" in subcommands()


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_command_has_help_and_is_documented(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--help"])
    assert exit_info.value.code == 0
    assert f"usage: jixiao {name}" in capsys.readouterr().out
    assert f"jixiao {name}" in README
    for action in subcommands()[name]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in README, f"{name} {option} is not in the README"


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 1
    assert "usage: jixiao" in capsys.readouterr().out


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("jixiao ")


def test_a_locked_database_is_a_usage_error_before_any_work(tmp_path, capsys):
    import subprocess
    import sys

    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; con = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        sample = Path(__file__).resolve().parent.parent / "data" / "raw"
        assert main(["ingest", str(sample), "--db", str(db)]) == 1
        assert "cannot open the database" in capsys.readouterr().out
    finally:
        holder.kill()
        holder.wait()
