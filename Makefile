# The course's commands. `make lab` opens the course; `make test` runs every test.
# Both create the virtual environment .venv first if it is missing or stale.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
LAB    := $(VENV)/.lab-configured

.PHONY: setup lab test test-fast notebooks bench site clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# The course's JupyterLab defaults (.py opens as a notebook, no news pop-up, kernel messages
# without Nagle's delay), in .venv only.
$(LAB): $(STAMP) tools/configure_lab.py tools/lab_server_config.py
	$(PY) tools/configure_lab.py
	touch $(LAB)

setup: $(LAB)  ## create .venv with the pinned packages and the course's JupyterLab defaults

lab: setup  ## open the course in JupyterLab
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/01_definition.ipynb

test: setup  ## the whole suite: offline (unit, property, sync, nbval, browser), then the Binder build
	$(PY) tools/run_tests.py

test-fast: setup  ## unit, property and sync tests only (seconds)
	$(PY) -m pytest tests -m "not online and not browser"

notebooks: setup  ## re-execute every notebook and store its outputs
	$(PY) tools/execute_notebooks.py

bench: setup  ## the benchmark suite, p = 20,000 included (prints tables, writes benchmarks/results/; the browser table needs Chromium or Chrome)
	$(PY) -m benchmarks --large

site: setup  ## the course as a website, offline, into docs/_build/html (open index.html)
	$(PY) docs/build.py

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache .hypothesis docs/_build docs/notebooks docs/api/modules docs/api/widgets
