"""`python -m generator` is the `gongkai` command."""

import sys

from .cli import main

sys.exit(main())
