/* pos-quick-key-page.c — quick-key pages and their keys (see pos-quick-key-page.h). */
#include "pos-quick-key-page.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"
#include "pos-i18n.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-product-image.h"
#include "pos-store-private.h"

#define QUICK_KEYS_EVENT "quick_keys.saved"

void
pos_quick_key_free (PosQuickKey *key)
{
  if (key == NULL)
    return;
  g_free (key->sku);
  g_free (key->name);
  g_free (key->label);
  g_free (key->colour);
  g_free (key->product_colour);
  g_free (key->image_path);
  g_free (key->unit);
  g_free (key);
}

void
pos_quick_key_page_free (PosQuickKeyPage *page)
{
  if (page == NULL)
    return;
  g_free (page->name);
  g_clear_pointer (&page->keys, g_ptr_array_unref);
  g_free (page);
}

const char *
pos_quick_key_shown_label (const PosQuickKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->label != NULL ? key->label : key->name;
}

const char *
pos_quick_key_shown_colour (const PosQuickKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->colour != NULL ? key->colour : key->product_colour;
}

/* Reading ------------------------------------------------------------------------ */

static gboolean
read_pages (PosStore *store, GPtrArray *pages, GHashTable *by_id, GError **error)
{
  static const char sql[] = "SELECT id, name FROM quick_key_page ORDER BY position, id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosQuickKeyPage *page = g_new0 (PosQuickKeyPage, 1);

      page->id = sqlite3_column_int64 (stmt, 0);
      page->name = pos_stmt_dup_text (stmt, 1);
      page->keys = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_quick_key_free);
      g_ptr_array_add (pages, page);
      g_hash_table_insert (by_id, &page->id, page);
    }
  return rc == SQLITE_DONE;
}

static gboolean
read_keys (PosStore *store, GHashTable *by_id, GError **error)
{
  static const char sql[]
      = "SELECT k.id, k.page_id, k.product_id, p.sku, p.name, k.label, k.colour, p.quick_key_colour, "
        "p.image_path, p.unit FROM quick_key k JOIN product p ON p.id = k.product_id "
        "ORDER BY k.page_id, k.position, k.id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 page_id = sqlite3_column_int64 (stmt, 1);
      PosQuickKeyPage *page = g_hash_table_lookup (by_id, &page_id);
      PosQuickKey *key = g_new0 (PosQuickKey, 1);

      key->id = sqlite3_column_int64 (stmt, 0);
      key->product_id = sqlite3_column_int64 (stmt, 2);
      key->sku = pos_stmt_dup_text (stmt, 3);
      key->name = pos_stmt_dup_text (stmt, 4);
      key->label = pos_stmt_dup_text (stmt, 5);
      key->colour = pos_stmt_dup_text (stmt, 6);
      key->product_colour = pos_stmt_dup_text (stmt, 7);
      key->image_path = pos_product_image_resolve (store, (const char *)sqlite3_column_text (stmt, 8));
      key->unit = pos_stmt_dup_text (stmt, 9);
      g_assert (page != NULL);
      g_ptr_array_add (page->keys, key);
    }
  return rc == SQLITE_DONE;
}

