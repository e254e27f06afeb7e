#!/usr/bin/env bash
# Installs Debian's nginx (the package only: the service is not started) so that the example site
# configuration in deploy/nginx is checked with `nginx -t` by tests/integration/test_deploy_files.py.
# Needs root for apt-get. Without root (or when apt-get fails) it prints a warning and exits 0 so
# that `make test` still runs the other tests (the nginx check then skips) -- except with CI=true,
# where a missing nginx is an error: CI must check the configuration, not skip it.
set -uo pipefail

NGINX="${TALENTFOUNDRY_NGINX:-/usr/sbin/nginx}"
in_ci() { case "${CI:-}" in 1|true|TRUE|yes) return 0 ;; *) return 1 ;; esac; }

give_up() {
    if in_ci; then
        echo "error: $1 (CI=true: the deploy test needs nginx)" >&2
        exit 1
    fi
    echo "warning: $1; the nginx configuration check will be skipped" >&2
    exit 0
}

if [ -x "$NGINX" ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    give_up "nginx is missing at $NGINX and installing it needs root (apt-get install nginx-light)"
fi
if ! command -v apt-get >/dev/null 2>&1; then
    give_up "nginx is missing at $NGINX and this system has no apt-get"
fi
echo "Installing nginx with apt-get (once)..."
# policy-rc.d 101: the package must not start a server on port 80 on a build machine.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made_policy=1
fi
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; }; then
    [ "$made_policy" = 1 ] && rm -f "$policy"
    give_up "apt-get could not install nginx"
fi
[ "$made_policy" = 1 ] && rm -f "$policy"
[ -x "$NGINX" ] || give_up "apt-get ran but $NGINX is still missing"
echo "nginx installed: $("$NGINX" -v 2>&1)"
