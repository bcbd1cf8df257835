/* pos-refund.c — refunds against an original receipt (see pos-refund.h). */
#include "pos-refund.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-loyalty.h"
#include "pos-permission.h"
#include "pos-sale-record.h"
#include "pos-shop.h"
#include "pos-promotion.h"
#include "pos-stock.h"
#include "pos-store-private.h"
#include "pos-training.h"
#include "pos-account.h"
#include "pos-voucher.h"
#include "pos-voucher-tax.h"

/* A line of the original sale with what earlier refunds already took. */
typedef struct
{
  gint64 id;
  PosSaleLineRecord sold;
  PosQty refunded_qty;
  PosAmount refunded_total;
  PosAmount refunded_tax;
  PosAmount refunded_discount;
  PosQty qty; /* asked for now */
} OriginalLine;

typedef struct
{
  gint64 sale_id;
  char *receipt_no;
  gint64 customer_id;
  PosAmount total;
  gint64 points_earned;
  GArray *lines; /* OriginalLine */
  GStringChunk *strings;
} Original;

static void
original_clear (Original *o)
{
  g_clear_pointer (&o->receipt_no, g_free);
  g_clear_pointer (&o->lines, g_array_unref);
  g_clear_pointer (&o->strings, g_string_chunk_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Original, original_clear)

static gboolean
load_header (PosStore *store, const char *receipt_no, Original *o, GError **error)
{
  static const char sql[] = "SELECT id, kind, coalesce (customer_id, 0), total, points_earned, receipt_no "
                            "FROM sale WHERE receipt_no = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no receipt %s"), receipt_no),
           FALSE;
  if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 1), "sale") != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s is itself a refund"), receipt_no), FALSE;
  o->sale_id = sqlite3_column_int64 (stmt, 0);
  o->customer_id = sqlite3_column_int64 (stmt, 2);
  o->total = sqlite3_column_int64 (stmt, 3);
  o->points_earned = sqlite3_column_int64 (stmt, 4);
  o->receipt_no = pos_stmt_dup_text (stmt, 5);
  return TRUE;
}

static gboolean
load_lines (PosStore *store, Original *o, GError **error)
{
  static const char sql[]
      = "SELECT l.id, l.line_no, coalesce (l.product_id, 0), l.sku, l.name, l.unit, l.qty, l.unit_price, "
        "l.catalog_version, l.tax_code, l.tax_rate_bp, l.discount, l.line_total, l.tax_amount, "
        "-coalesce (sum (r.qty), 0), -coalesce (sum (r.line_total), 0), -coalesce (sum (r.tax_amount), 0), "
        "-coalesce (sum (r.discount), 0) "
        "FROM sale_line l LEFT JOIN sale_line r ON r.refund_of_line = l.id "
        "WHERE l.sale_id = ?1 GROUP BY l.id ORDER BY l.line_no";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  o->lines = g_array_new (FALSE, TRUE, sizeof (OriginalLine));
  o->strings = g_string_chunk_new (256);
  sqlite3_bind_int64 (stmt, 1, o->sale_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      OriginalLine l = { .id = sqlite3_column_int64 (stmt, 0) };
#define TEXT(col) g_string_chunk_insert_const (o->strings, (const char *)sqlite3_column_text (stmt, col))
      l.sold = (PosSaleLineRecord){
        .line_no = sqlite3_column_int (stmt, 1),
        .product_id = sqlite3_column_int64 (stmt, 2),
        .sku = TEXT (3),
        .name = TEXT (4),
        .unit = TEXT (5),
        .qty = sqlite3_column_int64 (stmt, 6),
        .unit_price = sqlite3_column_int64 (stmt, 7),
        .catalog_version = sqlite3_column_int64 (stmt, 8),
        .tax_code = TEXT (9),
        .tax_rate_bp = sqlite3_column_int64 (stmt, 10),
        .discount = sqlite3_column_int64 (stmt, 11),
        .total = sqlite3_column_int64 (stmt, 12),
        .tax = sqlite3_column_int64 (stmt, 13),
      };
#undef TEXT
      l.refunded_qty = sqlite3_column_int64 (stmt, 14);
      l.refunded_total = sqlite3_column_int64 (stmt, 15);
      l.refunded_tax = sqlite3_column_int64 (stmt, 16);
      l.refunded_discount = sqlite3_column_int64 (stmt, 17);
      g_array_append_val (o->lines, l);
    }
  return rc == SQLITE_DONE;
}

