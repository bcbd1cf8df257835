/* pos-sale-record.c — writing one sale or refund (see pos-sale-record.h). */
#include "pos-sale-record.h"

#include "pos-clock.h"
#include "pos-event-rows.h"
#include "pos-fiscal.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-store-private.h"

void
pos_sale_record_clear (PosSaleRecord *record)
{
  g_clear_pointer (&record->till_id, g_free);
  g_clear_pointer (&record->receipt_no, g_free);
  g_clear_pointer (&record->created_at, g_free);
  g_clear_pointer (&record->business_day, g_free);
  g_clear_pointer (&record->lines, json_array_unref);
  g_clear_pointer (&record->taxes, json_array_unref);
  g_clear_pointer (&record->payments, json_array_unref);
}

/* The next receipt number of this till: gapless because it is taken
 * inside the sale's write transaction. After a restore it continues past
 * the numbers the replaced store had used (setting receipt_number_floor),
 * since a receipt number is never given twice. */
static gboolean
next_number (PosStore *store, PosSaleRecord *record, GError **error)
{
  static const char number_sql[]
      = "SELECT max (coalesce (max (till_number), 0), coalesce ((SELECT CAST (value AS INTEGER) "
        "FROM setting WHERE key = 'receipt_number_floor'), 0)) + 1 FROM sale WHERE till_id = ?1";
  static const char shift_sql[] = "SELECT id FROM shift WHERE till_id = ?1 AND closed_at IS NULL "
                                  "ORDER BY id DESC LIMIT 1";
  g_autoptr (PosStmt) number = pos_store_prepare (store, number_sql, error);
  g_autoptr (PosStmt) shift = NULL;

  if (number == NULL)
    return FALSE;
  sqlite3_bind_text (number, 1, record->till_id, -1, SQLITE_STATIC);
  if (pos_store_step_row (store, number, error) != SQLITE_ROW)
    return FALSE;
  record->till_number = sqlite3_column_int64 (number, 0);
  record->receipt_no = g_strdup_printf ("%s-%" G_GINT64_FORMAT, record->till_id, record->till_number);

  shift = pos_store_prepare (store, shift_sql, error);
  if (shift == NULL)
    return FALSE;
  sqlite3_bind_text (shift, 1, record->till_id, -1, SQLITE_STATIC);
  record->shift_id = sqlite3_step (shift) == SQLITE_ROW ? sqlite3_column_int64 (shift, 0) : 0;
  return TRUE;
}

static void
prepare_arrays (PosSaleRecord *record)
{
  record->lines = json_array_new ();
  record->taxes = json_array_new ();
  record->payments = json_array_new ();
}

static gboolean
insert_header (PosStore *store, PosSaleRecord *record, GError **error)
{
  static const char sql[]
      = "INSERT INTO sale (receipt_no, till_id, till_number, kind, refund_of, shift_id, user_id, "
        "customer_id, created_at, business_day, subtotal, discount_total, tax_total, total, "
        "rounding, tendered, change, points_earned) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->receipt_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, record->till_number);
  sqlite3_bind_text (stmt, 4, record->kind, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 5, record->refund_of, 0);
  pos_stmt_bind_int64_or_null (stmt, 6, record->shift_id, 0);
  pos_stmt_bind_int64_or_null (stmt, 7, record->user_id, 0);
  pos_stmt_bind_int64_or_null (stmt, 8, record->customer_id, 0);
  sqlite3_bind_text (stmt, 9, record->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, record->business_day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, record->subtotal);
  sqlite3_bind_int64 (stmt, 12, record->discount_total);
  sqlite3_bind_int64 (stmt, 13, record->tax_total);
  sqlite3_bind_int64 (stmt, 14, record->total);
  sqlite3_bind_int64 (stmt, 15, record->rounding);
  sqlite3_bind_int64 (stmt, 16, record->tendered);
  sqlite3_bind_int64 (stmt, 17, record->change);
  sqlite3_bind_int64 (stmt, 18, record->points_earned);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  record->sale_id = sqlite3_last_insert_rowid (pos_store_db (store));
  return TRUE;
}

/* Numbers the sale and writes its header. */
gboolean
pos_sale_record_begin (PosStore *store, PosSaleRecord *record, GError **error)
{
  gint64 now = pos_clock_now_us ();

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);
  g_return_val_if_fail (record->kind != NULL, FALSE);

  record->till_id = pos_journal_till_id (store);
  record->created_at = pos_clock_iso_utc (now);
  record->business_day = pos_clock_business_day (now);
  record->moves_after = pos_event_rows_last_id (store, "stock_move");
  record->entries_after = pos_event_rows_last_id (store, "loyalty_entry");
  prepare_arrays (record);
  if (!next_number (store, record, error))
    return FALSE;
  return insert_header (store, record, error);
}

