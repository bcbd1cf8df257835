/* pos-sales-history.c — past sales, listed and shown (see pos-sales-history.h). */
#include "pos-sales-history.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "pos-catalog.h"
#include "pos-error.h"
#include "pos-store-private.h"

/* The columns of a PosSaleSummary, in summary_from_row()'s order. */
#define SUMMARY_COLUMNS                                                                                      \
  "s.id, s.receipt_no, s.kind, o.receipt_no, s.till_id, s.created_at, s.business_day, u.name, "              \
  "c.card_code, (SELECT count(*) FROM sale_line l WHERE l.sale_id = s.id), s.total, s.tax_total "
#define SUMMARY_FROM                                                                                         \
  "FROM sale s LEFT JOIN sale o ON o.id = s.refund_of LEFT JOIN user u ON u.id = s.user_id "                 \
  "LEFT JOIN customer c ON c.id = s.customer_id "

enum
{
  P_FROM = 1,
  P_TO,
  P_RECEIPT,
  P_CASHIER,
  P_CUSTOMER,
  P_SKU,
  P_MIN,
  P_MAX,
  P_BEFORE,
  P_LIMIT,
};

/* Each filter's clause; the statement is put together from these constant
 * fragments only (values are bound), so that every combination gets a plan
 * that uses its index rather than one plan with "?1 IS NULL OR …". */
static const char *const clauses[] = {
  [P_FROM] = "s.business_day >= ?1",
  [P_TO] = "s.business_day <= ?2",
  [P_RECEIPT] = "s.receipt_no = ?3",
  [P_CASHIER] = "u.name = ?4",
  [P_CUSTOMER] = "c.card_code = ?5",
  [P_SKU] = "EXISTS (SELECT 1 FROM sale_line l WHERE l.sale_id = s.id AND l.sku = ?6)",
  [P_MIN] = "s.total >= ?7",
  [P_MAX] = "s.total <= ?8",
  [P_BEFORE] = "s.id < ?9",
};

void
pos_sale_summary_free (PosSaleSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->receipt_no), g_free (s->kind), g_free (s->refund_of), g_free (s->till_id);
  g_free (s->created_at), g_free (s->business_day), g_free (s->cashier), g_free (s->customer);
  g_free (s);
}

static void
line_clear (PosSaleDetailLine *l)
{
  g_free (l->sku), g_free (l->name), g_free (l->unit), g_free (l->tax_code);
}

static void
tax_clear (PosSaleDetailTax *t)
{
  g_free (t->code);
}

static void
payment_clear (PosSaleDetailPayment *p)
{
  g_free (p->method), g_free (p->reference);
}

void
pos_sale_detail_free (PosSaleDetail *d)
{
  if (d == NULL)
    return;
  pos_sale_summary_free (d->sale);
  g_clear_pointer (&d->lines, g_array_unref);
  g_clear_pointer (&d->taxes, g_array_unref);
  g_clear_pointer (&d->payments, g_array_unref);
  g_clear_pointer (&d->refunds, g_ptr_array_unref);
  g_free (d);
}

