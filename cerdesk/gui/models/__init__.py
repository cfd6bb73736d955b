"""Qt item models over project data."""
