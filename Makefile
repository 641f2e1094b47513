# The newcomer's two commands: `make report` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages WeasyPrint needs to render (Pango) and the fonts the PDF embeds.
REPORT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
  fonts-crosextra-caladea fonts-crosextra-carlito
# Debian packages the tests use to read the PDF as a reader's tools do, and the browser the
# site's accessibility test (axe-core) runs in.
TEST_DEBS := poppler-utils qpdf chromium

.PHONY: report test quick lint typecheck unit unit-no-fastyaml setup setup-test clean golden bench fuzz \
  compiled-templates

report: setup compiled-templates
	$(BIN)/tierreport build --edition .

# The templates compiled for this installation (tierreport/render/compiled.py), so that no build
# compiles them again; made afresh by every target that builds or tests, in under a second, so
# they follow any edit of a template (an out-of-date set is never used).
compiled-templates: setup
	$(BIN)/python -m tierreport.render.compiled

test: setup-test lint typecheck unit unit-no-fastyaml

unit: compiled-templates
	$(BIN)/pytest

# The fast lane for a maintainer's edit-test loop: lint, types and every test that renders no full
# PDF and starts no browser. CI and `make test` run everything.
quick: setup-test lint typecheck compiled-templates
	$(BIN)/pytest -q -m "not slow and not browser"

# The tests of reading and checking an edition again with the libyaml fast path off
# (tierreport/load/fastyaml.py): ruamel alone must give every message they expect.
unit-no-fastyaml:
	TIERREPORT_NO_FASTYAML=1 $(BIN)/pytest -q tests/test_check.py tests/test_input_files.py \
	  tests/test_input_values.py tests/test_engine_checks.py tests/test_standards_file.py \
	  tests/test_editorial_status.py

lint:
	$(BIN)/ruff check tierreport tests benchmarks
	$(BIN)/ruff format --check tierreport tests benchmarks

typecheck:
	$(BIN)/mypy

setup: $(VENV)/.installed
setup-test: $(VENV)/.installed-test node_modules/.installed

# axe-core and the Nu HTML Checker (vnu-jar), pinned by package-lock.json, for the site's tests.
# Node.js/npm and Java (for vnu-jar) come from Debian when the machine has none of its own.
node_modules/.installed: package.json package-lock.json
	command -v npm >/dev/null || scripts/ensure-debian-packages nodejs npm
	command -v java >/dev/null || scripts/ensure-debian-packages default-jre-headless
	npm ci --no-audit --no-fund
	touch $@

# The benchmark at full scale (issue 7): a 200-country synthetic edition, each task timed in a
# fresh process beside WeasyPrint and Chromium; writes build-bench/results.md and results.json.
bench: setup-test compiled-templates
	$(BIN)/python benchmarks/run.py

# The property tests at length (issue 12): 10,000 generated country files through check, and
# 10,000 generated YAML documents through both parsers (make test runs a few hundred of each).
fuzz: setup-test
	TIERREPORT_FUZZ_EXAMPLES=10000 $(BIN)/pytest -q --hypothesis-show-statistics \
	  tests/test_fuzz_check.py \
	  tests/test_fastyaml.py::test_both_paths_read_generated_documents_the_same

# Rewrite tests/golden/ from the example edition after an intended change to the site or data.
golden: setup compiled-templates
	$(BIN)/python -m tests.update_golden

$(VENV)/.debs: Makefile scripts/ensure-debian-packages
	scripts/ensure-debian-packages $(REPORT_DEBS)
	@mkdir -p $(VENV) && touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.debs
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	scripts/ensure-debian-packages $(TEST_DEBS)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf build .venv .pytest_cache .mypy_cache .ruff_cache
