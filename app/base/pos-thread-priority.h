/* pos-thread-priority.h — background work that gives way to the till. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Gives the calling thread the smallest share of the CPU (nice 19) and
 * reads and writes it makes only when nothing else uses the disk (the
 * idle I/O class), so that selling and drawing go first. For good: an
 * unprivileged thread cannot take either back, so call it only on a
 * thread of its own, never on a pool thread that later runs other work.
 *
 * Not SCHED_IDLE: under it the thread could hold a lock SQLite shares
 * between connections while the till waits for it. A till is idle most of
 * the time, so the work still ends.
 */
void pos_thread_lower_priority (void);

G_END_DECLS
