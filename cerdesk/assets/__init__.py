"""Runtime files loaded with importlib.resources."""
