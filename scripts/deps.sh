#!/usr/bin/env bash
# Installs what qaf needs to build and test, and nothing that is already there.
# Debian packages through apt-get (sudo only when not root), Python packages through pip.
# Idempotent: when everything is present it only checks, which takes well under a second.
set -euo pipefail

debian_packages=(
  cmake g++ make
  nlohmann-json3-dev libboost-date-time-dev libsimdjson-dev libcsv-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev clang-format clang-tidy
  python3 python3-pip python3-dev python3-venv pybind11-dev
  chromium fonts-dejavu-core time
)
# pip name:import name. The Python module (issue 12) builds with scikit-build-core and pybind11
# and returns pandas DataFrames; its tests type-check it with mypy (pandas-stubs gives
# mypy pandas' types) and the what-if example plots with matplotlib. The Dask example and its
# test (issue 13) run Engine.assess_frame over dask.dataframe partitions on a distributed
# LocalCluster.
python_packages=(
  pytest:pytest jsonschema:jsonschema
  scikit-build-core:scikit_build_core pybind11:pybind11
  numpy:numpy pandas:pandas pandas-stubs:pandas-stubs matplotlib:matplotlib mypy:mypy
  "dask[dataframe]:dask.dataframe" distributed:distributed
)

missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python=${PYTHON:-python3}
missing=()
for entry in "${python_packages[@]}"; do
  package=${entry%%:*}
  module=${entry#*:}
  if [ "$module" = pandas-stubs ]; then  # typing only: nothing to import, ask pip's metadata
    "$python" -c "import importlib.metadata as m; m.version('pandas-stubs')" 2>/dev/null ||
      missing+=("$package")
    continue
  fi
  # A dotted module (dask.dataframe) imports its parent to be found: no parent, not there.
  "$python" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$module') is None)" \
    2>/dev/null || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing Python packages: ${missing[*]}"
  "$python" -m pip install --quiet --disable-pip-version-check "${missing[@]}" ||
    "$python" -m pip install --quiet --disable-pip-version-check --break-system-packages "${missing[@]}"
fi
