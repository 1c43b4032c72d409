# incident-reports: `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NBVAL  := -o addopts= --nbval --nbval-sanitize-with notebooks/nbval-sanitize.cfg -p no:cacheprovider

.DEFAULT_GOAL := help
.PHONY: help env reports test unit nbval lint format lab bench eval baseline codebook validate screenshot clean

help: ## list every target with its purpose
	@grep -E '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

env: $(STAMP) ## create .venv from python3 and install the project into it

reports: $(STAMP) ## validate the data and render every report of reports.toml (DATA=DIR OUT=DIR ARGS="--start ...")
	$(BIN)/incidents render $(if $(DATA),--data '$(DATA)') $(if $(OUT),--out '$(OUT)') $(ARGS)

# make test's workers (pytest-xdist): the integration and browser tests mostly wait on kernels, subprocesses and
# Chromium, so 4 workers keep 2 cores busy; TEST_WORKERS=0 runs everything in one process
TEST_WORKERS ?= 4

test: $(STAMP) ## run unit tests, doctests, browser tests and nbval on the stored notebooks (TEST_WORKERS=N)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadscope tests analysis
	$(BIN)/pytest $(NBVAL) notebooks

unit: $(STAMP) ## run only the fast unit tests and doctests
	$(BIN)/pytest tests/unit analysis

nbval: $(STAMP) ## re-run the stored notebooks and compare their outputs
	$(BIN)/pytest $(NBVAL) notebooks

lint: $(STAMP) ## check code style and common mistakes with ruff (what CI runs first)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## rewrite the code in the house style (ruff format, safe fixes)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: $(STAMP) ## open JupyterLab on the project's environment (--allow-root only when run as root)
	$(BIN)/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## run the benchmarks and print their RESULT lines
	$(BIN)/python benchmarks/bench_analysis.py
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_import.py

eval: $(STAMP) ## score the article extractor against the hand-coded gold tables (dev, frozen, frozen-3 and frozen-4 splits)
	$(BIN)/python benchmarks/eval_extract.py

baseline: $(STAMP) ## re-execute the stored notebooks in place after a deliberate change
	$(BIN)/python -m analysis.devtools.baseline

codebook: $(STAMP) ## regenerate the column tables of data/CODEBOOK.md from analysis/schema.py
	$(BIN)/incidents codebook

validate: $(STAMP) ## validate the bundled data
	$(BIN)/incidents validate

screenshot: $(STAMP) ## render the overview and frequency reports and write the README's pictures in docs/ (needs chromium)
	$(BIN)/incidents render --job overview
	$(BIN)/incidents render --job frequency
	$(BIN)/python scripts/screenshot.py
	$(BIN)/python scripts/screenshot.py --report reports/frequency.html --out docs/frequency-phone.png --width 390 --until cumulative

clean: ## remove generated reports, caches and the virtual environment
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf $(VENV) .pytest_cache benchmarks/.cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