GPtrArray *
pos_quick_key_pages_read (PosStore *store, GError **error)
{
  g_autoptr (GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_quick_key_page_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (store != NULL, NULL);

  if (!read_pages (store, pages, by_id, error) || !read_keys (store, by_id, error))
    return NULL;
  return g_steal_pointer (&pages);
}

/* Runs in a worker thread: its own connection, so the till's stays free. */
static void
read_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store
      = pos_store_open (data, POS_STORE_OPEN_READONLY | POS_STORE_OPEN_NO_CHECK, &error);
  GPtrArray *pages;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if ((pages = pos_quick_key_pages_read (store, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pages, (GDestroyNotify)g_ptr_array_unref);
}

void
pos_quick_key_pages_read_async (PosStore *store, GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (store != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pos_quick_key_pages_read_async);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_strdup (pos_store_path (store)), g_free);
  pos_i18n_run_in_thread (task, read_thread);
}

GPtrArray *
pos_quick_key_pages_read_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_quick_key_pages_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
pos_quick_key_page_find (PosStore *store, const char *text, GError **error)
{
  g_autoptr (GPtrArray) pages = pos_quick_key_pages_read (store, error);
  gint64 id = 0;

  if (pages == NULL)
    return 0;
  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
    id = 0;
  for (guint i = 0; i < pages->len; i++)
    {
      PosQuickKeyPage *page = g_ptr_array_index (pages, i);

      if (page->id == id || g_str_equal (page->name, text))
        return page->id;
    }
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no quick-key page “%s”"), text);
  return 0;
}

/* Checks ------------------------------------------------------------------------ */

/* A page's name or a key's label: 1 to 40 characters after trimming. An
 * empty label is allowed where @optional (the product's name shows). */
static char *
checked_text (const char *text, gboolean optional, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed == '\0' && optional)
    return NULL;
  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A page needs a name")), NULL;
  if (g_utf8_strlen (trimmed, -1) > POS_QUICK_KEY_TEXT_MAX)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is longer than %d characters"), trimmed,
                        POS_QUICK_KEY_TEXT_MAX),
           NULL;
  return g_steal_pointer (&trimmed);
}

/* A colour "#rrggbb" (any case, stored in lower case), or none. */
static gboolean
checked_colour (const char *colour, char **out, GError **error)
{
  *out = NULL;
  if (colour == NULL || *colour == '\0')
    return TRUE;
  if (strlen (colour) != 7 || colour[0] != '#')
    goto bad;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      goto bad;
  *out = g_ascii_strdown (colour, -1);
  return TRUE;

bad:
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a colour written #rrggbb"), colour);
  return FALSE;
}

/* The number of rows @sql counts for @id; -1 on error. */
static gint64
count_of (PosStore *store, const char *sql, gint64 id, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  return pos_store_step_row (store, stmt, error) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

static gboolean
page_exists (PosStore *store, gint64 page_id, GError **error)
{
  gint64 n = count_of (store, "SELECT count(*) FROM quick_key_page WHERE id = ?1", page_id, error);

  if (n == 0)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no quick-key page %lld"),
                 (long long)page_id);
  return n > 0;
}

static gboolean
key_exists (PosStore *store, gint64 key_id, GError **error)
{
  gint64 n = count_of (store, "SELECT count(*) FROM quick_key WHERE id = ?1", key_id, error);

  if (n == 0)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no quick key %lld"), (long long)key_id);
  return n > 0;
}

static gboolean
product_sellable (PosStore *store, gint64 product_id, GError **error)
{
  gint64 n = count_of (store, "SELECT count(*) FROM product WHERE id = ?1 AND active = 1", product_id, error);

  if (n == 0)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no product with id %lld"),
                 (long long)product_id);
  return n > 0;
}

/* Order -------------------------------------------------------------------------- */

/* The ids @sql lists for @id, in order. */
static GArray *
ids_of (PosStore *store, const char *sql, gint64 id, gint64 without, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, without);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, row);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&ids) : NULL;
}

/* Puts @moving (0 for none) at @position among the others of @parent and
 * numbers them all from 0 with @update_sql (?1 parent, ?2 position, ?3 id). */