/* What of @l can still be given back: the rule every refund is held to. */
static PosQty
left_to_refund (const OriginalLine *l)
{
  return l->sold.qty - l->refunded_qty;
}

GListModel *
pos_refund_list_lines (PosStore *store, const char *receipt_no, GError **error)
{
  g_auto (Original) o = { 0 };
  g_autoptr (GListStore) lines = g_list_store_new (POS_TYPE_REFUNDABLE_LINE);

  g_return_val_if_fail (store != NULL && receipt_no != NULL, NULL);

  if (!load_header (store, receipt_no, &o, error) || !load_lines (store, &o, error))
    return NULL;
  for (guint i = 0; i < o.lines->len; i++)
    {
      const OriginalLine *l = &g_array_index (o.lines, OriginalLine, i);
      g_autoptr (PosRefundableLine) line = NULL;

      if (left_to_refund (l) <= 0)
        continue;
      line = pos_refundable_line_new (l->sold.line_no, l->sold.name, l->sold.unit, l->sold.qty, l->sold.total,
                                      left_to_refund (l));
      g_list_store_append (lines, line);
    }
  return G_LIST_MODEL (g_steal_pointer (&lines));
}

/* Marks what is asked for; nothing asked means everything not yet refunded. */
static gboolean
choose_lines (Original *o, const PosRefundLine *wanted, gsize n, GError **error)
{
  gboolean any = FALSE;

  for (guint i = 0; i < o->lines->len; i++)
    {
      OriginalLine *l = &g_array_index (o->lines, OriginalLine, i);
      l->qty = n == 0 ? left_to_refund (l) : 0;
    }
  for (gsize k = 0; k < n; k++)
    {
      OriginalLine *l = NULL;
      for (guint i = 0; i < o->lines->len; i++)
        if (g_array_index (o->lines, OriginalLine, i).sold.line_no == wanted[k].line_no)
          l = &g_array_index (o->lines, OriginalLine, i);
      if (l == NULL)
        return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("%s has no line %u"), o->receipt_no,
                            wanted[k].line_no),
               FALSE;
      if (wanted[k].qty < 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A refund quantity must be more than 0")),
               FALSE;
      l->qty += wanted[k].qty == 0 ? MAX (left_to_refund (l), 1) : wanted[k].qty;
    }
  for (guint i = 0; i < o->lines->len; i++)
    {
      OriginalLine *l = &g_array_index (o->lines, OriginalLine, i);
      g_autofree char *sold = pos_qty_to_string (l->sold.qty);
      g_autofree char *done = pos_qty_to_string (l->refunded_qty);

      if (l->qty > left_to_refund (l))
        return g_set_error (error, POS_ERROR, POS_ERROR_REFUND_EXCEEDS,
                            _ ("Line %u (%s): %s sold, %s already refunded"), l->sold.line_no, l->sold.name,
                            sold, done),
               FALSE;
      any = any || l->qty > 0;
    }
  if (!any)
    return g_set_error (error, POS_ERROR, POS_ERROR_REFUND_EXCEEDS,
                        _ ("Everything on %s has been refunded already"), o->receipt_no),
           FALSE;
  return TRUE;
}

/* The share of a sold amount that @qty of @sold takes; the last part takes
 * exactly what is left, so a line refunded in pieces nets to zero. */
