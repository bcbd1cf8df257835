/* pos-event-rows.c — the rows an event stands for (see pos-event-rows.h). */
#include "pos-event-rows.h"

#include <glib/gi18n-lib.h>

#include "pos-journal.h"
#include "pos-json.h"
#include "pos-sha256.h"
#include "pos-store-private.h"

/* Hex characters of SHA-256 kept per row: 64 bits, far beyond what a
 * chance edit could match, small enough for every sale's payload. */
#define DIGEST_CHARS 16

/* What a row says, as SQLite's json_array() writes it: every column that
 * the business action decided. Times a move or entry takes from the clock
 * as it is written are left out, so the digest can be made first. */
#define SALE_ROW                                                                                             \
  "json_array (receipt_no, till_id, till_number, kind, refund_of, shift_id, user_id, customer_id, "          \
  "created_at, business_day, subtotal, discount_total, tax_total, total, rounding, tendered, change, "       \
  "points_earned)"
#define SALE_LINE_ROW                                                                                        \
  "json_array (sale_id, line_no, product_id, sku, name, unit, qty, unit_price, catalog_version, tax_code, "  \
  "tax_rate_bp, discount, line_total, tax_amount, refund_of_line)"
#define SALE_TAX_ROW "json_array (sale_id, tax_code, tax_rate_bp, net, tax, gross)"
#define PAYMENT_ROW "json_array (sale_id, method, amount, reference, points)"
#define STOCK_MOVE_ROW "json_array (product_id, qty, reason, reference, sale_id, user_id, till_id, event_id)"
#define LOYALTY_ENTRY_ROW "json_array (customer_id, points, reason, sale_id, event_id)"

typedef struct
{
  const char *table;
  const char *of_sale; /* label, row text of the sale ?1's rows in order */
} SaleTable;

static const SaleTable sale_tables[] = {
  { "sale", "SELECT id, " SALE_ROW " FROM sale WHERE id = ?1" },
  { "sale_line", "SELECT id, " SALE_LINE_ROW " FROM sale_line WHERE sale_id = ?1 ORDER BY line_no" },
  { "sale_tax", "SELECT tax_code, " SALE_TAX_ROW " FROM sale_tax WHERE sale_id = ?1 ORDER BY tax_code" },
  { "payment", "SELECT id, " PAYMENT_ROW " FROM payment WHERE sale_id = ?1 ORDER BY id" },
};

typedef struct
{
  const char *table;
  const char *last_id;
  const char *written; /* id, row text of the rows after ?2 that belong to sale ?1 or event ?3 */
  const char *by_id;   /* row text of row ?1 */
} LedgerTable;

static const LedgerTable ledger_tables[] = {
  { "stock_move", "SELECT coalesce (max (id), 0) FROM stock_move",
    "SELECT id, " STOCK_MOVE_ROW " FROM stock_move WHERE id > ?2 AND (sale_id = ?1 OR event_id = ?3) "
    "ORDER BY id",
    "SELECT " STOCK_MOVE_ROW " FROM stock_move WHERE id = ?1" },
  { "loyalty_entry", "SELECT coalesce (max (id), 0) FROM loyalty_entry",
    "SELECT id, " LOYALTY_ENTRY_ROW " FROM loyalty_entry WHERE id > ?2 AND (sale_id = ?1 OR event_id = ?3) "
    "ORDER BY id",
    "SELECT " LOYALTY_ENTRY_ROW " FROM loyalty_entry WHERE id = ?1" },
};

static char *
row_digest (const char *table, const char *text)
{
  g_autoptr (PosSha256) sha = pos_sha256_new ();
  g_autofree char *hex = NULL;

  pos_sha256_update (sha, table, -1);
  pos_sha256_update (sha, "\n", 1);
  pos_sha256_update (sha, text, -1);
  hex = pos_sha256_end (sha);
  return g_strndup (hex, DIGEST_CHARS);
}

static const LedgerTable *
ledger (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (ledger_tables); i++)
    if (g_str_equal (ledger_tables[i].table, table))
      return &ledger_tables[i];
  g_assert_not_reached ();
}

/* The newest id of stock_move or loyalty_entry: an action's own rows are
 * the ones after it. */
gint64
pos_event_rows_last_id (PosStore *store, const char *table)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, ledger (table)->last_id, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static JsonObject *
rows_member (JsonObject *payload)
{
  if (!json_object_has_member (payload, "rows"))
    json_object_set_object_member (payload, "rows", json_object_new ());
  return json_object_get_object_member (payload, "rows");
}

/* Adds "rows": {@table: [[id, digest], …]} for the ledger rows written after
 * @after for @sale_id or @event_id. */
