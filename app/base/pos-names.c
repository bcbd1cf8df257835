/* pos-names.c — the stored names of an enum's values (see pos-names.h). */
#include "pos-names.h"

const char *
pos_names_get (const char *const *names, gsize n_names, guint value)
{
  return names != NULL && value < n_names ? names[value] : NULL;
}

gboolean
pos_names_parse (const char *const *names, gsize n_names, const char *text, guint *out)
{
  g_return_val_if_fail (names != NULL && out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < n_names; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (guint)i;
        return TRUE;
      }
  return FALSE;
}