static gboolean
share (const OriginalLine *l, PosAmount sold, PosAmount refunded, PosAmount *out, GError **error)
{
  if (l->qty == left_to_refund (l))
    {
      *out = sold - refunded;
      return TRUE;
    }
  return pos_amount_mul_div (sold, l->qty, l->sold.qty, out, error);
}

static gboolean
refund_line (const OriginalLine *l, PosSaleLineRecord *out, GError **error)
{
  PosAmount total, tax, discount;

  if (!share (l, l->sold.total, l->refunded_total, &total, error)
      || !share (l, l->sold.tax, l->refunded_tax, &tax, error)
      || !share (l, l->sold.discount, l->refunded_discount, &discount, error))
    return FALSE;
  *out = l->sold;
  out->qty = -l->qty;
  out->total = -total;
  out->tax = -tax;
  out->discount = -discount;
  out->refund_of_line = l->id;
  return TRUE;
}

/* Settles the money going back: card parts as given, the rest in cash,
 * rounded to the cash step like any cash payment. */
static gboolean
settle_refund (PosAmount due, const PosShopRules *rules, const PosTender *tenders, gsize n, PosAmount *cash,
               PosAmount *card_out, PosAmount *rounding, GError **error)
{
  PosAmount card = 0, cash_given = 0;
  gboolean cash_named = n == 0;

  for (gsize i = 0; i < n; i++)
    {
      if (tenders[i].method == POS_TENDER_POINTS)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Refunds are paid in cash or to a card")),
               FALSE;
      if (tenders[i].amount <= 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tender must be more than zero")),
               FALSE;
      if (!pos_tender_check_amount (tenders[i].amount, rules->currency, error))
        return FALSE;
      if (tenders[i].method == POS_TENDER_CARD && !pos_card_reference_check (tenders[i].reference, error))
        return FALSE;
      /* store credit (credit:AMOUNT) goes back like a card part: not in cash */
      if (tenders[i].method == POS_TENDER_CARD || tenders[i].method == POS_TENDER_VOUCHER
          || tenders[i].method == POS_TENDER_ACCOUNT)
        card += tenders[i].amount;
      else
        cash_given += tenders[i].amount, cash_named = TRUE;
    }
  if (card > due)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The card part is more than the refund")),
           FALSE;
  *cash = cash_named ? pos_amount_round_cash (due - card, rules->cash_step) : due - card;
  *rounding = *cash - (due - card);
  *card_out = card;
  if ((n > 0 && cash_given != *cash) || (!cash_named && *cash != 0))
    {
      g_autofree char *text = pos_amount_to_string (*cash, rules->currency);
      g_set_error (error, POS_ERROR, POS_ERROR_TENDER_SHORT, _ ("The refund pays back exactly %s in cash"),
                   text);
      return FALSE;
    }
  return TRUE;
}

/* Writes a refund line with its share of the promotions the sold line
 * had, so the cost of a promotion nets out what came back. */
static gboolean
add_refund_line (PosStore *store, Original *o, PosSaleRecord *record, const PosSaleLineRecord *line,
                 GError **error)
{
  PosSaleLineRecord l = *line;
  g_autoptr (JsonArray) shares = NULL;

  for (guint i = 0; i < o->lines->len; i++)
    {
      const OriginalLine *sold = &g_array_index (o->lines, OriginalLine, i);

      if (sold->id != line->refund_of_line)
        continue;
      shares = pos_promotion_refund_shares (store, sold->id, sold->qty, sold->sold.qty, left_to_refund (sold),
                                            error);
      if (shares == NULL)
        return FALSE;
    }
  l.promotions = shares != NULL && json_array_get_length (shares) > 0 ? shares : NULL;
  return pos_sale_record_add_line (store, record, &l, error);
}

/* Store credit of @amount on the account of the original sale's customer. */
static gboolean
refund_as_credit (PosStore *store, const Original *o, PosSaleRecord *record, PosAmount amount, GError **error)
{
  g_autofree char *code = NULL;

  return pos_voucher_issue_credit (store, o->customer_id, amount, record->receipt_no, &code, error)
         && pos_sale_record_add_payment (store, record, "voucher", -amount, code, 0, error);
}

static gboolean
write_refund (PosStore *store, Original *o, PosSaleRecord *record, const PosTaxSummary *taxes,
              const PosSaleLineRecord *lines, guint n, const PosTender *tenders, gsize n_tenders,
              PosAmount cash, const PosUser *user, const PosUser *approver, GError **error)
{
  g_autofree char *detail = g_strdup_printf ("{\"receipt_no\":\"%s\",\"total\":%" G_GINT64_FORMAT "}",
                                             o->receipt_no, record->total);

  if (!pos_sale_record_begin (store, record, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!add_refund_line (store, o, record, &lines[i], error)
        || (lines[i].product_id > 0
            && !pos_stock_record_move (store, lines[i].product_id, -lines[i].qty, POS_STOCK_REFUND,
                                       record->receipt_no, record->sale_id, user->id, error)))
      return FALSE;
  if (!pos_sale_record_add_taxes (store, record, taxes, error))
    return FALSE;
  if (cash != 0 && !pos_sale_record_add_payment (store, record, "cash", -cash, NULL, 0, error))
    return FALSE;
  for (gsize i = 0; i < n_tenders; i++)
    if (tenders[i].method == POS_TENDER_CARD
        && !pos_sale_record_add_payment (store, record, "card", -tenders[i].amount, tenders[i].reference, 0,
                                         error))
      return FALSE;
  for (gsize i = 0; i < n_tenders; i++)
    if (tenders[i].method == POS_TENDER_VOUCHER
        && !refund_as_credit (store, o, record, tenders[i].amount, error))
      return FALSE;
  for (gsize i = 0; i < n_tenders; i++)
    if (tenders[i].method == POS_TENDER_ACCOUNT
        && (!pos_account_record_refund (store, o->customer_id, tenders[i].amount, record->receipt_no, error)
            || !pos_sale_record_add_payment (store, record, "account", -tenders[i].amount, NULL, 0, error)))
      return FALSE;
  if (record->points_earned != 0
      && !pos_loyalty_record (store, o->customer_id, record->points_earned, "refund", record->sale_id, error))
    return FALSE;
  return pos_audit_record (store, user, approver, pos_action_to_string (POS_ACTION_REFUND), record->sale_id,
                           detail, error)
         && pos_sale_record_finish (store, record, error);
}

/* The tax summary of the lines of @o: in full when @before is FALSE, else
 * what earlier refunds gave back of them. */
static PosTaxSummary *
summarize_original (const Original *o, gboolean before, PosTaxMode mode, GError **error)
{
  g_autofree PosTaxLine *tax_lines = g_new0 (PosTaxLine, o->lines->len + 1);

  for (guint i = 0; i < o->lines->len; i++)
    {
      const OriginalLine *l = &g_array_index (o->lines, OriginalLine, i);

      tax_lines[i]
          = (PosTaxLine){ l->sold.tax_code, l->sold.tax_rate_bp, before ? l->refunded_total : l->sold.total,
                          before ? l->refunded_tax : l->sold.tax };
    }
  return pos_tax_summarize (tax_lines, o->lines->len, mode, error);
}

/* Builds the refund's lines and tax summary from the chosen original lines;
 * goods a single-purpose voucher paid for give back only the VAT the sale
 * charged on them. */
static gboolean
build_lines (PosStore *store, Original *o, PosTaxMode mode, GArray *lines, PosTaxSummary **taxes,
             GError **error)
{
  g_autofree PosTaxLine *tax_lines = g_new0 (PosTaxLine, o->lines->len + 1);
  g_autoptr (PosTaxSummary) now = NULL, sold = NULL, before = NULL;
  guint n = 0;

  for (guint i = 0; i < o->lines->len; i++)
    {
      const OriginalLine *l = &g_array_index (o->lines, OriginalLine, i);
      PosSaleLineRecord r;

      if (l->qty == 0)
        continue;
      if (!refund_line (l, &r, error))
        return FALSE;
      r.line_no = ++n;
      g_array_append_val (lines, r);
      tax_lines[n - 1] = (PosTaxLine){ r.tax_code, r.tax_rate_bp, r.total, r.tax };
    }
  if ((now = pos_tax_summarize (tax_lines, n, mode, error)) == NULL
      || (sold = summarize_original (o, FALSE, mode, error)) == NULL
      || (before = summarize_original (o, TRUE, mode, error)) == NULL)
    return FALSE;
  *taxes = pos_voucher_tax_refund_summary (store, o->sale_id, sold, before, now, error);
  return *taxes != NULL;
}

/*
 * Refunds @lines of the sale @receipt_no (all that is left when @n_lines
 * is 0), paying back in cash unless card tenders say otherwise. Needs a
 * supervisor or their approval; one transaction, like a sale.
 */
PosSaleResult *
pos_refund_commit (PosStore *store, const char *receipt_no, const PosRefundLine *lines, gsize n_lines,
                   const PosUser *user, const PosUser *approver, const PosTender *tenders, gsize n_tenders,
                   GError **error)
{
  g_auto (Original) o = { 0 };
  g_auto (PosShopRules) rules = { 0 };
  g_auto (PosSaleRecord) record = { 0 };
  g_autoptr (GArray) refund_lines = g_array_new (FALSE, TRUE, sizeof (PosSaleLineRecord));
  g_autoptr (PosTaxSummary) taxes = NULL;
  PosAmount cash = 0, card = 0, rounding = 0;

  g_return_val_if_fail (store != NULL && receipt_no != NULL, NULL);

  if (!pos_permission_check (user, POS_ACTION_REFUND, approver, error)
      || !pos_store_require_healthy (store, error))
    return NULL;
  /* A refund pays real money back: never one while staff are practising. */
  if (pos_training_is_on (store))
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                        _ ("No refunds in training mode: switch it off first")),
           NULL;
  if (!pos_store_begin (store, error))
    return NULL;
  /* The rules, like the sale refunded, as of this transaction. */
  pos_shop_rules_load (store, &rules);
  if (!load_header (store, receipt_no, &o, error) || !load_lines (store, &o, error)
      || !choose_lines (&o, lines, n_lines, error)
      || !build_lines (store, &o, rules.tax_mode, refund_lines, &taxes, error)
      || !settle_refund (-taxes->gross, &rules, tenders, n_tenders, &cash, &card, &rounding, error))
    goto fail;

  record.kind = "refund";
  record.refund_of = o.sale_id;
  record.refund_of_receipt = o.receipt_no;
  record.user_id = user->id;
  record.user_name = user->name;
  record.customer_id = o.customer_id;
  record.tax_total = taxes->tax;
  record.total = taxes->gross;
  record.subtotal = taxes->gross;
  record.rounding = -rounding;
  record.tendered = -(cash + card);
  if (o.points_earned > 0 && o.total > 0
      && !pos_amount_mul_div (o.points_earned, taxes->gross, o.total, &record.points_earned, error))
    goto fail;
  for (guint i = 0; i < refund_lines->len; i++)
    record.discount_total += g_array_index (refund_lines, PosSaleLineRecord, i).discount;
  if (!write_refund (store, &o, &record, taxes, (PosSaleLineRecord *)refund_lines->data, refund_lines->len,
                     tenders, n_tenders, cash, user, approver, error)
      || !pos_store_commit (store, error))
    goto fail;

  return pos_sale_result_new (store, &record);

fail:
  pos_store_rollback (store);
  return NULL;
}
