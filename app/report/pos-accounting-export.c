/* pos-accounting-export.c — a day's takings as bookings (see
 * pos-accounting-export.h). */
#include "pos-accounting-export.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "pos-clock.h"
#include "pos-dsfinvk-layaway.h"
#include "pos-money.h"
#include "pos-shop.h"
#include "pos-store-private.h"
#include "pos-voucher-tax.h"

/* Sales of the till's shop on day ?1. */
#define SHOP_SALE                                                                                            \
  "s.business_day = ?1 AND coalesce ((SELECT shop_id FROM till_shop WHERE till_id = s.till_id), 'main') "    \
  "= (SELECT shop_id FROM local_shop)"

/* Moves (alias m) of the shop's tills whose time is within a day of ?1:
 * the business day of each is worked out by on_day(). */
#define SHOP_MOVE_NEAR_DAY                                                                                   \
  "substr (m.created_at, 1, 10) BETWEEN date (?1, '-1 day') AND date (?1, '+1 day') "                        \
  "AND coalesce ((SELECT shop_id FROM till_shop WHERE till_id = m.till_id), 'main') "                        \
  "= (SELECT shop_id FROM local_shop)"

/*
 * Gift cards and vouchers (setting acct_voucher), both ways: a
 * multi-purpose voucher sold is money received for a supply still to come,
 * owed to whoever holds it, so it is credited to a liability, and the
 * voucher spent later is debited from it; loyalty points keep their own
 * account (acct_points). SKR03 1700 "Sonstige Verbindlichkeiten": the
 * voucher carries no VAT until it is spent, so neither a revenue account
 * nor a taxed advances account (1711/1718) fits, and it is no money held
 * for someone else (1590 "Durchlaufende Posten"). A single-purpose
 * voucher's VAT is due when it is sold: it is booked as takings at its rate,
 * and the part of a later sale it pays (tax code SPV at 0 %) to this
 * account, against the voucher tender, so those goods are not taken twice.
 */
#define VOUCHERS "1700"

/* One booking: @amount (> 0) from @credit to @debit. */
typedef struct
{
  gint64 amount;
  char *debit;
  char *credit;
  char *text;     /* DATEV's, German */
  char *label;    /* the generic CSV's, in the shop's language */
  gint64 tax;     /* the part of amount that is tax (revenue only), to book apart in the CSV */
  char *tax_acct; /* (nullable) */
  gboolean back;  /* booked the other way round: the revenue is the debit side */
} Booking;

static void
booking_free (Booking *b)
{
  g_free (b->debit);
  g_free (b->credit);
  g_free (b->text);
  g_free (b->label);
  g_free (b->tax_acct);
  g_free (b);
}

typedef struct
{
  const PosCurrency *currency;
  GPtrArray *bookings; /* (element-type Booking) */
  gint64 n_sales;
  gint64 n_account_payments; /* and layaway moves: money booked outside sales */
  guint acct_length;
} Day;

gboolean
pos_accounting_format_parse (const char *text, PosAccountingFormat *out)
{
  if (g_strcmp0 (text, "datev") == 0)
    *out = POS_ACCOUNTING_DATEV;
  else if (g_strcmp0 (text, "csv") == 0)
    *out = POS_ACCOUNTING_CSV;
  else
    return FALSE;
  return TRUE;
}

/* An account setting: its value, or @fallback; 4 to 8 digits, all of one
 * length (DATEV's account length). */
static char *
account (PosStore *store, Day *d, const char *key, const char *fallback, GError **error)
{
  g_autofree char *value = pos_store_dup_setting (store, key);
  const char *acct = value != NULL && *value != '\0' ? value : fallback;
  gsize n = strlen (acct);

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (acct[i]))
      n = 0;
  if (n < 4 || n > 8 || (d->acct_length != 0 && n != d->acct_length))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("The account “%s” of setting %s is not 4 to 8 digits of the same length as the others"),
                   acct, key);
      return NULL;
    }
  d->acct_length = (guint)n;
  return g_strdup (acct);
}

/* The revenue and tax accounts of tax code @code at @rate_bp: from the
 * setting acct_revenue ("A=8400/1776,B=8300/1771"), else SKR03's. */
static gboolean
revenue_accounts (PosStore *store, Day *d, const char *code, gint64 rate_bp, char **revenue, char **tax,
                  GError **error)
{
  g_autofree char *map = pos_store_dup_setting (store, "acct_revenue");
  g_auto (GStrv) entries = g_strsplit (map ? map : "", ",", -1);
  const char *rev = rate_bp == 700 ? "8300" : rate_bp == 0 ? "8200" : "8400";
  const char *vat = rate_bp == 700 ? "1771" : rate_bp == 0 ? NULL : "1776";
  g_auto (GStrv) accts = NULL;
  g_autofree char *rev_key = g_strdup_printf ("acct_revenue (%s)", code);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (g_strstrip (entries[i]), "=", 2);

      if (*entries[i] != '\0' && (pair[1] == NULL || *pair[0] == '\0'))
        return g_set_error (
                   error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("The setting acct_revenue is written CODE=REVENUE/TAX, as A=8400/1776,B=8300/1771")),
               FALSE;
      if (pair[0] != NULL && pair[1] != NULL && g_str_equal (pair[0], code))
        {
          g_strfreev (accts);
          accts = g_strsplit (pair[1], "/", 2);
          rev = accts[0];
          vat = accts[1];
        }
    }
  /* No setting has these names: the mapped accounts are the values. */
  *revenue = account (store, d, rev_key, rev, error);
  *tax = *revenue != NULL && vat != NULL ? account (store, d, rev_key, vat, error) : NULL;
  return *revenue != NULL && (vat == NULL || *tax != NULL);
}

