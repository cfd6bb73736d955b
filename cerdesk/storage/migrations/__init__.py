"""Numbered schema migrations, each written against SQL only."""