static gboolean
renumber (PosStore *store, const char *list_sql, const char *update_sql, gint64 parent, gint64 moving,
          gint position, GError **error)
{
  g_autoptr (GArray) ids = ids_of (store, list_sql, parent, moving, error);

  if (ids == NULL)
    return FALSE;
  if (moving != 0 && (position < 0 || (guint)position > ids->len))
    {
      g_autofree char *most = g_strdup_printf ("%u", ids->len);
      return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A position is a number from 0 to %s"),
                          most),
             FALSE;
    }
  if (moving != 0)
    g_array_insert_val (ids, position, moving);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, update_sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, parent);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, g_array_index (ids, gint64, i));
      if (!pos_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Pages have no parent: their statements leave ?1 unused. */
static const char page_list_sql[] = "SELECT id FROM quick_key_page WHERE id <> ?2 ORDER BY position, id";
static const char page_update_sql[] = "UPDATE quick_key_page SET position = ?2 WHERE id = ?3";
static const char key_list_sql[]
    = "SELECT id FROM quick_key WHERE page_id = ?1 AND id <> ?2 ORDER BY position, id";
static const char key_update_sql[] = "UPDATE quick_key SET page_id = ?1, position = ?2 WHERE id = ?3";

static gboolean
place_page (PosStore *store, gint64 page_id, gint position, GError **error)
{
  return renumber (store, page_list_sql, page_update_sql, 0, page_id, position, error);
}

static gboolean
place_key (PosStore *store, gint64 page_id, gint64 key_id, gint position, GError **error)
{
  return renumber (store, key_list_sql, key_update_sql, page_id, key_id, position, error);
}

/* The journal ------------------------------------------------------------------- */

static void
set_text_or_null (JsonObject *o, const char *name, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

/* The whole layout, keys by SKU (a product's key in every store). */
static JsonObject *
layout_event (PosStore *store, GError **error)
{
  g_autoptr (GPtrArray) pages = pos_quick_key_pages_read (store, error);
  JsonObject *event;
  JsonArray *page_array;

  if (pages == NULL)
    return NULL;
  event = json_object_new ();
  page_array = json_array_new ();
  for (guint i = 0; i < pages->len; i++)
    {
      PosQuickKeyPage *page = g_ptr_array_index (pages, i);
      JsonObject *o = json_object_new ();
      JsonArray *keys = json_array_new ();

      json_object_set_string_member (o, "name", page->name);
      for (guint k = 0; k < page->keys->len; k++)
        {
          PosQuickKey *key = g_ptr_array_index (page->keys, k);
          JsonObject *ko = json_object_new ();

          json_object_set_string_member (ko, "sku", key->sku);
          set_text_or_null (ko, "label", key->label);
          set_text_or_null (ko, "colour", key->colour);
          json_array_add_object_element (keys, ko);
        }
      json_object_set_array_member (o, "keys", keys);
      json_array_add_object_element (page_array, o);
    }
  json_object_set_array_member (event, "pages", page_array);
  return event;
}

static gboolean
set_layout_hlc (PosStore *store, const char *hlc, GError **error)
{
  static const char sql[] = "INSERT INTO quick_key_layout (id, updated_hlc) VALUES (1, ?1) "
                            "ON CONFLICT (id) DO UPDATE SET updated_hlc = excluded.updated_hlc";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hlc, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
journal_layout (PosStore *store, GError **error)
{
  g_autoptr (JsonObject) event = layout_event (store, error);
  g_autoptr (PosJournalEvent) appended = NULL;

  if (event == NULL)
    return FALSE;
  appended = pos_journal_append_object (store, QUICK_KEYS_EVENT, event, error);
  return appended != NULL && set_layout_hlc (store, appended->hlc, error);
}

/* Changes ------------------------------------------------------------------------ */

static gboolean
begin_change (PosStore *store, const PosUser *user, GError **error)
{
  return pos_permission_check (user, POS_ACTION_EDIT_CATALOG, NULL, error) && pos_store_begin (store, error);
}

/* Ends the change begun: with its journal event when @ok, else undone. */
static gboolean
end_change (PosStore *store, gboolean ok, GError **error)
{
  if (ok && journal_layout (store, error) && pos_store_commit (store, error))
    return TRUE;
  pos_store_rollback (store);
  return FALSE;
}

static gint64
insert_page (PosStore *store, const char *name, GError **error)
{
  static const char sql[]
      = "INSERT INTO quick_key_page (name, position) SELECT ?1, count(*) FROM quick_key_page RETURNING id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  gint64 id;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return 0;
  id = sqlite3_column_int64 (stmt, 0);
  return pos_store_step_done (store, stmt, error) ? id : 0;
}

gint64
pos_quick_key_page_add (PosStore *store, const PosUser *user, const char *name, GError **error)
{
  g_autofree char *checked = NULL;
  gint64 id;

  g_return_val_if_fail (store != NULL, 0);

  if ((checked = checked_text (name, FALSE, error)) == NULL || !begin_change (store, user, error))
    return 0;
  id = insert_page (store, checked, error);
  return end_change (store, id != 0, error) ? id : 0;
}

/* Runs @sql with ?1 @id. */
static gboolean
run_with_id (PosStore *store, const char *sql, gint64 id, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return pos_store_step_done (store, stmt, error);
}

/* Runs @sql with ?1 @id and ?2 @text. */
static gboolean
run_with_text (PosStore *store, const char *sql, gint64 id, const char *text, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  pos_stmt_bind_text_or_null (stmt, 2, text);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_quick_key_page_rename (PosStore *store, const PosUser *user, gint64 page_id, const char *name,
                           GError **error)
{
  static const char sql[] = "UPDATE quick_key_page SET name = ?2 WHERE id = ?1";
  g_autofree char *checked = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if ((checked = checked_text (name, FALSE, error)) == NULL || !begin_change (store, user, error))
    return FALSE;
  return end_change (
      store, page_exists (store, page_id, error) && run_with_text (store, sql, page_id, checked, error),
      error);
}

gboolean
pos_quick_key_page_remove (PosStore *store, const PosUser *user, gint64 page_id, GError **error)
{
  static const char sql[] = "DELETE FROM quick_key WHERE page_id = ?1";
  static const char page_sql[] = "DELETE FROM quick_key_page WHERE id = ?1";

  g_return_val_if_fail (store != NULL, FALSE);

  if (!begin_change (store, user, error))
    return FALSE;
  return end_change (store,
                     page_exists (store, page_id, error) && run_with_id (store, sql, page_id, error)
                         && run_with_id (store, page_sql, page_id, error) && place_page (store, 0, 0, error),
                     error);
}

gboolean
pos_quick_key_page_move (PosStore *store, const PosUser *user, gint64 page_id, gint position, GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);

  if (!begin_change (store, user, error))
    return FALSE;
  return end_change (
      store, page_exists (store, page_id, error) && place_page (store, page_id, position, error), error);
}

static gint64
insert_key (PosStore *store, gint64 page_id, gint64 product_id, const char *label, const char *colour,
            GError **error)
{
  static const char sql[] = "INSERT INTO quick_key (page_id, position, product_id, label, colour) "
                            "SELECT ?1, count(*), ?2, ?3, ?4 FROM quick_key WHERE page_id = ?1 RETURNING id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  gint64 id;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, page_id);
  sqlite3_bind_int64 (stmt, 2, product_id);
  pos_stmt_bind_text_or_null (stmt, 3, label);
  pos_stmt_bind_text_or_null (stmt, 4, colour);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return 0;
  id = sqlite3_column_int64 (stmt, 0);
  return pos_store_step_done (store, stmt, error) ? id : 0;
}

/* The label and colour of a key, checked; FALSE with @error when not. */
static gboolean
checked_look (const char *label, const char *colour, char **label_out, char **colour_out, GError **error)
{
  g_autoptr (GError) local = NULL;

  *label_out = checked_text (label, TRUE, &local);
  if (local != NULL)
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  if (!checked_colour (colour, colour_out, error))
    {
      g_clear_pointer (label_out, g_free);
      return FALSE;
    }
  return TRUE;
}

/* A new key for @product_id at the end of @page_id, in the caller's
 * transaction: what pos_quick_key_add() and pos_quick_key_place_product()
 * both write. Returns its id, 0 on error. */
static gint64
add_key_steps (PosStore *store, gint64 page_id, gint64 product_id, const char *label, const char *colour,
               GError **error)
{
  if (!page_exists (store, page_id, error) || !product_sellable (store, product_id, error))
    return 0;
  return insert_key (store, page_id, product_id, label, colour, error);
}

gint64
pos_quick_key_add (PosStore *store, const PosUser *user, gint64 page_id, gint64 product_id, const char *label,
                   const char *colour, GError **error)
{
  g_autofree char *checked_label = NULL, *checked_col = NULL;
  gint64 id = 0;

  g_return_val_if_fail (store != NULL, 0);

  if (!checked_look (label, colour, &checked_label, &checked_col, error)
      || !begin_change (store, user, error))
    return 0;
  id = add_key_steps (store, page_id, product_id, checked_label, checked_col, error);
  return end_change (store, id != 0, error) ? id : 0;
}

/* The page a key is on; 0 with @error when there is no such key. */
static gint64
page_of_key (PosStore *store, gint64 key_id, GError **error)
{
  gint64 page
      = count_of (store, "SELECT coalesce (max (page_id), 0) FROM quick_key WHERE id = ?1", key_id, error);

  if (page == 0)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no quick key %lld"), (long long)key_id);
  return page > 0 ? page : 0;
}

/* Moves a key to @position of @page_id in the caller's transaction: what
 * pos_quick_key_move() and pos_quick_key_place_product() both write. */
static gboolean
move_key_steps (PosStore *store, gint64 key_id, gint64 page_id, gint position, GError **error)
{
  gint64 from;

  /* The page it leaves closes its gap once it has gone. */
  return (from = page_of_key (store, key_id, error)) != 0 && page_exists (store, page_id, error)
         && place_key (store, page_id, key_id, position, error)
         && (from == page_id || place_key (store, from, 0, 0, error));
}

gboolean
pos_quick_key_move (PosStore *store, const PosUser *user, gint64 key_id, gint64 page_id, gint position,
                    GError **error)
{

  g_return_val_if_fail (store != NULL, FALSE);

  if (!begin_change (store, user, error))
    return FALSE;
  return end_change (store, move_key_steps (store, key_id, page_id, position, error), error);
}

gboolean
pos_quick_key_set_look (PosStore *store, const PosUser *user, gint64 key_id, const char *label,
                        const char *colour, GError **error)
{
  static const char sql[] = "UPDATE quick_key SET label = ?2, colour = ?3 WHERE id = ?1";
  g_autofree char *checked_label = NULL, *checked_col = NULL;
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!checked_look (label, colour, &checked_label, &checked_col, error)
      || !begin_change (store, user, error))
    return FALSE;
  if (!key_exists (store, key_id, error) || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return end_change (store, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, key_id);
  pos_stmt_bind_text_or_null (stmt, 2, checked_label);
  pos_stmt_bind_text_or_null (stmt, 3, checked_col);
  return end_change (store, pos_store_step_done (store, stmt, error), error);
}

gboolean
pos_quick_key_remove (PosStore *store, const PosUser *user, gint64 key_id, GError **error)
{
  static const char sql[] = "DELETE FROM quick_key WHERE id = ?1";
  gint64 from;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!begin_change (store, user, error))
    return FALSE;
  return end_change (store,
                     (from = page_of_key (store, key_id, error)) != 0
                         && run_with_id (store, sql, key_id, error) && place_key (store, from, 0, 0, error),
                     error);
}

/* A product's key --------------------------------------------------------------- */

int
pos_quick_key_pages_exist (PosStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, -1);

  return (int)count_of (store, "SELECT count(*) > 0 FROM quick_key_page WHERE id > ?1", 0, error);
}

int
pos_quick_key_find_product (PosStore *store, gint64 product_id, PosQuickKeyPlace *place, GError **error)
{
  static const char sql[] = "SELECT k.id, k.page_id, g.name, k.position FROM quick_key k JOIN quick_key_page "
                            "g ON g.id = k.page_id "
                            "WHERE k.product_id = ?1 ORDER BY g.position, g.id, k.position LIMIT 1";
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL && place != NULL, -1);

  *place = (PosQuickKeyPlace){ 0 };
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if ((rc = pos_store_step_row (store, stmt, error)) != SQLITE_ROW)
    return rc == SQLITE_DONE ? 0 : -1;
  place->key_id = sqlite3_column_int64 (stmt, 0);
  place->page_id = sqlite3_column_int64 (stmt, 1);
  place->page_name = pos_stmt_dup_text (stmt, 2);
  place->position = sqlite3_column_int (stmt, 3);
  return 1;
}

