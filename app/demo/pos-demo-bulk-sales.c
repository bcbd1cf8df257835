/* pos-demo-bulk-sales.c — millions of sale lines for benchmarks.
 *
 * Rung up through the cart and checkout, ten million lines would take a
 * day. These sales are written as rows instead, shaped exactly like
 * checkout's: the sale header (numbered gaplessly per till, the daily
 * summary kept by the schema's trigger), its lines copying the product's
 * sku, name, unit, price, catalog version and tax rate, the tax summary
 * computed by the same pos_tax_compute() as the cart, a cash payment of
 * what the drawer kept (change and cash rounding as checkout works them
 * out) or a card payment with a terminal reference, a loyalty entry when a
 * card holder was attached, and one stock move per line.
 *
 * What they lack: no journal event per sale (the chain is per event, so it
 * still verifies; these sales would never sync), no shifts, no refunds,
 * no split or points tenders. Each day is one transaction, closed by a
 * real Z report (pos_report_z), except the last day, which stays open so
 * that an X or Z report then covers one whole busy day.
 */
#include "pos-demo-private.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-loyalty.h"
#include "pos-report.h"
#include "pos-shop.h"
#include "pos-tax.h"
#include "pos-store-private.h"

/* What a sale line copies from its product. */
typedef struct
{
  gint64 id;
  const char *sku;
  const char *name;
  const char *unit;
  PosAmount price;
  gint64 version;
  const char *tax_code;
  gint64 rate_bp;
} BulkProduct;

/* One line being written: its product, quantity and amounts. */
typedef struct
{
  const BulkProduct *product;
  PosQty qty;
  PosAmount gross;
} BulkLine;

#define MAX_LINES 40

typedef struct
{
  PosDemo *demo;
  PosDemoRng rng;
  PosShopRules rules;
  GArray *products; /* BulkProduct */
  GStringChunk *strings;
  gint64 till_number;
  guint64 card_reference;
  /* the sale being written */
  char receipt_no[40];
  char created_at[32];
  char business_day[16];
  gint64 sale_id;
  gint64 user_id;
} BulkSales;

/* Days of the week by how busy they are (Monday = 1), as in the corner shop. */
static const guint day_weight[] = { 0, 95, 90, 95, 105, 125, 140, 0 };

/* What the till sells: active products, variants but not their parents. */
static gboolean
load_products (BulkSales *b, GError **error)
{
  static const char sql[] = "SELECT p.id, p.sku, p.name, p.unit, p.price, p.version, t.code, t.rate_bp "
                            "FROM product p JOIN tax_rate t ON t.id = p.tax_rate_id WHERE p.active = 1 "
                            "AND p.has_variants = 0 ORDER BY p.id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->demo->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = pos_store_step_row (b->demo->store, stmt, error)) == SQLITE_ROW)
    {
      BulkProduct p = {
        .id = sqlite3_column_int64 (stmt, 0),
        .sku = g_string_chunk_insert (b->strings, (const char *)sqlite3_column_text (stmt, 1)),
        .name = g_string_chunk_insert (b->strings, (const char *)sqlite3_column_text (stmt, 2)),
        .unit = g_string_chunk_insert_const (b->strings, (const char *)sqlite3_column_text (stmt, 3)),
        .price = sqlite3_column_int64 (stmt, 4),
        .version = sqlite3_column_int64 (stmt, 5),
        .tax_code = g_string_chunk_insert_const (b->strings, (const char *)sqlite3_column_text (stmt, 6)),
        .rate_bp = sqlite3_column_int64 (stmt, 7),
      };
      g_array_append_val (b->products, p);
    }
  if (rc < 0)
    return FALSE;
  if (b->products->len == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("There are no products to sell")), FALSE;
  return TRUE;
}

/* A product, the popular ones (low ids) more often: n × u². */
static const BulkProduct *
pick_product (BulkSales *b)
{
  guint64 n = b->products->len;
  guint64 i = pos_demo_rng_below (&b->rng, n) * pos_demo_rng_below (&b->rng, n) / n;

  return &g_array_index (b->products, BulkProduct, i);
}

static gboolean
pick_lines (BulkSales *b, BulkLine *lines, guint n, PosTaxLine *tax_lines, GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      const BulkProduct *p = pick_product (b);
      BulkLine *l = &lines[i];

      l->product = p;
      if (g_str_equal (p->unit, "kg"))
        l->qty = pos_demo_rng_between (&b->rng, 120, 1500);
      else
        l->qty
            = (pos_demo_rng_chance (&b->rng, 900) ? 1 : pos_demo_rng_between (&b->rng, 2, 4)) * POS_QTY_ONE;
      if (!pos_amount_mul_qty (p->price, l->qty, &l->gross, error))
        return FALSE;
      tax_lines[i] = (PosTaxLine){ p->tax_code, p->rate_bp, l->gross, 0 };
    }
  return TRUE;
}