/* Writes the header of a sale pulled from another till: its numbering and
 * times come from its event, it belongs to no shift here, and no journal
 * event is appended for it (the pulled event is already in the journal). */
gboolean
pos_sale_record_begin_remote (PosStore *store, PosSaleRecord *record, const char *till_id, gint64 till_number,
                              const char *created_at, const char *business_day, GError **error)
{
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);
  g_return_val_if_fail (record->kind != NULL && till_id != NULL, FALSE);
  g_return_val_if_fail (created_at != NULL && business_day != NULL, FALSE);

  record->till_id = g_strdup (till_id);
  record->till_number = till_number;
  record->receipt_no = g_strdup_printf ("%s-%" G_GINT64_FORMAT, till_id, till_number);
  record->created_at = g_strdup (created_at);
  record->business_day = g_strdup (business_day);
  record->shift_id = 0;
  prepare_arrays (record);
  return insert_header (store, record, error);
}

static JsonObject *
line_event (const PosSaleLineRecord *l)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "line_no", l->line_no);
  json_object_set_string_member (o, "sku", l->sku);
  json_object_set_string_member (o, "name", l->name);
  json_object_set_string_member (o, "unit", l->unit);
  json_object_set_int_member (o, "qty", l->qty);
  json_object_set_int_member (o, "unit_price", l->unit_price);
  json_object_set_int_member (o, "catalog_version", l->catalog_version);
  json_object_set_string_member (o, "tax_code", l->tax_code);
  json_object_set_int_member (o, "tax_rate_bp", l->tax_rate_bp);
  json_object_set_int_member (o, "discount", l->discount);
  json_object_set_int_member (o, "total", l->total);
  json_object_set_int_member (o, "tax", l->tax);
  if (l->refund_of_line > 0)
    json_object_set_int_member (o, "refund_of_line", l->refund_of_line);
  if (l->promotions != NULL)
    json_object_set_array_member (o, "promotions", json_array_ref (l->promotions));
  return o;
}

/* The line's share of each promotion, for the receipt and the report. */
static gboolean
add_line_promotions (PosStore *store, gint64 line_id, JsonArray *promotions, GError **error)
{
  static const char sql[] = "INSERT INTO sale_line_promotion (sale_line_id, promotion_uid, name, amount) "
                            "VALUES (?1, ?2, ?3, ?4)";

  for (guint i = 0; promotions != NULL && i < json_array_get_length (promotions); i++)
    {
      JsonObject *o = json_array_get_object_element (promotions, i);
      g_autoptr (PosStmt) stmt = NULL;

      if (o == NULL || pos_json_get_string (o, "uid") == NULL || pos_json_get_string (o, "name") == NULL)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "a line's promotion lacks its uid or name"),
               FALSE;
      if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, line_id);
      sqlite3_bind_text (stmt, 2, pos_json_get_string (o, "uid"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, pos_json_get_string (o, "name"), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, pos_json_get_int (o, "amount", 0));
      if (!pos_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pos_sale_record_add_line (PosStore *store, PosSaleRecord *record, const PosSaleLineRecord *l, GError **error)
{
  static const char sql[]
      = "INSERT INTO sale_line (sale_id, line_no, product_id, sku, name, unit, qty, unit_price, "
        "catalog_version, tax_code, tax_rate_bp, discount, line_total, tax_amount, "
        "refund_of_line, cost) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
        /* the cost as sold (013): a refund takes back the cost of its line */
        "coalesce ((SELECT cost FROM sale_line WHERE id = ?15), (SELECT cost FROM product WHERE id = ?3)))";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->sale_id);
  sqlite3_bind_int (stmt, 2, (int)l->line_no);
  pos_stmt_bind_int64_or_null (stmt, 3, l->product_id, 0);
  sqlite3_bind_text (stmt, 4, l->sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, l->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, l->unit, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, l->qty);
  sqlite3_bind_int64 (stmt, 8, l->unit_price);
  sqlite3_bind_int64 (stmt, 9, l->catalog_version);
  sqlite3_bind_text (stmt, 10, l->tax_code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, l->tax_rate_bp);
  sqlite3_bind_int64 (stmt, 12, l->discount);
  sqlite3_bind_int64 (stmt, 13, l->total);
  sqlite3_bind_int64 (stmt, 14, l->tax);
  pos_stmt_bind_int64_or_null (stmt, 15, l->refund_of_line, 0);
  if (!pos_store_step_done (store, stmt, error)
      || !add_line_promotions (store, sqlite3_last_insert_rowid (pos_store_db (store)), l->promotions, error))
    return FALSE;
  json_array_add_object_element (record->lines, line_event (l));
  return TRUE;
}

gboolean
pos_sale_record_add_taxes (PosStore *store, PosSaleRecord *record, const PosTaxSummary *taxes, GError **error)
{
  static const char sql[] = "INSERT INTO sale_tax (sale_id, tax_code, tax_rate_bp, net, tax, gross) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

  for (guint i = 0; i < taxes->buckets->len; i++)
    {
      const PosTaxBucket *b = &g_array_index (taxes->buckets, PosTaxBucket, i);
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
      JsonObject *o;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, record->sale_id);
      sqlite3_bind_text (stmt, 2, b->code, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, b->rate_bp);
      sqlite3_bind_int64 (stmt, 4, b->net);
      sqlite3_bind_int64 (stmt, 5, b->tax);
      sqlite3_bind_int64 (stmt, 6, b->gross);
      if (!pos_store_step_done (store, stmt, error))
        return FALSE;
      o = json_object_new ();
      json_object_set_string_member (o, "code", b->code);
      json_object_set_int_member (o, "rate_bp", b->rate_bp);
      json_object_set_int_member (o, "net", b->net);
      json_object_set_int_member (o, "tax", b->tax);
      json_object_set_int_member (o, "gross", b->gross);
      json_array_add_object_element (record->taxes, o);
    }
  return TRUE;
}

