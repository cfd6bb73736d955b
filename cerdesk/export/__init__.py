"""Output formats (filled in by later work)."""
