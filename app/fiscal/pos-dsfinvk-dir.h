/* pos-dsfinvk-dir.h — putting an export's files in place all at once.
 *
 * The files are written to a fresh hidden folder beside the target and
 * renamed onto it in one step, so a reader (or a failed export) never
 * sees half an export.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* FALSE with POS_ERROR_INVALID when @dir exists and is not an empty folder. */
gboolean pos_dsfinvk_dir_check (const char *dir, GError **error);
/* Writes each of @names with the text of the same index in @texts into a
 * new folder beside @dir. Returns: (transfer full) (nullable) its path. */
char *pos_dsfinvk_dir_stage (const char *dir, GPtrArray *names, GPtrArray *texts, GError **error);
/* Moves the staged folder onto @dir. */
gboolean pos_dsfinvk_dir_commit (const char *staged, const char *dir, GError **error);
/* Removes the files @names and the folder @path, as far as they exist. */
void pos_dsfinvk_dir_remove (const char *path, GPtrArray *names);

G_END_DECLS