gboolean
pos_sale_record_add_payment (PosStore *store, PosSaleRecord *record, const char *method, PosAmount amount,
                             const char *reference, gint64 points, GError **error)
{
  /* payment has no rowid (migration 035): its id is the next after the
   * newest payment's, the last in (sale, id) order, as a rowid would be. */
  static const char sql[]
      = "INSERT INTO payment (id, sale_id, method, amount, reference, points) "
        "VALUES (coalesce ((SELECT id FROM payment ORDER BY sale_id DESC, id DESC LIMIT 1), 0)"
        " + 1, ?1, ?2, ?3, ?4, ?5)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  JsonObject *o;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->sale_id);
  sqlite3_bind_text (stmt, 2, method, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, amount);
  sqlite3_bind_text (stmt, 4, reference, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, points);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  o = json_object_new ();
  json_object_set_string_member (o, "method", method);
  json_object_set_int_member (o, "amount", amount);
  if (reference != NULL)
    json_object_set_string_member (o, "reference", reference);
  if (points != 0)
    json_object_set_int_member (o, "points", points);
  json_array_add_object_element (record->payments, o);
  return TRUE;
}

/* The uid other tills know the customer by (NULL when unknown). */
static char *
customer_uid (PosStore *store, gint64 customer_id)
{
  static const char sql[] = "SELECT uid FROM customer WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? pos_stmt_dup_text (stmt, 0) : NULL;
}

/* The shop's fiscal profile signs or logs the sale in this transaction. */
static gboolean
record_fiscal (PosStore *store, const PosSaleRecord *record, GError **error)
{
  PosFiscalSale sale = { record->sale_id, record->kind,  record->receipt_no, record->created_at,
                         record->total,   record->taxes, record->payments };

  return pos_fiscal_record_sale (store, &sale, error);
}

/* Appends the journal event that says everything the rows say, so another
 * till or the hub can rebuild the sale from the event alone, and lists the
 * digests of the rows themselves, so any later edit of one is found; then the
 * fiscal profile's record of the sale. */
gboolean
pos_sale_record_finish (PosStore *store, PosSaleRecord *record, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;

  json_object_set_string_member (o, "receipt_no", record->receipt_no);
  json_object_set_int_member (o, "till_number", record->till_number);
  json_object_set_string_member (o, "created_at", record->created_at);
  json_object_set_string_member (o, "business_day", record->business_day);
  json_object_set_string_member (o, "cashier", record->user_name ? record->user_name : "");
  if (record->refund_of_receipt != NULL)
    json_object_set_string_member (o, "refund_of", record->refund_of_receipt);
  if (record->customer_id > 0)
    {
      g_autofree char *uid = customer_uid (store, record->customer_id);

      json_object_set_int_member (o, "customer_id", record->customer_id);
      if (uid != NULL)
        json_object_set_string_member (o, "customer_uid", uid);
    }
  json_object_set_int_member (o, "subtotal", record->subtotal);
  json_object_set_int_member (o, "discount_total", record->discount_total);
  json_object_set_int_member (o, "tax_total", record->tax_total);
  json_object_set_int_member (o, "total", record->total);
  json_object_set_int_member (o, "rounding", record->rounding);
  json_object_set_int_member (o, "tendered", record->tendered);
  json_object_set_int_member (o, "change", record->change);
  json_object_set_int_member (o, "points_earned", record->points_earned);
  json_object_set_array_member (o, "lines", json_array_ref (record->lines));
  json_object_set_array_member (o, "taxes", json_array_ref (record->taxes));
  json_object_set_array_member (o, "payments", json_array_ref (record->payments));
  if (!pos_event_rows_add_sale (store, o, record->sale_id, record->moves_after, record->entries_after, error))
    return FALSE;

  event = pos_journal_append_object (store, record->kind, o, error);
  return event != NULL && record_fiscal (store, record, error);
}
