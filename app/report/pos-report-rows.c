/* pos-report-rows.c — turning aggregate rows into JSON.
 *
 * Each report's SQL names its columns the way the JSON should, so one
 * reader serves them all. A column whose name starts with "_" is a helper
 * for the query (e.g. the max() that picks a bare column) and is skipped.
 */
#include "pos-report-private.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "pos-clock.h"
#include "pos-store-private.h"

/* Copies the current row of @stmt into @object. Integers and text only: a
 * REAL means SQLite left the integer range (an overflowing + or -). */
gboolean
pos_report_read_row (PosStore *store, PosStmt *stmt, JsonObject *object, GError **error)
{
  int n = sqlite3_column_count (stmt);

  g_assert (object != NULL);
  for (int i = 0; i < n; i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      if (name[0] == '_')
        continue;
      switch (sqlite3_column_type (stmt, i))
        {
          case SQLITE_INTEGER:
            json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, i));
            break;
          case SQLITE_TEXT:
            json_object_set_string_member (object, name, (const char *)sqlite3_column_text (stmt, i));
            break;
          case SQLITE_NULL:
            json_object_set_null_member (object, name);
            break;
          default:
            g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW, _ ("The report's %s is too large to add up"),
                         name);
            return FALSE;
        }
    }
  return TRUE;
}

/* Steps @stmt to the end, one JSON object per row.
 * Returns: (transfer full) (nullable) */
JsonArray *
pos_report_read_rows (PosStore *store, PosStmt *stmt, GError **error)
{
  g_autoptr (JsonArray) rows = json_array_new ();
  int rc;

  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr (JsonObject) row = json_object_new ();

      if (!pos_report_read_row (store, stmt, row, error))
        return NULL;
      json_array_add_object_element (rows, g_steal_pointer (&row));
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&rows);
}

char *
pos_report_today (void)
{
  return pos_clock_business_day (pos_clock_now_us ());
}

/* A business day as "YYYY-MM-DD", a real date. */
gboolean
pos_report_is_day (const char *text)
{
  guint64 y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = g_ascii_strtoull (text, NULL, 10);
  m = g_ascii_strtoull (text + 5, NULL, 10);
  d = g_ascii_strtoull (text + 8, NULL, 10);
  return y >= 1 && g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}