/* ---- rows -------------------------------------------------------------- */

typedef struct
{
  PosAmount subtotal, tax, total, rounding, tendered, change, cash_due, card;
  gint64 customer_id, points;
} SaleFigures;

static gboolean
insert_sale (BulkSales *b, const SaleFigures *f, GError **error)
{
  static const char sql[]
      = "INSERT INTO sale (receipt_no, till_id, till_number, kind, user_id, customer_id, created_at, "
        "business_day, subtotal, discount_total, tax_total, total, rounding, tendered, change, "
        "points_earned) "
        "VALUES (?1, ?2, ?3, 'sale', ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10, ?11, ?12, ?13, ?14)";
  PosStore *store = b->demo->store;
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, b->receipt_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, b->demo->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, b->till_number);
  sqlite3_bind_int64 (stmt, 4, b->user_id);
  if (f->customer_id > 0)
    sqlite3_bind_int64 (stmt, 5, f->customer_id);
  sqlite3_bind_text (stmt, 6, b->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, b->business_day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, f->subtotal);
  sqlite3_bind_int64 (stmt, 9, f->tax);
  sqlite3_bind_int64 (stmt, 10, f->total);
  sqlite3_bind_int64 (stmt, 11, f->rounding);
  sqlite3_bind_int64 (stmt, 12, f->tendered);
  sqlite3_bind_int64 (stmt, 13, f->change);
  sqlite3_bind_int64 (stmt, 14, f->points);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  b->sale_id = sqlite3_last_insert_rowid (pos_store_db (store));
  return TRUE;
}

static gboolean
insert_line (BulkSales *b, guint line_no, const BulkLine *l, const PosTaxLine *t, GError **error)
{
  static const char sql[]
      = "INSERT INTO sale_line (sale_id, line_no, product_id, sku, name, unit, qty, unit_price, "
        "catalog_version, tax_code, tax_rate_bp, discount, line_total, tax_amount) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?13)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->demo->store, sql, error);
  const BulkProduct *p = l->product;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, b->sale_id);
  sqlite3_bind_int (stmt, 2, (int)line_no);
  sqlite3_bind_int64 (stmt, 3, p->id);
  sqlite3_bind_text (stmt, 4, p->sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, p->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, p->unit, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, l->qty);
  sqlite3_bind_int64 (stmt, 8, p->price);
  sqlite3_bind_int64 (stmt, 9, p->version);
  sqlite3_bind_text (stmt, 10, p->tax_code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, p->rate_bp);
  sqlite3_bind_int64 (stmt, 12, t->amount);
  sqlite3_bind_int64 (stmt, 13, t->tax);
  return pos_store_step_done (b->demo->store, stmt, error);
}

/* The stock move checkout records for a sold line. */
static gboolean
insert_move (BulkSales *b, const BulkLine *l, GError **error)
{
  static const char sql[] = "INSERT INTO stock_move (product_id, qty, reason, reference, sale_id, user_id, "
                            "till_id, created_at) VALUES (?1, ?2, 'sale', ?3, ?4, ?5, ?6, ?7)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->demo->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, l->product->id);
  sqlite3_bind_int64 (stmt, 2, -l->qty);
  sqlite3_bind_text (stmt, 3, b->receipt_no, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, b->sale_id);
  sqlite3_bind_int64 (stmt, 5, b->user_id);
  sqlite3_bind_text (stmt, 6, b->demo->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, b->created_at, -1, SQLITE_STATIC);
  return pos_store_step_done (b->demo->store, stmt, error);
}

