/* pos-receipt-build.c — the printed receipt of a recorded sale (see pos-receipt-build.h). */
#include "pos-receipt-build.h"

#include "pos-i18n.h"

#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-fiscal.h"
#include "pos-format.h"
#include "pos-money.h"
#include "pos-shop.h"
#include "pos-training.h"
#include "pos-store-private.h"
#include "pos-voucher.h"

/* The sale's header row and who and where it was rung up. */
typedef struct
{
  gint64 id;
  char *receipt_no;
  char *till_id;
  char *kind;
  char *refund_of;
  char *cashier;
  char *created_at;
  gint64 customer_id;
  char *customer_name;
  PosAmount subtotal;
  PosAmount discount_total;
  PosAmount tax_total;
  PosAmount total;
  PosAmount rounding;
  PosAmount tendered;
  PosAmount change;
  gint64 points_earned;
} SaleHeader;

/* What every part of the receipt needs while it is being built. */
typedef struct
{
  PosStore *store;
  PosReceipt *receipt;
  const PosCurrency *currency;
  SaleHeader sale;
} Builder;

static void
sale_header_clear (SaleHeader *h)
{
  g_clear_pointer (&h->receipt_no, g_free);
  g_clear_pointer (&h->till_id, g_free);
  g_clear_pointer (&h->kind, g_free);
  g_clear_pointer (&h->refund_of, g_free);
  g_clear_pointer (&h->cashier, g_free);
  g_clear_pointer (&h->created_at, g_free);
  g_clear_pointer (&h->customer_name, g_free);
}

static gboolean
is_refund (const Builder *b)
{
  return g_strcmp0 (b->sale.kind, "refund") == 0;
}

static char *
money (const Builder *b, PosAmount amount)
{
  return pos_amount_format (amount, b->currency);
}

static gboolean
load_header (Builder *b, const char *receipt_no, GError **error)
{
  static const char sql[]
      = "SELECT s.id, s.receipt_no, s.till_id, s.kind, o.receipt_no, u.name, s.created_at, "
        "coalesce (s.customer_id, 0), c.name, s.subtotal, s.discount_total, s.tax_total, s.total, "
        "s.rounding, s.tendered, s.change, s.points_earned "
        "FROM sale s LEFT JOIN sale o ON o.id = s.refund_of LEFT JOIN user u ON u.id = s.user_id "
        "LEFT JOIN customer c ON c.id = s.customer_id WHERE s.receipt_no = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);
  SaleHeader *h = &b->sale;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_TRANSIENT);
  rc = pos_store_step_row (b->store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no receipt %s"), receipt_no),
           FALSE;

  h->id = sqlite3_column_int64 (stmt, 0);
  h->receipt_no = pos_stmt_dup_text (stmt, 1);
  h->till_id = pos_stmt_dup_text (stmt, 2);
  h->kind = pos_stmt_dup_text (stmt, 3);
  h->refund_of = pos_stmt_dup_text (stmt, 4);
  h->cashier = pos_stmt_dup_text (stmt, 5);
  h->created_at = pos_stmt_dup_text (stmt, 6);
  h->customer_id = sqlite3_column_int64 (stmt, 7);
  h->customer_name = pos_stmt_dup_text (stmt, 8);
  h->subtotal = sqlite3_column_int64 (stmt, 9);
  h->discount_total = sqlite3_column_int64 (stmt, 10);
  h->tax_total = sqlite3_column_int64 (stmt, 11);
  h->total = sqlite3_column_int64 (stmt, 12);
  h->rounding = sqlite3_column_int64 (stmt, 13);
  h->tendered = sqlite3_column_int64 (stmt, 14);
  h->change = sqlite3_column_int64 (stmt, 15);
  h->points_earned = sqlite3_column_int64 (stmt, 16);
  return TRUE;
}