/* Adds a booking of @amount from @credit to @debit; a negative amount
 * (a day of refunds) books the other way round. */
static void
add (Day *d, gint64 amount, const char *debit, const char *credit, char *text, char *label, gint64 tax,
     const char *tax_acct)
{
  Booking *b = g_new0 (Booking, 1);
  gboolean back = amount < 0;

  b->amount = back ? -amount : amount;
  b->debit = g_strdup (back ? credit : debit);
  b->credit = g_strdup (back ? debit : credit);
  b->text = text;
  b->label = label;
  b->tax = back ? -tax : tax;
  b->tax_acct = g_strdup (tax_acct);
  b->back = back;
  g_ptr_array_add (d->bookings, b);
}

/* Whether sale_tax rows of @code are vouchers rather than takings: a
 * multi-purpose voucher sold (MPV), or what a single-purpose one paid
 * (SPV). */
static gboolean
is_voucher_code (const char *code)
{
  return g_strcmp0 (code, "MPV") == 0 || g_strcmp0 (code, POS_VOUCHER_SPV_TAX_CODE) == 0;
}

/* Vouchers sold, or spent on goods whose VAT they already carried: the
 * voucher liability (VOUCHERS) credited, cash debited. */
static gboolean
add_voucher_row (PosStore *store, Day *d, const char *code, gint64 gross, const char *cash, GError **error)
{
  g_autofree char *vouchers = account (store, d, "acct_voucher", VOUCHERS, error);
  gboolean sold = g_str_equal (code, "MPV");

  if (vouchers == NULL)
    return FALSE;
  add (d, gross, cash, vouchers,
       g_strdup (sold ? "Verkaufte Mehrzweckgutscheine" : "Mit Einzweckgutscheinen bezahlte Waren"),
       g_strdup (sold ? _ ("Multi-purpose vouchers sold") : _ ("Goods paid with single-purpose vouchers")), 0,
       NULL);
  return TRUE;
}

/* The takings per tax rate, each booked from its revenue account to cash. */
static gboolean
add_revenue (PosStore *store, const char *day, Day *d, const char *cash, GError **error)
{
  static const char sql[] = "SELECT t.tax_code, t.tax_rate_bp, sum (t.tax), sum (t.gross) FROM sale_tax t "
                            "JOIN sale s ON s.id = t.sale_id WHERE " SHOP_SALE " GROUP BY 1, 2 ORDER BY 1, 2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *revenue = NULL;
      g_autofree char *tax_acct = NULL;
      const char *code = (const char *)sqlite3_column_text (stmt, 0);
      gint64 rate = sqlite3_column_int64 (stmt, 1), tax = sqlite3_column_int64 (stmt, 2);
      g_autofree char *percent
          = g_strdup_printf ("%lld,%02lld %%", (long long)(rate / 100), (long long)(rate % 100));

      if (sqlite3_column_int64 (stmt, 3) == 0)
        continue;
      if (is_voucher_code (code))
        {
          if (!add_voucher_row (store, d, code, sqlite3_column_int64 (stmt, 3), cash, error))
            return FALSE;
          continue;
        }
      if (!revenue_accounts (store, d, code, rate, &revenue, &tax_acct, error))
        return FALSE;
      add (d, sqlite3_column_int64 (stmt, 3), cash, revenue,
           g_strdup_printf ("Erlöse %s (%s)", percent, code),
           g_strdup_printf (_ ("Takings at tax %s (%s)"), percent, code), tax, tax_acct);
    }
  return rc == SQLITE_DONE;
}

/* The cash rounding, the payments other than cash (moved out of the cash
 * account), and how many sales there were. */
