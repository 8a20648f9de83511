# The two commands of the quick start: `make demo` and `make test`. Both install what is
# missing (scripts/install-deps.sh), configure and build the default preset first.
JOBS ?= $(shell nproc)

.PHONY: all deps build test demo asan asan-test fuzz bench clean

all: build

deps:
	./scripts/install-deps.sh

build: deps
	cmake --preset default
	cmake --build --preset default -j $(JOBS)

test: build
	ctest --preset default -j $(JOBS)

demo: build
	./build/bin/writ check policies/

asan: deps
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS)

asan-test: asan
	ctest --preset asan -j $(JOBS)

fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS)

# The peer benchmark (bench/peers) also needs Node.js and its pinned npm packages.
bench: build
	./scripts/install-bench-deps.sh
	./build/bin/parser_bench 10 5 build/bench-10mb.writ
	./build/bin/compiler_bench
	node bench/peers/run_bench.js

clean:
	rm -rf build build-asan build-fuzz
