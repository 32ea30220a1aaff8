# Two commands do everything on a fresh machine:
#   make demo   set up .venv and run the full analysis on the bundled demo caseload
#   make test   set up .venv (with test tools and headless Chromium) and run the whole test suite
.PHONY: demo test setup lint

demo:
	bash scripts/setup.sh
	.venv/bin/narrative analyze --out out/demo

test:
	bash scripts/setup.sh --test
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check narrative tests scripts
