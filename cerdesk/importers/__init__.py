"""Input formats (filled in by later work)."""