static gboolean
add_payments (PosStore *store, const char *day, Day *d, const char *cash, GError **error)
{
  static const char sql[]
      = "SELECT 'rounding', coalesce (sum (s.rounding), 0), count (*) FROM sale s WHERE " SHOP_SALE " "
        "UNION ALL SELECT p.method, sum (p.amount), count (*) FROM payment p JOIN sale s ON s.id = p.sale_id "
        "WHERE " SHOP_SALE " AND p.method <> 'cash' GROUP BY p.method";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      const char *method = (const char *)sqlite3_column_text (stmt, 0);
      gint64 amount = sqlite3_column_int64 (stmt, 1);
      g_autofree char *key = g_strconcat ("acct_", method, NULL);
      g_autofree char *acct = NULL;
      gboolean rounding = g_str_equal (method, "rounding");
      /* a sale on account is owed by the customer: a receivable, not cash */
      gboolean on_account = g_str_equal (method, "account");
      gboolean card = g_str_equal (method, "card");
      gboolean voucher = g_str_equal (method, "voucher");

      if (rounding)
        d->n_sales = sqlite3_column_int64 (stmt, 2);
      /* a collected layaway is paid by its advances: add_layaways() */
      if (amount == 0 || g_str_equal (method, "layaway"))
        continue;
      if ((acct = account (store, d, key,
                           rounding     ? "4970"
                           : card       ? "1360"
                           : on_account ? "1400"
                           : voucher    ? VOUCHERS
                                        : "8730",
                           error))
          == NULL)
        return FALSE;
      if (rounding)
        add (d, amount, cash, acct, g_strdup ("Rundungsdifferenz Bargeld"), g_strdup (_ ("Cash rounding")), 0,
             NULL);
      else if (on_account)
        add (d, amount, acct, cash, g_strdup ("Verkäufe auf Rechnung"), g_strdup (_ ("Sales on account")), 0,
             NULL);
      else
        add (d, amount, acct, cash,
             g_strdup (card      ? "Kartenzahlungen"
                       : voucher ? "Eingelöste Gutscheine"
                                 : "Eingelöste Treuepunkte"),
             g_strdup (card      ? _ ("Card payments")
                       : voucher ? _ ("Gift cards and vouchers redeemed")
                                 : _ ("Loyalty points redeemed")),
             0, NULL);
    }
  return rc == SQLITE_DONE;
}

/* Whether the time in @column of @stmt falls on the business day @day. */
static gboolean
on_day (PosStmt *stmt, int column, const char *day)
{
  gint64 us = 0;
  g_autofree char *move_day = pos_clock_parse_iso ((const char *)sqlite3_column_text (stmt, column), &us)
                                  ? pos_clock_business_day (us)
                                  : NULL;

  return g_strcmp0 (move_day, day) == 0;
}

/* A row of moves, the time of each in its last column. */
typedef gboolean (*MoveFunc) (PosStore *store, PosStmt *stmt, gpointer data, GError **error);

/*
 * Calls @func for each row of @sql (whose WHERE has SHOP_MOVE_NEAR_DAY, ?1
 * the day) that falls on business day @day. A move carries its time, not
 * its business day: the SQL keeps the days around @day and the business
 * day is worked out here, as the statement does.
 */
static gboolean
each_move_on_day (PosStore *store, const char *sql, const char *day, MoveFunc func, gpointer data,
                  GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    if (on_day (stmt, sqlite3_column_count (stmt) - 1, day) && !func (store, stmt, data, error))
      return FALSE;
  return rc == SQLITE_DONE;
}

/* What customer accounts moved on @day: money paid against them ([0] in
 * cash, [1] by card) and corrections ([0] raising, [1] lowering what is
 * owed). */
typedef struct
{
  gint64 paid[2];
  gint64 adjusted[2];
  gint64 n;
} AccountDay;

static gboolean
add_account_move (PosStore *store, PosStmt *stmt, gpointer data, GError **error)
{
  AccountDay *a = data;
  const char *kind = (const char *)sqlite3_column_text (stmt, 0);
  gint64 amount = sqlite3_column_int64 (stmt, 2);
  gint64 *slot = g_str_equal (kind, "adjust")
                     ? &a->adjusted[amount < 0]
                     : &a->paid[g_strcmp0 ((const char *)sqlite3_column_text (stmt, 1), "card") == 0];

  (void)store;
  a->n++;
  /* a payment lowers what is owed: stored negative */
  return pos_amount_add (*slot, g_str_equal (kind, "adjust") ? amount : -amount, slot, error);
}

/*
 * Payments against customer accounts: the cash or card account debited,
 * the receivables (acct_account, as for sales on account) credited.
 * Corrections (adjust) move no money: what a customer owes goes up or down
 * against acct_account_adjust, SKR03 2400 "Forderungsverluste", because
 * the usual correction writes off a debt or lets some of it go.
 */
