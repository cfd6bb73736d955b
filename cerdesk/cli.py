"""The command line (placeholder until the commands land)."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    return 0
