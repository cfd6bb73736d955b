"""Entry point of the PyInstaller build: run cerdesk's command line.

``packaging/cerdesk.spec`` freezes this script into the ``cerdesk`` executable. It only hands
over to :func:`cerdesk.cli.main`, so the frozen program and ``python -m cerdesk`` behave alike.
"""

import multiprocessing
import sys

from cerdesk.cli import main

if __name__ == "__main__":
    # A frozen program that ever starts a child process must call this first (Windows, macOS).
    multiprocessing.freeze_support()
    sys.exit(main())