void
pos_quick_key_place_clear (PosQuickKeyPlace *place)
{
  g_clear_pointer (&place->page_name, g_free);
}

/* Takes every key of @product_id off its page, each page closing its gap. */
static gboolean
remove_product_keys (PosStore *store, gint64 product_id, GError **error)
{
  int found;

  for (;;)
    {
      g_auto (PosQuickKeyPlace) place = { 0 };

      if ((found = pos_quick_key_find_product (store, product_id, &place, error)) <= 0)
        return found == 0;
      if (!run_with_id (store, "DELETE FROM quick_key WHERE id = ?1", place.key_id, error)
          || !place_key (store, place.page_id, 0, 0, error))
        return FALSE;
    }
}

gboolean
pos_quick_key_place_product (PosStore *store, gint64 product_id, gint64 page_id, gint position,
                             GError **error)
{
  g_auto (PosQuickKeyPlace) place = { 0 };
  gint64 others, key;
  int found;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if ((found = pos_quick_key_find_product (store, product_id, &place, error)) < 0)
    return FALSE;
  if (position < 0)
    return found == 0 || (remove_product_keys (store, product_id, error) && journal_layout (store, error));
  if (!page_exists (store, page_id, error)
      || (others = count_of (store, "SELECT count(*) FROM quick_key WHERE page_id = ?1", page_id, error)) < 0)
    return FALSE;
  /* A position past the page's last key puts it last, as the old per-product
   * positions only ever ordered the keys. */
  others -= found && place.page_id == page_id;
  position = (gint)MIN ((gint64)position, others);
  if (found && place.page_id == page_id && place.position == position)
    return TRUE;
  key = found ? place.key_id : add_key_steps (store, page_id, product_id, NULL, NULL, error);
  return key != 0 && move_key_steps (store, key, page_id, position, error) && journal_layout (store, error);
}