/* A shop setting, NULL when it is empty or unset. */
static char *
setting (PosStore *store, const char *key)
{
  char *value = pos_store_dup_setting (store, key);

  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* A text block that is printed only when the setting has something. */
static void
add_setting_text (Builder *b, const char *key, PosTextStyle style)
{
  g_autofree char *value = setting (b->store, key);

  if (value != NULL)
    pos_receipt_add_text (b->receipt, style, POS_ALIGN_CENTER, value);
}

static void
add_banner (Builder *b, const char *text)
{
  pos_receipt_add_text (b->receipt,
                        POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT | POS_TEXT_INVERSE,
                        POS_ALIGN_CENTER, text);
}

/* Shop name (large), address, tax id, the owner's header text, and the
 * REFUND / COPY banners that must be seen before anything else. */
static void
add_shop (Builder *b, gboolean copy)
{
  g_autofree char *name = setting (b->store, "shop_name");
  g_autofree char *tax_id = setting (b->store, "shop_tax_id");

  if (name == NULL)
    name = g_strdup (pos_shop_setting_find ("shop_name")->fallback);
  pos_receipt_add_text (b->receipt, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT,
                        POS_ALIGN_CENTER, name);
  add_setting_text (b, "shop_address", POS_TEXT_NORMAL);
  if (tax_id != NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("Tax ID: %s"), tax_id);
      pos_receipt_add_text (b->receipt, POS_TEXT_NORMAL, POS_ALIGN_CENTER, text);
    }
  add_setting_text (b, "receipt_header", POS_TEXT_NORMAL);
  if (is_refund (b) || copy)
    pos_receipt_add_feed (b->receipt, 1);
  if (is_refund (b))
    add_banner (b, C_ ("receipt banner", "REFUND"));
  if (copy)
    add_banner (b, C_ ("receipt banner", "COPY"));
}

/* "28.11.2026 09:15" (de_DE) in the shop's local time and locale. */
static char *
local_time (const char *iso_utc, const char *locale)
{
  g_autofree char *date = NULL, *time = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  gint64 us = 0;

  if (iso_utc == NULL || !pos_clock_parse_iso (iso_utc, &us))
    return g_strdup (iso_utc ? iso_utc : "");
  utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  local = utc ? g_date_time_to_local (utc) : NULL;
  if (local == NULL)
    return g_strdup (iso_utc);
  date = pos_date_format (local, locale);
  time = pos_time_format (local, locale);
  return g_strconcat (date, " ", time, NULL);
}

static void
add_facts (Builder *b)
{
  g_autofree char *when = local_time (b->sale.created_at, pos_currency_get_locale (b->currency));

  pos_receipt_add_rule (b->receipt, '-');
  pos_receipt_add_columns (b->receipt, POS_TEXT_BOLD, C_ ("receipt", "Receipt"), b->sale.receipt_no);
  if (is_refund (b) && b->sale.refund_of != NULL)
    pos_receipt_add_columns (b->receipt, POS_TEXT_BOLD, _ ("Refund of receipt"), b->sale.refund_of);
  pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Date"), when);
  pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Cashier"),
                           b->sale.cashier ? b->sale.cashier : "-");
  pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Till"), b->sale.till_id);
  if (b->sale.customer_id > 0 && b->sale.customer_name != NULL)
    pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Customer"), b->sale.customer_name);
  pos_receipt_add_rule (b->receipt, '-');
}

/* "2 × €3.49" or "0.532 kg × €19.90/kg", in the shop's locale. */
static char *
quantity_text (const Builder *b, const char *unit, PosQty qty, PosAmount unit_price)
{
  g_autofree char *q = pos_qty_format (qty, pos_currency_get_locale (b->currency));
  g_autofree char *price = money (b, unit_price);

  if (pos_unit_is_measured (unit))
    return g_strdup_printf ("  %s %s × %s/%s", q, unit, price, unit);
  return g_strdup_printf ("  %s × %s", q, price);
}

/* Each promotion that took something off the line, by name, with what it
 * took; @rest is left with the part of the discount they do not explain
 * (the cashier's, a share of a cart discount). */
