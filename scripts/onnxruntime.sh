# shellcheck shell=bash
# Fetches the ONNX Runtime C library (libonnxruntime.so.1, 1.30.0) that the evaluators bind through P/Invoke.
# NuGet here does not serve Microsoft.ML.OnnxRuntime, so the library comes from the npm package
# onnxruntime-node, which ships the same official Linux x64 build. Checked against a pinned SHA-256 and
# cached under .data/onnxruntime (or $LANTERN_ONNXRUNTIME_DIR); a cached, verified copy costs one sha256sum.
# Sourced by run.sh and test.sh; exports LANTERN_ONNXRUNTIME_PATH. On failure it warns and exports nothing:
# the node then runs with evaluators disabled.

ort_version="1.30.0"
ort_sha256="ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23"

ort_fetch() {
  local dir="${LANTERN_ONNXRUNTIME_DIR:-$(pwd)/.data/onnxruntime}"
  local lib="$dir/libonnxruntime.so.1"
  if [ -f "$lib" ] && echo "$ort_sha256  $lib" | sha256sum -c --quiet - >/dev/null 2>&1; then
    echo "$lib"; return 0
  fi
  command -v npm >/dev/null || { echo "npm is required to fetch ONNX Runtime $ort_version." >&2; return 1; }
  mkdir -p "$dir"
  local tmp
  tmp="$(mktemp -d "$dir/fetch.XXXXXX")"
  echo "Fetching ONNX Runtime $ort_version (npm pack onnxruntime-node@$ort_version)..." >&2
  if ! (cd "$tmp" && npm pack --silent "onnxruntime-node@$ort_version" >/dev/null \
        && tar -xzf "onnxruntime-node-$ort_version.tgz" package/bin/napi-v6/linux/x64/libonnxruntime.so.1); then
    rm -rf "$tmp"; echo "Could not fetch onnxruntime-node@$ort_version with npm." >&2; return 1
  fi
  local fetched="$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1"
  if ! echo "$ort_sha256  $fetched" | sha256sum -c --quiet - >/dev/null 2>&1; then
    rm -rf "$tmp"; echo "libonnxruntime.so.1 from onnxruntime-node@$ort_version does not match the pinned SHA-256." >&2; return 1
  fi
  mv -f "$fetched" "$lib"
  rm -rf "$tmp"
  echo "$lib"
}

if ort_lib="$(ort_fetch)"; then
  export LANTERN_ONNXRUNTIME_PATH="$ort_lib"
else
  echo "ONNX Runtime unavailable: evaluators will be disabled." >&2
fi
unset ort_lib
