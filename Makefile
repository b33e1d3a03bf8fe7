# The project's few commands. `make run` and `make check` are the README's two commands.
# uv is bootstrapped into .tools/ so nothing is installed outside the checkout.
PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv

.PHONY: run check lint test test-dates package test-package clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: $(UV) pyproject.toml sync/pyproject.toml uv.lock
	$(UV) sync --locked --all-extras --compile-bytecode
	touch $@

run: .venv/.synced
	$(UV) run --no-sync motcua $(ARGS)

lint: .venv/.synced
	$(UV) run --no-sync ruff check .
	$(UV) run --no-sync ruff format --check .
	$(UV) run --no-sync mypy
	$(UV) run --no-sync lint-imports --no-logo

# Tests run on all cores (pytest-xdist; each worker has its own profiles, ports and PostgreSQL cluster) and at
# a pinned date (tests/clock.py). `make test PYTEST_ARGS="-n0 tests/unit -x"` runs serially.
# pytest exits 5 when it collected no test: said here, a failure like any other (.ci/run says so too).
# Bytecode is cached even where the environment sets PYTHONDONTWRITEBYTECODE (CI's does): `uv sync
# --compile-bytecode` writes the libraries' .pyc once, and the tests (and every process they start: servers,
# `motcua` commands, workers) write ours; without it each process compiled SQLAlchemy, pydantic and our code
# anew, 1-2 s of CPU each.
PYTEST = env -u PYTHONDONTWRITEBYTECODE QT_QPA_PLATFORM=offscreen $(UV) run --no-sync pytest -n auto --dist load
NO_TESTS = { rc=$$?; [ $$rc -ne 5 ] || echo "pytest collected no tests" >&2; exit $$rc; }
# The date-sensitive tests (marker `dates`, tests/clock.py) also run, in the same session, at these awkward
# moments (the pinned default is a working Thursday morning): the last afternoon of a year, a Sunday, after
# the 15:00 cut-off; the first working day after Tết 2027, before opening; a leap day at lunch. The years
# 2027-2028 have no official schedule. Each moment costs about a minute of CI on 2 cores, so `make test` (and
# CI) runs the first of them and `make test-dates` all three.
DATES := 2028-12-31T16:40,2027-02-11T07:45,2028-02-29T12:15
CHECK_DATES := 2028-12-31T16:40

# The `package` tests build the installers (~1.5 min; serially: they share one build): not part of `make check`;
# `make test-package` runs them.
test: .venv/.synced
	$(PYTEST) -m "not package" --also-at=$(CHECK_DATES) $(PYTEST_ARGS) || $(NO_TESTS)

# Only the date-sensitive modules, at the pinned date and at all of DATES.
test-dates: .venv/.synced
	$(PYTEST) --date-sensitive -m "not package" --also-at=$(DATES) $(PYTEST_ARGS) || $(NO_TESTS)

check: lint test

# The installers: the PyInstaller bundle (installer/out/dist/motcua/) and, on Linux, the .deb (installer/out/).
package: $(UV)
	$(PYTHON) installer/build.py

test-package: .venv/.synced
	$(PYTEST) -n0 -m package -o timeout=1500 -o faulthandler_timeout=1800 tests/e2e/test_package.py $(PYTEST_ARGS) || $(NO_TESTS)

clean:
	rm -rf .venv .tools build dist