static gboolean
add_ledger_rows (PosStore *store, JsonObject *payload, const LedgerTable *t, gint64 sale_id,
                 const char *event_id, gint64 after, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, t->written, error);
  JsonArray *list = json_array_new ();
  int rc;

  if (stmt == NULL)
    return json_array_unref (list), FALSE;
  sqlite3_bind_int64 (stmt, 1, sale_id);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_text (stmt, 3, event_id ? event_id : "", -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      JsonArray *pair = json_array_new ();
      g_autofree char *digest = row_digest (t->table, (const char *)sqlite3_column_text (stmt, 1));

      json_array_add_int_element (pair, sqlite3_column_int64 (stmt, 0));
      json_array_add_string_element (pair, digest);
      json_array_add_array_element (list, pair);
    }
  if (json_array_get_length (list) > 0)
    json_object_set_array_member (rows_member (payload), t->table, list);
  else
    json_array_unref (list);
  return rc == SQLITE_DONE;
}

/* Adds "rows" for the stock moves and loyalty entries written after
 * @moves_after and @entries_after for the event @event_id. */
gboolean
pos_event_rows_add_event_rows (PosStore *store, JsonObject *payload, const char *event_id, gint64 moves_after,
                               gint64 entries_after, GError **error)
{
  g_return_val_if_fail (store != NULL && payload != NULL && event_id != NULL, FALSE);

  return add_ledger_rows (store, payload, ledger ("stock_move"), 0, event_id, moves_after, error)
         && add_ledger_rows (store, payload, ledger ("loyalty_entry"), 0, event_id, entries_after, error);
}

/* The digests of the sale's own rows of one table, in their order; the
 * labels (row ids, or tax codes) go to @labels when it is not NULL. */
static JsonArray *
sale_table_digests (PosStore *store, const SaleTable *t, gint64 sale_id, GPtrArray *labels, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, t->of_sale, error);
  g_autoptr (JsonArray) list = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sale_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *digest = row_digest (t->table, (const char *)sqlite3_column_text (stmt, 1));

      json_array_add_string_element (list, digest);
      if (labels != NULL)
        g_ptr_array_add (labels, pos_stmt_dup_text (stmt, 0));
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

/* Adds "rows" for everything sale @sale_id wrote: its own rows, and the
 * stock moves and loyalty entries after @moves_after / @entries_after. */
gboolean
pos_event_rows_add_sale (PosStore *store, JsonObject *payload, gint64 sale_id, gint64 moves_after,
                         gint64 entries_after, GError **error)
{
  g_return_val_if_fail (store != NULL && payload != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (sale_tables); i++)
    {
      JsonArray *list = sale_table_digests (store, &sale_tables[i], sale_id, NULL, error);

      if (list == NULL)
        return FALSE;
      json_object_set_array_member (rows_member (payload), sale_tables[i].table, list);
    }
  return add_ledger_rows (store, payload, ledger ("stock_move"), sale_id, NULL, moves_after, error)
         && add_ledger_rows (store, payload, ledger ("loyalty_entry"), sale_id, NULL, entries_after, error);
}

/* Verify ------------------------------------------------------------------ */

typedef struct
{
  const char *till_id;
  gint64 till_seq;
  const char *receipt_no;
} EventRef;

static gboolean
row_error (GError **error, const EventRef *e, const char *table, const char *label, const char *what)
{
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
               _ ("%s row %s %s its journal event (till %s #%lld%s%s)"), table, label, what, e->till_id,
               (long long)e->till_seq, e->receipt_no ? ", receipt " : "", e->receipt_no ? e->receipt_no : "");
  return FALSE;
}

static gboolean
check_sale_table (PosStore *store, const EventRef *e, const SaleTable *t, gint64 sale_id, JsonArray *expected,
                  GError **error)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonArray) actual = sale_table_digests (store, t, sale_id, labels, error);
  guint n_expected = expected ? json_array_get_length (expected) : 0;
  guint n_actual;

  if (actual == NULL)
    return FALSE;
  n_actual = json_array_get_length (actual);
  for (guint i = 0; i < MIN (n_expected, n_actual); i++)
    if (g_strcmp0 (pos_json_array_get_string (expected, i), pos_json_array_get_string (actual, i)) != 0)
      return row_error (error, e, t->table, labels->pdata[i], "differs from");
  if (n_actual > n_expected)
    return row_error (error, e, t->table, labels->pdata[n_expected], "is not in");
  if (n_actual < n_expected)
    {
      g_autofree char *label = g_strdup_printf (_ ("#%u of the sale"), n_actual + 1);
      return row_error (error, e, t->table, label, "is missing, though listed in");
    }
  return TRUE;
}