static gboolean
add_line_promotions (Builder *b, gint64 line_id, PosAmount *rest, GError **error)
{
  static const char sql[]
      = "SELECT name, amount FROM sale_line_promotion WHERE sale_line_id = ?1 ORDER BY promotion_uid";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, line_id);
  while ((rc = pos_store_step_row (b->store, stmt, error)) == SQLITE_ROW)
    {
      PosAmount amount = sqlite3_column_int64 (stmt, 1);
      g_autofree char *off = money (b, -amount);
      g_autofree char *right = g_strdup_printf ("%s  ", off);
      g_autofree char *left = g_strdup_printf ("  %s", (const char *)sqlite3_column_text (stmt, 0));

      pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, left, right);
      *rest -= amount;
    }
  return rc == SQLITE_DONE;
}

/* One sale line: its name and total (with its tax code, as the tax table
 * below lists them), then how it was counted and any discount it got (its
 * own and its share of a cart discount). */
static gboolean
add_line (Builder *b, PosStmt *row, GError **error)
{
  const char *name = (const char *)sqlite3_column_text (row, 0);
  const char *unit = (const char *)sqlite3_column_text (row, 1);
  const char *code = (const char *)sqlite3_column_text (row, 5);
  PosQty qty = sqlite3_column_int64 (row, 2);
  PosAmount price = sqlite3_column_int64 (row, 3), discount = sqlite3_column_int64 (row, 4);
  PosAmount total = sqlite3_column_int64 (row, 6), gross;
  g_autofree char *count = quantity_text (b, unit, qty, price);
  g_autofree char *amount = NULL, *right = NULL;

  if (!pos_amount_mul_qty (price, qty, &gross, error))
    return FALSE;
  amount = money (b, discount != 0 ? gross : total);
  right = g_strdup_printf ("%s %s", amount, code);
  pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, name, right);
  if (qty != POS_QTY_ONE)
    pos_receipt_add_text (b->receipt, POS_TEXT_NORMAL, POS_ALIGN_LEFT, count);
  if (discount != 0)
    {
      g_autofree char *net = money (b, total);
      g_autofree char *net_right = g_strdup_printf ("%s %s", net, code);
      PosAmount other = discount;

      if (!add_line_promotions (b, sqlite3_column_int64 (row, 7), &other, error))
        return FALSE;
      if (other != 0)
        {
          g_autofree char *off = money (b, -other);
          g_autofree char *off_right = g_strdup_printf ("%s  ", off);
          pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, _ ("  Discount"), off_right);
        }
      pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, _ ("  After discount"), net_right);
    }
  return TRUE;
}

static gboolean
add_lines (Builder *b, GError **error)
{
  static const char sql[] = "SELECT name, unit, qty, unit_price, discount, tax_code, line_total, id "
                            "FROM sale_line WHERE sale_id = ?1 ORDER BY line_no";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, b->sale.id);
  while ((rc = pos_store_step_row (b->store, stmt, error)) == SQLITE_ROW)
    if (!add_line (b, stmt, error))
      return FALSE;
  return rc == SQLITE_DONE;
}

/* Subtotal, discounts, the total (large) and the cash rounding. */
static void
add_totals (Builder *b)
{
  g_autofree char *subtotal = money (b, b->sale.subtotal);
  g_autofree char *discounts = money (b, -b->sale.discount_total);
  g_autofree char *total = money (b, b->sale.total + b->sale.rounding);

  pos_receipt_add_rule (b->receipt, '-');
  if (b->sale.discount_total != 0)
    {
      pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Subtotal"), subtotal);
      pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, C_ ("receipt", "Discounts"), discounts);
    }
  if (b->sale.rounding != 0)
    {
      g_autofree char *before = money (b, b->sale.total);
      g_autofree char *rounding = money (b, b->sale.rounding);
      pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, _ ("Total before rounding"), before);
      pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, _ ("Cash rounding"), rounding);
    }
  pos_receipt_add_columns (b->receipt, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT,
                           is_refund (b) ? C_ ("receipt total", "REFUND") : C_ ("receipt total", "TOTAL"),
                           total);
  pos_receipt_add_rule (b->receipt, '-');
}

