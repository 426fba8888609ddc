"""The ``dlm`` command: Django's management commands under the product's name.

``dlm demo`` builds the demo world, ``dlm migrate`` migrates, ``dlm runserver`` serves;
``dlm analyse PATH`` reads one document (see dlm.textcheck.cli).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["analyse"]:
        # The analyser is pure Python: no Django start-up for a command run on many files.
        from dlm.textcheck.cli import main as analyse_main

        analyse_main(argv[1:])
        return
    if argv[:1] == ["copycheck"]:
        from dlm.textcheck.copying.cli import main as copycheck_main

        copycheck_main(argv[1:])
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dlm.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dlm", *argv])


if __name__ == "__main__":
    main()
