PORT ?= 8000
export PORT

.PHONY: run test setup serve

## make run: set up, migrate the embedded SQLite database, load the minigids and demo data, serve on 127.0.0.1:$(PORT)
run:
	scripts/setup.sh
	scripts/run.sh

## make test: set up (Python packages, PostgreSQL, Chromium) and run lint, checks and the whole suite on PostgreSQL
test:
	scripts/setup.sh --test
	scripts/test.sh $(ARGS)

setup:
	scripts/setup.sh