static char *
tender_label (const char *method, const char *reference, gint64 points)
{
  if (g_str_equal (method, "card"))
    return reference && *reference ? g_strdup_printf (_ ("Card (ref %s)"), reference)
                                   : g_strdup (C_ ("tender", "Card"));
  if (g_str_equal (method, "points"))
    return g_strdup_printf (_ ("Points (%lld)"), (long long)points);
  if (g_str_equal (method, "voucher"))
    /* TRANSLATORS: a tender on the receipt: paid with the gift card of this code */
    return g_strdup_printf (_ ("Gift card %s"), reference ? reference : "");
  if (g_str_equal (method, "layaway"))
    /* TRANSLATORS: a tender on the receipt: what was paid before towards this layaway */
    return g_strdup_printf (_ ("Paid towards layaway %s"), reference ? reference : "");
  if (g_str_equal (method, "account"))
    /* TRANSLATORS: a tender on the receipt: put on the customer's account */
    return g_strdup (C_ ("tender", "On account"));
  if (g_str_equal (method, "cash"))
    return g_strdup (C_ ("tender", "Cash"));
  /* A tender this build does not know (from a newer till): its own name,
   * never another tender's. */
  return g_strdup (method);
}

/* Every tender, then the change given. */
static gboolean
add_payments (Builder *b, GError **error)
{
  static const char sql[]
      = "SELECT method, amount, reference, points FROM payment WHERE sale_id = ?1 ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, b->sale.id);
  while ((rc = pos_store_step_row (b->store, stmt, error)) == SQLITE_ROW)
    {
      const char *method = (const char *)sqlite3_column_text (stmt, 0);
      PosAmount amount = sqlite3_column_int64 (stmt, 1);
      g_autofree char *label = tender_label (method, (const char *)sqlite3_column_text (stmt, 2),
                                             sqlite3_column_int64 (stmt, 3));
      /* A cash row holds what was due in cash; the cashier was handed that plus the change. */
      g_autofree char *text = money (b, g_str_equal (method, "cash") ? amount + b->sale.change : amount);

      pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, label, text);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  if (b->sale.change != 0)
    {
      g_autofree char *change = money (b, b->sale.change);
      pos_receipt_add_columns (b->receipt, POS_TEXT_BOLD, C_ ("money handed back", "Change"), change);
    }
  return TRUE;
}

/* "20%", "5.5%", "19.25%". */
static char *
rate_text (gint64 bp)
{
  if (bp % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "%%", bp / 100);
  if (bp % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "%%", bp / 100, (bp % 100) / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT "%%", bp / 100, bp % 100);
}

