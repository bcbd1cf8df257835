/* pos-store-vfs.h — the store's files, with each commit's log written in
 * one piece.
 *
 * SQLite writes every frame of its write-ahead log with two writes, the
 * frame's 24-byte header and then its page, so a sale of 24 pages makes 48
 * system calls before its flush, and the flush then has more to do than
 * after one write of the same bytes. The store's connections open their
 * files through this VFS, which wraps SQLite's default one: it gathers
 * writes to the log that follow one another and makes them one write when
 * SQLite flushes the log, reads it, or does anything else with it.
 *
 * It gathers only for a connection that commits with synchronous=FULL (it
 * watches the pragma), because only then does every commit flush the log
 * before other connections may read what the commit wrote. With any other
 * setting, and for every file but the log, each write goes straight
 * through, as without this VFS.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name of this VFS over SQLite's default VFS of the moment, for
 * sqlite3_open_v2 (): registered the first time (never as the default). */
const char *pos_store_vfs_name (void);

G_END_DECLS
