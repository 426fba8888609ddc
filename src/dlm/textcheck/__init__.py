"""Reading 民主生活会 documents: outline, parts, minutes, placeholders and the notices' rules.

Pure Python with no Django import: the web layer, the CLI (`dlm analyse`) and the benchmarks
all call :func:`dlm.textcheck.analyse.analyse` on plain text.
"""
