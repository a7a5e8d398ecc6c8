#!/usr/bin/env bash
# Gets llama.cpp's source from the npm package node-llama-cpp (which ships it as a git bundle), and builds the CPU-only
# tools InferScale measures and tests against. Nothing of llama.cpp is kept in this repository: the source and the build
# live in a cache outside it, keyed by the pinned version, so a second run takes seconds.
#
#   scripts/llama-cpp.sh                      # build the default targets, print the bin folder
#   LLAMA_TARGETS="llama-server" scripts/llama-cpp.sh
#
# Environment: NODE_LLAMA_CPP_VERSION (pin, default below), INFERSCALE_LLAMA_CACHE (cache root),
# LLAMA_TARGETS (space-separated CMake targets), LLAMA_JOBS (parallel jobs, default: cores).
set -euo pipefail
version=${NODE_LLAMA_CPP_VERSION:-3.22.1}
root=${INFERSCALE_LLAMA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/inferscale/llama.cpp}
cache="$root/$version"
targets=${LLAMA_TARGETS:-"llama-bench llama-batched-bench llama-server"}
jobs=${LLAMA_JOBS:-$(nproc)}
log() { echo "llama-cpp.sh: $*" >&2; }

for tool in npm git cmake ninja c++; do
  command -v "$tool" >/dev/null || { log "needs '$tool' (apt-get install -y nodejs npm git cmake ninja-build g++)"; exit 1; }
done

mkdir -p "$cache"
stamp="$cache/.built-$(echo "$targets" | tr ' ' '+')"
if [ -f "$stamp" ]; then
  echo "$cache/build/bin"
  exit 0
fi

if [ ! -d "$cache/src/.git" ]; then
  log "fetching node-llama-cpp@$version from the npm registry"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-llama-cpp@$version" >/dev/null 2>&1)
  tarball=$(ls "$tmp"/node-llama-cpp-*.tgz)
  tar -xzf "$tarball" -C "$tmp" package/llama/gitRelease.bundle
  rm -rf "$cache/src"
  git -c advice.detachedHead=false clone --quiet "$tmp/package/llama/gitRelease.bundle" "$cache/src"
  rm -rf "$tmp"
fi
log "llama.cpp $(git -C "$cache/src" describe --tags --always 2>/dev/null || echo '?') in $cache/src"

# CPU only; no network at build time (no curl, no web UI download), no OpenSSL; native ISA for fair speed comparisons.
cmake -S "$cache/src" -B "$cache/build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DGGML_OPENMP=ON \
  -DBUILD_SHARED_LIBS=ON -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF \
  -DLLAMA_BUILD_EXAMPLES=ON -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_WEBUI=OFF \
  -DGGML_CUDA=OFF -DGGML_VULKAN=OFF -DGGML_METAL=OFF >"$cache/cmake.log" 2>&1 \
  || { log "cmake configure failed; see $cache/cmake.log"; tail -20 "$cache/cmake.log" >&2; exit 1; }
start=$(date +%s)
# shellcheck disable=SC2086
cmake --build "$cache/build" --target $targets -j "$jobs" >"$cache/build.log" 2>&1 \
  || { log "build failed; see $cache/build.log"; tail -30 "$cache/build.log" >&2; exit 1; }
log "built $targets in $(( $(date +%s) - start )) s"
touch "$stamp"
echo "$cache/build/bin"
