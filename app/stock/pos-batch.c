/* pos-batch.c — batches received with their expiry (see pos-batch.h). */
#include "pos-batch.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pos-barcode.h"
#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-json.h"
#include "pos-shop.h"
#include "pos-stock-shop.h"
#include "pos-store-private.h"

/* What remains of each of this shop's batches, first expiry first out:
 * the level is laid onto the batches from the latest expiry down. */
#define BATCH_REMAINING_CTE_WHERE(extra)                                                                     \
  "WITH b AS (SELECT sb.id, sb.product_id, sb.batch, sb.expiry, sb.qty, coalesce (sum (sb.qty) OVER ("       \
  "  PARTITION BY sb.product_id ORDER BY coalesce (sb.expiry, '9999-12-31') DESC, sb.id DESC "               \
  "  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS later "                                        \
  "  FROM stock_batch sb WHERE sb.shop_id = (SELECT shop_id FROM local_shop)" extra "), "                    \
  "r AS (SELECT b.*, max (0, min (b.qty, coalesce (l.qty, 0) - b.later)) AS remaining FROM b "               \
  "  LEFT JOIN stock_level l ON l.product_id = b.product_id) "
#define BATCH_REMAINING_CTE BATCH_REMAINING_CTE_WHERE ("")

void
pos_batch_row_free (PosBatchRow *row)
{
  if (row == NULL)
    return;
  g_free (row->sku);
  g_free (row->name);
  g_free (row->batch);
  g_free (row->expiry);
  g_free (row);
}

static gboolean
all_digits (const char *text, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return text[n] == '\0';
}

char *
pos_batch_expiry_from_gs1 (const char *yymmdd, GError **error)
{
  guint year, month, day;

  if (yymmdd == NULL || !all_digits (yymmdd, 6))
    goto bad;
  year = 2000 + (guint)g_ascii_digit_value (yymmdd[0]) * 10 + (guint)g_ascii_digit_value (yymmdd[1]);
  month = (guint)g_ascii_digit_value (yymmdd[2]) * 10 + (guint)g_ascii_digit_value (yymmdd[3]);
  day = (guint)g_ascii_digit_value (yymmdd[4]) * 10 + (guint)g_ascii_digit_value (yymmdd[5]);
  if (month < 1 || month > 12)
    goto bad;
  if (day == 0)
    day = g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year);
  if (!g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year))
    goto bad;
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
bad:
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The expiry date “%s” is not a date (YYMMDD)"),
               yymmdd ? yymmdd : "");
  return NULL;
}

gboolean
pos_batch_check (const char *batch, const char *expiry, GError **error)
{
  guint year, month, day;

  if (batch != NULL && (*batch == '\0' || g_utf8_strlen (batch, -1) > 20))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A batch number has 1 to 20 characters")),
           FALSE;
  if (expiry == NULL)
    return TRUE;
  if (strlen (expiry) != 10 || sscanf (expiry, "%4u-%2u-%2u", &year, &month, &day) != 3 || month < 1
      || month > 12 || !g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("The expiry date “%s” is not a date (YYYY-MM-DD)"), expiry),
           FALSE;
  return TRUE;
}

