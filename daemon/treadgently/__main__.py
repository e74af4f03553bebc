"""Allow ``python -m treadgently``."""

from treadgently.cli import main

raise SystemExit(main())
