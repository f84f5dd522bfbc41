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

## make serve: as in production: gunicorn (2 x cores + 1 workers) on PostgreSQL (DATABASE_URL, or our own cluster
## under var/postgres), the PDF task worker beside it, on 127.0.0.1:$(PORT)
serve:
	scripts/setup.sh
	scripts/serve.sh

setup:
	scripts/setup.sh