static gboolean
add_account_payments (PosStore *store, const char *day, Day *d, const char *cash, GError **error)
{
  static const char sql[] = "SELECT m.kind, m.method, m.amount, m.created_at FROM account_move m "
                            "WHERE (m.kind = 'adjust' OR (m.kind IN ('payment', 'deposit') AND m.method IS "
                            "NOT NULL)) AND " SHOP_MOVE_NEAR_DAY;
  AccountDay a = { 0 };
  g_autofree char *receivable = NULL;
  g_autofree char *card = NULL;
  g_autofree char *adjust = NULL;

  if (!each_move_on_day (store, sql, day, add_account_move, &a, error))
    return FALSE;
  d->n_account_payments += a.n;
  if (a.n == 0)
    return TRUE;
  if ((receivable = account (store, d, "acct_account", "1400", error)) == NULL
      || (card = account (store, d, "acct_card", "1360", error)) == NULL
      || (adjust = account (store, d, "acct_account_adjust", "2400", error)) == NULL)
    return FALSE;
  if (a.paid[0] != 0)
    add (d, a.paid[0], cash, receivable, g_strdup ("Zahlungen auf Kundenkonten bar"),
         g_strdup (_ ("Account payments in cash")), 0, NULL);
  if (a.paid[1] != 0)
    add (d, a.paid[1], card, receivable, g_strdup ("Zahlungen auf Kundenkonten mit Karte"),
         g_strdup (_ ("Account payments by card")), 0, NULL);
  if (a.adjusted[0] != 0)
    add (d, a.adjusted[0], receivable, adjust, g_strdup ("Korrekturen von Kundenkonten (erhöht)"),
         g_strdup (_ ("Customer account corrections raising what is owed")), 0, NULL);
  if (a.adjusted[1] != 0)
    add (d, a.adjusted[1], receivable, adjust, g_strdup ("Korrekturen von Kundenkonten (gesenkt)"),
         g_strdup (_ ("Customer account corrections lowering what is owed")), 0, NULL);
  return TRUE;
}

/* How a layaway's money moved: received (per tender), given back on a
 * cancellation (cash or card), kept on a cancellation, or set against
 * the sale that collected it. */
typedef enum
{
  ADVANCE_RECEIVED,
  ADVANCE_GIVEN_BACK,
  ADVANCE_KEPT,
  ADVANCE_COLLECTED,
} AdvanceKind;

/* Tenders: [0] cash, [1] card, [2] gift cards, [3] points. */
static guint
tender_slot (const char *method)
{
  return g_strcmp0 (method, "card") == 0      ? 1
         : g_strcmp0 (method, "voucher") == 0 ? 2
         : g_strcmp0 (method, "points") == 0  ? 3
                                              : 0;
}

/* The money of one kind, tender and tax code: its gross and the VAT in it. */
typedef struct
{
  AdvanceKind kind;
  guint slot;
  char *code;
  gint64 rate_bp;
  PosAmount gross, tax;
} Advance;

static void
advance_clear (gpointer data)
{
  g_free (((Advance *)data)->code);
}

/* A layaway's goods per tax code: goods[i] at codes[i]. */
typedef struct
{
  GArray *goods; /* (element-type PosDsfinvkVatPart) */
  GPtrArray *codes;
} Goods;

