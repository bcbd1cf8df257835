/* pos-price-schedule.c — scheduled price changes (see pos-price-schedule.h). */
#include "pos-price-schedule.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-store-private.h"

void
pos_price_change_free (PosPriceChange *change)
{
  if (change == NULL)
    return;
  g_free (change->sku);
  g_free (change->name);
  g_free (change);
}

/* Writes (or replaces) the change of @product_id at @starts_at. */
static gboolean
write_change (PosStore *store, gint64 product_id, PosAmount price, const char *starts_at, GError **error)
{
  static const char sql[] = "INSERT INTO price_change (product_id, price, starts_at, created_at) "
                            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (product_id, starts_at) DO UPDATE "
                            "SET price = excluded.price, applied_at = NULL";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_int64 (stmt, 2, price);
  sqlite3_bind_text (stmt, 3, starts_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
journal_change (PosStore *store, const char *sku, PosAmount price, const char *starts_at, GError **error)
{
  g_autoptr (JsonObject) event = json_object_new ();
  g_autoptr (PosJournalEvent) appended = NULL;

  json_object_set_string_member (event, "sku", sku);
  json_object_set_int_member (event, "price", price);
  json_object_set_string_member (event, "starts_at", starts_at);
  appended = pos_journal_append_object (store, "price.scheduled", event, error);
  return appended != NULL;
}

static gboolean
fail_field (const char **field, const char *name)
{
  if (field != NULL)
    *field = name;
  return FALSE;
}

gboolean
pos_price_schedule_add (PosStore *store, const PosUser *user, gint64 product_id, PosAmount price,
                        gint64 starts_us, const char **field, GError **error)
{
  g_autoptr (PosProduct) product = NULL;
  g_autofree char *starts_at = NULL;

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_EDIT_CATALOG, NULL, error))
    return FALSE;
  if ((product = pos_catalog_get (store, product_id, error)) == NULL)
    return FALSE;
  if (!pos_product_check_amount (price, "price", error))
    return fail_field (field, "price");
  if (starts_us <= pos_clock_now_us ())
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("from: the start has passed; change the price now by editing the product")),
           fail_field (field, "from");
  if (product->parent_id != 0 && !product->own_price)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("price: %s has its product's price; schedule the product's"), product->sku),
           fail_field (field, "price");
  starts_at = pos_clock_iso_utc (starts_us);
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!write_change (store, product_id, price, starts_at, error)
      || !journal_change (store, product->sku, price, starts_at, error))
    return pos_store_rollback (store), FALSE;
  return pos_store_commit (store, error);
}

gboolean
pos_price_schedule_apply_event (PosStore *store, JsonObject *body, GError **error)
{
  const char *sku = pos_json_get_string (body, "sku");
  const char *starts_at = pos_json_get_string (body, "starts_at");
  PosAmount price = pos_json_get_int (body, "price", -1);
  g_autoptr (PosProduct) product = NULL;
  gint64 starts_us;

  if (sku == NULL || starts_at == NULL || price < 0 || !pos_clock_parse_iso (starts_at, &starts_us))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("it lacks the SKU, price or start")), FALSE;
  if ((product = pos_catalog_lookup (store, sku, error)) == NULL)
    return FALSE;
  return write_change (store, product->id, price, starts_at, error);
}

/* Sets the price of one due change and marks it applied. */
static gboolean
apply_one (PosStore *store, gint64 change_id, gint64 product_id, PosAmount price, const char *now,
           GError **error)
{
  static const char price_sql[] = "UPDATE product SET price = ?2 WHERE id = ?1 AND price IS NOT ?2";
  static const char applied_sql[] = "UPDATE price_change SET applied_at = ?2 WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, price_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_int64 (stmt, 2, price);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, pos_stmt_release);
  if ((stmt = pos_store_prepare (store, applied_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

/* The due changes as (change id, product id, price) triples. */
static GArray *
due_changes (PosStore *store, const char *now, GError **error)
{
  static const char sql[] = "SELECT id, product_id, price FROM price_change "
                            "WHERE applied_at IS NULL AND starts_at <= ?1 ORDER BY starts_at, id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GArray) due = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    for (int i = 0; i < 3; i++)
      g_array_append_val (due, ((gint64){ sqlite3_column_int64 (stmt, i) }));
  return rc == SQLITE_DONE ? g_steal_pointer (&due) : NULL;
}

gboolean
pos_price_schedule_apply_due (PosStore *store, GArray *changed, GError **error)
{
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  g_autoptr (GArray) due = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if ((due = due_changes (store, now, error)) == NULL)
    return FALSE;
  if (due->len == 0)
    return TRUE;
  if (!pos_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < due->len; i += 3)
    {
      gint64 *row = &g_array_index (due, gint64, i);

      if (!apply_one (store, row[0], row[1], row[2], now, error))
        return pos_store_rollback (store), FALSE;
      if (changed != NULL)
        g_array_append_val (changed, row[1]);
    }
  return pos_store_commit (store, error);
}

gint64
pos_price_schedule_next_due (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT min (starts_at) FROM price_change WHERE applied_at IS NULL";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  gint64 us = 0;

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return -1;
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return 0;
  if (!pos_clock_parse_iso ((const char *)sqlite3_column_text (stmt, 0), &us))
    return g_set_error (error, POS_ERROR, POS_ERROR_STORE, _ ("A scheduled price has a bad start")), -1;
  return us;
}

GPtrArray *
pos_price_schedule_list (PosStore *store, gboolean applied, GError **error)
{
  static const char sql[] = "SELECT c.id, c.product_id, p.sku, p.name, c.price, p.price, c.starts_at, "
                            "c.applied_at IS NOT NULL FROM price_change c JOIN product p ON p.id = "
                            "c.product_id WHERE ?1 OR c.applied_at IS NULL ORDER BY c.starts_at, c.id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_price_change_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, applied);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosPriceChange *change = g_new0 (PosPriceChange, 1);

      change->id = sqlite3_column_int64 (stmt, 0);
      change->product_id = sqlite3_column_int64 (stmt, 1);
      change->sku = pos_stmt_dup_text (stmt, 2);
      change->name = pos_stmt_dup_text (stmt, 3);
      change->price = sqlite3_column_int64 (stmt, 4);
      change->old_price = sqlite3_column_int64 (stmt, 5);
      pos_clock_parse_iso ((const char *)sqlite3_column_text (stmt, 6), &change->starts_us);
      change->applied = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (list, change);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}
