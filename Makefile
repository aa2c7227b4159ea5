# Louvre Lens Vallée — site build.  `make help` lists the targets.
PYTHON_SYSTEM ?= python3
VENV          := .venv
PY            := $(VENV)/bin/python
PELICAN       := $(VENV)/bin/pelican
PYBABEL       := $(VENV)/bin/pybabel
STAMP         := $(VENV)/.installed-from-lock
OUTPUTDIR     := output
PORT          ?= 8000
PO_FILES      := $(wildcard theme/translations/*/LC_MESSAGES/messages.po)
MO_FILES      := $(PO_FILES:.po=.mo)

.DEFAULT_GOAL := help
.PHONY: help venv html test snapshots serve devserver publish clean translations lock check schemas bench audit deploy cms cms-canonical cms-vendor fonts

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

# The virtual environment is (re)built only when missing or older than the lock.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV) || \
	  { echo "Cannot create $(VENV): on Debian, run 'apt-get install python3-venv'." >&2; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

venv: $(STAMP) ## Create .venv from requirements.lock (only when missing or stale)

theme/translations/%/LC_MESSAGES/messages.mo: theme/translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(PYBABEL) compile --statistics -d theme/translations -D messages -l $*

html: $(STAMP) $(MO_FILES) ## Build the site into output/ (previous output kept on failure)
	$(PY) -m tools.build --settings pelicanconf.py --output $(OUTPUTDIR)

publish: $(STAMP) $(MO_FILES) ## Build with publishconf.py (production URLs; SITEURL=… for a preview)
	$(PY) -m tools.build --settings publishconf.py --output $(OUTPUTDIR) $(if $(SITEURL),--siteurl "$(SITEURL)")

test: $(STAMP) $(MO_FILES) ## Run the test suite (installs chromium, Java, node_modules/ when missing)
	bash tools/install_test_tools.sh
	$(PY) -m pytest -n auto --dist loadfile

snapshots: $(STAMP) $(MO_FILES) ## Rewrite tests/snapshots/ (what a visitor reads on each page type) after a deliberate change
	$(PY) -m tests.snapshot_pages

serve: $(STAMP) ## Serve output/ on http://localhost:$(PORT)
	$(PELICAN) --listen --port $(PORT) --output $(OUTPUTDIR) --settings pelicanconf.py

devserver: $(STAMP) $(MO_FILES) ## Rebuild on save, serve on http://localhost:$(PORT), refresh open pages
	$(PY) -m tools.devserver --settings pelicanconf.py --output $(OUTPUTDIR) --port $(PORT)

translations: $(STAMP) ## Extract UI strings, update the .po catalogues, compile them
	$(PYBABEL) extract --no-location --sort-output -F babel.cfg -k _ -k N_ --omit-header -o theme/translations/messages.pot .
	$(PYBABEL) update --no-fuzzy-matching --ignore-pot-creation-date -i theme/translations/messages.pot -d theme/translations -D messages
	$(PYBABEL) compile --statistics -d theme/translations -D messages

check: $(STAMP) ## Validate all content without building; print every error (GitHub annotations in Actions)
	$(PY) -m tools.check $(if $(filter true,$(GITHUB_ACTIONS)),--github)

schemas: $(STAMP) $(MO_FILES) ## Export the content types as JSON Schema (schemas/) and the CMS's configuration
	$(PY) -m tools.schemas

cms: html ## The CMS at http://127.0.0.1:$(PORT)/admin/, saving into this working copy's content/
	bash tools/install_test_tools.sh --cms
	$(PY) -m tools.cms --port $(PORT)

cms-canonical: ## Rewrite content files the CMS edits exactly as it writes them (after editing them by hand)
	bash tools/install_test_tools.sh --cms
	node tools/cms_canonical.mjs

CMS_VENDOR := vendor/decap-cms
cms-vendor: ## Copy the Decap CMS release pinned in vendor/decap-cms/package-lock.json (from npm)
	cd $(CMS_VENDOR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	cp $(CMS_VENDOR)/node_modules/decap-cms/dist/decap-cms.js $(CMS_VENDOR)/decap-cms.js
	cp $(CMS_VENDOR)/node_modules/decap-cms/dist/decap-cms.js.LICENSE.txt $(CMS_VENDOR)/THIRD-PARTY-LICENSES.txt
	rm -rf $(CMS_VENDOR)/node_modules

fonts: $(STAMP) ## Regenerate the subset web font, the cards' font and the wordmark from npm's @fontsource package
	$(PY) -m tools.fonts

bench: $(STAMP) $(MO_FILES) ## Run the benchmarks and print their figures
	$(PY) -m tools.bench

audit: $(STAMP) $(MO_FILES) ## Lighthouse scores and page weights of the built site
	$(PY) -m tools.audit

deploy: $(STAMP) ## Upload output/ to the S3 bucket named in the environment (DRY_RUN=1: plan only; PREVIEW=n: a pull request's preview)
	$(PY) -m tools.deploy $(if $(DRY_RUN),--dry-run) $(if $(PREVIEW),--preview "$(PREVIEW)") $(OUTPUTDIR)

lock: $(STAMP) ## Re-pin requirements.lock from pyproject.toml
	$(VENV)/bin/pip-compile --quiet --all-extras --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml

clean: ## Remove output/ and build leftovers (the virtual environment stays)
	rm -rf $(OUTPUTDIR) .build
	find theme/translations -name '*.mo' -delete