static void
goods_clear (Goods *g)
{
  g_clear_pointer (&g->goods, g_array_unref);
  g_clear_pointer (&g->codes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Goods, goods_clear)

typedef struct
{
  PosStore *store;
  PosTaxMode tax_mode;
  GArray *advances; /* (element-type Advance) */
  gint64 n;
} LayawayDay;

/* The gross of layaway @number's goods per tax code, as it was laid away. */
static gboolean
layaway_goods (LayawayDay *l, const char *number, Goods *g, GError **error)
{
  g_autoptr (GArray) lines = pos_dsfinvk_layaway_lines (l->store, number, error);

  g->goods = g_array_new (FALSE, TRUE, sizeof (PosDsfinvkVatPart));
  g->codes = g_ptr_array_new_with_free_func (g_free);
  if (lines == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      const PosDsfinvkLayawayLine *line = &g_array_index (lines, PosDsfinvkLayawayLine, i);
      PosAmount tax = 0;
      guint k = 0;

      while (k < g->codes->len && g_strcmp0 (g->codes->pdata[k], line->tax_code) != 0)
        k++;
      if (k == g->codes->len)
        {
          PosDsfinvkVatPart part = { line->rate_bp, 0, 0, 0 };

          g_ptr_array_add (g->codes, g_strdup (line->tax_code ? line->tax_code : ""));
          g_array_append_val (g->goods, part);
        }
      /* where prices exclude tax a line's total is its net */
      if (l->tax_mode != POS_TAX_INCLUSIVE
          && !pos_amount_mul_div (line->amount, line->rate_bp, 10000, &tax, error))
        return FALSE;
      if (!pos_amount_add (g_array_index (g->goods, PosDsfinvkVatPart, k).gross, line->amount + tax,
                           &g_array_index (g->goods, PosDsfinvkVatPart, k).gross, error))
        return FALSE;
    }
  return TRUE;
}

/* What the payments towards layaway @number put in the advances, per tax
 * code: the sum of each payment's split, so that releasing it takes out to
 * the cent what went in. */
static gboolean
layaway_booked (LayawayDay *l, const char *number, const Goods *g, PosDsfinvkVatPart *booked, GError **error)
{
  g_autoptr (GArray) payments = pos_dsfinvk_layaway_payments (l->store, number, error);
  g_autofree PosDsfinvkVatPart *part = g_new0 (PosDsfinvkVatPart, g->goods->len + 1);

  if (payments == NULL)
    return FALSE;
  for (guint k = 0; k < g->goods->len; k++)
    booked[k] = (PosDsfinvkVatPart){ g_array_index (g->goods, PosDsfinvkVatPart, k).rate_bp, 0, 0, 0 };
  for (guint i = 0; i < payments->len; i++)
    {
      if (!pos_dsfinvk_advance_split (g_array_index (payments, PosAmount, i),
                                      (const PosDsfinvkVatPart *)g->goods->data, g->goods->len, part, error))
        return FALSE;
      for (guint k = 0; k < g->goods->len; k++)
        {
          booked[k].gross += part[k].gross;
          booked[k].tax += part[k].tax;
        }
    }
  return TRUE;
}

/* @parts (one per tax code of @g) into the day's advances of @kind and tender @slot. */
static void
keep_parts (LayawayDay *l, AdvanceKind kind, guint slot, const Goods *g, const PosDsfinvkVatPart *parts)
{
  for (guint k = 0; k < g->goods->len; k++)
    {
      const char *code = g->codes->pdata[k];
      guint i = 0;

      while (i < l->advances->len
             && !(g_array_index (l->advances, Advance, i).kind == kind
                  && g_array_index (l->advances, Advance, i).slot == slot
                  && g_str_equal (g_array_index (l->advances, Advance, i).code, code)))
        i++;
      if (i == l->advances->len)
        {
          Advance a = { kind, slot, g_strdup (code), parts[k].rate_bp, 0, 0 };

          g_array_append_val (l->advances, a);
        }
      g_array_index (l->advances, Advance, i).gross += parts[k].gross;
      g_array_index (l->advances, Advance, i).tax += parts[k].tax;
    }
}

/*
 * One layaway move: a payment is split over the goods' tax codes as the
 * DSFinV-K export splits it; a cancellation gives back and keeps, and a
 * collection sets against the sale, exactly what the payments booked.
 */
static gboolean
add_layaway_move (PosStore *store, PosStmt *stmt, gpointer data, GError **error)
{
  LayawayDay *l = data;
  const char *number = (const char *)sqlite3_column_text (stmt, 0);
  const char *kind = (const char *)sqlite3_column_text (stmt, 1);
  const char *method = (const char *)sqlite3_column_text (stmt, 2);
  PosAmount amount = sqlite3_column_int64 (stmt, 3);
  g_auto (Goods) g = { NULL, NULL };
  g_autofree PosDsfinvkVatPart *booked = NULL;
  g_autofree PosDsfinvkVatPart *kept = NULL;
  PosAmount paid = 0;

  (void)store;
  l->n++;
  if (!layaway_goods (l, number, &g, error))
    return FALSE;
  booked = g_new0 (PosDsfinvkVatPart, g.goods->len + 1);
  kept = g_new0 (PosDsfinvkVatPart, g.goods->len + 1);
  if (g_str_equal (kind, "payment"))
    {
      if (!pos_dsfinvk_advance_split (amount, (const PosDsfinvkVatPart *)g.goods->data, g.goods->len, booked,
                                      error))
        return FALSE;
      keep_parts (l, ADVANCE_RECEIVED, tender_slot (method), &g, booked);
      return TRUE;
    }
  if (!layaway_booked (l, number, &g, booked, error))
    return FALSE;
  if (g_str_equal (kind, "collect"))
    {
      keep_parts (l, ADVANCE_COLLECTED, 0, &g, booked);
      return TRUE;
    }
  /* cancelled: what is not given back (stored negative) is kept */
  for (guint k = 0; k < g.goods->len; k++)
    paid += booked[k].gross;
  if (!pos_dsfinvk_advance_split (paid + amount, booked, g.goods->len, kept, error))
    return FALSE;
  keep_parts (l, ADVANCE_KEPT, 0, &g, kept);
  for (guint k = 0; k < g.goods->len; k++)
    {
      booked[k].gross -= kept[k].gross;
      booked[k].tax -= kept[k].tax;
    }
  keep_parts (l, ADVANCE_GIVEN_BACK, tender_slot (method) == 1, &g, booked);
  return TRUE;
}

static int
advance_compare (gconstpointer a, gconstpointer b)
{
  const Advance *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->slot != y->slot)
    return x->slot < y->slot ? -1 : 1;
  return strcmp (x->code, y->code);
}

/*
 * The customer-advances account of tax code @code at @rate_bp: setting
 * acct_layaway, either one account for every rate or CODE=ACCOUNT pairs
 * ("A=1718,B=1711"); else SKR03's "erhaltene, versteuerte Anzahlungen",
 * automatic accounts that book the VAT in them: 1711 at 7 %, 1718 at
 * 19 % (and any other rate), and 1710 "Erhaltene Anzahlungen" at 0 %.
 */
