# The collection's commands. `make run` and `make test` are the README's quick start;
# both create .venv from the pinned requirements when it is missing.

# The interpreter the venv is made with: the newest supported Python found (3.13, 3.12 or 3.11, on the PATH or
# under pyenv; tools/find-python). Override with PYTHON=/path/to/python3.x (and VENV=.venv-3.x to keep both).
PYTHON ?= $(or $(shell tools/find-python),python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-stamp
UV_VERSION := 0.13.8
# The build backend pinned in pyproject.toml ([build-system] requires), for the wheelhouse.
BUILD_REQUIRES := $(shell sed -n 's/^requires = \["\([^"]*\)"\].*/\1/p' pyproject.toml)
# WHEELS=DIR installs from a folder of downloaded packages, with no index (a class without network).
WHEELS ?=
OFFLINE := $(if $(WHEELS),--no-index --find-links $(WHEELS))

# make data FROM=DIR imports a folder of exports; ONLY="KEY ..." limits the series;
# REPLACE=1 stores each file exactly as given (even when it holds less history than the store).
FROM ?=
ONLY ?=
REPLACE ?=
# make run AS_OF=2026-01-16 re-runs the collection as of that date.
AS_OF ?=
# make compare BEFORE=2026-01-16 [AFTER=DATE]: what changed between two as-of dates (AFTER empty: all data).
BEFORE ?=
AFTER ?=
# make pack TO=DIR [AS_OF=DATE]: the data held as an import folder.
TO ?=
# make grade SUBMISSIONS=DIR [PACK=DIR] [ALLOW_OTHER_DATA=1] [TIME_LIMIT=S]: a class's notebooks -> reports/grades/.
SUBMISSIONS ?=
PACK ?=
ALLOW_OTHER_DATA ?=
TIME_LIMIT ?=
# make serve: the port the book is served on (localhost only).
PORT ?= 8000
# Parallel workers for the tests (2 cores here).
JOBS ?= 2
# make bench QUICK=1 for the seconds-long form; RUNS=N runs per figure; BENCH_OUT=DIR instead of reports/;
# SNAPSHOT=DIR the import folder whose import it times (a folder that is not there: those figures skipped).
SNAPSHOT ?= ../shared/data/snapshot
QUICK ?=
RUNS ?=
BENCH_OUT ?=

.PHONY: help python setup lock lint unit test-all lab pdf wheelhouse browser data status verify repair build run serve publish check-published compare sync pack student test bench clean-reports clean

help:
	@echo "make python   which Python the venv uses (the newest of 3.11-3.13 found, or PYTHON=...)"
	@echo "make run      execute the notebooks (cached) and build the book in reports/book/ (data/raw, else the sample)"
	@echo "make serve    serve the book on http://127.0.0.1:$(PORT)/ (for browsers that restrict file://)"
	@echo "make lab      JupyterLab on notebooks/ from .venv, with this environment registered as a kernel"
	@echo "make pdf      the whole book as one PDF for a meeting: reports/book.pdf (headless Chromium: make browser)"
	@echo "make lint     ruff check and ruff format --check on the code, tests and notebooks (make test runs it first)"
	@echo "make unit     the fast tier: tests that execute no notebook (seconds)"
	@echo "make test     the README's test command: lint, unit, the book, every notebook executed once by nbval (about a minute)"
	@echo "make test-all make test and the slow tier: other dates and parameters, grading, kills, Chromium, the PDF"
	@echo "make lock     regenerate requirements.txt from pyproject.toml (uv, one universal lock for Python 3.11-3.13)"
	@echo "make data     download (network + FRED_API_KEY), or FROM=DIR to import a folder of exports (REPLACE=1: as given)"
	@echo "make status   what data is held: source, dates, age, real or sample; any damage, with its fix"
	@echo "make verify   check the whole store (CURRENT, every generation's manifest and checksums, processed tables)"
	@echo "make repair   CURRENT back to the newest whole generation, manifests from their copies, tables rebuilt"
	@echo "make publish  re-execute the committed notebooks in place (real data only), text twins too"
	@echo "make check-published  were the committed notebooks published from the data held?"
	@echo "make compare BEFORE=DATE [AFTER=DATE]  what changed between two as-of dates -> reports/compare/"
	@echo "make sync     bring notebooks and their text twins (notebooks/*.md) in line"
	@echo "make pack TO=DIR [AS_OF=DATE]  the data held as an import folder with PROVENANCE.json"
	@echo "make student  the notebooks without solutions, outputs cleared -> reports/student/"
	@echo "make grade SUBMISSIONS=DIR [PACK=DIR]  grade DIR/<student>/<notebook>.ipynb -> reports/grades/"
	@echo "make wheelhouse  download every pinned package into wheelhouse/ (then WHEELS=wheelhouse installs offline)"
	@echo "make browser  install headless Chromium for the site test (Debian, root)"
	@echo "make bench    timings against the floor and the goals (make unit <= 30 s, make test <= 90 s) -> reports/bench.md (QUICK=1: seconds)"

# Which Python the venv uses (or would be made with).
python:
	@if [ -x $(PY) ]; then echo "$(VENV): $$($(PY) --version) ($$(readlink -f $(PY)))"; \
	else echo "no $(VENV) yet; it would be made with $(PYTHON) ($$($(PYTHON) --version 2>&1))"; fi

setup: $(STAMP)

# The environment: a venv with exactly the pinned set (requirements.txt), then the
# project itself in editable mode. uv installs it (and compiles bytecode, which
# matters when PYTHONDONTWRITEBYTECODE=1 is set); plain pip is the fallback.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@if $(PY) -m pip install -q $(OFFLINE) uv==$(UV_VERSION) 2>/dev/null; then \
		$(BIN)/uv pip install -q --python $(PY) --compile-bytecode $(OFFLINE) -r requirements.txt && \
		$(BIN)/uv pip install -q --python $(PY) --compile-bytecode $(OFFLINE) --no-deps -e . ; \
	else \
		$(PY) -m pip install -q $(OFFLINE) -r requirements.txt && \
		$(PY) -m pip install -q $(OFFLINE) --no-deps -e . ; \
	fi
	@touch $@

# The lock: every package for Python 3.11-3.13 in one file, markers where a Python needs another set. Existing
# pins are kept unless pyproject.toml asks otherwise (uv prefers the versions already in the output file); the
# command is recorded in the file's header. Needs the package index.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 -q -o requirements.txt
	@echo "requirements.txt regenerated; make setup installs it"

# Every pinned package (and the build backend and uv) as files, for installing where there is no network.
wheelhouse:
	$(PYTHON) -m pip download -q -d wheelhouse -r requirements.txt "$(BUILD_REQUIRES)" "uv==$(UV_VERSION)"
	@echo "wheelhouse/ holds $$(ls wheelhouse | wc -l) files; on a machine without network: make setup WHEELS=wheelhouse"

# Headless Chromium for the browser test of the rendered site (Debian packages; needs root).
# Without it that one test is skipped, with the reason printed.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		echo "Chromium present: $$(chromium --version 2>/dev/null | head -1)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
		&& echo "installed $$(chromium --version 2>/dev/null | head -1)" \
		|| echo "could not install Chromium; the browser test will be skipped"; \
	else \
		echo "Chromium not installed and no root to install it (apt-get install chromium chromium-driver); the browser test will be skipped"; \
	fi

data: $(STAMP)
	$(PY) -m helpers data $(if $(FROM),--from "$(FROM)") $(if $(ONLY),--only $(ONLY)) $(if $(REPLACE),--replace)

status: $(STAMP)
	$(PY) -m helpers status

verify: $(STAMP)
	$(PY) -m helpers verify

repair: $(STAMP)
	$(PY) -m helpers repair

build: $(STAMP)
	$(PY) -m helpers build

run: $(STAMP)
	$(PY) -m helpers run $(if $(AS_OF),--as-of $(AS_OF))

# JupyterLab from the project's environment; the kernel it registers (for the user) also lets a JupyterLab installed
# elsewhere run the notebooks with `import helpers`. LAB_ARGS="--no-browser --port 8889" passes options on.
LAB_ARGS ?=
lab: $(STAMP)
	$(PY) -m helpers lab $(LAB_ARGS)

# The book as one PDF (title page, contents, page numbers), printed by headless Chromium from the notebooks make run executed.
pdf: run
	$(PY) -m helpers pdf

serve: $(STAMP)
	@test -f reports/book/index.html || (echo "no book yet: run make run first"; exit 2)
	@echo "the book at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(PY) -m http.server --bind 127.0.0.1 --directory reports/book $(PORT)

publish: $(STAMP)
	$(PY) -m helpers publish

check-published: $(STAMP)
	$(PY) -m helpers check-published

compare: $(STAMP)
	@test -n "$(BEFORE)" || (echo "usage: make compare BEFORE=YYYY-MM-DD [AFTER=YYYY-MM-DD]"; exit 2)
	$(PY) -m helpers compare --before $(BEFORE) $(if $(AFTER),--after $(AFTER))

sync: $(STAMP)
	$(PY) -m helpers sync

student: $(STAMP)
	$(PY) -m helpers student

.PHONY: grade
grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || \
		(echo "usage: make grade SUBMISSIONS=DIR [PACK=DIR] [ALLOW_OTHER_DATA=1] [TIME_LIMIT=S]"; exit 2)
	$(PY) -m helpers grade --submissions "$(SUBMISSIONS)" $(if $(PACK),--pack "$(PACK)") \
		$(if $(ALLOW_OTHER_DATA),--allow-other-data) $(if $(TIME_LIMIT),--time-limit $(TIME_LIMIT))

pack: $(STAMP)
	@test -n "$(TO)" || (echo "usage: make pack TO=DIR [AS_OF=YYYY-MM-DD]"; exit 2)
	$(PY) -m helpers pack --to "$(TO)" $(if $(AS_OF),--as-of $(AS_OF))

# Three tiers of one suite (markers in pyproject.toml). unit: no notebook executed, no book built (under 30 s).
# test, the README's test command: lint, unit, the book built from the committed notebooks, and every notebook executed
# once by nbval with its key figures compared against the committed ones (under 90 s). test-all: test and the slow tier
# (notebooks at other dates and parameters, the student edition, grading, kills and damage, Chromium, the PDF).
PYTEST := $(PY) -m pytest -n $(JOBS) --dist loadfile -p no:cacheprovider
NBVAL := --nbval-lax --nbval-current-env

# The pinned ruff (pyproject.toml [tool.ruff]) over the code, the tests, the tools and the notebooks: the linter, then
# the formatter's check (`$(BIN)/ruff format .` applies it). A second or so; make test and make test-all run it first.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Test files all of whose tests are slow, or build the book (a module-level pytestmark), are not even imported by
# the tiers that leave them out: importing them (papermill, Sphinx, ...) in each worker only to deselect them cost
# about a second.
SLOW_FILES := $(shell grep -l '^pytestmark = pytest.mark.slow' tests/*.py tests/*/*.py 2>/dev/null)
BOOK_FILES := $(shell grep -l '^pytestmark = pytest.mark.book' tests/*.py tests/*/*.py 2>/dev/null)
unit: $(STAMP)
	$(PYTEST) -p no:nbval -m "not slow and not book" $(addprefix --ignore=,$(SLOW_FILES) $(BOOK_FILES)) tests

test: $(STAMP) lint
	$(PY) -m helpers build
	$(PYTEST) $(NBVAL) -m "not slow" $(addprefix --ignore=,$(SLOW_FILES)) tests notebooks

test-all: $(STAMP) lint
	$(PY) -m helpers build
	$(PYTEST) $(NBVAL) tests notebooks

bench: $(STAMP)
	$(PY) tools/bench.py --snapshot "$(SNAPSHOT)" $(if $(QUICK),--quick) $(if $(RUNS),--runs $(RUNS)) \
		$(if $(BENCH_OUT),--out "$(BENCH_OUT)")

clean-reports:
	rm -rf reports

clean: clean-reports
	rm -rf $(VENV)
