/* pos-accounting-export.c — a day's takings as bookings (see
 * pos-accounting-export.h). */
#include "pos-accounting-export.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "pos-clock.h"
#include "pos-money.h"
#include "pos-shop.h"
#include "pos-store-private.h"

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

/* Customer advances, where money towards a layaway waits for its goods:
 * SKR03 1718 "Erhaltene Anzahlungen" (setting acct_layaway). */
#define ADVANCES "1718"

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
      /* a collected layaway is paid by the advances received for it */
      gboolean layaway = g_str_equal (method, "layaway");

      if (rounding)
        d->n_sales = sqlite3_column_int64 (stmt, 2);
      if (amount == 0)
        continue;
      if ((acct = account (store, d, key,
                           rounding                       ? "4970"
                           : g_str_equal (method, "card") ? "1360"
                           : on_account                   ? "1400"
                           : layaway                      ? ADVANCES
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
      else if (layaway)
        add (d, amount, acct, cash, g_strdup ("Verrechnete Anzahlungen"),
             g_strdup (_ ("Layaway advances set against the sale")), 0, NULL);
      else
        add (d, amount, acct, cash,
             g_strdup (g_str_equal (method, "card") ? "Kartenzahlungen" : "Eingelöste Treuepunkte"),
             g_strdup (g_str_equal (method, "card") ? _ ("Card payments") : _ ("Loyalty points redeemed")), 0,
             NULL);
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

/* Money paid against customer accounts (payments and deposits) on the
 * shop's tills on @day, in minor units: [0] in cash, [1] by card. A move
 * carries its time, not its business day: the SQL keeps the days around
 * @day and the business day is worked out here, as the statement does. */
static gboolean
sum_account_payments (PosStore *store, const char *day, gint64 paid[2], gint64 *n, GError **error)
{
  static const char sql[]
      = "SELECT m.method, m.amount, m.created_at FROM account_move m "
        "WHERE m.kind IN ('payment', 'deposit') AND m.method IS NOT NULL AND " SHOP_MOVE_NEAR_DAY;
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      if (!on_day (stmt, 2, day))
        continue;
      /* a payment lowers what is owed: stored negative */
      if (!pos_amount_add (paid[g_str_equal ((const char *)sqlite3_column_text (stmt, 0), "card")],
                           -sqlite3_column_int64 (stmt, 1),
                           &paid[g_str_equal ((const char *)sqlite3_column_text (stmt, 0), "card")], error))
        return FALSE;
      (*n)++;
    }
  return rc == SQLITE_DONE;
}

/* Payments against customer accounts: the cash or card account debited,
 * the receivables (acct_account, as for sales on account) credited. */
static gboolean
add_account_payments (PosStore *store, const char *day, Day *d, const char *cash, GError **error)
{
  gint64 paid[2] = { 0, 0 };
  g_autofree char *receivable = NULL;
  g_autofree char *card = NULL;

  if (!sum_account_payments (store, day, paid, &d->n_account_payments, error))
    return FALSE;
  if (paid[0] == 0 && paid[1] == 0)
    return TRUE;
  if ((receivable = account (store, d, "acct_account", "1400", error)) == NULL
      || (card = account (store, d, "acct_card", "1360", error)) == NULL)
    return FALSE;
  if (paid[0] != 0)
    add (d, paid[0], cash, receivable, g_strdup ("Zahlungen auf Kundenkonten bar"),
         g_strdup (_ ("Account payments in cash")), 0, NULL);
  if (paid[1] != 0)
    add (d, paid[1], card, receivable, g_strdup ("Zahlungen auf Kundenkonten mit Karte"),
         g_strdup (_ ("Account payments by card")), 0, NULL);
  return TRUE;
}

/* What layaways moved on @day, per tender: [0] cash, [1] card, [2]
 * gift cards, [3] points. */
typedef struct
{
  gint64 received[4];   /* payments: advances received */
  gint64 given_back[2]; /* cancellations: cash and card only */
  gint64 fee_kept;      /* cancellations: what was paid and not given back */
  gint64 n;
} LayawayDay;

static guint
tender_slot (const char *method)
{
  return g_strcmp0 (method, "card") == 0      ? 1
         : g_strcmp0 (method, "voucher") == 0 ? 2
         : g_strcmp0 (method, "points") == 0  ? 3
                                              : 0;
}

/* One layaway move into @l. */
static gboolean
add_layaway_move (LayawayDay *l, const char *kind, const char *method, gint64 amount, const char *note,
                  GError **error)
{
  gint64 fee = 0;

  l->n++;
  if (g_str_equal (kind, "payment"))
    return pos_amount_add (l->received[tender_slot (method)], amount, &l->received[tender_slot (method)],
                           error);
  if (note != NULL && g_str_has_prefix (note, "fee_kept="))
    fee = g_ascii_strtoll (note + strlen ("fee_kept="), NULL, 10);
  /* given back: stored negative; nothing given back has no tender */
  return pos_amount_add (l->fee_kept, fee, &l->fee_kept, error)
         && (amount == 0
             || pos_amount_add (l->given_back[tender_slot (method) == 1], -amount,
                                &l->given_back[tender_slot (method) == 1], error));
}

/* Layaway payments and cancellations on the shop's tills on @day (by
 * business day, as for account payments). */
static gboolean
sum_layaway_moves (PosStore *store, const char *day, LayawayDay *l, GError **error)
{
  static const char sql[] = "SELECT m.kind, m.method, m.amount, m.note, m.created_at FROM layaway_move m "
                            "WHERE m.kind IN ('payment', 'cancel') AND " SHOP_MOVE_NEAR_DAY;
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      if (on_day (stmt, 4, day)
          && !add_layaway_move (l, (const char *)sqlite3_column_text (stmt, 0),
                                (const char *)sqlite3_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2),
                                (const char *)sqlite3_column_text (stmt, 3), error))
        return FALSE;
    }
  return rc == SQLITE_DONE;
}