static char *
advance_account (PosStore *store, Day *d, const char *code, gint64 rate_bp, GError **error)
{
  g_autofree char *map = pos_store_dup_setting (store, "acct_layaway");
  g_auto (GStrv) entries = g_strsplit (map ? map : "", ",", -1);
  g_autofree char *key = g_strdup_printf ("acct_layaway (%s)", code);
  const char *acct = rate_bp == 700 ? "1711" : rate_bp == 0 ? "1710" : "1718";

  if (map != NULL && *map != '\0' && strchr (map, '=') == NULL)
    return account (store, d, "acct_layaway", g_strstrip (map), error);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (g_strstrip (entries[i]), "=", 2);

      if (pair[0] != NULL && pair[1] != NULL && g_str_equal (g_strstrip (pair[0]), code))
        return account (store, d, key, g_strstrip (pair[1]), error);
    }
  return account (store, d, key, acct, error);
}

/* The account of tender @slot (cash: @cash). Gift cards go to the voucher
 * liability, as they do at a sale. */
static char *
tender_account (PosStore *store, Day *d, guint slot, const char *cash, GError **error)
{
  static const char *const keys[] = { NULL, "acct_card", "acct_voucher", "acct_points" };
  static const char *const fallbacks[] = { NULL, "1360", VOUCHERS, "8730" };

  return slot == 0 ? g_strdup (cash) : account (store, d, keys[slot], fallbacks[slot], error);
}

/* One booking of @a, the money of a kind, tender and tax code. */
static gboolean
add_advance (PosStore *store, Day *d, const Advance *a, const char *cash, GError **error)
{
  static const char *const texts[][4]
      = { { "Erhaltene Anzahlungen bar", "Erhaltene Anzahlungen mit Karte",
            "Erhaltene Anzahlungen mit Gutschein", "Erhaltene Anzahlungen mit Treuepunkten" },
          { "Zurückgezahlte Anzahlungen bar", "Zurückgezahlte Anzahlungen mit Karte" },
          { "Einbehaltene Anzahlungen (Stornogebühr)" },
          { "Verrechnete Anzahlungen" } };
  static const char *const labels[][4]
      = { { N_ ("Layaway payments in cash"), N_ ("Layaway payments by card"),
            N_ ("Layaway payments by gift card"), N_ ("Layaway payments with points") },
          { N_ ("Layaway money given back in cash"), N_ ("Layaway money given back by card") },
          { N_ ("Layaway cancellation fees kept") },
          { N_ ("Layaway advances set against the sale") } };
  g_autofree char *advances = advance_account (store, d, a->code, a->rate_bp, error);
  g_autofree char *other = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *tax_acct = NULL;
  g_autofree char *percent
      = g_strdup_printf ("%lld,%02lld %%", (long long)(a->rate_bp / 100), (long long)(a->rate_bp % 100));
  g_autofree char *text = g_strdup_printf ("%s %s (%s)", texts[a->kind][a->slot], percent, a->code);
  g_autofree char *label = NULL;
  /* received adds to the advances; the rest takes out of them */
  int sign = a->kind == ADVANCE_RECEIVED ? 1 : -1;

  if (advances == NULL
      || (other = a->kind == ADVANCE_KEPT ? account (store, d, "acct_layaway_fee", "2700", error)
                                          : tender_account (store, d, a->slot, cash, error))
             == NULL
      || !revenue_accounts (store, d, a->code, a->rate_bp, &revenue, &tax_acct, error))
    return FALSE;
  /* TRANSLATORS: what the money was ("Layaway payments in cash"), the tax rate ("19,00 %"), the tax code */
  label = g_strdup_printf (_ ("%s at tax %s (%s)"), _ (labels[a->kind][a->slot]), percent, a->code);
  add (d, sign * a->gross, other, advances, g_steal_pointer (&text), g_steal_pointer (&label), sign * a->tax,
       tax_acct);
  return TRUE;
}

/*
 * Money towards layaways is an advance, not takings. In Germany an
 * advance carries the VAT of the goods it is for (§ 13 (1) Nr. 1a
 * sentence 4 UStG), so each payment is split over the goods' tax codes
 * pro rata of their gross (pos_dsfinvk_advance_split(), as the DSFinV-K
 * export splits it) and each part booked from the advances account of its
 * rate (advance_account()) to the tender's, with its VAT. Given back on a
 * cancellation, the other way; kept as a cancellation fee, from the
 * advances to acct_layaway_fee (SKR03 2700, other income: no supply was
 * made, so the advance's VAT comes back). Collecting books the sale's
 * takings as any sale, and releases from the advances to cash what the
 * payments booked, so the advances come back to zero.
 */
