#!/usr/bin/env bash
# Builds scripts/llama-probe.cpp against the cached llama.cpp build (scripts/llama-cpp.sh) and prints the probe's path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(LLAMA_TARGETS="${LLAMA_TARGETS:-llama-bench llama-batched-bench llama-server}" "$here/llama-cpp.sh")
cache=$(dirname "$(dirname "$bin")")
probe="$cache/llama-probe"
if [ ! -x "$probe" ] || [ "$here/llama-probe.cpp" -nt "$probe" ]; then
  c++ -O2 -std=c++17 "$here/llama-probe.cpp" -I"$cache/src/include" -I"$cache/src/ggml/include" \
    -L"$bin" -lllama -lggml -lggml-base -Wl,-rpath,"$bin" -o "$probe"
fi
echo "$probe"
