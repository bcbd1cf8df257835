/* pos-sync-apply.c — applying pulled events (see pos-sync-apply.h). */
#include "pos-sync-apply.h"

#include "pos-i18n.h"

#include "pos-catalog.h"
#include "pos-tax-rate.h"
#include "pos-clock.h"
#include "pos-hlc.h"
#include "pos-hub.h"
#include "pos-json.h"
#include "pos-loyalty.h"
#include "pos-price-schedule.h"
#include "pos-product-image.h"
#include "pos-promotion.h"
#include "pos-quick-key-page.h"
#include "pos-sale-record.h"
#include "pos-shop.h"
#include "pos-cost.h"
#include "pos-batch.h"
#include "pos-stock-shop.h"
#include "pos-stock.h"
#include "pos-transfer.h"
#include "pos-supplier.h"
#include "pos-users.h"
#include "pos-account.h"
#include "pos-layaway.h"
#include "pos-voucher.h"
#include "pos-store-private.h"

/* Lookups ------------------------------------------------------------------ */

static gint64
lookup_id (PosStore *store, const char *sql, const char *text, gint64 id, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return -1;
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* The local product of @sku; 0 when this store has none, -1 on error. */
static gint64
product_by_sku (PosStore *store, const char *sku, GError **error)
{
  static const char sql[] = "SELECT id FROM product WHERE sku = ?1";

  return sku ? lookup_id (store, sql, sku, 0, error) : 0;
}

/* The local customer a uid (or, for events written before uids, a card
 * code or phone @key) stands for; 0 when unknown, -1 on error. */
static gint64
customer_by_ref (PosStore *store, const char *uid, const char *key, GError **error)
{
  static const char by_uid[] = "SELECT id FROM customer WHERE uid = ?1 "
                               "UNION ALL SELECT customer_id FROM customer_alias WHERE uid = ?1 LIMIT 1";
  static const char by_card[] = "SELECT id FROM customer WHERE card_code = ?1";
  static const char by_phone[] = "SELECT id FROM customer WHERE phone = ?1";
  gint64 id = 0;

  if (uid != NULL && (id = lookup_id (store, by_uid, uid, 0, error)) != 0)
    return id;
  if (key != NULL && (id = lookup_id (store, by_card, key, 0, error)) != 0)
    return id;
  if (key != NULL)
    id = lookup_id (store, by_phone, key, 0, error);
  return id;
}

static gboolean
apply_error (GError **error, const PosJournalEvent *event, const char *what)
{
  g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_APPLY, _ ("Cannot apply %s %s of till %s #%lld: %s"),
               event->type, event->event_id, event->till_id, (long long)event->till_seq, what);
  return FALSE;
}

/* Adds what this event is to an error raised by the code that applied it. */
static gboolean
prefix_error (GError **error, const PosJournalEvent *event)
{
  g_autoptr (GError) inner = NULL;

  if (error == NULL || *error == NULL)
    return apply_error (error, event, "unknown failure");
  inner = g_steal_pointer (error);
  return apply_error (error, event, inner->message);
}

/* The list @member of @body. A payload without it, or with something else
 * there, is refused here: json-glib treats reading it as a programming
 * error, not as bad input. */
static gboolean
get_array (const PosJournalEvent *event, JsonObject *body, const char *member, JsonArray **out,
           GError **error)
{
  JsonNode *node = json_object_get_member (body, member);
  g_autofree char *what = NULL;

  if (node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_ARRAY)
    {
      *out = json_node_get_array (node);
      return TRUE;
    }
  what = g_strdup_printf (_ ("its “%s” is missing or not a list"), member);
  return apply_error (error, event, what);
}

/* Sales and refunds ------------------------------------------------------------ */

typedef struct
{
  const PosJournalEvent *event;
  JsonObject *body;
  PosSaleRecord *record;
  gint64 redeemed; /* points paid with */
} RemoteSale;

/* The line of the original sale a refunded line came from: the ids in the
 * event are the other till's, so it is found by SKU. */
