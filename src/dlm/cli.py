"""The ``dlm`` command: Django's management commands under the product's name.

``dlm demo`` builds the demo world, ``dlm migrate`` migrates, ``dlm runserver`` serves.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dlm.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dlm", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    main()
