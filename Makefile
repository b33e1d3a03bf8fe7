# The project's few commands. `make run` and `make check` are the README's two commands.
# uv is bootstrapped into .tools/ so nothing is installed outside the checkout.
PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv

.PHONY: run check lint test package test-package clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --all-extras
	touch $@

run: .venv/.synced
	$(UV) run --no-sync motcua $(ARGS)

lint: .venv/.synced
	$(UV) run --no-sync ruff check .
	$(UV) run --no-sync ruff format --check .
	$(UV) run --no-sync mypy

# The `package` tests build the installers (~1.5 min): not part of `make check`; `make test-package` runs them.
test: .venv/.synced
	QT_QPA_PLATFORM=offscreen $(UV) run --no-sync pytest -m "not package" $(PYTEST_ARGS)

check: lint test

# The installers: the PyInstaller bundle (installer/out/dist/motcua/) and, on Linux, the .deb (installer/out/).
package: $(UV)
	$(PYTHON) installer/build.py

test-package: .venv/.synced
	QT_QPA_PLATFORM=offscreen $(UV) run --no-sync pytest -m package tests/e2e/test_package.py $(PYTEST_ARGS)

clean:
	rm -rf .venv .tools build dist