/*
 * Money towards layaways is an advance, not takings: received, it is
 * booked from the customer-advances account (acct_layaway, SKR03 1718
 * "Erhaltene Anzahlungen") to the tender's; given back on a cancellation,
 * the other way; kept as a cancellation fee, from the advances to
 * acct_layaway_fee (SKR03 2700, other income). Collecting books the sale's
 * takings as any sale, its layaway tender from the advances (add_payments).
 */
static gboolean
add_layaways (PosStore *store, const char *day, Day *d, const char *cash, GError **error)
{
  static const char *const keys[] = { NULL, "acct_card", "acct_voucher", "acct_points" };
  static const char *const fallbacks[] = { NULL, "1360", "8730", "8730" };
  static const char *const texts[]
      = { "Erhaltene Anzahlungen bar", "Erhaltene Anzahlungen mit Karte",
          "Erhaltene Anzahlungen mit Gutschein", "Erhaltene Anzahlungen mit Treuepunkten" };
  static const char *const labels[]
      = { N_ ("Layaway payments in cash"), N_ ("Layaway payments by card"),
          N_ ("Layaway payments by gift card"), N_ ("Layaway payments with points") };
  LayawayDay l = { 0 };
  g_autofree char *advances = NULL;

  if (!sum_layaway_moves (store, day, &l, error))
    return FALSE;
  d->n_account_payments += l.n;
  if (l.n == 0)
    return TRUE;
  if ((advances = account (store, d, "acct_layaway", ADVANCES, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (l.received); i++)
    {
      g_autofree char *acct = NULL;

      if (l.received[i] == 0)
        continue;
      if (i > 0 && (acct = account (store, d, keys[i], fallbacks[i], error)) == NULL)
        return FALSE;
      add (d, l.received[i], i == 0 ? cash : acct, advances, g_strdup (texts[i]), g_strdup (_ (labels[i])), 0,
           NULL);
    }
  if (l.given_back[0] != 0)
    add (d, l.given_back[0], advances, cash, g_strdup ("Zurückgezahlte Anzahlungen bar"),
         g_strdup (_ ("Layaway money given back in cash")), 0, NULL);
  if (l.given_back[1] != 0)
    {
      g_autofree char *card = account (store, d, "acct_card", "1360", error);

      if (card == NULL)
        return FALSE;
      add (d, l.given_back[1], advances, card, g_strdup ("Zurückgezahlte Anzahlungen mit Karte"),
           g_strdup (_ ("Layaway money given back by card")), 0, NULL);
    }
  if (l.fee_kept != 0)
    {
      g_autofree char *fee = account (store, d, "acct_layaway_fee", "2700", error);

      if (fee == NULL)
        return FALSE;
      add (d, l.fee_kept, advances, fee, g_strdup ("Einbehaltene Anzahlungen (Stornogebühr)"),
           g_strdup (_ ("Layaway cancellation fees kept")), 0, NULL);
    }
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
