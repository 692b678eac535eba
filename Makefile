# The README's commands. Every target sets up .venv from requirements.txt when it is missing
# or older than requirements.txt.
PYTHON ?= python3.11
# A GPU machine passes a copy with tensorflow[and-cuda] in place of tensorflow-cpu.
REQUIREMENTS ?= requirements.txt
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build test lint bench clear-cache check-determinism check-claims check-claims-verified clean vendor-katex sync-labs \
	sync-notebooks test-notebooks check-site vendor-axe

$(STAMP): $(REQUIREMENTS) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r $(REQUIREMENTS)
	touch $(STAMP)

# --dirty: after the first build, only the pages whose file or listings changed are rebuilt (a
# second, not the whole site); the search index then covers those pages only, until a restart.
serve: $(STAMP)  ## run stale listings, build, serve at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --strict --dirty --dev-addr 127.0.0.1:8000

# ENGINE=mkdocs (the tested default) or ENGINE=zensical; both read mkdocs.yml. Zensical runs
# no hooks, so `courserun prebuild` first does the hook's work (checks, stale listings and labs,
# fragments, lab pages, the report, stale notebooks refused). Never `zensical build --clean`.
ENGINE ?= mkdocs

build: $(STAMP)  ## run stale listings and labs, write the static site to site/ (ENGINE=zensical too)
	$(BIN)/python -m courserun prebuild
ifeq ($(ENGINE),mkdocs)
	$(BIN)/mkdocs build --strict
else ifeq ($(ENGINE),zensical)
	$(BIN)/zensical build
else
	$(error ENGINE must be mkdocs or zensical, not '$(ENGINE)')
endif

test: $(STAMP)  ## lint, then every test: listings, claims, docs code blocks, strict build
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-notebooks: $(STAMP)  ## run every chapter and lab notebook top to bottom in a fresh kernel
	COURSERUN_NOTEBOOKS=1 $(BIN)/python -m pytest tests/test_notebooks.py -k runs_top_to_bottom

lint: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)  ## clean test run, unchanged rebuild, one-snippet rebuild
	$(BIN)/python -m courserun bench

check-site: $(STAMP)  ## open every page of site/ in headless Chromium, both schemes (after make build)
	$(BIN)/python tools/check_site.py site --screenshots build/site-check

sync-labs: $(STAMP)  ## rewrite each lab's paired .ipynb (what Colab opens) from its .py
	$(BIN)/python -m courserun sync-labs

sync-notebooks: $(STAMP)  ## rewrite each chapter's notebook (docs/notebooks/) from its page
	$(BIN)/python -m courserun sync-notebooks

clear-cache: $(STAMP)
	$(BIN)/python -m courserun clear-cache

# SEEDS: 100-104 (the fixed held-out set CI uses), a list such as 7,9,11,13,15, or random (five
# seeds drawn from the date). CHAPTERS: some chapters (or labs) only; default all.
SEEDS ?= 100-104
CHAPTERS ?=
check-claims: $(STAMP)  ## every seeded listing on other seeds, then its claims' tests
	$(BIN)/python -m courserun check-claims --seeds $(SEEDS) $(CHAPTERS)

# The chapters whose claims have been shown to hold on 100-104; CI (.ci/run and the CPU job)
# requires them. A chapter joins this list once `make check-claims CHAPTERS=<it>` passes; the
# ones not yet on it are named in issue 18's notes. `make check-claims` alone checks them all.
CLAIMS_VERIFIED := training introduction perceptron environments keras_api neural_networks \
	activations optimizers overfitting topologies labs
check-claims-verified: $(STAMP)  ## check-claims on 100-104 for the chapters CI requires
	$(BIN)/python -m courserun check-claims --seeds 100-104 $(CLAIMS_VERIFIED)

check-determinism: $(STAMP)  ## run every listing twice without the cache; name those that differ
	$(BIN)/python -m courserun check-determinism

clean:
	rm -rf site docs/_generated .courserun .cache .pytest_cache .ruff_cache

KATEX_VERSION := 0.19.1
vendor-katex:  ## refresh docs/assets/katex from the npm registry (woff2 fonts only)
	rm -rf /tmp/katex-vendor && mkdir -p /tmp/katex-vendor
	cd /tmp/katex-vendor && npm pack --silent katex@$(KATEX_VERSION) && tar xzf katex-$(KATEX_VERSION).tgz
	rm -rf docs/assets/katex && mkdir -p docs/assets/katex/contrib docs/assets/katex/fonts
	cp /tmp/katex-vendor/package/dist/katex.min.js /tmp/katex-vendor/package/dist/katex.min.css docs/assets/katex/
	cp /tmp/katex-vendor/package/dist/contrib/auto-render.min.js docs/assets/katex/contrib/
	cp /tmp/katex-vendor/package/dist/fonts/*.woff2 docs/assets/katex/fonts/
	cp /tmp/katex-vendor/package/LICENSE docs/assets/katex/LICENSE
	echo $(KATEX_VERSION) > docs/assets/katex/VERSION
	sed -i -E 's/,url\(fonts\/[A-Za-z0-9_-]+\.woff\) format\("woff"\),url\(fonts\/[A-Za-z0-9_-]+\.ttf\) format\("truetype"\)//g' docs/assets/katex/katex.min.css

AXE_VERSION := 4.14.1
vendor-axe:  ## refresh tools/axe (axe-core, used by check-site) from the npm registry
	rm -rf /tmp/axe-vendor && mkdir -p /tmp/axe-vendor
	cd /tmp/axe-vendor && npm pack --silent axe-core@$(AXE_VERSION) && tar xzf axe-core-$(AXE_VERSION).tgz
	rm -rf tools/axe && mkdir -p tools/axe
	cp /tmp/axe-vendor/package/axe.min.js /tmp/axe-vendor/package/LICENSE tools/axe/
	echo $(AXE_VERSION) > tools/axe/VERSION
