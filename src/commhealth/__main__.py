"""``python -m commhealth``: the same as the ``commhealth`` command."""

import sys

from .cli import main

sys.exit(main())