static gboolean
insert_taxes (BulkSales *b, const PosTaxSummary *taxes, GError **error)
{
  static const char sql[] = "INSERT INTO sale_tax (sale_id, tax_code, tax_rate_bp, net, tax, gross) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

  for (guint i = 0; i < taxes->buckets->len; i++)
    {
      const PosTaxBucket *t = &g_array_index (taxes->buckets, PosTaxBucket, i);
      g_autoptr (PosStmt) stmt = pos_store_prepare (b->demo->store, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, b->sale_id);
      sqlite3_bind_text (stmt, 2, t->code, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, t->rate_bp);
      sqlite3_bind_int64 (stmt, 4, t->net);
      sqlite3_bind_int64 (stmt, 5, t->tax);
      sqlite3_bind_int64 (stmt, 6, t->gross);
      if (!pos_store_step_done (b->demo->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_payment (BulkSales *b, const SaleFigures *f, GError **error)
{
  static const char sql[]
      = "INSERT INTO payment (id, sale_id, method, amount, reference) VALUES (coalesce ((SELECT id FROM "
        "payment ORDER BY sale_id DESC, id DESC LIMIT 1), 0) + 1, ?1, ?2, ?3, ?4)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->demo->store, sql, error);
  char reference[24];

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, b->sale_id);
  sqlite3_bind_text (stmt, 2, f->card > 0 ? "card" : "cash", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, f->card > 0 ? f->card : f->cash_due);
  if (f->card > 0)
    {
      g_snprintf (reference, sizeof reference, "TRM%07" G_GUINT64_FORMAT, ++b->card_reference);
      sqlite3_bind_text (stmt, 4, reference, -1, SQLITE_TRANSIENT);
    }
  return pos_store_step_done (b->demo->store, stmt, error);
}

static gboolean
insert_points (BulkSales *b, const SaleFigures *f, GError **error)
{
  static const char sql[] = "INSERT INTO loyalty_entry (customer_id, points, reason, sale_id, created_at) "
                            "VALUES (?1, ?2, 'earn', ?3, ?4)";
  g_autoptr (PosStmt) stmt = NULL;

  if (f->customer_id == 0 || f->points <= 0)
    return TRUE;
  stmt = pos_store_prepare (b->demo->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f->customer_id);
  sqlite3_bind_int64 (stmt, 2, f->points);
  sqlite3_bind_int64 (stmt, 3, b->sale_id);
  sqlite3_bind_text (stmt, 4, b->created_at, -1, SQLITE_STATIC);
  return pos_store_step_done (b->demo->store, stmt, error);
}

/* ---- sales ------------------------------------------------------------- */

/* How the customer pays @summary's total: cash (rounded to the cash step,
 * handed over as the smallest note that covers it) or card, as checkout
 * settles it. */
static void
settle (BulkSales *b, const PosTaxSummary *summary, PosAmount subtotal, SaleFigures *f)
{
  const PosAmount *d = b->demo->currency->denominations;

  memset (f, 0, sizeof *f);
  f->subtotal = subtotal;
  f->tax = summary->tax;
  f->total = summary->gross;
  if (pos_demo_rng_chance (&b->rng, 450))
    {
      f->cash_due = pos_amount_round_cash (f->total, b->rules.cash_step);
      f->rounding = f->cash_due - f->total;
      f->tendered = f->cash_due;
      for (guint i = 0; d[i] != 0 && pos_demo_rng_chance (&b->rng, 700); i++)
        if (d[i] >= f->cash_due)
          f->tendered = d[i];
      f->change = f->tendered - f->cash_due;
    }
  else
    f->card = f->tendered = f->total;
  if (b->demo->customers->len > 0 && pos_demo_rng_chance (&b->rng, 200))
    {
      f->customer_id
          = g_array_index (b->demo->customers, gint64, pos_demo_rng_below (&b->rng, b->demo->customers->len));
      f->points = pos_loyalty_points_for (b->demo->store, f->cash_due + f->card);
    }
}

static gboolean
write_sale (BulkSales *b, guint n, GError **error)
{
  BulkLine lines[MAX_LINES];
  PosTaxLine tax_lines[MAX_LINES];
  g_autoptr (PosTaxSummary) summary = NULL;
  PosAmount subtotal = 0;
  SaleFigures f;

  if (!pick_lines (b, lines, n, tax_lines, error))
    return FALSE;
  summary = pos_tax_compute (tax_lines, n, b->rules.tax_mode, b->rules.tax_rounding, error);
  if (summary == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!pos_amount_add (subtotal, lines[i].gross, &subtotal, error))
      return FALSE;
  settle (b, summary, subtotal, &f);
  b->till_number++;
  g_snprintf (b->receipt_no, sizeof b->receipt_no, "%s-%" G_GINT64_FORMAT, b->demo->till_id, b->till_number);
  if (!insert_sale (b, &f, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!insert_line (b, i + 1, &lines[i], &tax_lines[i], error) || !insert_move (b, &lines[i], error))
      return FALSE;
  return insert_taxes (b, summary, error) && insert_payment (b, &f, error) && insert_points (b, &f, error);
}

/* Lines in a basket: 1 + a geometric number, about 4 on average. */
static guint
basket (BulkSales *b)
{
  guint n = 1;

  while (n < MAX_LINES && pos_demo_rng_chance (&b->rng, 750))
    n++;
  return n;
}

/* Writes about @n_lines lines of sales on @day in one transaction. */
static gboolean
write_day (BulkSales *b, const GDate *day, gint64 n_lines, GError **error)
{
  gboolean saturday = g_date_get_weekday (day) == G_DATE_SATURDAY;
  guint opens = saturday ? 8 * 60 : 7 * 60, span = saturday ? 6 * 3600 : 12 * 3600;
  gint64 n_sales = MAX (1, n_lines / 4), written = 0;
  g_autofree char *business_day = NULL;
  const PosUser *cashiers[] = { b->demo->cashier, b->demo->supervisor, b->demo->owner };

  business_day = pos_clock_business_day (pos_demo_local_us (day, 12 * 60, 0));
  g_strlcpy (b->business_day, business_day, sizeof b->business_day);
  if (!pos_store_begin (b->demo->store, error))
    return FALSE;
  for (gint64 k = 0; written < n_lines; k++)
    {
      gint64 us = pos_demo_local_us (day, opens, 0) + MIN (k, n_sales - 1) * span / n_sales * G_USEC_PER_SEC;
      g_autofree char *created
          = pos_clock_iso_utc (us + (gint64)pos_demo_rng_below (&b->rng, G_USEC_PER_SEC));
      guint size = basket (b);
      guint n = (guint)MIN ((gint64)size, n_lines - written);

      g_strlcpy (b->created_at, created, sizeof b->created_at);
      b->user_id = saturday ? b->demo->owner->id : cashiers[(k * 2 / n_sales) % 2]->id;
      if (!write_sale (b, n, error))
        {
          pos_store_rollback (b->demo->store);
          return FALSE;
        }
      written += n;
    }
  return pos_store_commit (b->demo->store, error);
}

/* The day's Z report, taken at closing time by the owner. */
static gboolean
close_day (BulkSales *b, const GDate *day, GError **error)
{
  g_autoptr (JsonNode) z = NULL;
  gboolean saturday = g_date_get_weekday (day) == G_DATE_SATURDAY;

  pos_clock_set_fixed_for_testing (pos_demo_local_us (day, saturday ? 14 * 60 + 10 : 19 * 60 + 10, 0));
  z = pos_report_z (b->demo->store, b->demo->owner, NULL, error);
  return z != NULL;
}

/* The open days of the history and their shares of the lines. */
static guint64
day_weights (PosDemo *demo)
{
  guint64 total = 0;

  for (GDate d = demo->first_day; g_date_compare (&d, &demo->last_day) <= 0; g_date_add_days (&d, 1))
    total += day_weight[g_date_get_weekday (&d)];
  return total;
}

static gboolean
write_days (BulkSales *b, gint64 n_lines, GError **error)
{
  PosDemo *demo = b->demo;
  guint64 total = day_weights (demo), done_weight = 0;
  gint64 done = 0;
  GDate last_open = demo->last_day;

  if (g_date_get_weekday (&last_open) == G_DATE_SUNDAY)
    g_date_subtract_days (&last_open, 1);

  for (GDate d = demo->first_day; g_date_compare (&d, &demo->last_day) <= 0; g_date_add_days (&d, 1))
    {
      guint w = day_weight[g_date_get_weekday (&d)];
      gint64 lines;

      if (w == 0)
        continue;
      done_weight += w;
      lines = total ? (gint64)((guint64)n_lines * done_weight / total) - done : n_lines - done;
      if (lines > 0 && !write_day (b, &d, lines, error))
        return FALSE;
      done += MAX (lines, 0);
      if (g_date_compare (&d, &last_open) < 0 && !close_day (b, &d, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
last_till_number (PosDemo *demo)
{
  static const char sql[] = "SELECT coalesce (max (till_number), 0) FROM sale WHERE till_id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (demo->store, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, demo->till_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/*
 * Writes about @n_lines sale lines over the history's open days (busier
 * on Fridays and Saturdays), each day closed by a Z report but the last.
 */
gboolean
pos_demo_bulk_history (PosDemo *demo, gint64 n_lines, GError **error)
{
  BulkSales b = { .demo = demo };
  gint64 cache_size = -16000;
  gboolean ok;

  g_assert (n_lines > 0);
  pos_demo_rng_init (&b.rng, demo->options.seed, 6);
  pos_shop_rules_load (demo->store, &b.rules);
  b.products = g_array_new (FALSE, FALSE, sizeof (BulkProduct));
  b.strings = g_string_chunk_new (1 << 20);
  b.till_number = last_till_number (demo);

  /* A day of lines touches far more index pages than the usual cache holds. */
  ok = pos_store_set_cache_size (demo->store, -1000000, &cache_size, error) && load_products (&b, error)
       && write_days (&b, n_lines, error);
  if (!pos_store_set_cache_size (demo->store, cache_size, NULL, ok ? error : NULL))
    ok = FALSE;
  pos_shop_rules_clear (&b.rules);
  g_array_unref (b.products);
  g_string_chunk_free (b.strings);
  return ok;
}
