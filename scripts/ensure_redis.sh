#!/usr/bin/env bash
# Make sure a Redis server answers on 127.0.0.1:6379 (the shared rate-limit storage is tested
# against it); start one if it is down. Under CI=true an unreachable server is an error (those
# tests must run, not skip); elsewhere it is a warning and they skip.
set -u
host=127.0.0.1 port=6379
ready() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h "$host" -p "$port" ping 2>/dev/null)" = "PONG" ]
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}
if ready; then exit 0; fi
if command -v redis-server >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "${TMPDIR:-/tmp}" --logfile "${TMPDIR:-/tmp}/talentfoundry-redis.log" 2>&1 || true
  for _ in $(seq 1 30); do ready && { echo "Redis started"; exit 0; }; sleep 1; done
fi
if [ "${CI:-}" = "true" ]; then
  echo "error: Redis is not reachable on $host:$port and could not be started" >&2
  exit 1
fi
echo "warning: Redis is not reachable on $host:$port; its tests will be skipped" >&2
exit 0
