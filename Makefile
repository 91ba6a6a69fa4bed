# Two commands for a fresh machine: `make run` opens the explorer, `make test` runs the tests.
# Both create the virtual environment from pyproject.toml, pinned by constraints.txt, when it is missing.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshot bundle clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test,bundle]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m hjk_desktop

test: $(STAMP)
	$(PY) -m ruff check hjk_desktop tests benchmarks packaging
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/screenshot.py docs/screenshot.png

bundle: $(STAMP)
	bash packaging/build.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache
