"""textcheck stays pure Python: the CLI and the benchmarks run it without Django."""

import subprocess
import sys


def test_textcheck_imports_no_django():
    code = (
        "import sys, dlm.textcheck.analyse, dlm.textcheck.cli, dlm.textcheck.reading\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "[]"