static PosSaleSummary *
summary_from_row (PosStmt *stmt)
{
  PosSaleSummary *s = g_new0 (PosSaleSummary, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->receipt_no = pos_stmt_dup_text (stmt, 1);
  s->kind = pos_stmt_dup_text (stmt, 2);
  s->refund_of = pos_stmt_dup_text (stmt, 3);
  s->till_id = pos_stmt_dup_text (stmt, 4);
  s->created_at = pos_stmt_dup_text (stmt, 5);
  s->business_day = pos_stmt_dup_text (stmt, 6);
  s->cashier = pos_stmt_dup_text (stmt, 7);
  s->customer = pos_stmt_dup_text (stmt, 8);
  s->n_lines = sqlite3_column_int64 (stmt, 9);
  s->total = sqlite3_column_int64 (stmt, 10);
  s->tax = sqlite3_column_int64 (stmt, 11);
  return s;
}

static gboolean
is_day (const char *text)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *midnight = NULL;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  midnight = g_strconcat (text, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (midnight, NULL);
  return date != NULL;
}

static gboolean
check_filter (const PosSalesFilter *f, GError **error)
{
  if ((f->from_day != NULL && !is_day (f->from_day)) || (f->to_day != NULL && !is_day (f->to_day)))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A day is written YYYY-MM-DD")), FALSE;
  if (f->from_day != NULL && f->to_day != NULL && strcmp (f->from_day, f->to_day) > 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The first day %s is after the last day %s"),
                        f->from_day, f->to_day),
           FALSE;
  if (f->has_min && f->has_max && f->min_total > f->max_total)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The smallest total is above the largest")),
           FALSE;
  return TRUE;
}

/* A product filter names a SKU or a barcode; sale lines keep the SKU. A
 * code the catalog no longer knows is taken as a SKU of the past. */
static char *
product_sku (PosStore *store, const char *product)
{
  g_autoptr (PosProduct) found = pos_catalog_lookup (store, product, NULL);

  return g_strdup (found != NULL ? found->sku : product);
}

static void
bind_filter (PosStore *store, PosStmt *stmt, const PosSalesFilter *f, const gboolean *used)
{
  const char *texts[] = { [P_FROM] = f->from_day,
                          [P_TO] = f->to_day,
                          [P_RECEIPT] = f->receipt,
                          [P_CASHIER] = f->cashier,
                          [P_CUSTOMER] = f->customer };

  for (int p = P_FROM; p <= P_CUSTOMER; p++)
    if (used[p])
      sqlite3_bind_text (stmt, p, texts[p], -1, SQLITE_TRANSIENT);
  if (used[P_SKU])
    {
      g_autofree char *sku = product_sku (store, f->product);
      sqlite3_bind_text (stmt, P_SKU, sku, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, P_MIN, f->min_total);
  sqlite3_bind_int64 (stmt, P_MAX, f->max_total);
  sqlite3_bind_int64 (stmt, P_BEFORE, f->before_id);
  sqlite3_bind_int64 (stmt, P_LIMIT, f->limit > 0 ? f->limit : 100);
}

GPtrArray *
pos_sales_history_list (PosStore *store, const PosSalesFilter *filter, GError **error)
{
  static const PosSalesFilter all = { 0 };
  const PosSalesFilter *f = filter != NULL ? filter : &all;
  g_autoptr (GString) sql = g_string_new ("SELECT " SUMMARY_COLUMNS SUMMARY_FROM);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_sale_summary_free);
  g_autoptr (PosStmt) stmt = NULL;
  gboolean used[P_LIMIT] = { FALSE };
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if (!check_filter (f, error))
    return NULL;
  used[P_FROM] = f->from_day != NULL, used[P_TO] = f->to_day != NULL, used[P_RECEIPT] = f->receipt != NULL;
  used[P_CASHIER] = f->cashier != NULL, used[P_CUSTOMER] = f->customer != NULL;
  used[P_SKU] = f->product != NULL, used[P_MIN] = f->has_min, used[P_MAX] = f->has_max;
  used[P_BEFORE] = f->before_id > 0;
  for (int p = P_FROM, n = 0; p < P_LIMIT; p++)
    if (used[p])
      g_string_append_printf (sql, "%s%s ", n++ ? "AND " : "WHERE ", clauses[p]);
  /* ?10 makes every number up to it a parameter, used or not: binding an
   * unused one is harmless */
  g_string_append (sql, "ORDER BY s.id DESC LIMIT ?10");

  if ((stmt = pos_store_prepare (store, sql->str, error)) == NULL)
    return NULL;
  bind_filter (store, stmt, f, used);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, summary_from_row (stmt));
  return rc < 0 ? NULL : g_steal_pointer (&rows);
}

