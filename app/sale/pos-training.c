/* pos-training.c — training mode at the till (see pos-training.h). */
#include "pos-training.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pos-clock.h"
#include "pos-fiscal.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-nf525-jet.h"
#include "pos-permission.h"
#include "pos-shop.h"
#include "pos-store-private.h"

gboolean
pos_training_is_on (PosStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return pos_store_get_setting_int (store, POS_TRAINING_SETTING, 0) != 0;
}

gboolean
pos_training_is_receipt (const char *receipt_no)
{
  const char *dash = receipt_no ? strrchr (receipt_no, '-') : NULL;

  return dash != NULL && dash[1] == 'T' && g_ascii_isdigit (dash[2]);
}

/* The mode's change: the setting, its journal event naming who and who
 * approved, and under FR-NF525 its line in the event log. */
static gboolean
write_mode (PosStore *store, const PosUser *actor, const PosUser *approver, gboolean on, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;
  g_autofree char *detail = NULL;

  json_object_set_string_member (o, "by", actor->name);
  if (approver != NULL)
    json_object_set_string_member (o, "approver", approver->name);
  detail = g_strdup_printf ("%s by %s%s%s", on ? "on" : "off", actor->name, approver ? ", approved by " : "",
                            approver ? approver->name : "");
  if (!pos_store_set_setting (store, POS_TRAINING_SETTING, on ? "1" : "0", error))
    return FALSE;
  event = pos_journal_append_object (store, on ? "training.on" : "training.off", o, error);
  return event != NULL && pos_nf525_jet_record (store, POS_JET_TRAINING, detail, error);
}

gboolean
pos_training_set (PosStore *store, const PosUser *actor, const PosUser *approver, gboolean on, GError **error)
{
  g_return_val_if_fail (store != NULL && actor != NULL, FALSE);

  if (!pos_permission_check (actor, POS_ACTION_TRAINING, approver, error))
    return FALSE;
  if (pos_training_is_on (store) == on)
    return g_set_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE,
                        on ? _ ("The till is already in training mode")
                           : _ ("The till is not in training mode")),
           FALSE;
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!write_mode (store, actor, approver, on, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* What a training sale is paid with, as a real sale would be settled. */
typedef struct
{
  PosAmount cash, card, cash_due, rounding, change;
} Paid;

static gboolean
settle (PosCart *cart, const PosShopRules *rules, const PosTender *tenders, gsize n, Paid *p, GError **error)
{
  PosAmount total = pos_cart_get_total (cart);

  memset (p, 0, sizeof *p);
  for (gsize i = 0; i < n; i++)
    {
      PosAmount *slot = tenders[i].method == POS_TENDER_CASH ? &p->cash : &p->card;

      if (tenders[i].method == POS_TENDER_POINTS || tenders[i].method == POS_TENDER_VOUCHER)
        return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                            _ ("Points and vouchers cannot pay in training mode")),
               FALSE;
      if (tenders[i].amount <= 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tender must be more than zero")),
               FALSE;
      if (!pos_tender_check_amount (tenders[i].amount, rules->currency, error)
          || !pos_amount_add (*slot, tenders[i].amount, slot, error))
        return FALSE;
    }
  if (p->card > total)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("Card pays more than the total; change is only given in cash")),
           FALSE;
  p->cash_due = p->cash > 0 ? pos_checkout_cash_due (total - p->card, rules->cash_step) : total - p->card;
  p->rounding = p->cash_due - (total - p->card);
  if (p->cash < p->cash_due)
    {
      g_autofree char *due = pos_amount_format (p->cash_due - p->cash, rules->currency);
      return g_set_error (error, POS_ERROR, POS_ERROR_TENDER_SHORT, _ ("%s still to pay"), due), FALSE;
    }
  p->change = p->cash - p->cash_due;
  return TRUE;
}

static JsonArray *
lines_json (PosCart *cart)
{
  JsonArray *lines = json_array_new ();

  for (guint i = 0; i < pos_cart_get_n_lines (cart); i++)
    {
      PosCartLine *line = pos_cart_get_line (cart, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "line_no", i + 1);
      json_object_set_string_member (o, "sku", pos_cart_line_get_sku (line));
      json_object_set_string_member (o, "name", pos_cart_line_get_name (line));
      json_object_set_string_member (o, "unit", pos_cart_line_get_unit (line));
      json_object_set_int_member (o, "qty", pos_cart_line_get_qty (line));
      json_object_set_int_member (o, "unit_price", pos_cart_line_get_unit_price (line));
      json_object_set_string_member (o, "tax_code", pos_cart_line_get_tax_code (line));
      json_object_set_int_member (o, "tax_rate_bp", pos_cart_line_get_tax_rate_bp (line));
      json_object_set_int_member (o, "discount", pos_cart_line_get_discount (line));
      json_object_set_int_member (o, "total", pos_cart_line_get_total (line));
      json_object_set_int_member (o, "tax", pos_cart_line_get_tax (line));
      json_array_add_object_element (lines, o);
    }
  return lines;
}