static gboolean
add_layaways (PosStore *store, const char *day, Day *d, const char *cash, GError **error)
{
  static const char sql[]
      = "SELECT y.number, m.kind, m.method, m.amount, m.created_at "
        "FROM layaway_move m JOIN layaway y ON y.id = m.layaway_id WHERE " SHOP_MOVE_NEAR_DAY
        " ORDER BY m.id";
  g_auto (PosShopRules) rules = { 0 };
  g_autoptr (GArray) advances = g_array_new (FALSE, TRUE, sizeof (Advance));
  LayawayDay l = { store, POS_TAX_INCLUSIVE, advances, 0 };

  g_array_set_clear_func (advances, advance_clear);
  pos_shop_rules_load (store, &rules);
  l.tax_mode = rules.tax_mode;
  if (!each_move_on_day (store, sql, day, add_layaway_move, &l, error))
    return FALSE;
  d->n_account_payments += l.n;
  g_array_sort (advances, advance_compare);
  for (guint i = 0; i < advances->len; i++)
    if (g_array_index (advances, Advance, i).gross != 0
        && !add_advance (store, d, &g_array_index (advances, Advance, i), cash, error))
      return FALSE;
  return TRUE;
}

/* The cost of the goods sold (each line's cost as sold), out of stock. */
static gboolean
add_cost (PosStore *store, const char *day, Day *d, GError **error)
{
  static const char sql[]
      = "SELECT coalesce (sum ((l.cost * l.qty + CASE WHEN l.qty < 0 THEN -500 ELSE 500 END) / 1000), 0) "
        "FROM sale_line l JOIN sale s ON s.id = l.sale_id WHERE " SHOP_SALE " AND l.cost IS NOT NULL";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *cogs = NULL;
  g_autofree char *stock = NULL;
  gint64 cost;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  if ((cost = sqlite3_column_int64 (stmt, 0)) == 0)
    return TRUE;
  if ((cogs = account (store, d, "acct_cogs", "3200", error)) == NULL
      || (stock = account (store, d, "acct_stock", "3980", error)) == NULL)
    return FALSE;
  add (d, cost, cogs, stock, g_strdup ("Wareneinsatz"), g_strdup (_ ("Cost of goods sold")), 0, NULL);
  return TRUE;
}

static gboolean
check_day (const char *day, GError **error)
{
  guint year, month, dd;

  if (day != NULL && strlen (day) == 10 && sscanf (day, "%4u-%2u-%2u", &year, &month, &dd) == 3 && month >= 1
      && month <= 12 && g_date_valid_dmy ((GDateDay)dd, (GDateMonth)month, (GDateYear)year))
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a day (YYYY-MM-DD)"), day ? day : "");
  return FALSE;
}

/* All of the day's bookings, or NULL. */
static gboolean
read_day (PosStore *store, const char *day, Day *d, GError **error)
{
  g_autofree char *cash = NULL;

  d->currency = pos_shop_currency (store);
  d->bookings = g_ptr_array_new_with_free_func ((GDestroyNotify)booking_free);
  if ((cash = account (store, d, "acct_cash", "1000", error)) == NULL
      || !add_revenue (store, day, d, cash, error) || !add_payments (store, day, d, cash, error)
      || !add_account_payments (store, day, d, cash, error) || !add_layaways (store, day, d, cash, error)
      || !add_cost (store, day, d, error))
    return FALSE;
  /* a day of account or layaway payments alone still has money to book */
  if (d->n_sales == 0 && d->n_account_payments == 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There were no sales on %s: nothing to export"),
                   day);
      return FALSE;
    }
  return TRUE;
}

/* @amount (>= 0, minor units) with @separator before the decimals. */
static char *
format_amount (const PosCurrency *currency, gint64 amount, char separator)
{
  gint64 unit = 1;

  for (int i = 0; i < currency->exponent; i++)
    unit *= 10;
  if (currency->exponent == 0)
    return g_strdup_printf ("%lld", (long long)amount);
  return g_strdup_printf ("%lld%c%0*lld", (long long)(amount / unit), separator, currency->exponent,
                          (long long)(amount % unit));
}

/* A text field: in quotes, inner quotes doubled. */
static void
append_text (GString *out, const char *text)
{
  g_autofree char *escaped = NULL;
  g_auto (GStrv) parts = g_strsplit (text, "\"", -1);

  escaped = g_strjoinv ("\"\"", parts);
  g_string_append_printf (out, "\"%s\"", escaped);
}

/* DATEV's advisor and client numbers: settings, digits only. */
static char *
datev_number (PosStore *store, const char *key, guint max, GError **error)
{
  g_autofree char *value = pos_store_dup_setting (store, key);
  gsize n = value ? strlen (value) : 0;

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (value[i]))
      n = 0;
  if (n == 0 || n > max)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("Set the DATEV advisor and client numbers first (settings set datev_advisor N, "
                      "datev_client N): %s is not a number of up to %u digits"),
                   key, max);
      return NULL;
    }
  return g_steal_pointer (&value);
}

/* The EXTF header line: format 700, category 21 (booking batch) version
 * 13, the day as the batch's period, the fiscal year from 1 January. */
