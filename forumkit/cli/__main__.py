"""`python -m forumkit.cli`: the same as the `forumkit` command."""

import sys

from .commands import main

if __name__ == "__main__":
    sys.exit(main())
