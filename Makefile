# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench bench-soak bench-flood fuzz migrate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# `run` migrates at start (into the log, not over the terminal)
run: $(STAMP)
	$(BIN)/studio-bot run

# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set: otherwise every test worker and
# every bot process the tests start compiles the project (and pytest rewrites every test module)
# anew. The caches are __pycache__ directories, kept out of git.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n 3 --dist worksteal

bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks

# issue 14's one-hour soak of mixed traffic: the bot's RSS at start, middle and end
bench-soak: $(STAMP)
	$(BIN)/python -m tests.benchmarks.bench_memory --minutes 60

bench-flood: $(STAMP)
	$(BIN)/python -m tests.benchmarks flood

fuzz: $(STAMP)
	$(BIN)/python -m tests.benchmarks fuzz

migrate: $(STAMP)
	$(BIN)/studio-bot db upgrade

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
