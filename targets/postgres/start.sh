#!/bin/sh
# Entrypoint of sandfuzz/postgres: initialise the cluster on first start, then exec postgres so it
# is PID 1 and receives docker stop's SIGINT (fast shutdown) itself.
set -eu

BIN=/usr/lib/postgresql/15/bin
PGDATA=/var/lib/postgresql/15/main
CONFDIR=/etc/postgresql/15/main

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  # Authentication really comes from $CONFDIR/pg_hba.conf: the config files initdb writes into
  # $PGDATA are left there unused.
  "$BIN/initdb" --pgdata="$PGDATA" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8
fi

# Like pg_ctlcluster: -D names the config directory, whose postgresql.conf points at the data.
exec "$BIN/postgres" -D "$CONFDIR"
