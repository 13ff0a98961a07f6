"""``python -m desktop.cli`` runs the ``cchc`` command."""

import sys

from desktop.cli import main

sys.exit(main())
