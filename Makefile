# imbalance-lab. `make serve` and `make test` install whatever is missing first.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: tools venv serve dist test test-native test-wasm test-e2e lint bench clean

tools:
	@scripts/install-tools.sh

## A Python virtual environment for the fixture scripts and the benchmark's comparison.
venv: .venv/bin/python
.venv/bin/python: scripts/requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet -r scripts/requirements.txt
	touch .venv/bin/python

## Build and serve the app on http://127.0.0.1:8080 (release build: the debug one is slow).
serve: tools
	trunk serve --release --offline

## The release site in dist/ (wasm-opt applied), for any static host or sub-path.
dist: tools
	trunk build --release --offline

## Every test: formatting and lints, native, wasm in headless Chromium, end to end.
test: tools lint test-native test-wasm test-e2e

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test

test-wasm:
	cargo test --target wasm32-unknown-unknown --test web

test-e2e: dist venv
	node --test --test-concurrency=1 e2e/

## Benchmarks: the core natively at the notebook's size, then the built app in Chromium, then
## Lighthouse's mobile profile on the built site served gzipped (LCP, TBT, bytes, accessibility).
bench: dist venv
	cargo bench --bench core
	node e2e/bench/browser.mjs
	node e2e/bench/import.mjs
	node e2e/bench/lighthouse.mjs

clean:
	cargo clean
	rm -rf dist e2e/artifacts
