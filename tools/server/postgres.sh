#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server (Debian's package, installed when missing) on a free
# loopback port with its own data folder, and prints its URL for TTPKIT_TEST_POSTGRES_URL.
#   url="$(tools/server/postgres.sh start)"   ...   tools/server/postgres.sh stop "$url"
# `pause URL` stops the server keeping its data (an outage), `resume URL` starts it again on
# the same port (the outage tests use both).
set -euo pipefail
case "${1:-start}" in
start)
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        echo "postgres: installing postgresql (Debian package)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    fi
    bin="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
    dir="$(mktemp -d /tmp/ttpkit-pg.XXXXXX)"
    chown postgres "$dir"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    su postgres -c "'$bin/initdb' -D '$dir/data' --auth=trust --username=postgres -E UTF8" >/dev/null
    su postgres -c "'$bin/pg_ctl' -D '$dir/data' -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l '$dir/log' -w start" >/dev/null
    su postgres -c "psql -h 127.0.0.1 -p $port -U postgres -qc 'CREATE DATABASE ttpkit_test'" >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/ttpkit_test?dir=$dir"
    ;;
pause | resume)
    url="${2:?usage: postgres.sh pause|resume URL}"
    dir="${url##*dir=}"
    port="${url#*127.0.0.1:}"; port="${port%%/*}"
    bin="$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")"
    if [ "$1" = pause ]; then
        su postgres -c "'$bin/pg_ctl' -D '$dir/data' -m immediate -w stop" >/dev/null
    else
        su postgres -c "'$bin/pg_ctl' -D '$dir/data' -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l '$dir/log' -w start" >/dev/null
    fi
    ;;
stop)
    url="${2:?usage: postgres.sh stop URL}"
    dir="${url##*dir=}"
    bin="$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")"
    su postgres -c "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