/* The tax summary as a small-font table: code, rate, net, tax, gross. */
static gboolean
add_taxes (Builder *b, GError **error)
{
  static const char sql[] = "SELECT tax_code, tax_rate_bp, net, tax, gross FROM sale_tax "
                            "WHERE sale_id = ?1 ORDER BY tax_code";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, b->sale.id);
  pos_receipt_add_columns (b->receipt, POS_TEXT_FONT_B | POS_TEXT_BOLD, _ ("Tax Rate"),
                           /* TRANSLATORS: column heads over three amounts ten characters wide each. */
                           _ ("       Net        Tax      Gross"));
  while ((rc = pos_store_step_row (b->store, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *rate = rate_text (sqlite3_column_int64 (stmt, 1));
      g_autofree char *net = pos_amount_format_plain (sqlite3_column_int64 (stmt, 2), b->currency);
      g_autofree char *tax = pos_amount_format_plain (sqlite3_column_int64 (stmt, 3), b->currency);
      g_autofree char *gross = pos_amount_format_plain (sqlite3_column_int64 (stmt, 4), b->currency);
      g_autofree char *left = g_strdup_printf ("%-3s %s", (const char *)sqlite3_column_text (stmt, 0), rate);
      g_autofree char *right = g_strdup_printf ("%10s %10s %10s", net, tax, gross);

      /* Amounts right-aligned in fixed columns, so they line up on any paper. */
      pos_receipt_add_columns (b->receipt, POS_TEXT_FONT_B, left, right);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  pos_receipt_add_rule (b->receipt, '-');
  return TRUE;
}

/* The customer's balance as it stood right after this sale, so a reprint
 * shows what the first print showed. */
static gboolean
points_balance (Builder *b, gint64 *balance, GError **error)
{
  static const char sql[]
      = "SELECT coalesce (sum (points), 0) FROM loyalty_entry WHERE customer_id = ?1 AND id <= "
        "coalesce ((SELECT max (id) FROM loyalty_entry WHERE sale_id = ?2), "
        "(SELECT coalesce (max (id), 0) FROM loyalty_entry WHERE created_at <= ?3))";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, b->sale.customer_id);
  sqlite3_bind_int64 (stmt, 2, b->sale.id);
  sqlite3_bind_text (stmt, 3, b->sale.created_at, -1, SQLITE_STATIC);
  if (pos_store_step_row (b->store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *balance = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
add_loyalty (Builder *b, GError **error)
{
  g_autofree char *earned = NULL, *balance_text = NULL;
  gint64 balance = 0;

  if (b->sale.customer_id <= 0)
    return TRUE;
  if (!points_balance (b, &balance, error))
    return FALSE;
  earned = g_strdup_printf ("%" G_GINT64_FORMAT, b->sale.points_earned);
  balance_text = g_strdup_printf ("%" G_GINT64_FORMAT, balance);
  pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, _ ("Points earned"), earned);
  pos_receipt_add_columns (b->receipt, POS_TEXT_NORMAL, _ ("Points balance"), balance_text);
  pos_receipt_add_rule (b->receipt, '-');
  return TRUE;
}

/* Footer, the scannable receipt number, the COPY mark again, the cut. */
static gboolean
add_end (Builder *b, gboolean copy, GError **error)
{
  pos_receipt_add_feed (b->receipt, 1);
  add_setting_text (b, "receipt_footer", POS_TEXT_NORMAL);
  pos_receipt_add_feed (b->receipt, 1);
  if (!pos_fiscal_add_receipt_lines (b->store, b->sale.receipt_no, b->receipt, error))
    return FALSE;
  if (!pos_receipt_add_barcode (b->receipt, POS_ALIGN_CENTER, b->sale.receipt_no, 0, error))
    return FALSE;
  if (copy)
    add_banner (b, C_ ("receipt banner", "COPY"));
  pos_receipt_add_cut (b->receipt, POS_CUT_PARTIAL);
  return TRUE;
}

PosReceipt *
pos_receipt_build_full (PosStore *store, const char *receipt_no, gboolean copy, GError **error)
{
  g_autoptr (PosReceipt) receipt = pos_receipt_new ();
  Builder b = { store, receipt, pos_shop_currency (store), { 0 } };
  g_auto (PosLanguageScope) scope = { 0 };
  g_autofree char *language = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (receipt_no != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (pos_training_is_receipt (receipt_no))
    return pos_training_receipt_build (store, receipt_no, error);
  ok = load_header (&b, receipt_no, error);
  /* The receipt speaks the shop's language, whoever is signed in. */
  language = pos_shop_language (store);
  pos_language_scope_enter (&scope, language);
  if (ok)
    {
      add_shop (&b, copy);
      add_facts (&b);
      ok = add_lines (&b, error);
    }
  if (ok)
    {
      add_totals (&b);
      ok = add_payments (&b, error) && (pos_receipt_add_rule (receipt, '-'), add_taxes (&b, error))
           && add_loyalty (&b, error)
           && pos_voucher_add_receipt_lines (store, b.sale.receipt_no, receipt, error)
           && add_end (&b, copy, error);
    }
  sale_header_clear (&b.sale);
  return ok ? g_steal_pointer (&receipt) : NULL;
}

PosReceipt *
pos_receipt_build (PosStore *store, const char *receipt_no, GError **error)
{
  return pos_receipt_build_full (store, receipt_no, FALSE, error);
}
