#!/usr/bin/env bash
# Make sure the local PostgreSQL server answers on 127.0.0.1:5432; start the cluster if it is down.
# Under CI=true an unreachable server is an error (the PostgreSQL tests must run, not skip);
# elsewhere it is a warning and those tests skip.
set -u
host=127.0.0.1 port=5432
ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null || (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }
if ready; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>&1 || true
  done
  for _ in $(seq 1 30); do ready && { echo "PostgreSQL started"; exit 0; }; sleep 1; done
fi
if [ "${CI:-}" = "true" ]; then
  echo "error: PostgreSQL is not reachable on $host:$port and could not be started" >&2
  exit 1
fi
echo "warning: PostgreSQL is not reachable on $host:$port; its tests will be skipped" >&2
exit 0