static gboolean
datev_header (PosStore *store, const char *day, const Day *d, GString *out, GError **error)
{
  g_autofree char *advisor = datev_number (store, "datev_advisor", 7, error);
  g_autofree char *client = advisor ? datev_number (store, "datev_client", 5, error) : NULL;
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_local (pos_clock_now_us () / G_USEC_PER_SEC);
  g_autofree char *created = g_date_time_format (now, "%Y%m%d%H%M%S000");
  g_autofree char *compact = g_strdup_printf ("%.4s%.2s%.2s", day, day + 5, day + 8);

  if (client == NULL)
    return FALSE;
  g_string_append_printf (
      out,
      "\"EXTF\";700;21;\"Buchungsstapel\";13;%s;;\"RE\";\"\";\"\";%s;%s;%.4s0101;%u;%s;%s;"
      "\"Kasse %s\";\"\";1;0;0;\"%s\"\r\n",
      created, advisor, client, compact, d->acct_length, compact, compact, day, d->currency->code);
  g_string_append (out, "Umsatz (ohne Soll/Haben-Kz);Soll/Haben-Kennzeichen;WKZ Umsatz;Kurs;Basis-Umsatz;"
                        "WKZ Basis-Umsatz;Konto;Gegenkonto (ohne BU-Schlüssel);BU-Schlüssel;Belegdatum;"
                        "Belegfeld 1;Belegfeld 2;Skonto;Buchungstext\r\n");
  return TRUE;
}

/* One booking a line: the debit account as Konto ("S"), the credit as
 * Gegenkonto; the date as DDMM, the day as document number. */
static char *
render_datev (PosStore *store, const char *day, const Day *d, gsize *length, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *compact = g_strdup_printf ("%.4s%.2s%.2s", day, day + 5, day + 8);

  if (!datev_header (store, day, d, out, error))
    return NULL;
  for (guint i = 0; i < d->bookings->len; i++)
    {
      const Booking *b = d->bookings->pdata[i];
      g_autofree char *amount = format_amount (d->currency, b->amount, ',');

      g_string_append_printf (out, "%s;\"S\";\"%s\";;;;%s;%s;;%.2s%.2s;\"%s\";;;", amount, d->currency->code,
                              b->debit, b->credit, day + 8, day + 5, compact);
      append_text (out, b->text);
      g_string_append (out, "\r\n");
    }
  return g_convert (out->str, (gssize)out->len, "WINDOWS-1252", "UTF-8", NULL, length, error);
}

static void
csv_line (GString *out, const char *day, guint entry, const char *acct, const char *debit, const char *credit,
          const char *label)
{
  g_string_append_printf (out, "%s,%u,%s,%s,%s,", day, entry, acct, debit, credit);
  append_text (out, label);
  g_string_append_c (out, '\n');
}

/* Each booking an entry of two lines (three with the tax apart). */
static char *
render_csv (const char *day, const Day *d, gsize *length)
{
  GString *out = g_string_new ("date,entry,account,debit,credit,text\n");

  for (guint i = 0; i < d->bookings->len; i++)
    {
      const Booking *b = d->bookings->pdata[i];
      g_autofree char *gross = format_amount (d->currency, b->amount, '.');
      g_autofree char *net = format_amount (d->currency, b->amount - b->tax, '.');
      g_autofree char *tax = format_amount (d->currency, b->tax, '.');
      const char *revenue = b->back ? b->debit : b->credit;
      const char *other = b->back ? b->credit : b->debit;

      if (b->tax_acct == NULL || b->tax == 0)
        {
          csv_line (out, day, i + 1, b->debit, gross, "", b->label);
          csv_line (out, day, i + 1, b->credit, "", gross, b->label);
        }
      else if (!b->back)
        {
          csv_line (out, day, i + 1, other, gross, "", b->label);
          csv_line (out, day, i + 1, revenue, "", net, b->label);
          csv_line (out, day, i + 1, b->tax_acct, "", tax, b->label);
        }
      else
        {
          csv_line (out, day, i + 1, revenue, net, "", b->label);
          csv_line (out, day, i + 1, b->tax_acct, tax, "", b->label);
          csv_line (out, day, i + 1, other, "", gross, b->label);
        }
    }
  *length = out->len;
  return g_string_free (out, FALSE);
}

char *
pos_accounting_export (PosStore *store, const char *day, PosAccountingFormat format, const char *folder,
                       GError **error)
{
  Day d = { 0 };
  g_autofree char *content = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gsize length = 0;

  g_return_val_if_fail (store != NULL && folder != NULL, NULL);

  if (!check_day (day, error))
    return NULL;
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no folder %s"), folder), NULL;
  if (read_day (store, day, &d, error))
    content = format == POS_ACCOUNTING_DATEV ? render_datev (store, day, &d, &length, error)
                                             : render_csv (day, &d, &length);
  g_clear_pointer (&d.bookings, g_ptr_array_unref);
  if (content == NULL)
    return NULL;
  name = g_strdup_printf (format == POS_ACCOUNTING_DATEV ? "EXTF_Buchungsstapel_%s.csv" : "bookings_%s.csv",
                          day);
  path = g_build_filename (folder, name, NULL);
  /* Written to a temporary file and renamed: whole or not at all. */
  if (!g_file_set_contents (path, content, (gssize)length, error))
    return NULL;
  return g_steal_pointer (&path);
}
