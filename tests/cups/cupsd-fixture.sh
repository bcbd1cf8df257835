# cupsd-fixture.sh — a private cupsd for tests, to be sourced.
#
# Everything lives in $base (its config, spool, logs); nothing of the
# system's CUPS is touched. The caller sets $base, $cups_port, the array
# pids (cupsd's pid is added so the caller's cleanup stops it), $cupsd and
# $lpadmin, and defines fail(). Then: write_config; start_cupsd;
# add_queue NAME socket://127.0.0.1:PORT. start_capture plays a network
# printer with $probe (pos-print-probe) and sets $capture_port;
# hold_dead_port gives a printer that is switched off.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A port nothing listens on, held for the whole test by a socket bound to
# it that never listens: a connection to it is refused, and no listener
# started later (this test's capture, another test's server) can take it,
# as one could take a port free_port () only looked at. Sets $dead_port.
hold_dead_port() {
  local port_file=$base/dead.port
  python3 -c 'import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
with open(sys.argv[1] + ".new", "w") as f:
    f.write(str(s.getsockname()[1]))
__import__("os").rename(sys.argv[1] + ".new", sys.argv[1])
time.sleep(86400)' "$port_file" &
  pids+=($!)
  dead_port=$(port_in "$port_file") || fail "could not hold a port for the switched-off printer"
}

# The port a process started in the background writes to file $1, once it
# is there (up to 5 s).
port_in() {
  for _ in $(seq 50); do
    [ -s "$1" ] && { cat "$1"; return 0; }
    sleep 0.1
  done
  return 1
}

# cupsd.conf and cups-files.conf that keep everything inside $base. As root
# cupsd runs its backends as lp; as a normal user, as that user.
write_config() {
  local user=lp group=lp system_group=root
  if [ "$(id -u)" -ne 0 ]; then
    user=$(id -un) group=$(id -gn) system_group=$(id -gn)
  fi
  mkdir -p "$base"/{spool/temp,log,cache,state,ppd}
  cat >"$base/cupsd.conf" <<CONF
Listen 127.0.0.1:$cups_port
Browsing Off
WebInterface No
LogLevel debug
DefaultAuthType None
JobRetryInterval 1
<Location />
  Order Allow,Deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order Allow,Deny
    Allow all
  </Limit>
</Policy>
CONF
  cat >"$base/cups-files.conf" <<CONF
User $user
Group $group
SystemGroup $system_group
ServerRoot $base
RequestRoot $base/spool
TempDir $base/spool/temp
CacheDir $base/cache
StateDir $base/state
AccessLog $base/log/access_log
ErrorLog $base/log/error_log
PageLog $base/log/page_log
# A printcap in the private folder: an empty value is refused by newer
# cups point releases, and the system's /etc/printcap is not ours to write.
Printcap $base/printcap
FileDevice No
CONF
}

start_cupsd() {
  "$cupsd" -f -c "$base/cupsd.conf" -s "$base/cups-files.conf" &
  pids+=($!)
  for _ in $(seq 100); do
    lpstat -h "127.0.0.1:$cups_port" -r >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || fail "cupsd exited at start"
    sleep 0.1
  done
  fail "cupsd did not answer on port $cups_port"
}

# lpadmin -m raw is deprecated but still works on CUPS 2.4; without a model
# CUPS 2.4 also makes a raw queue.
add_queue() {
  local name=$1 device=$2
  "$lpadmin" -h "127.0.0.1:$cups_port" -p "$name" -E -v "$device" -m raw -o printer-is-shared=false 2>/dev/null \
    || "$lpadmin" -h "127.0.0.1:$cups_port" -p "$name" -E -v "$device" -o printer-is-shared=false \
    || fail "could not add queue $name"
}


# A listener that appends every byte it gets to $2 (default
# $base/captured.bin); its port is written to $1 and set in $capture_port.
start_capture() {
  local port_file=${1:-$base/capture.port} out_file=${2:-$base/captured.bin}
  "$probe" capture "$port_file" "$out_file" &
  pids+=($!)
  capture_port=$(port_in "$port_file") || fail "capture listener did not start"
}
