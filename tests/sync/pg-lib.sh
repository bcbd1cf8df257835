# pg-lib.sh — sourced by scripts that need a PostgreSQL server of their own
# (the sync tests' wrapper, `packaging/dev.sh bench`): servers live in
# folders under a parent folder the caller makes and removes, listen on a
# free loopback port only, and run as the postgres user when we are root.

pos_pg_bin() {
  echo "${POS_PG_BIN:-/usr/lib/postgresql/15/bin}"
}

# Runs a PostgreSQL program from folder $1, as postgres when we are root.
pos_pg_run() {
  local dir=$1 program=$2
  shift 2
  if [ "$(id -u)" = 0 ]; then
    (cd "$dir" && runuser -u postgres -- "$(pos_pg_bin)/$program" "$@")
  else
    (cd "$dir" && "$(pos_pg_bin)/$program" "$@")
  fi
}

# A TCP port on 127.0.0.1 that nothing listens on.
pos_pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts a server in a new folder under $1 (which postgres must be able to
# enter) with an admin role hub_admin, extra server settings "-c name=value"
# from the other arguments. Prints the admin's connection string.
pos_pg_start() {
  local parent=$1
  shift
  local dir port password
  dir=$(mktemp -d "$parent/pg-XXXXXX")
  port=$(pos_pg_free_port)
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$dir/pw"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
  pos_pg_run "$dir" initdb -D "$dir/data" -U hub_admin --pwfile="$dir/pw" --auth=scram-sha-256 \
    -E UTF8 --locale=C --no-sync >/dev/null || return 1
  rm -f "$dir/pw"
  pos_pg_run "$dir" pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -k $dir $*" start >/dev/null || {
    cat "$dir/server.log" >&2
    return 1
  }
  echo "host=127.0.0.1 port=$port dbname=postgres user=hub_admin password=$password sslmode=disable"
}

# Stops every server started under $1, however its owner ended.
pos_pg_stop_all() {
  local data
  for data in "$1"/*/data; do
    [ -f "$data/postmaster.pid" ] || continue
    pos_pg_run "$(dirname "$data")" pg_ctl -D "$data" -m immediate stop >/dev/null 2>&1
  done
}
