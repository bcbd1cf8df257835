/* pos-label-source.c — labels for named products, a delivery, or changed
 * prices. */
#include "pos-label-source.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-error.h"
#include "pos-shop.h"
#include "pos-store-private.h"

static GPtrArray *
label_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)pos_label_free);
}

/* A label for product @id with @code (nullable: its first barcode). */
static PosLabel *
label_for_id (PosStore *store, gint64 id, const char *code, gboolean qr, GError **error)
{
  g_autoptr (PosProduct) product = pos_catalog_get (store, id, error);
  g_autoptr (GPtrArray) codes = NULL;

  if (product == NULL)
    return NULL;
  if (code == NULL && (codes = pos_catalog_barcodes (store, id, error)) == NULL)
    return NULL;
  if (code == NULL && codes->len > 0)
    code = g_ptr_array_index (codes, 0);
  return pos_label_new (product, code, pos_shop_currency (store), qr);
}

/* Whether @key is one of the barcodes of product @id. */
static gboolean
is_barcode_of (PosStore *store, gint64 id, const char *key)
{
  static const char sql[] = "SELECT 1 FROM barcode WHERE code = ?1 AND product_id = ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return pos_store_step_row (store, stmt, NULL) == SQLITE_ROW;
}

GPtrArray *
pos_label_source_products (PosStore *store, const char *const *keys, gboolean qr, GError **error)
{
  g_autoptr (GPtrArray) labels = label_array ();

  g_return_val_if_fail (store != NULL && keys != NULL, NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (PosProduct) product = pos_catalog_lookup (store, keys[i], error);
      PosLabel *label;

      if (product == NULL)
        return NULL;
      label = label_for_id (store, product->id, is_barcode_of (store, product->id, keys[i]) ? keys[i] : NULL,
                            qr, error);
      if (label == NULL)
        return NULL;
      g_ptr_array_add (labels, label);
    }
  return g_steal_pointer (&labels);
}

GPtrArray *
pos_label_source_ids (PosStore *store, const gint64 *ids, guint n_ids, gboolean qr, GError **error)
{
  g_autoptr (GPtrArray) labels = label_array ();

  g_return_val_if_fail (store != NULL && (ids != NULL || n_ids == 0), NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      PosLabel *label = label_for_id (store, ids[i], NULL, qr, error);

      if (label == NULL)
        return NULL;
      g_ptr_array_add (labels, label);
    }
  return g_steal_pointer (&labels);
}

/* Labels for the product ids @stmt yields in its first column. */
static GPtrArray *
labels_for_rows (PosStore *store, PosStmt *stmt, gboolean qr, GError **error)
{
  g_autoptr (GPtrArray) labels = label_array ();
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  /* Ids first: the product reads below use statements of their own. */
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc < 0)
    return NULL;
  /* End the read before the product reads below. */
  sqlite3_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    {
      PosLabel *label = label_for_id (store, g_array_index (ids, gint64, i), NULL, qr, error);
      if (label == NULL)
        return NULL;
      g_ptr_array_add (labels, label);
    }
  return g_steal_pointer (&labels);
}

GPtrArray *
pos_label_source_delivery (PosStore *store, const char *delivery, gboolean qr, GError **error)
{
  static const char by_reference[] = "SELECT product_id FROM stock_move WHERE reason = 'receive' "
                                     "AND reference = ?1 GROUP BY product_id ORDER BY min (id)";
  static const char by_event[] = "SELECT product_id FROM stock_move WHERE reason = 'receive' "
                                 "AND event_id = ?1 GROUP BY product_id ORDER BY min (id)";
  const char *queries[] = { by_reference, by_event };

  g_return_val_if_fail (store != NULL && delivery != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      PosStmt *stmt = pos_store_prepare (store, queries[i], error);
      g_autoptr (GPtrArray) labels = NULL;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, delivery, -1, SQLITE_TRANSIENT);
      labels = labels_for_rows (store, stmt, qr, error);
      pos_stmt_release (stmt);
      if (labels == NULL || labels->len > 0)
        return g_steal_pointer (&labels);
    }
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No delivery received with note “%s”"), delivery);
  return NULL;
}

GPtrArray *
pos_label_source_changed (PosStore *store, gboolean qr, GError **error)
{
  static const char sql[] = "SELECT p.id FROM product p JOIN label_price l ON l.product_id = p.id "
                            "WHERE p.active = 1 AND (p.price != l.price OR p.unit != l.unit) "
                            "ORDER BY p.name COLLATE NOCASE, p.id";
  PosStmt *stmt;
  GPtrArray *labels;

  g_return_val_if_fail (store != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  labels = labels_for_rows (store, stmt, qr, error);
  pos_stmt_release (stmt);
  return labels;
}

static gboolean
mark_one (PosStore *store, const PosLabel *label, const char *now, GError **error)
{
  static const char sql[]
      = "INSERT INTO label_price (product_id, price, unit, printed_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (product_id) DO UPDATE SET price = excluded.price, "
        "unit = excluded.unit, printed_at = excluded.printed_at";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, label->product_id);
  sqlite3_bind_int64 (stmt, 2, label->price);
  sqlite3_bind_text (stmt, 3, label->unit, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_label_source_mark_printed (PosStore *store, GPtrArray *labels, GError **error)
{
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  g_return_val_if_fail (store != NULL && labels != NULL, FALSE);

  if (!pos_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < labels->len; i++)
    if (!mark_one (store, g_ptr_array_index (labels, i), now, error))
      {
        pos_store_rollback (store);
        return FALSE;
      }
  return pos_store_commit (store, error);
}
