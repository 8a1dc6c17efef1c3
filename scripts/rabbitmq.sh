# shellcheck shell=bash
# RabbitMQ helpers for test.sh and the cluster tests: install from apt when missing, start a private broker in a
# folder on loopback ports (its own node name, Erlang cookie, epmd and distribution ports, no management plugin) so
# that several brokers and engineers share a machine without meeting, stop it.

rmq_bindir() {
  local dir
  for dir in /usr/lib/rabbitmq/bin "$(dirname "$(command -v rabbitmq-server 2>/dev/null || echo /nonexistent/x)")"; do
    if [ -x "$dir/rabbitmq-server" ] && [ -x "$dir/rabbitmqctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

rmq_install() {
  if rmq_bindir >/dev/null; then return 0; fi
  echo "Installing RabbitMQ (apt)..." >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "RabbitMQ is missing and this is not root: run 'sudo apt-get install rabbitmq-server'." >&2; return 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
  # The package may start a system broker on 5672; Lantern uses its own, so leave that one stopped.
  ($sudo service rabbitmq-server stop || true) >/dev/null 2>&1
  rmq_bindir >/dev/null
}

rmq_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

# Everything that names this broker: rabbitmqctl must see the same HOME (Erlang cookie), node name and epmd port.
rmq_env() {
  local dir="$1"
  # shellcheck disable=SC1091
  . "$dir/ports"
  export HOME="$dir/home"
  export RABBITMQ_NODENAME="lantern$RMQ_PORT@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$RMQ_PORT"
  export RABBITMQ_DIST_PORT="$RMQ_DIST_PORT"
  export ERL_EPMD_PORT="$RMQ_EPMD_PORT"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_MNESIA_BASE="$dir/mnesia"
  export RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
}

# rmq_start DIR [PORT]: starts (or restarts, same ports and data) the broker kept in DIR; prints its amqp:// URL.
rmq_start() {
  local dir="$1" port="${2:-}" bin
  bin="$(rmq_bindir)"
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  if [ ! -f "$dir/ports" ]; then
    [ -n "$port" ] || port="$(rmq_free_port)"
    printf 'RMQ_PORT=%s\nRMQ_DIST_PORT=%s\nRMQ_EPMD_PORT=%s\n' "$port" "$(rmq_free_port)" "$(rmq_free_port)" >"$dir/ports"
    echo '[].' >"$dir/enabled_plugins"
    echo '[].' >"$dir/advanced.config"
    : >"$dir/rabbitmq-env.conf"
    printf 'listeners.tcp.default = 127.0.0.1:%s\nloopback_users.guest = true\nlog.console = false\nlog.file.level = warning\n' "$port" >"$dir/rabbitmq.conf"
  fi
  (
    rmq_env "$dir"
    # From its own directory: a node that crashes writes its MnesiaCore dump into the working directory.
    (cd "$dir" && exec setsid "$bin/rabbitmq-server" >"$dir/log/stdout.log" 2>&1 </dev/null) &
    local server=$! tries=0
    # await_startup fails at once until the node has registered with epmd, so retry it while the server lives.
    until "$bin/rabbitmqctl" -q await_startup --timeout 60 >/dev/null 2>&1; do
      tries=$((tries + 1))
      if ! kill -0 "$server" 2>/dev/null || [ "$tries" -ge 90 ]; then
        echo "RabbitMQ did not start; see $dir/log" >&2; tail -20 "$dir/log/stdout.log" >&2; exit 1
      fi
      sleep 1
    done
    echo "amqp://guest:guest@127.0.0.1:$RABBITMQ_NODE_PORT/"
  )
}

# rmq_stop DIR: stops the broker and its private epmd; keeps the data so that rmq_start restarts it.
# rmq_consumers DIR QUEUE: how many consumers QUEUE has (0 while it does not exist).
rmq_consumers() {
  local dir="$1" queue="$2" bin
  bin="$(rmq_bindir)" || return 1
  (
    rmq_env "$dir"
    "$bin/rabbitmqctl" -q list_queues name consumers | awk -v q="$queue" '$1 == q { n = $2 } END { print n + 0 }'
  )
}

# rmq_queues DIR: every queue with its ready and unacknowledged messages and its consumers.
rmq_queues() {
  local dir="$1" bin
  bin="$(rmq_bindir)" || return 1
  (
    rmq_env "$dir"
    "$bin/rabbitmqctl" -q list_queues name messages messages_unacknowledged consumers
  )
}

# rmq_memory_alarm DIR on|off: raises or clears the broker's memory alarm. While it is raised the broker blocks every
# publishing connection: it stops reading from it, and confirms nothing (as when its memory or disk runs short).
rmq_memory_alarm() {
  local dir="$1" watermark bin
  case "$2" in on) watermark=0 ;; off) watermark=0.4 ;; *) echo "rmq_memory_alarm DIR on|off" >&2; return 2 ;; esac
  bin="$(rmq_bindir)" || return 1
  (
    rmq_env "$dir"
    "$bin/rabbitmqctl" -q set_vm_memory_high_watermark "$watermark" >/dev/null
  )
}

# rmq_blocking DIR: the broker's resource alarms, and each client connection with its state (running, or blocking/blocked
# while an alarm holds its publishers).
rmq_blocking() {
  local dir="$1" bin
  bin="$(rmq_bindir)" || return 1
  (
    rmq_env "$dir"
    "$bin/rabbitmqctl" -q eval 'io:format("alarms: ~p~n", [rabbit_alarm:get_alarms()]).' 2>&1 | head -1
    "$bin/rabbitmqctl" -q list_connections name state
  )
}

rmq_stop() {
  local dir="$1" bin
  [ -f "$dir/ports" ] || return 0
  bin="$(rmq_bindir)" || return 0
  (
    rmq_env "$dir"
    "$bin/rabbitmqctl" -q shutdown >/dev/null 2>&1 || true
    epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
  )
  return 0
}
