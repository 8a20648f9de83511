# The two commands of the quick start: `make demo` and `make test`. Both install what is
# missing (scripts/install-deps.sh), configure and build the default preset first.
JOBS ?= $(shell nproc)

.PHONY: all deps build test demo asan asan-test fuzz bench bench-bpic clean

all: build

deps:
	./scripts/install-deps.sh

build: deps
	cmake --preset default
	cmake --build --preset default -j $(JOBS)

test: build
	ctest --preset default -j $(JOBS)

# The demo: a day of incidents (examples/day/) replayed through the policy of LANGUAGE.md
# into a fresh audit trail, a readable summary of what the policy decided, and the trail's
# verification with its final hash. The decisions themselves are in build/demo-decisions.jsonl.
DEMO_TRAIL = build/demo-audit.db
DEMO_EVENTS = examples/day/events.jsonl

demo: build
	rm -f $(DEMO_TRAIL) $(DEMO_TRAIL)-wal $(DEMO_TRAIL)-shm
	./build/bin/writ replay --policy tests/fixtures/language examples/day/resolution.writ \
	  --events $(DEMO_EVENTS) --until 2026-12-18T00:00:00Z --audit $(DEMO_TRAIL) > build/demo-decisions.jsonl
	python3 examples/day/summary.py $(DEMO_EVENTS) build/demo-decisions.jsonl
	./build/bin/writ audit verify $(DEMO_TRAIL)

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
	./build/bin/runtime_bench
	node bench/peers/run_bench.js

# The BPIC 2013 replay (adapter, replay with audit, report), timed; needs ../shared/data.
bench-bpic: build
	./bench/bpic_bench.sh

clean:
	rm -rf build build-asan build-fuzz
