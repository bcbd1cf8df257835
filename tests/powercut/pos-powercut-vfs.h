/* pos-powercut-vfs.h — an SQLite VFS that can pull the plug.
 *
 * The shim sits over the default unix VFS and watches every file SQLite
 * opens by name (the store, its write-ahead log, a rollback journal). For
 * each it remembers what the disk is sure to hold: the file as of its last
 * xSync, kept as the old content of every sector written since. Writes,
 * syncs and truncations are counted; at the chosen count the power goes
 * off: a write in flight lands only in part, and that call and every later
 * one that would change a file fails, as the program would have died there.
 *
 * pos_powercut_vfs_settle() then does to the files what the power cut did
 * to the disk, in the manner of SQLite's own crash tests: of the sectors
 * written since the last sync, each may or may not have reached the disk,
 * and the one being written when the power went may be torn.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the shim as the default VFS and starts counting from zero;
 * @cut_at is the write, sync or truncation (1-based) at which the power
 * goes off, 0 for never. */
void pos_powercut_vfs_arm (guint64 cut_at, GRand *rand);

/* Whether the power went off since pos_powercut_vfs_arm(). */
gboolean pos_powercut_vfs_is_off (void);

/* Writes, syncs and truncations seen since pos_powercut_vfs_arm(). */
guint64 pos_powercut_vfs_n_ops (void);

/* With every connection closed: turns the power off if it is still on,
 * leaves each file as the disk could hold it after the cut (choosing at
 * random with @rand among the unsynced sectors), forgets the files and
 * makes the plain unix VFS the default again. Returns the number of
 * unsynced sectors that were dropped. */
guint pos_powercut_vfs_settle (GRand *rand);

G_END_DECLS
