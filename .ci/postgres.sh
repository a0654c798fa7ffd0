# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (port 54329 unless PGPORT is set) and
# exports DATABASE_URL. Sourced by .ci/run; usable by hand: `source .ci/postgres.sh`.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || { echo "PostgreSQL is not installed"; return 1; }
pg_port=${PGPORT:-54329}
pg_dir=${PGDATA_DIR:-/tmp/sitegate-ci-pg}
if ! runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir" status >/dev/null 2>&1; then
  rm -rf "$pg_dir" && mkdir -p "$pg_dir" && chown postgres:postgres "$pg_dir" && chmod 700 "$pg_dir"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir" -U postgres --auth=trust >/dev/null || return 1
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir" -l "$pg_dir/log" -w \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_dir -c fsync=off -c max_connections=200" start >/dev/null || return 1
fi
runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='sitegate_test'" | grep -q 1 ||
  runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres sitegate_test || return 1
export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/sitegate_test"
