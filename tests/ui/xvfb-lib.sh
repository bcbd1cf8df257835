# xvfb-lib.sh — sourced by the UI test scripts: a private X server on a free
# display, stopped by the caller's trap.

# Starts Xvfb on the first free display from :90 and exports DISPLAY;
# the screen is $POS_XVFB_SIZE (default 1280x800).
pos_xvfb_start() {
  local n
  for n in $(seq 90 140); do
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
    Xvfb ":$n" -screen 0 "${POS_XVFB_SIZE:-1280x800}x24" -nolisten tcp -noreset >/dev/null 2>&1 &
    POS_XVFB_PID=$!
    for _ in $(seq 1 50); do
      if [ -e "/tmp/.X11-unix/X$n" ]; then
        export DISPLAY=":$n"
        return 0
      fi
      kill -0 "$POS_XVFB_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill "$POS_XVFB_PID" 2>/dev/null || true
    wait "$POS_XVFB_PID" 2>/dev/null || true
  done
  echo "no free X display" >&2
  return 1
}

pos_xvfb_stop() {
  if [ -n "${POS_XVFB_PID:-}" ]; then
    kill "$POS_XVFB_PID" 2>/dev/null || true
    wait "$POS_XVFB_PID" 2>/dev/null || true
    POS_XVFB_PID=
  fi
}