/* Sync --------------------------------------------------------------------------- */

/* The product of @sku here; 0 with @error when this store lacks it. */
static gint64
product_of_sku (PosStore *store, const char *sku, GError **error)
{
  static const char sql[] = "SELECT id FROM product WHERE sku = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("its product %s is not in this store"), sku);
  return 0;
}

/* This store's layout is as new as @hlc or newer. */
static int
layout_is_newer (PosStore *store, const char *hlc, GError **error)
{
  static const char sql[] = "SELECT updated_hlc >= ?1 FROM quick_key_layout WHERE id = 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, hlc, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return -1;
  return rc == SQLITE_ROW && sqlite3_column_int (stmt, 0);
}

static gboolean
apply_keys (PosStore *store, gint64 page_id, JsonArray *keys, GError **error)
{
  for (guint k = 0; keys != NULL && k < json_array_get_length (keys); k++)
    {
      JsonNode *node = json_array_get_element (keys, k);
      JsonObject *key = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *sku = key != NULL ? pos_json_get_string (key, "sku") : NULL;
      g_autofree char *label = NULL, *colour = NULL;
      gint64 product_id;

      if (sku == NULL)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("a quick key lacks its SKU")), FALSE;
      if ((product_id = product_of_sku (store, sku, error)) == 0
          || !checked_look (pos_json_get_string (key, "label"), pos_json_get_string (key, "colour"), &label,
                            &colour, error)
          || insert_key (store, page_id, product_id, label, colour, error) == 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
pos_quick_key_apply_event (PosStore *store, JsonObject *body, const char *hlc, GError **error)
{
  JsonNode *member = json_object_get_member (body, "pages");
  JsonArray *pages = member != NULL && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
  int newer;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (pages == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("it lacks the quick-key pages")), FALSE;
  if ((newer = layout_is_newer (store, hlc, error)) != 0)
    return newer > 0;
  if (!pos_store_exec (store, "DELETE FROM quick_key; DELETE FROM quick_key_page", error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      JsonNode *node = json_array_get_element (pages, i);
      JsonObject *page = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *name = checked_text (page ? pos_json_get_string (page, "name") : NULL, FALSE, error);
      JsonNode *keys = name != NULL ? json_object_get_member (page, "keys") : NULL;
      gint64 page_id;

      if (name == NULL || (page_id = insert_page (store, name, error)) == 0
          || !apply_keys (store, page_id,
                          keys && JSON_NODE_HOLDS_ARRAY (keys) ? json_node_get_array (keys) : NULL, error))
        return FALSE;
    }
  return set_layout_hlc (store, hlc, error);
}
