# Hamyar: the two commands a person needs are `make demo` and `make test`.
# Everything else here is a step of those two.

CARGO ?= cargo
NPM ?= npm

.PHONY: demo test web-deps web-build fmt-check clippy rust-test web-check api-client api-client-check e2e serve

## Build everything and start Hamyar on SQLite with demo data (http://127.0.0.1:8080).
demo: web-build
	$(CARGO) run -p hamyar -- demo

## Run every test: format, lints, Rust unit + integration tests (also on
## PostgreSQL when HAMYAR_TEST_DATABASE_URL is set), web type-check and unit
## tests, the generated API client's freshness, and browser tests.
test: web-build fmt-check clippy rust-test web-check api-client-check e2e

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && $(NPM) ci --no-audit --no-fund

web-deps: web/node_modules/.package-lock.json

# The binary embeds web/dist, so the web app is built before any cargo step.
web-build: web-deps
	cd web && $(NPM) run build

fmt-check:
	$(CARGO) fmt --all --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test:
	python3 scripts/golden_vectors.py --check
	$(CARGO) test --workspace

web-check: web-deps
	cd web && $(NPM) run typecheck && $(NPM) test

## Regenerate the web app's API client from the server's OpenAPI document.
api-client: web-deps
	mkdir -p target
	$(CARGO) run -q -p hamyar -- openapi > target/openapi.json
	cd web && $(NPM) run gen:api

## Fail if the committed API client is not what the current server describes.
api-client-check: web-deps
	scripts/check-api-client.sh

## Browser tests (playwright-core + Debian chromium) against a real server.
e2e: web-build
	$(CARGO) build -p hamyar
	scripts/e2e.sh

## Run the server on ./hamyar-data.
serve: web-build
	$(CARGO) run -p hamyar -- serve
