# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes for `make test` (pytest-xdist); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2

.PHONY: run serve varnish proxy-test test test-fast e2e bench soak lint format messages backup restore clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall only when a requirements file changed.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

run: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --address http://$(HOST):$(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

# Production-like serving: production settings, collected static files served by whitenoise; the
# Site record gets $SITE_URL (else the address served) so that canonical links and e-mails point here.
serve: $(VENV)/.installed
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY is required (see README, Configuration)"; exit 1; }
	@test -n "$$ALLOWED_HOSTS" || { echo "ALLOWED_HOSTS is required (see README, Configuration)"; exit 1; }
	DJANGO_SETTINGS_MODULE=webassoc.settings.production $(MANAGE) collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=webassoc.settings.production $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=webassoc.settings.production $(MANAGE) set_site_url "$${SITE_URL:-http://$(HOST):$(PORT)}"
	DJANGO_SETTINGS_MODULE=webassoc.settings.production $(VENV)/bin/gunicorn webassoc.wsgi:application \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

# Varnish in front of `make serve` (docs/caching.md): the repository's VCL, with PORT as the application's
# port, listening on VARNISH_PORT. Run `make serve` with FRONTEND_CACHE_URL=http://127.0.0.1:$(VARNISH_PORT)
# and TRUSTED_PROXY_COUNT=1 in another terminal, then browse http://127.0.0.1:$(VARNISH_PORT)/.
VARNISHD ?= $(shell command -v varnishd 2>/dev/null || echo /usr/sbin/varnishd)
VARNISH_PORT ?= 6081
VARNISH_DIR ?= /tmp/webassoc-varnish-$(VARNISH_PORT)
varnish:
	@test -x "$(VARNISHD)" || { echo "varnishd not found: apt-get install varnish"; exit 1; }
	@mkdir -p $(VARNISH_DIR)
	sed 's/\.port = "8000";/.port = "$(PORT)";/' deploy/varnish/default.vcl > $(VARNISH_DIR)/default.vcl
	$(VARNISHD) -F -a $(HOST):$(VARNISH_PORT) -f $(VARNISH_DIR)/default.vcl -n $(VARNISH_DIR)/work -s malloc,256m

# The site behind Varnish (tests/proxy): gunicorn on PROXY_APP_PORT, varnishd on PROXY_PORT.
proxy-test: $(VENV)/.installed-dev
	$(PY) -m pytest tests/proxy -p no:xdist $(PYTEST_ARGS)

test: $(VENV)/.installed-dev
	$(MANAGE) check --settings=webassoc.settings.test
	$(MANAGE) makemigrations --check --dry-run --settings=webassoc.settings.test
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

e2e: $(VENV)/.installed-dev
	$(PY) -m pytest tests/e2e -p no:xdist $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev
	$(PY) -m tests.bench.run $(BENCH_ARGS)

soak: $(VENV)/.installed-dev
	$(PY) -m tests.bench.soak $(SOAK_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

# Extract, fill and compile the French translations (needs GNU gettext, development only).
messages: $(VENV)/.installed-dev
	$(MANAGE) makemessages -l fr --no-obsolete --no-location --ignore='.venv/*' --ignore='tests/*' --ignore='staticfiles/*'
	$(MANAGE) compilemessages -l fr --ignore='.venv/*'

# Backups of the database and media into backups/<timestamp>/ (see README, Security and operations).
backup: $(VENV)/.installed
	$(MANAGE) backup_site

# make restore BACKUP=backups/20250101-120000 (asks for confirmation; NOINPUT=1 to skip it).
restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<timestamp>"; exit 1; }
	$(MANAGE) restore_site "$(BACKUP)" $(if $(NOINPUT),--noinput,)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
