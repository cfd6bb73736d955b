"""docs/cli.md documents every command and option the parser has."""

from __future__ import annotations

import argparse
from pathlib import Path

from cerdesk.cli import COMMANDS, build_parser

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def test_every_command_and_option_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    commands = _subparsers(build_parser())
    assert set(commands) == set(COMMANDS)
    for name, sub in commands.items():
        assert f"cerdesk {name}" in text, f"docs/cli.md does not describe '{name}'"
        for action in sub._actions:
            for option in action.option_strings:
                if option in ("-h", "--help"):
                    continue
                assert option in text, f"docs/cli.md does not mention {name} {option}"
