/* pos-names.h — the stored names of an enum's values, from one table.
 *
 * Kinds and states are stored and sent as short English words; each
 * enum keeps its words in a `const char *const[]` indexed by value.
 * These two functions read such a table both ways, so no feature
 * repeats the bounds check or the search.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name of @value in @names (@n_names entries), or NULL when @value
 * is outside the table (a stored NULL then fails its NOT NULL column
 * rather than reading past the table). */
const char *pos_names_get (const char *const *names, gsize n_names, guint value);

/* Sets *@out to the index of @text in @names and returns TRUE; FALSE
 * (with *@out untouched) for NULL or a name not in the table. */
gboolean pos_names_parse (const char *const *names, gsize n_names, const char *text, guint *out);

G_END_DECLS
