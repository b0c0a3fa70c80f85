# Every target sets up what it needs: a fresh clone needs only `make reports` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := iran-news
# Root (as in many containers) must say so, or JupyterLab refuses to start.

.PHONY: install reports test lab bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL) .venv)" >/dev/null
	touch $(STAMP)

reports: $(STAMP)
	$(BIN)/python -m helpers.reports --seeds seeds --out reports

test: $(STAMP)
	$(BIN)/ruff check helpers tests benchmarks
	$(BIN)/python -m pytest tests

lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,dask,lab]'
	$(BIN)/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

eval: $(STAMP)
	$(BIN)/python benchmarks/eval.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
