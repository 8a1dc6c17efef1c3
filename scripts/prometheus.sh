# shellcheck shell=bash
# Prometheus helpers for test.sh (and operators trying the rules locally): install Debian's `prometheus` package
# (prometheus + promtool) when missing, start a private server on a loopback port with a given config, stop it.
# Sourcing exports LANTERN_TEST_PROMETHEUS and LANTERN_TEST_PROMTOOL when the binaries are present.

prom_install() {
  if command -v prometheus >/dev/null && command -v promtool >/dev/null; then prom_export; return 0; fi
  echo "Installing Prometheus (apt)..." >&2
  if [ "$(id -u)" -ne 0 ]; then echo "Prometheus is missing and this is not root: run 'sudo apt-get install prometheus'." >&2; return 1; fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  # The package may start a system server on :9090; Lantern's tests start their own, so leave that one stopped.
  (service prometheus stop || true) >/dev/null 2>&1
  prom_export
}

prom_export() {
  LANTERN_TEST_PROMETHEUS="$(command -v prometheus)"
  LANTERN_TEST_PROMTOOL="$(command -v promtool)"
  export LANTERN_TEST_PROMETHEUS LANTERN_TEST_PROMTOOL
}

# prom_start DIR PORT CONFIG: runs Prometheus with CONFIG, its data and log in DIR, on 127.0.0.1:PORT; waits until ready.
prom_start() {
  local dir="$1" port="$2" config="$3" i
  mkdir -p "$dir/data"
  prometheus --config.file="$config" --storage.tsdb.path="$dir/data" --web.listen-address="127.0.0.1:$port" \
    --web.enable-lifecycle >"$dir/prometheus.log" 2>&1 &
  echo $! >"$dir/prometheus.pid"
  for i in $(seq 1 300); do
    if prom_ready "$port"; then return 0; fi
    kill -0 "$(cat "$dir/prometheus.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "Prometheus did not become ready on port $port:" >&2; cat "$dir/prometheus.log" >&2
  prom_stop "$dir"
  return 1
}

# prom_ready PORT: true when the server on PORT answers /-/ready with 200 (plain bash: curl may be missing).
prom_ready() {
  local status
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /-/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r _ status _ <&3
  exec 3>&-
  [ "$status" = 200 ]
}

# prom_stop DIR: stops the server prom_start started in DIR, if it runs.
prom_stop() {
  local dir="$1" pid
  [ -f "$dir/prometheus.pid" ] || return 0
  pid="$(cat "$dir/prometheus.pid")"
  kill "$pid" 2>/dev/null && for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$dir/prometheus.pid"
  return 0
}

if command -v prometheus >/dev/null && command -v promtool >/dev/null; then prom_export; fi