static gint64
refunded_line (PosStore *store, gint64 sale_id, const char *sku, GError **error)
{
  static const char sql[]
      = "SELECT id FROM sale_line WHERE sale_id = ?1 AND sku = ?2 ORDER BY line_no LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, sale_id);
  sqlite3_bind_text (stmt, 2, sku, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return -1;
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
read_line (PosStore *store, RemoteSale *r, JsonObject *o, PosSaleLineRecord *l, GError **error)
{
  *l = (PosSaleLineRecord){
    .line_no = (guint)pos_json_get_int (o, "line_no", 0),
    .sku = pos_json_get_string (o, "sku"),
    .name = pos_json_get_string (o, "name"),
    .unit = pos_json_get_string (o, "unit"),
    .qty = pos_json_get_int (o, "qty", 0),
    .unit_price = pos_json_get_int (o, "unit_price", 0),
    .catalog_version = pos_json_get_int (o, "catalog_version", 0),
    .tax_code = pos_json_get_string (o, "tax_code"),
    .tax_rate_bp = pos_json_get_int (o, "tax_rate_bp", 0),
    .discount = pos_json_get_int (o, "discount", 0),
    .total = pos_json_get_int (o, "total", 0),
    .tax = pos_json_get_int (o, "tax", 0),
    .promotions
    = json_object_has_member (o, "promotions") ? json_object_get_array_member (o, "promotions") : NULL,
  };
  if (l->sku == NULL || l->name == NULL || l->unit == NULL || l->tax_code == NULL || l->line_no == 0)
    return apply_error (error, r->event, "a line lacks its SKU, name, unit, tax code or number");
  if ((l->product_id = product_by_sku (store, l->sku, error)) < 0)
    return FALSE;
  if (r->record->refund_of > 0
      && (l->refund_of_line = refunded_line (store, r->record->refund_of, l->sku, error)) < 0)
    return FALSE;
  return TRUE;
}

static gboolean
apply_lines (PosStore *store, RemoteSale *r, GError **error)
{
  JsonArray *lines = NULL;
  gboolean refund = r->record->refund_of > 0;

  if (!get_array (r->event, r->body, "lines", &lines, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *o = pos_json_array_get_object (lines, i);
      PosSaleLineRecord l;

      if (o == NULL)
        return apply_error (error, r->event, "a line is not an object");
      if (!read_line (store, r, o, &l, error) || !pos_sale_record_add_line (store, r->record, &l, error))
        return FALSE;
      if (l.product_id > 0 && l.qty != 0
          && !pos_stock_record_move_with_event (
              store, l.product_id, -l.qty, refund ? POS_STOCK_REFUND : POS_STOCK_SALE, r->record->receipt_no,
              r->record->sale_id, 0, r->event->event_id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_taxes (PosStore *store, RemoteSale *r, GError **error)
{
  JsonArray *taxes = NULL;
  g_autoptr (GArray) buckets = g_array_new (FALSE, TRUE, sizeof (PosTaxBucket));
  PosTaxSummary summary = { buckets, 0, 0, 0 };

  if (!get_array (r->event, r->body, "taxes", &taxes, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (taxes); i++)
    {
      JsonObject *o = pos_json_array_get_object (taxes, i);
      PosTaxBucket b = { 0 };

      if (o == NULL || pos_json_get_string (o, "code") == NULL)
        return apply_error (error, r->event, "a tax line lacks its code");
      b.code = (char *)pos_json_get_string (o, "code");
      b.rate_bp = pos_json_get_int (o, "rate_bp", 0);
      b.net = pos_json_get_int (o, "net", 0);
      b.tax = pos_json_get_int (o, "tax", 0);
      b.gross = pos_json_get_int (o, "gross", 0);
      g_array_append_val (buckets, b);
    }
  return pos_sale_record_add_taxes (store, r->record, &summary, error);
}

static gboolean
apply_payments (PosStore *store, RemoteSale *r, GError **error)
{
  JsonArray *payments = NULL;

  if (!get_array (r->event, r->body, "payments", &payments, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (payments); i++)
    {
      JsonObject *o = pos_json_array_get_object (payments, i);
      const char *method = o ? pos_json_get_string (o, "method") : NULL;
      gint64 points = pos_json_get_int (o, "points", 0);

      if (method == NULL)
        return apply_error (error, r->event, "a payment lacks its method");
      if (!pos_sale_record_add_payment (store, r->record, method, pos_json_get_int (o, "amount", 0),
                                        pos_json_get_string (o, "reference"), points, error))
        return FALSE;
      if (g_str_equal (method, "points"))
        r->redeemed += points;
    }
  return TRUE;
}

/* The ledger entries checkout and refund write for a customer's sale. */
static gboolean
apply_sale_loyalty (PosStore *store, RemoteSale *r, GError **error)
{
  PosSaleRecord *rec = r->record;
  const char *id = r->event->event_id;

  if (rec->customer_id <= 0)
    return TRUE;
  if (rec->refund_of > 0)
    return rec->points_earned == 0
           || pos_loyalty_insert_entry (store, rec->customer_id, rec->points_earned, "refund", rec->sale_id,
                                        rec->created_at, id, error);
  if (r->redeemed > 0
      && !pos_loyalty_insert_entry (store, rec->customer_id, -r->redeemed, "redeem", rec->sale_id,
                                    rec->created_at, id, error))
    return FALSE;
  return rec->points_earned <= 0
         || pos_loyalty_insert_entry (store, rec->customer_id, rec->points_earned, "earn", rec->sale_id,
                                      rec->created_at, id, error);
}

/* The header fields of the sale as the other till recorded them. */
static gboolean
read_header (PosStore *store, RemoteSale *r, GError **error)
{
  static const char refund_of_sql[] = "SELECT id FROM sale WHERE receipt_no = ?1";
  PosSaleRecord *rec = r->record;
  JsonObject *b = r->body;
  const char *original = pos_json_get_string (b, "refund_of");

  rec->kind = r->event->type;
  rec->user_name = pos_json_get_string (b, "cashier");
  rec->subtotal = pos_json_get_int (b, "subtotal", 0);
  rec->discount_total = pos_json_get_int (b, "discount_total", 0);
  rec->tax_total = pos_json_get_int (b, "tax_total", 0);
  rec->total = pos_json_get_int (b, "total", 0);
  rec->rounding = pos_json_get_int (b, "rounding", 0);
  rec->tendered = pos_json_get_int (b, "tendered", 0);
  rec->change = pos_json_get_int (b, "change", 0);
  rec->points_earned = pos_json_get_int (b, "points_earned", 0);
  rec->customer_id = customer_by_ref (store, pos_json_get_string (b, "customer_uid"), NULL, error);
  if (rec->customer_id < 0)
    return FALSE;
  if (g_str_equal (rec->kind, "refund"))
    {
      rec->refund_of_receipt = original;
      rec->refund_of = original ? lookup_id (store, refund_of_sql, original, 0, error) : 0;
      if (rec->refund_of < 0)
        return FALSE;
      if (rec->refund_of == 0)
        return apply_error (error, r->event, "the refunded sale is not in this store");
    }
  return TRUE;
}

static gboolean
apply_sale (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  g_auto (PosSaleRecord) record = { 0 };
  RemoteSale r = { event, body, &record, 0 };
  const char *created_at = pos_json_get_string (body, "created_at");
  const char *business_day = pos_json_get_string (body, "business_day");
  const char *receipt_no = pos_json_get_string (body, "receipt_no");
  gint64 number = pos_json_get_int (body, "till_number", 0);

  if (created_at == NULL || business_day == NULL || receipt_no == NULL || number <= 0)
    return apply_error (error, event, "it lacks its receipt number, till number or times");
  if (!read_header (store, &r, error))
    return FALSE;
  if (!pos_sale_record_begin_remote (store, &record, event->till_id, number, created_at, business_day, error))
    return FALSE;
  if (!g_str_equal (record.receipt_no, receipt_no))
    return apply_error (error, event, "its receipt number does not belong to its till");
  return apply_lines (store, &r, error) && apply_taxes (store, &r, error) && apply_payments (store, &r, error)
         && apply_sale_loyalty (store, &r, error);
}

/* Stock ------------------------------------------------------------------------ */

static gboolean
stock_move (PosStore *store, const PosJournalEvent *event, const char *sku, PosQty delta,
            PosStockReason reason, const char *reference, GError **error)
{
  gint64 product_id = product_by_sku (store, sku, error);

  if (product_id < 0)
    return FALSE;
  if (product_id == 0 || delta == 0)
    return TRUE; /* a product this till never had: nothing to count here */
  return pos_stock_record_move_with_event (store, product_id, delta, reason, reference, 0, 0, event->event_id,
                                           error);
}

/* A delivery's cost: the moving average the receiving till computed
 * (avg_cost), or for older events the delivery's unit cost. */
static gboolean
set_cost (PosStore *store, const char *sku, PosAmount cost, GError **error)
{
  gint64 product_id = product_by_sku (store, sku, error);

  if (product_id <= 0)
    return product_id == 0; /* a product this till never had */
  return pos_cost_set (store, product_id, cost, error);
}

/* A received batch with its expiry (pos-batch.h). */
static gboolean
apply_batch (PosStore *store, const PosJournalEvent *event, const char *sku, JsonObject *item,
             const char *reference, GError **error)
{
  gint64 product_id;

  if (!json_object_has_member (item, "batch") && !json_object_has_member (item, "expiry"))
    return TRUE;
  if ((product_id = product_by_sku (store, sku, error)) < 0)
    return FALSE;
  return pos_batch_apply_item (store, event, product_id, item, reference, error);
}

static gboolean
apply_stock_items (PosStore *store, const PosJournalEvent *event, JsonObject *body, gboolean count,
                   GError **error)
{
  JsonArray *items = NULL;
  const char *reference = pos_json_get_string (body, "reference");

  if (!get_array (event, body, "items", &items, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = pos_json_array_get_object (items, i);
      const char *sku = o ? pos_json_get_string (o, "sku") : NULL;
      gint64 cost = pos_json_get_int (o, "avg_cost", pos_json_get_int (o, "unit_cost", -1));

      if (sku == NULL)
        return apply_error (error, event, "an item lacks its SKU");
      if (!stock_move (store, event, sku, pos_json_get_int (o, count ? "delta" : "qty", 0),
                       count ? POS_STOCK_COUNT : POS_STOCK_RECEIVE, reference, error))
        return FALSE;
      if (!count && cost >= 0 && !set_cost (store, sku, cost, error))
        return FALSE;
      if (!count && !apply_batch (store, event, sku, o, reference, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_stock_adjust (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  const char *sku = pos_json_get_string (body, "sku");
  PosStockReason reason;

  if (sku == NULL || !pos_stock_reason_parse (pos_json_get_string (body, "reason"), &reason))
    return apply_error (error, event, "it lacks its SKU or reason");
  return stock_move (store, event, sku, pos_json_get_int (body, "qty", 0), reason,
                     pos_json_get_string (body, "reference"), error);
}

/* Catalog ------------------------------------------------------------------------ */

/* Adds or updates the product in @body through the catalog, whose checks
 * (a name's length) hold for other tills' edits too. */
static gboolean
write_product (PosStore *store, gint64 id, JsonObject *body, gint64 tax_rate_id, const char *hlc,
               GError **error)
{
  PosProduct product = {
    .id = id,
    .sku = (char *)pos_json_get_string (body, "sku"),
    .name = (char *)pos_json_get_string (body, "name"),
    .unit = (char *)pos_json_get_string (body, "unit"),
    .price = pos_json_get_int (body, "price", 0),
    .cost = pos_json_get_int (body, "cost", -1),
    .tax_rate_id = tax_rate_id,
    .reorder_level = pos_json_get_int (body, "reorder_level", -1),
    .active = json_object_get_boolean_member_with_default (body, "active", TRUE),
    .variant_options = (char *)pos_json_get_string (body, "options"),
    .own_price = json_object_get_boolean_member_with_default (body, "own_price", TRUE),
    .brand = (char *)pos_json_get_string (body, "brand"),
  };
  const char *parent_sku = pos_json_get_string (body, "parent_sku");

  /* A variant: its product came first in the other till's journal. */
  if (parent_sku != NULL && (product.parent_id = product_by_sku (store, parent_sku, error)) < 0)
    return FALSE;
  if (parent_sku != NULL && product.parent_id == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("its product %s is not in this store"),
                        parent_sku),
           FALSE;
  if (id == 0)
    return pos_catalog_insert (store, &product, hlc, error) != 0;
  return pos_catalog_update_synced (store, &product, hlc, error);
}

/* The barcodes an event names (events of before they were sent have none):
 * added to the product unless this store gave that code to another one,
 * which stays as it is rather than being silently taken over. */
static gboolean
add_product_barcodes (PosStore *store, JsonObject *body, GError **error)
{
  static const char sql[] = "INSERT OR IGNORE INTO barcode (code, product_id) SELECT ?1, id FROM product "
                            "WHERE sku = ?2";
  JsonNode *member = json_object_get_member (body, "barcodes");
  JsonArray *codes = member != NULL && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;

  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
      JsonNode *element = json_array_get_element (codes, i);
      const char *code
          = json_node_get_value_type (element) == G_TYPE_STRING ? json_node_get_string (element) : NULL;

      if (stmt == NULL)
        return FALSE;
      if (code == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, pos_json_get_string (body, "sku"), -1, SQLITE_STATIC);
      if (!pos_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The picture the event names, or none: the bytes come after the events
 * (pos-picture-sync.h). A name that is not a picture's is refused. */
static gboolean
set_product_picture (PosStore *store, const PosJournalEvent *event, JsonObject *body, const char *sku,
                     GError **error)
{
  JsonNode *member = json_object_get_member (body, "picture");
  const char *name = member != NULL && json_node_get_value_type (member) == G_TYPE_STRING
                         ? json_node_get_string (member)
                         : NULL;

  if (member != NULL && (name == NULL || !pos_product_image_name_is_valid (name)))
    return apply_error (error, event, "its picture is not named by a SHA-256");
  return pos_product_image_set_synced (store, sku, name, error);
}

/* Last writer wins: an edit older than the product's newest is ignored. */
static gboolean
apply_product (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  static const char current_sql[] = "SELECT id, coalesce (updated_hlc, '') FROM product WHERE sku = ?1";
  static const char tax_sql[] = "SELECT id FROM tax_rate WHERE code = ?1";
  const char *sku = pos_json_get_string (body, "sku");
  const char *tax_code = pos_json_get_string (body, "tax_code");
  g_autoptr (PosStmt) stmt = NULL;
  gint64 id = 0, tax_rate_id;
  int rc;

  if (sku == NULL || pos_json_get_string (body, "name") == NULL || pos_json_get_string (body, "unit") == NULL)
    return apply_error (error, event, "it lacks the product's SKU, name or unit");
  if (!(stmt = pos_store_prepare (store, current_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return FALSE;
  if (rc == SQLITE_ROW && strcmp ((const char *)sqlite3_column_text (stmt, 1), event->hlc) >= 0)
    return TRUE;
  id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  g_clear_pointer (&stmt, pos_stmt_release);
  if ((tax_rate_id = lookup_id (store, tax_sql, tax_code ? tax_code : "", 0, error)) < 0)
    return FALSE;
  if (tax_rate_id == 0)
    {
      g_autofree char *what = g_strdup_printf (
          _ ("product %s has tax code “%s”, which this store lacks: add that tax rate here, "
             "then sync again"),
          sku, tax_code ? tax_code : "");
      return apply_error (error, event, what);
    }
  if (!write_product (store, id, body, tax_rate_id, event->hlc, error)
      || !add_product_barcodes (store, body, error))
    return FALSE;
  return set_product_picture (store, event, body, sku, error);
}

/* A price another till scheduled: this till applies it when due, too. */
static gboolean
apply_price_scheduled (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return pos_price_schedule_apply_event (store, body, error);
}

/* A code another till gave one of its products: the code goes to the
 * product of that SKU here, moving from another product if need be, as the
 * other till's own insert did. */
static gboolean
apply_barcode (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  static const char sql[] = "INSERT INTO barcode (code, product_id) VALUES (?1, ?2) "
                            "ON CONFLICT (code) DO UPDATE SET product_id = excluded.product_id";
  const char *code = pos_json_get_string (body, "code");
  const char *sku = pos_json_get_string (body, "sku");
  g_autoptr (PosStmt) stmt = NULL;
  gint64 id;

  if (code == NULL || sku == NULL)
    return apply_error (error, event, "it lacks the barcode or the product's SKU");
  if ((id = product_by_sku (store, sku, error)) < 0)
    return FALSE;
  if (id == 0)
    {
      g_autofree char *what = g_strdup_printf (_ ("its product %s is not in this store"), sku);
      return apply_error (error, event, what);
    }
  if (!(stmt = pos_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return pos_store_step_done (store, stmt, error);
}

/* The quick keys' layout another till saved: the newest by HLC holds. */
static gboolean
apply_quick_keys (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return pos_quick_key_apply_event (store, body, event->hlc, error);
}

/* Customers ------------------------------------------------------------------------ */

/* A card code or phone that another customer here already has cannot move
 * to this one; the field keeps its value here rather than stop sync. */
static const char *
free_or_current (PosStore *store, gint64 id, const char *column_sql, const char *wanted, const char *current)
{
  g_autoptr (GError) error = NULL;
  gint64 owner;

  if (wanted == NULL)
    return NULL;
  owner = lookup_id (store, column_sql, wanted, 0, &error);
  if (owner <= 0 || owner == id)
    return wanted;
  g_warning ("Customer %s from another till is already someone else's here; kept %s", wanted,
             current ? current : "none");
  return current;
}

static gboolean
write_customer (PosStore *store, gint64 id, const char *uid, JsonObject *body, GError **error)
{
  static const char insert[] = "INSERT INTO customer (card_code, name, phone, email, consent, updated_hlc, "
                               "created_at, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  static const char update[] = "UPDATE customer SET card_code = ?1, name = ?2, phone = ?3, email = ?4, "
                               "consent = ?5, updated_hlc = ?6 WHERE id = ?7";
  static const char card_sql[] = "SELECT id FROM customer WHERE card_code = ?1";
  static const char phone_sql[] = "SELECT id FROM customer WHERE phone = ?1";
  g_autoptr (PosStmt) current = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *card = NULL, *phone = NULL;

  if (id > 0
      && (current = pos_store_prepare (store, "SELECT card_code, phone FROM customer WHERE id = ?1", error)))
    {
      sqlite3_bind_int64 (current, 1, id);
      if (sqlite3_step (current) == SQLITE_ROW)
        card = pos_stmt_dup_text (current, 0), phone = pos_stmt_dup_text (current, 1);
    }
  if (!(stmt = pos_store_prepare (store, id ? update : insert, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1,
                     free_or_current (store, id, card_sql, pos_json_get_string (body, "card_code"), card), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pos_json_get_string (body, "name"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3,
                     free_or_current (store, id, phone_sql, pos_json_get_string (body, "phone"), phone), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, pos_json_get_string (body, "email"), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, json_object_get_boolean_member_with_default (body, "consent", FALSE));
  sqlite3_bind_text (stmt, 6, pos_json_get_string (body, "updated_hlc"), -1, SQLITE_STATIC);
  if (id)
    sqlite3_bind_int64 (stmt, 7, id);
  else
    {
      sqlite3_bind_text (stmt, 7, pos_json_get_string (body, "created_at"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, uid, -1, SQLITE_STATIC);
    }
  return pos_store_step_done (store, stmt, error);
}

/* Finds the customer of a profile event: by uid, else by the card code or
 * phone it had (key), else by its new card code or phone. A customer found
 * by card or phone under another uid is the same person signed up on two
 * tills: the event's uid becomes an alias of the row here. */
static gint64
customer_for_profile (PosStore *store, const char *uid, JsonObject *body, GError **error)
{
  static const char alias_sql[] = "INSERT INTO customer_alias (uid, customer_id) VALUES (?1, ?2) "
                                  "ON CONFLICT (uid) DO NOTHING";
  gint64 id = customer_by_ref (store, uid, NULL, error);
  g_autoptr (PosStmt) stmt = NULL;

  if (id != 0)
    return id;
  id = customer_by_ref (store, NULL, pos_json_get_string (body, "key"), error);
  if (id == 0)
    id = customer_by_ref (store, NULL, pos_json_get_string (body, "card_code"), error);
  if (id == 0)
    id = customer_by_ref (store, NULL, pos_json_get_string (body, "phone"), error);
  if (id <= 0 || uid == NULL)
    return id;
  if (!(stmt = pos_store_prepare (store, alias_sql, error)))
    return -1;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return pos_store_step_done (store, stmt, error) ? id : -1;
}

static gboolean
apply_customer_saved (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  static const char state_sql[] = "SELECT erased_at IS NOT NULL, coalesce (updated_hlc, '') FROM customer "
                                  "WHERE id = ?1";
  const char *uid = pos_json_get_string (body, "uid");
  const char *hlc = pos_json_get_string (body, "updated_hlc");
  g_autoptr (PosStmt) stmt = NULL;
  gint64 id;

  if (hlc == NULL || pos_json_get_string (body, "created_at") == NULL)
    return apply_error (error, event, "it lacks the profile's clock or creation time");
  if ((id = customer_for_profile (store, uid, body, error)) < 0)
    return FALSE;
  if (id == 0)
    return write_customer (store, 0, uid, body, error);
  if (!(stmt = pos_store_prepare (store, state_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  if (sqlite3_column_int (stmt, 0) || strcmp ((const char *)sqlite3_column_text (stmt, 1), hlc) >= 0)
    return TRUE; /* erased here, or a newer profile is already here */
  g_clear_pointer (&stmt, pos_stmt_release);
  return write_customer (store, id, uid, body, error);
}

/* An erasure wins over any profile, older or newer. */
static gboolean
apply_customer_erased (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  static const char sql[]
      = "UPDATE customer SET card_code = NULL, name = NULL, phone = NULL, email = NULL, "
        "consent = 0, erased_at = ?2, updated_hlc = ?3 WHERE id = ?1 AND erased_at IS NULL";
  g_autoptr (PosStmt) stmt = NULL;
  gint64 id
      = customer_by_ref (store, pos_json_get_string (body, "uid"), pos_json_get_string (body, "key"), error);

  if (id <= 0)
    return id == 0; /* never known here: nothing to erase */
  if (pos_json_get_string (body, "erased_at") == NULL)
    return apply_error (error, event, "it lacks the time of the erasure");
  if (!(stmt = pos_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, pos_json_get_string (body, "erased_at"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pos_json_get_string (body, "updated_hlc"), -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
apply_loyalty_adjust (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  gint64 id = customer_by_ref (store, pos_json_get_string (body, "customer_uid"),
                               pos_json_get_string (body, "customer"), error);
  gint64 points = pos_json_get_int (body, "points", 0);
  g_autofree char *when = NULL;
  PosHlc hlc = { 0, 0 };

  if (id < 0)
    return FALSE;
  if (id == 0)
    return apply_error (error, event, "its customer is not in this store");
  if (points == 0)
    return apply_error (error, event, "it adjusts by 0 points");
  pos_hlc_parse (event->hlc, &hlc);
  when = pos_clock_iso_utc (hlc.wall_ms * 1000);
  return pos_loyalty_insert_entry (store, id, points, "adjust", 0, when, event->event_id, error);
}

/* Shop settings, tax rates and users ---------------------------------------------- */

/* The journal rows of one subject: a setting by key, a tax rate by code,
 * a user by name. ?1 is the subject, ?2 the pulled event's id. */
#define SETTING_ROWS                                                                                         \
  "FROM journal WHERE type = 'setting.changed' AND json_extract (payload, '$.key') = ?1 AND event_id != ?2"
#define TAX_RATE_ROWS                                                                                        \
  "FROM journal WHERE type IN ('tax_rate.added', 'tax_rate.changed', 'tax_rate.retired') "                   \
  "AND json_extract (payload, '$.code') = ?1 AND event_id != ?2"
#define USER_ROWS                                                                                            \
  "FROM journal WHERE type IN ('user.added', 'user.changed', 'user.unlocked') "                              \
  "AND lower (json_extract (payload, '$.name')) = lower (?1) AND event_id != ?2"

typedef struct
{
  const char *newest_sql; /* the newest clock of the subject here */
  const char *own_sql;    /* this till's newest change of it since the last pull: ?3 till, ?4 mark */
} SubjectRows;

static const SubjectRows setting_rows = {
  "SELECT max (hlc) " SETTING_ROWS,
  "SELECT type, payload " SETTING_ROWS " AND till_id = ?3 AND id > ?4 ORDER BY hlc DESC LIMIT 1",
};
static const SubjectRows tax_rate_rows = {
  "SELECT max (hlc) " TAX_RATE_ROWS,
  "SELECT type, payload " TAX_RATE_ROWS " AND till_id = ?3 AND id > ?4 ORDER BY hlc DESC LIMIT 1",
};
static const SubjectRows user_rows = {
  "SELECT max (hlc) " USER_ROWS,
  "SELECT type, payload " USER_ROWS " AND till_id = ?3 AND id > ?4 ORDER BY hlc DESC LIMIT 1",
};

/* What this store knows of a subject that a pulled event changes. */
typedef struct
{
  gboolean newer_here; /* a later change (by HLC) is already applied here */
  char *own_type;      /* this till's change since its last pull, if any */
  char *own_payload;
} Subject;

static void
subject_clear (Subject *s)
{
  g_clear_pointer (&s->own_type, g_free);
  g_clear_pointer (&s->own_payload, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Subject, subject_clear)

static PosStmt *
prepare_subject (PosStore *store, const char *sql, const char *key, const PosJournalEvent *event,
                 GError **error)
{
  PosStmt *stmt = pos_store_prepare (store, sql, error);

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, event->event_id, -1, SQLITE_STATIC);
    }
  return stmt;
}

/* Last writer wins by HLC. A change this till made since its last pull
 * was not seen by the other till: when the two differ, that is a conflict
 * the caller reports. */
static gboolean
read_subject (PosStore *store, const SubjectRows *rows, const char *key, const PosJournalEvent *event,
              Subject *out, GError **error)
{
  g_autoptr (PosStmt) newest = prepare_subject (store, rows->newest_sql, key, event, error);
  g_autoptr (PosStmt) own = NULL;
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autofree char *mark = pos_store_dup_sync_state (store, POS_SYNC_PULL_MARK_KEY);
  int rc;

  if (newest == NULL || (rc = pos_store_step_row (store, newest, error)) < 0)
    return FALSE;
  out->newer_here = rc == SQLITE_ROW && sqlite3_column_type (newest, 0) != SQLITE_NULL
                    && strcmp ((const char *)sqlite3_column_text (newest, 0), event->hlc) > 0;
  if ((own = prepare_subject (store, rows->own_sql, key, event, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (own, 3, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (own, 4, mark ? g_ascii_strtoll (mark, NULL, 10) : 0);
  if ((rc = pos_store_step_row (store, own, error)) < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      out->own_type = pos_stmt_dup_text (own, 0);
      out->own_payload = pos_stmt_dup_text (own, 1);
    }
  return TRUE;
}

static gboolean
record_alarm (PosStore *store, const PosJournalEvent *event, const char *subject, const char *local,
              const char *remote, gboolean kept_local, const char *message, GError **error)
{
  static const char sql[] = "INSERT INTO sync_alarm (created_at, event_id, subject, local_value, "
                            "remote_value, kept, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, event->event_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, local, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, remote, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, kept_local ? "local" : "remote", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, message, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

/* An event this till would not take: one alarm per event and subject,
 * however often the event is pulled again. */
gboolean
pos_sync_alarm_refused (PosStore *store, const PosJournalEvent *event, const char *subject,
                        const char *message, GError **error)
{
  static const char sql[] = "SELECT 1 FROM sync_alarm WHERE event_id = ?1 AND subject = ?2";
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL && event != NULL && subject != NULL && message != NULL, FALSE);

  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event->event_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, subject, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc != SQLITE_DONE)
    return rc == SQLITE_ROW;
  return record_alarm (store, event, subject, NULL, NULL, TRUE, message, error);
}

/* An alarm when this till changed @subject to @local since its last pull
 * and the other till to a different @remote. */
static gboolean
alarm_if_different (PosStore *store, const PosJournalEvent *event, const char *what, const char *subject,
                    const char *local, const char *remote, gboolean kept_local, GError **error)
{
  g_autofree char *message = NULL;

  if (local == NULL || g_strcmp0 (local, remote) == 0)
    return TRUE;
  message
      = g_strdup_printf (_ ("%s was changed on this till to “%s” and on till %s to “%s” between syncs: the "
                            "later change, “%s”, applies on every till"),
                         what, local, event->till_id, remote, kept_local ? local : remote);
  return record_alarm (store, event, subject, local, remote, kept_local, message, error);
}

static char *
payload_string (const char *payload, const char *member)
{
  g_autoptr (JsonNode) node = payload ? pos_json_parse (payload, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return g_strdup (pos_json_get_string (json_node_get_object (node), member));
}

static gboolean
apply_setting (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  const char *key = pos_json_get_string (body, "key");
  const char *value = pos_json_get_string (body, "value");
  g_auto (Subject) here = { 0 };
  g_autoptr (GError) refused = NULL;
  g_autofree char *subject = NULL, *what = NULL, *local = NULL;

  if (key == NULL || value == NULL)
    return apply_error (error, event, "it lacks the setting's key or value");
  if (!pos_shop_setting_is_shop_wide (key))
    return TRUE; /* this till's own, or its devices' */
  if (!read_subject (store, &setting_rows, key, event, &here, error))
    return FALSE;
  subject = g_strdup_printf ("setting:%s", key);
  what = g_strdup_printf ("Setting %s", key);
  local = payload_string (here.own_payload, "value");
  if (here.newer_here)
    return alarm_if_different (store, event, what, subject, local, value, TRUE, error);
  if (!pos_shop_setting_check (store, key, value, &refused))
    {
      g_autofree char *message = g_strdup_printf (_ ("Setting %s = “%s” from till %s cannot apply here: %s"),
                                                  key, value, event->till_id, refused->message);
      g_autofree char *current = pos_shop_setting_get (store, key);
      return record_alarm (store, event, subject, current, value, TRUE, message, error);
    }
  return pos_store_set_setting (store, key, value, error)
         && alarm_if_different (store, event, what, subject, local, value, FALSE, error);
}

/* A tax rate as an alarm shows it: "Reduced 7.00 %" or "retired". */
static char *
tax_rate_text (const char *type, const char *payload)
{
  g_autoptr (JsonNode) node = payload ? pos_json_parse (payload, NULL) : NULL;
  JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  gint64 bp;

  if (o == NULL)
    return NULL;
  if (g_str_equal (type, "tax_rate.retired"))
    return g_strdup ("retired");
  bp = pos_json_get_int (o, "rate_bp", 0);
  return g_strdup_printf ("%s %" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %%",
                          pos_json_get_string (o, "name"), bp / 100, bp % 100);
}

static gboolean
write_tax_rate (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  const char *code = pos_json_get_string (body, "code");

  if (g_str_equal (event->type, "tax_rate.retired"))
    return pos_tax_rate_retire (store, code, FALSE, error);
  return pos_tax_rate_put (store, code, pos_json_get_string (body, "name"),
                           pos_json_get_int (body, "rate_bp", 0), error);
}

/* A rate this till only has from `init` (no event) is replaced as well:
 * the shop's rates are the ones its owner set. */
static gboolean
apply_tax_rate (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  const char *code = pos_json_get_string (body, "code");
  gint64 rate_bp = pos_json_get_int (body, "rate_bp", -1);
  gboolean retired = g_str_equal (event->type, "tax_rate.retired");
  g_auto (Subject) here = { 0 };
  g_autofree char *subject = NULL, *what = NULL, *local = NULL, *remote = NULL;

  if (code == NULL || *code == '\0'
      || (!retired
          && (pos_json_get_string (body, "name") == NULL || rate_bp < 0 || rate_bp > POS_TAX_RATE_MAX_BP)))
    return apply_error (error, event, "it lacks the tax rate's code, name or a rate between 0 and 100 %");
  if (!read_subject (store, &tax_rate_rows, code, event, &here, error))
    return FALSE;
  subject = g_strdup_printf ("tax_rate:%s", code);
  what = g_strdup_printf (_ ("Tax rate %s"), code);
  local = here.own_type ? tax_rate_text (here.own_type, here.own_payload) : NULL;
  remote = tax_rate_text (event->type, event->payload);
  if (here.newer_here)
    return alarm_if_different (store, event, what, subject, local, remote, TRUE, error);
  return write_tax_rate (store, event, body, error)
         && alarm_if_different (store, event, what, subject, local, remote, FALSE, error);
}

/* The user as the other till has them now: role, whether active, PIN hash
 * (never a PIN). A new PIN starts a fresh count of wrong tries. */
static gboolean
write_user (PosStore *store, const PosJournalEvent *event, JsonObject *body, PosRole role, GError **error)
{
  static const char upsert[]
      = "INSERT INTO user (name, role, active, pin_hash, language) VALUES (?1, ?2, ?3, ?4, ?6) "
        "ON CONFLICT (name) DO UPDATE SET role = ?2, active = ?3, pin_hash = ?4, language = ?6, "
        "failed_tries = CASE WHEN pin_hash = ?4 AND NOT ?5 THEN failed_tries ELSE 0 END, "
        "locked_until = CASE WHEN pin_hash = ?4 AND NOT ?5 THEN locked_until END";
  static const char by_name[] = "SELECT name FROM user WHERE name = ?1 COLLATE NOCASE";
  const char *name = pos_json_get_string (body, "name");
  /* Events from before languages have none: the till's own. */
  const char *language = json_object_get_string_member_with_default (body, "language", "");
  g_autoptr (PosStmt) find = pos_store_prepare (store, by_name, error);
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *local_name = NULL;
  int rc;

  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, name, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, find, error)) < 0)
    return FALSE;
  /* Names are one user whatever their case: keep the spelling here. */
  local_name = rc == SQLITE_ROW ? pos_stmt_dup_text (find, 0) : g_strdup (name);
  if ((stmt = pos_store_prepare (store, upsert, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, local_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pos_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, json_object_get_boolean_member_with_default (body, "active", TRUE));
  sqlite3_bind_text (stmt, 4, pos_json_get_string (body, "pin_hash"), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, g_str_equal (event->type, "user.unlocked"));
  sqlite3_bind_text (stmt, 6, language, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
apply_user (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  const char *name = pos_json_get_string (body, "name");
  const char *hash = pos_json_get_string (body, "pin_hash");
  g_auto (Subject) here = { 0 };
  PosRole role;

  if (name == NULL || *name == '\0' || hash == NULL || *hash == '\0'
      || !pos_role_parse (pos_json_get_string (body, "role"), &role)
      || !pos_i18n_language_is_valid (json_object_get_string_member_with_default (body, "language", "")))
    return apply_error (error, event, "it lacks the user's name, role or PIN hash");
  if (!read_subject (store, &user_rows, name, event, &here, error))
    return FALSE;
  return here.newer_here || write_user (store, event, body, role, error);
}

/* Dispatch ---------------------------------------------------------------------- */

typedef gboolean (*ApplyFunc) (PosStore *store, const PosJournalEvent *event, JsonObject *body,
                               GError **error);

static gboolean
apply_receive (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return apply_stock_items (store, event, body, FALSE, error);
}

static gboolean
apply_count (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return apply_stock_items (store, event, body, TRUE, error);
}

static gboolean
apply_supplier_saved (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return pos_supplier_apply_saved (store, body, error);
}

static gboolean
apply_supplier_linked (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return pos_supplier_apply_linked (store, body, error);
}

/* A promotion saved or ended on another till: catalog data like a price. */
static gboolean
apply_promotion_saved (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return pos_promotion_apply_event (store, body, error);
}

static gboolean
apply_voucher (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return pos_voucher_apply_event (store, event->type, event->event_id, event->till_id, body, error);
}

static gboolean
apply_account (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return pos_account_apply_event (store, event, body, error);
}

static gboolean
apply_layaway (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return pos_layaway_apply_event (store, event, body, error);
}

static gboolean
apply_till_shop (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  return pos_stock_shop_apply (store, event->till_id, body, error);
}

/* A transfer is received once per shop. When two tills of its shop both
 * received it while offline, each pulls the other's receipt: the second
 * receipt to reach a till adds nothing there (so stock never doubles,
 * whichever came first), and stays as an alarm for the owner to check the
 * goods. */
static gboolean
apply_transfer_received (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  const char *id = pos_json_get_string (body, "reference");
  g_autofree char *subject = NULL;
  g_autofree char *message = NULL;
  int received;

  if (id == NULL || (received = pos_transfer_was_received (store, id, error)) == 0)
    return pos_transfer_apply_received (store, event, body, error);
  if (received < 0)
    return FALSE;
  subject = g_strdup_printf ("transfer:%s", id);
  message = g_strdup_printf (_ ("Transfer %s was received a second time, by till %s: it counts once, so "
                                "check that the goods arrived only once"),
                             id, event->till_id);
  return pos_sync_alarm_refused (store, event, subject, message, error);
}

static const struct
{
  const char *type;
  ApplyFunc apply;
} appliers[] = {
  { "till.shop", apply_till_shop },
  { "stock.transfer.sent", pos_transfer_apply_sent },
  { "stock.transfer.received", apply_transfer_received },
  { "supplier.saved", apply_supplier_saved },
  { "supplier.linked", apply_supplier_linked },
  { "sale", apply_sale },
  { "refund", apply_sale },
  { "product.saved", apply_product },
  { "barcode.added", apply_barcode },
  { "price.scheduled", apply_price_scheduled },
  { "quick_keys.saved", apply_quick_keys },
  { "promotion.saved", apply_promotion_saved },
  { "stock.receive", apply_receive },
  { "stock.adjust", apply_stock_adjust },
  { "stock.count", apply_count },
  { "customer.saved", apply_customer_saved },
  { "customer.erased", apply_customer_erased },
  { "loyalty.adjust", apply_loyalty_adjust },
  { "setting.changed", apply_setting },
  { "tax_rate.added", apply_tax_rate },
  { "tax_rate.changed", apply_tax_rate },
  { "tax_rate.retired", apply_tax_rate },
  { "user.added", apply_user },
  { "user.changed", apply_user },
  { "user.unlocked", apply_user },
  { "voucher.issued", apply_voucher },
  { "voucher.redeemed", apply_voucher },
  { "voucher.voided", apply_voucher },
  { "account.limit", apply_account },
  { "account.moved", apply_account },
  { "layaway.opened", apply_layaway },
  { "layaway.moved", apply_layaway },
};

gboolean
pos_sync_apply_event (PosStore *store, const PosJournalEvent *event, GError **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (store != NULL && event != NULL, FALSE);
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (appliers); i++)
    {
      if (!g_str_equal (appliers[i].type, event->type))
        continue;
      node = pos_json_parse (event->payload, NULL);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return apply_error (error, event, "its payload is not a JSON object");
      if (appliers[i].apply (store, event, json_node_get_object (node), &local))
        return TRUE;
      if (local != NULL && local->domain == POS_SYNC_ERROR)
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      g_propagate_error (error, g_steal_pointer (&local));
      return prefix_error (error, event);
    }
  return TRUE; /* the till's own business: kept in the journal only */
}

/* Alarms ------------------------------------------------------------------------ */

gboolean
pos_sync_apply_mark_pulled (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT coalesce (max (id), 0) FROM journal";
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *mark = NULL;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL || pos_store_step_row (store, stmt, error) < 0)
    return FALSE;
  mark = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 0));
  return pos_store_set_sync_state (store, POS_SYNC_PULL_MARK_KEY, mark, error);
}

void
pos_sync_alarm_free (PosSyncAlarm *alarm)
{
  if (alarm == NULL)
    return;
  g_free (alarm->created_at);
  g_free (alarm->event_id);
  g_free (alarm->subject);
  g_free (alarm->local_value);
  g_free (alarm->remote_value);
  g_free (alarm->kept);
  g_free (alarm->message);
  g_free (alarm);
}

gint64
pos_sync_alarm_last_id (PosStore *store)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, "SELECT coalesce (max (id), 0) FROM sync_alarm", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

GPtrArray *
pos_sync_alarms_after (PosStore *store, gint64 after_id, GError **error)
{
  static const char sql[] = "SELECT id, created_at, event_id, subject, local_value, remote_value, kept, "
                            "message FROM sync_alarm WHERE id > ?1 ORDER BY id";
  g_autoptr (GPtrArray) alarms = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_sync_alarm_free);
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosSyncAlarm *a = g_new0 (PosSyncAlarm, 1);

      a->id = sqlite3_column_int64 (stmt, 0);
      a->created_at = pos_stmt_dup_text (stmt, 1);
      a->event_id = pos_stmt_dup_text (stmt, 2);
      a->subject = pos_stmt_dup_text (stmt, 3);
      a->local_value = pos_stmt_dup_text (stmt, 4);
      a->remote_value = pos_stmt_dup_text (stmt, 5);
      a->kept = pos_stmt_dup_text (stmt, 6);
      a->message = pos_stmt_dup_text (stmt, 7);
      g_ptr_array_add (alarms, a);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&alarms) : NULL;
}