/* Each [id, digest] of @expected against the row with that id now. */
static gboolean
check_ledger_table (PosStore *store, const EventRef *e, const LedgerTable *t, JsonArray *expected,
                    GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, t->by_id, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; expected != NULL && i < json_array_get_length (expected); i++)
    {
      JsonArray *pair = pos_json_array_get_array (expected, i);
      gint64 id = pair && json_array_get_length (pair) == 2 ? pos_json_array_get_int (pair, 0) : 0;
      g_autofree char *label = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *digest = NULL;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      rc = pos_store_step_row (store, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc != SQLITE_ROW)
        return row_error (error, e, t->table, label, "is missing, though listed in");
      digest = row_digest (t->table, (const char *)sqlite3_column_text (stmt, 0));
      if (g_strcmp0 (digest, pos_json_array_get_string (pair, 1)) != 0)
        return row_error (error, e, t->table, label, "differs from");
    }
  return TRUE;
}

static gint64
sale_by_receipt (PosStore *store, const char *receipt_no, GError **error)
{
  static const char sql[] = "SELECT id FROM sale WHERE receipt_no = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return -1;
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
check_event_rows (PosStore *store, const EventRef *e, gboolean is_sale, JsonObject *rows, GError **error)
{
  if (is_sale)
    {
      gint64 sale_id = e->receipt_no ? sale_by_receipt (store, e->receipt_no, error) : 0;

      if (sale_id < 0)
        return FALSE;
      if (sale_id == 0)
        return row_error (error, e, "sale", e->receipt_no ? e->receipt_no : "?",
                          "is missing, though listed in");
      for (guint i = 0; i < G_N_ELEMENTS (sale_tables); i++)
        if (!check_sale_table (store, e, &sale_tables[i], sale_id,
                               pos_json_get_array (rows, sale_tables[i].table), error))
          return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ledger_tables); i++)
    if (json_object_has_member (rows, ledger_tables[i].table)
        && !check_ledger_table (store, e, &ledger_tables[i],
                                pos_json_get_array (rows, ledger_tables[i].table), error))
      return FALSE;
  return TRUE;
}

/* The seq ranges of this till that "journal.merged" events name: their
 * rows were rebuilt from the events by a restore. Read once per verify.
 * Returns: (transfer full) pairs of from, to */
static GArray *
merged_ranges (PosStore *store, const char *till, GError **error)
{
  static const char sql[] = "SELECT json_extract (payload, '$.from_seq'), json_extract (payload, '$.to_seq') "
                            "FROM journal WHERE type = 'journal.merged' AND till_id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, till, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 range[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_vals (ranges, range, 2);
    }
  return rc < 0 ? NULL : g_steal_pointer (&ranges);
}

static gboolean
in_ranges (GArray *ranges, gint64 seq)
{
  for (guint i = 0; i + 1 < ranges->len; i += 2)
    if (seq >= g_array_index (ranges, gint64, i) && seq <= g_array_index (ranges, gint64, i + 1))
      return TRUE;
  return FALSE;
}

/*
 * For every sale, refund, stock and loyalty event this till wrote, checks
 * that the rows it lists still say what they said when it was written.
 * Stops at the first row that differs, naming its table and id.
 */
gboolean
pos_event_rows_verify (PosStore *store, PosEventRowsCheck *check, GError **error)
{
  static const char sql[]
      = "SELECT till_id, till_seq, type IN ('sale', 'refund'), json_extract (payload, '$.rows'), "
        "json_extract (payload, '$.receipt_no') FROM journal WHERE type IN ('sale', 'refund', "
        "'stock.receive', 'stock.adjust', 'stock.count', 'loyalty.adjust') ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *till = pos_journal_till_id (store);
  g_autoptr (GArray) merged = NULL;
  PosEventRowsCheck local = { 0 };
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);

  if (stmt == NULL || (merged = merged_ranges (store, till, error)) == NULL)
    return FALSE;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      EventRef e = { (const char *)sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1),
                     (const char *)sqlite3_column_text (stmt, 4) };
      const char *text = (const char *)sqlite3_column_text (stmt, 3);
      g_autoptr (JsonNode) rows = NULL;

      if (g_strcmp0 (e.till_id, till) != 0)
        {
          local.other_tills++;
          continue;
        }
      if (text == NULL)
        {
          local.older++;
          continue;
        }
      if (in_ranges (merged, e.till_seq))
        {
          local.rebuilt++;
          continue;
        }
      rows = pos_json_parse (text, NULL);
      if (rows == NULL || !JSON_NODE_HOLDS_OBJECT (rows))
        return row_error (error, &e, "journal", "rows", "cannot be read in");
      if (!check_event_rows (store, &e, sqlite3_column_int (stmt, 2), json_node_get_object (rows), error))
        return FALSE;
      local.covered++;
    }
  if (rc < 0)
    return FALSE;
  if (check != NULL)
    *check = local;
  return TRUE;
}
