# The front door: a thin layer over CMake. Every target first runs `deps`, which installs only
# what is missing. The command-line tool lands at build/bin/qaf.
.PHONY: all deps build test test-normal test-asan test-python python-install fuzz demo bench \
  bench-python format tidy clean

JOBS ?= $(shell nproc)
PYTHON ?= python3
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 20
# The Python tests run against the module as pip installs it, in this virtual environment; it sees
# the packages deps.sh installed (--system-site-packages), so the build needs no download.
VENV ?= build/venv
CCACHE := $(shell command -v ccache 2>/dev/null)

all: build

deps:
	@PYTHON=$(PYTHON) scripts/deps.sh

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQAF_WERROR=ON $(CMAKE_FLAGS)
	cmake --build build -j $(JOBS)

# The normal build, the sanitizer build (separate directory), the Python tests, a short fuzz run.
test: test-normal test-asan test-python fuzz

test-normal: build
	ctest --test-dir build --output-on-failure -j $(JOBS)

test-asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DQAF_WERROR=ON -DQAF_SANITIZE=ON \
	  -DQAF_BUILD_BENCH=OFF -DQAF_INSTALL=OFF $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# pip install . into $(VENV); build/python keeps the module's CMake tree between runs.
python-install: deps
	$(PYTHON) -m venv --system-site-packages $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-build-isolation \
	  -Cbuild-dir=build/python $(if $(CCACHE),-Ccmake.define.CMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE)) .

test-python: build python-install
	QAF_CLI=$(CURDIR)/build/bin/qaf $(VENV)/bin/python -m pytest -q tests/python

# Each libFuzzer target runs briefly over its seed corpus (tests/fuzz/corpus/<name>).
fuzz: deps
	cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" -DQAF_BUILD_FUZZ=ON \
	  -DQAF_BUILD_TESTS=OFF -DQAF_BUILD_BENCH=OFF -DQAF_BUILD_TOOLS=OFF -DQAF_INSTALL=OFF
	cmake --build build-fuzz -j $(JOBS)
	@for target in build-fuzz/bin/*_fuzz; do \
	  name=$$(basename $$target); corpus=tests/fuzz/corpus/$${name%_fuzz}; \
	  mkdir -p fuzz-corpus/$$name; \
	  echo "fuzz: $$name for $(FUZZ_SECONDS)s"; \
	  $$target -max_total_time=$(FUZZ_SECONDS) -print_final_stats=0 fuzz-corpus/$$name $$corpus \
	    2>build-fuzz/$$name.log || { tail -50 build-fuzz/$$name.log; exit 1; }; \
	done

demo: build
	@scripts/demo.sh build/bin/qaf

# Each benchmark program prints its table and writes it as JSON to build-bench/<program>.json.
bench: deps
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DQAF_BUILD_TESTS=OFF
	cmake --build build-bench -j $(JOBS)
	@for program in build-bench/bin/*_bench; do \
	  $$program --benchmark_out=build-bench/$$(basename $$program).json \
	    --benchmark_out_format=json || exit 1; \
	done

# assess_frame on 100k providers against per-provider calls and the CLI (docs/performance.md).
bench-python: build python-install
	$(VENV)/bin/python bench/python/assess_frame_bench.py --cli build/bin/qaf

format:
	git ls-files '*.hpp' '*.cpp' | xargs clang-format -i

tidy: build
	git ls-files 'src/*.cpp' 'tools/*.cpp' | xargs clang-tidy -p build --quiet

clean:
	rm -rf build build-asan build-fuzz build-bench fuzz-corpus