static gboolean
load_lines (PosStore *store, PosSaleDetail *d, GError **error)
{
  static const char sql[]
      = "SELECT line_no, sku, name, unit, qty, unit_price, discount, line_total, tax_amount, "
        "tax_code, tax_rate_bp FROM sale_line WHERE sale_id = ?1 ORDER BY line_no";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->sale->id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosSaleDetailLine l = {
        .line_no = sqlite3_column_int64 (stmt, 0),
        .sku = pos_stmt_dup_text (stmt, 1),
        .name = pos_stmt_dup_text (stmt, 2),
        .unit = pos_stmt_dup_text (stmt, 3),
        .qty = sqlite3_column_int64 (stmt, 4),
        .unit_price = sqlite3_column_int64 (stmt, 5),
        .discount = sqlite3_column_int64 (stmt, 6),
        .total = sqlite3_column_int64 (stmt, 7),
        .tax = sqlite3_column_int64 (stmt, 8),
        .tax_code = pos_stmt_dup_text (stmt, 9),
        .tax_rate_bp = sqlite3_column_int64 (stmt, 10),
      };
      g_array_append_val (d->lines, l);
    }
  return rc >= 0;
}

static gboolean
load_taxes (PosStore *store, PosSaleDetail *d, GError **error)
{
  static const char sql[]
      = "SELECT tax_code, tax_rate_bp, net, tax, gross FROM sale_tax WHERE sale_id = ?1 ORDER BY tax_code";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->sale->id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosSaleDetailTax t = {
        .code = pos_stmt_dup_text (stmt, 0),
        .rate_bp = sqlite3_column_int64 (stmt, 1),
        .net = sqlite3_column_int64 (stmt, 2),
        .tax = sqlite3_column_int64 (stmt, 3),
        .gross = sqlite3_column_int64 (stmt, 4),
      };
      g_array_append_val (d->taxes, t);
    }
  return rc >= 0;
}

static gboolean
load_payments (PosStore *store, PosSaleDetail *d, GError **error)
{
  static const char sql[]
      = "SELECT method, amount, reference, points FROM payment WHERE sale_id = ?1 ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->sale->id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosSaleDetailPayment p = {
        .method = pos_stmt_dup_text (stmt, 0),
        .amount = sqlite3_column_int64 (stmt, 1),
        .reference = pos_stmt_dup_text (stmt, 2),
        .points = sqlite3_column_int64 (stmt, 3),
      };
      g_array_append_val (d->payments, p);
    }
  return rc >= 0;
}

/* Refunds against the sale, through the partial refund_of index. */
static gboolean
load_refunds (PosStore *store, PosSaleDetail *d, GError **error)
{
  static const char sql[] = "SELECT " SUMMARY_COLUMNS SUMMARY_FROM "WHERE s.refund_of = ?1 ORDER BY s.id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->sale->id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (d->refunds, summary_from_row (stmt));
  return rc >= 0;
}

static PosSaleDetail *
detail_new (void)
{
  PosSaleDetail *d = g_new0 (PosSaleDetail, 1);

  d->lines = g_array_new (FALSE, TRUE, sizeof (PosSaleDetailLine));
  g_array_set_clear_func (d->lines, (GDestroyNotify)line_clear);
  d->taxes = g_array_new (FALSE, TRUE, sizeof (PosSaleDetailTax));
  g_array_set_clear_func (d->taxes, (GDestroyNotify)tax_clear);
  d->payments = g_array_new (FALSE, TRUE, sizeof (PosSaleDetailPayment));
  g_array_set_clear_func (d->payments, (GDestroyNotify)payment_clear);
  d->refunds = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_sale_summary_free);
  return d;
}

PosSaleDetail *
pos_sales_history_get (PosStore *store, const char *receipt_no, GError **error)
{
  static const char sql[]
      = "SELECT " SUMMARY_COLUMNS ", s.discount_total, s.rounding, s.tendered, s.change " SUMMARY_FROM
        "WHERE s.receipt_no = ?1";
  g_autoptr (PosSaleDetail) d = detail_new ();
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL && receipt_no != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_TRANSIENT);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no receipt %s"), receipt_no),
           NULL;
  d->sale = summary_from_row (stmt);
  d->discount = sqlite3_column_int64 (stmt, 12);
  d->rounding = sqlite3_column_int64 (stmt, 13);
  d->tendered = sqlite3_column_int64 (stmt, 14);
  d->change = sqlite3_column_int64 (stmt, 15);
  g_clear_pointer (&stmt, pos_stmt_release);
  if (!load_lines (store, d, error) || !load_taxes (store, d, error) || !load_payments (store, d, error)
      || !load_refunds (store, d, error))
    return NULL;
  return g_steal_pointer (&d);
}
