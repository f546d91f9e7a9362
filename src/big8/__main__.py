"""`python -m big8` works like the `big8` command."""

import sys

from .cli import main

sys.exit(main())