static JsonArray *
taxes_json (const PosTaxSummary *taxes)
{
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < taxes->buckets->len; i++)
    {
      const PosTaxBucket *b = &g_array_index (taxes->buckets, PosTaxBucket, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "code", b->code);
      json_object_set_int_member (o, "rate_bp", b->rate_bp);
      json_object_set_int_member (o, "net", b->net);
      json_object_set_int_member (o, "tax", b->tax);
      json_object_set_int_member (o, "gross", b->gross);
      json_array_add_object_element (out, o);
    }
  return out;
}

static void
add_payment (JsonArray *payments, const char *method, PosAmount amount, const char *reference)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "method", method);
  json_object_set_int_member (o, "amount", amount);
  if (reference != NULL)
    json_object_set_string_member (o, "reference", reference);
  json_array_add_object_element (payments, o);
}

static JsonArray *
payments_json (const PosTender *tenders, gsize n, const Paid *p)
{
  JsonArray *payments = json_array_new ();

  if (p->cash > 0)
    add_payment (payments, "cash", p->cash_due, NULL);
  for (gsize i = 0; i < n; i++)
    if (tenders[i].method == POS_TENDER_CARD)
      add_payment (payments, "card", tenders[i].amount, tenders[i].reference);
  return payments;
}

/* The next number of this till's training series. */
static gboolean
next_number (PosStore *store, const char *till_id, gint64 *number, GError **error)
{
  static const char sql[] = "SELECT count (*) + 1 FROM journal WHERE till_id = ?1 AND type = 'training.sale'";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *number = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The event that holds the training sale: everything its receipt shows. */
static JsonObject *
sale_json (PosCart *cart, const PosUser *cashier, const PosTender *tenders, gsize n, const Paid *p)
{
  JsonObject *o = json_object_new ();
  gint64 now = pos_clock_now_us ();
  g_autofree char *created_at = pos_clock_iso_utc (now);
  g_autofree char *business_day = pos_clock_business_day (now);

  json_object_set_string_member (o, "created_at", created_at);
  json_object_set_string_member (o, "business_day", business_day);
  json_object_set_string_member (o, "cashier", cashier->name);
  json_object_set_int_member (o, "subtotal", pos_cart_get_subtotal (cart));
  json_object_set_int_member (o, "discount_total", pos_cart_get_discount_total (cart));
  json_object_set_int_member (o, "tax_total", pos_cart_get_tax_total (cart));
  json_object_set_int_member (o, "total", pos_cart_get_total (cart));
  json_object_set_int_member (o, "rounding", p->rounding);
  json_object_set_int_member (o, "tendered", p->cash + p->card);
  json_object_set_int_member (o, "change", p->change);
  json_object_set_array_member (o, "lines", lines_json (cart));
  json_object_set_array_member (o, "taxes", taxes_json (pos_cart_get_tax_summary (cart)));
  json_object_set_array_member (o, "payments", payments_json (tenders, n, p));
  return o;
}

/* Numbers and journals the sale, then lets the fiscal profile mark it. */
static gboolean
write_training (PosStore *store, JsonObject *o, PosSaleResult *result, GError **error)
{
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autoptr (PosJournalEvent) event = NULL;
  PosFiscalSale sale = { 0 };
  gint64 number;

  if (!next_number (store, till_id, &number, error))
    return FALSE;
  result->receipt_no = g_strdup_printf ("%s-T%" G_GINT64_FORMAT, till_id, number);
  json_object_set_string_member (o, "receipt_no", result->receipt_no);
  json_object_set_int_member (o, "training_number", number);
  if ((event = pos_journal_append_object (store, "training.sale", o, error)) == NULL)
    return FALSE;
  sale.kind = "training";
  sale.receipt_no = result->receipt_no;
  sale.created_at = pos_json_get_string (o, "created_at");
  sale.total = result->total;
  sale.taxes = json_object_get_array_member (o, "taxes");
  sale.payments = json_object_get_array_member (o, "payments");
  return pos_fiscal_record_training (store, &sale, error);
}

PosSaleResult *
pos_training_checkout (PosStore *store, PosCart *cart, const PosUser *cashier, const PosTender *tenders,
                       gsize n_tenders, GError **error)
{
  g_auto (PosShopRules) rules = { 0 };
  g_autoptr (PosSaleResult) result = g_new0 (PosSaleResult, 1);
  g_autoptr (JsonObject) o = NULL;
  Paid p;

  g_return_val_if_fail (store != NULL && POS_IS_CART (cart), NULL);
  g_return_val_if_fail (tenders != NULL || n_tenders == 0, NULL);

  if (!pos_permission_check (cashier, POS_ACTION_SELL, NULL, error)
      || !pos_store_require_healthy (store, error))
    return NULL;
  if (pos_cart_is_empty (cart))
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("The sale has no lines")), NULL;
  if (!pos_store_begin (store, error))
    return NULL;
  pos_shop_rules_load (store, &rules);
  result->total = pos_cart_get_total (cart);
  if (settle (cart, &rules, tenders, n_tenders, &p, error))
    o = sale_json (cart, cashier, tenders, n_tenders, &p);
  if (o == NULL || !write_training (store, o, result, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return NULL;
    }
  result->rounding = p.rounding;
  result->due = result->total + p.rounding;
  result->tax_total = pos_cart_get_tax_total (cart);
  result->tendered = p.cash + p.card;
  result->change = p.change;
  pos_cart_clear (cart);
  return g_steal_pointer (&result);
}