static PosProduct *
lookup (PosStore *store, const PosBarcode *code, GError **error)
{
  g_autoptr (GError) local = NULL;
  PosProduct *product = pos_catalog_lookup (store, code->key, &local);

  if (product == NULL && code->alt_key != NULL && g_error_matches (local, POS_ERROR, POS_ERROR_NOT_FOUND))
    {
      g_clear_error (&local);
      product = pos_catalog_lookup (store, code->alt_key, &local);
    }
  if (product == NULL && g_error_matches (local, POS_ERROR, POS_ERROR_NOT_FOUND))
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Unknown code %s"), code->text);
  else if (product == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return product;
}

gboolean
pos_batch_read_code (PosStore *store, const char *code, gint64 *product_id, char **batch, char **expiry,
                     GError **error)
{
  g_autoptr (PosBarcodeLayouts) layouts = pos_shop_barcode_layouts (store);
  g_autoptr (PosBarcode) parsed = NULL;
  g_autoptr (PosProduct) product = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (product_id != NULL && batch != NULL && expiry != NULL, FALSE);

  *batch = *expiry = NULL;
  parsed = pos_barcode_parse (code, layouts, error);
  if (parsed == NULL || (product = lookup (store, parsed, error)) == NULL)
    return FALSE;
  if (parsed->expiry != NULL && (date = pos_batch_expiry_from_gs1 (parsed->expiry, error)) == NULL)
    return FALSE;
  *product_id = product->id;
  *batch = g_strdup (parsed->batch);
  *expiry = g_steal_pointer (&date);
  return TRUE;
}

gboolean
pos_batch_record (PosStore *store, gint64 product_id, PosQty qty, const char *batch, const char *expiry,
                  const char *reference, const char *event_id, GError **error)
{
  static const char sql[] = "INSERT INTO stock_batch (product_id, shop_id, batch, expiry, qty, reference, "
                            "received_at, event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  g_autofree char *shop_id = NULL;
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (batch == NULL && expiry == NULL)
    return TRUE;
  if (!pos_batch_check (batch, expiry, error)
      || (shop_id = pos_stock_shop_of_event (store, event_id, error)) == NULL
      || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_text (stmt, 2, shop_id, -1, SQLITE_STATIC);
  pos_stmt_bind_text_or_null (stmt, 3, batch);
  pos_stmt_bind_text_or_null (stmt, 4, expiry);
  sqlite3_bind_int64 (stmt, 5, qty);
  pos_stmt_bind_text_or_null (stmt, 6, reference);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
  pos_stmt_bind_text_or_null (stmt, 8, event_id);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_batch_apply_item (PosStore *store, const PosJournalEvent *event, gint64 product_id, JsonObject *item,
                      const char *reference, GError **error)
{
  const char *batch = pos_json_get_string (item, "batch");
  const char *expiry = pos_json_get_string (item, "expiry");
  PosQty qty = pos_json_get_int (item, "qty", 0);

  if ((batch == NULL && expiry == NULL) || product_id <= 0 || qty <= 0)
    return TRUE;
  return pos_batch_record (store, product_id, qty, batch, expiry, reference, event->event_id, error);
}

/* Today in the shop's (local) time, plus @days, as "YYYY-MM-DD". */
static char *
local_day (guint days)
{
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_local (pos_clock_now_us () / G_USEC_PER_SEC);
  g_autoptr (GDateTime) then = g_date_time_add_days (now, (gint)days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* What a PosBatchRow reads; ?2 is today. */
#define ROW_COLUMNS "r.product_id, p.sku, p.name, r.batch, r.expiry, r.remaining, r.expiry < ?2, r.id"

static PosBatchRow *
row_from (PosStmt *stmt)
{
  PosBatchRow *row = g_new0 (PosBatchRow, 1);

  row->product_id = sqlite3_column_int64 (stmt, 0);
  row->sku = pos_stmt_dup_text (stmt, 1);
  row->name = pos_stmt_dup_text (stmt, 2);
  row->batch = pos_stmt_dup_text (stmt, 3);
  row->expiry = pos_stmt_dup_text (stmt, 4);
  row->remaining = sqlite3_column_int64 (stmt, 5);
  row->expired = sqlite3_column_int (stmt, 6) != 0;
  row->id = sqlite3_column_int64 (stmt, 7);
  return row;
}

GPtrArray *
pos_batch_expiring (PosStore *store, guint days, GError **error)
{
  static const char sql[] = BATCH_REMAINING_CTE
      "SELECT " ROW_COLUMNS " FROM r JOIN product p ON p.id = r.product_id "
      "WHERE r.expiry IS NOT NULL AND r.expiry <= ?1 AND r.remaining > 0 ORDER BY r.expiry, p.sku, r.id";
  g_autofree char *until = local_day (days);
  g_autofree char *today = local_day (0);
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_batch_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, until, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from (stmt));
  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}

char *
pos_batch_fefo_warning (PosStore *store, gint64 product_id, const char *batch, const char *expiry)
{
  /* ?3: the scanned batch's expiry, or as it was received here. */
  static const char sql[]
      = BATCH_REMAINING_CTE "SELECT r.batch, r.expiry, s.expiry FROM r, (SELECT coalesce (?3, (SELECT max "
                            "(expiry) FROM stock_batch "
                            "  WHERE product_id = ?1 AND batch = ?2)) AS expiry) s "
                            "WHERE r.product_id = ?1 AND r.remaining > 0 AND r.expiry < s.expiry "
                            "  AND r.batch IS NOT ?2 ORDER BY r.expiry, r.id LIMIT 1";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  if (batch == NULL || (stmt = pos_store_prepare (store, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_text (stmt, 2, batch, -1, SQLITE_TRANSIENT);
  pos_stmt_bind_text_or_null (stmt, 3, expiry);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return g_strdup_printf (
        _ ("Batch %s expires on %s, but stock expiring on %s is still on hand: sell that first"), batch,
        (const char *)sqlite3_column_text (stmt, 2), (const char *)sqlite3_column_text (stmt, 1));
  return g_strdup_printf (_ ("Batch %s expires on %s, but batch %s expires on %s and is still on hand: sell "
                             "that first"),
                          batch, (const char *)sqlite3_column_text (stmt, 2),
                          (const char *)sqlite3_column_text (stmt, 0),
                          (const char *)sqlite3_column_text (stmt, 1));
}

/* A GS1 element string as typed "(01)…(17)…" or scanned with GS. */
static gboolean
looks_gs1 (const char *code)
{
  return code[0] == '(' || code[0] == ']' || strchr (code, 0x1d) != NULL;
}

char *
pos_batch_fefo_warning_for_code (PosStore *store, const char *scan)
{
  g_autofree char *code = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *expiry = NULL;
  char *star;
  gint64 product_id = 0;

  g_return_val_if_fail (store != NULL && scan != NULL, NULL);

  code = g_strdup (scan);
  if ((star = strrchr (code, '*')) != NULL)
    *star = '\0';
  if (!looks_gs1 (code) || !pos_batch_read_code (store, code, &product_id, &batch, &expiry, NULL))
    return NULL;
  return pos_batch_fefo_warning (store, product_id, batch, expiry);
}

/* The list sorts as pos_batch_expiring() does; ?1 is the last day. */
static const char expiring_ids_sql[]
    = BATCH_REMAINING_CTE "SELECT r.id FROM r JOIN product p ON p.id = r.product_id "
                          "WHERE r.expiry IS NOT NULL AND r.expiry <= ?1 AND r.remaining > 0 "
                          "ORDER BY r.expiry, p.sku, r.id";

void
pos_batch_expiring_filter_async (PosSqlListModel *model, guint days, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *until = local_day (days);
  const char *params[] = { until, NULL };

  g_return_if_fail (POS_IS_SQL_LIST_MODEL (model));

  pos_sql_list_model_set_query_async (model, expiring_ids_sql, params, cancellable, callback, user_data);
}

PosBatchRow *
pos_batch_row_load (PosStore *store, gint64 batch_id, GError **error)
{
  /* Only the batches of the one product: what remains depends on them. */
  static const char sql[] = BATCH_REMAINING_CTE_WHERE (
      " AND sb.product_id = (SELECT product_id FROM stock_batch WHERE id = ?1)") "SELECT " ROW_COLUMNS
                                                                                 " FROM r JOIN product p ON "
                                                                                 "p.id = r.product_id "
                                                                                 "WHERE r.id = ?1";
  g_autofree char *today = local_day (0);
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    return row_from (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No batch %lld"), (long long)batch_id);
  return NULL;
}
