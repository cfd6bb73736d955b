"""Run cerdesk with ``python -m cerdesk``."""

from cerdesk.cli import main

raise SystemExit(main())
