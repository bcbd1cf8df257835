/* pos-dsfinvk.c — the DSFinV-K export of Z closings (see pos-dsfinvk.h).
 *
 * One pass per Z report: its sales and refunds become the single records
 * (receipt heads, lines, VAT, payments, TSE data), the closing's sums by
 * VAT rate and payment type the cash-point-closing module, and the shop's
 * settings the master data. Closed periods never change (Invariant 3), so
 * reading them needs no transaction.
 */
#include "pos-dsfinvk.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "pos-clock.h"
#include "pos-dsfinvk-dir.h"
#include "pos-dsfinvk-tables.h"
#include "pos-error.h"
#include "pos-journal.h"
#include "pos-kassensichv.h"
#include "pos-shop.h"
#include "pos-store-private.h"
#include "pos-version.h"

/* The DSFinV-K's VAT keys (UST_SCHLUESSEL) of the rates a German till
 * sells at; NULL for any other rate. */
#define UST_KEY(rate)                                                                                        \
  "CASE " rate " WHEN 1900 THEN 1 WHEN 700 THEN 2 WHEN 1070 THEN 3 WHEN 550 THEN 4 WHEN 0 THEN 5 END"

static const char *const ust_names[] = {
  NULL,
  "Regelsteuersatz",
  "Ermäßigter Steuersatz",
  "Durchschnittsatz (§ 24 Abs. 1 Nr. 3 UStG)",
  "Durchschnittsatz (§ 24 Abs. 1 Nr. 1 UStG)",
  "Nicht Steuerbar",
};

/* The sales a Z covers: this till's, after < id ≤ upto. */
#define IN_CLOSING "s.till_id = ?1 AND s.id > ?2 AND s.id <= ?3"

typedef struct
{
  char *name, *street, *postcode, *city, *tax_number, *vat_id;
} Shop;

typedef struct
{
  PosStore *store;
  char *till_id;
  const char *currency;
  PosTaxMode tax_mode;
  Shop shop;
  GString *csv[POS_DSFINVK_N_TABLES];
  GPtrArray *scratch; /* the formatted fields of the record being built */
  /* the closing being exported */
  gint64 number;
  char *created; /* Z_ERSTELLUNG */
  char *day;
  gint64 after, upto;
  char *closed_at, *prev_closed_at; /* UTC: cash moves and training lie in between */
  gint64 cash_cases[5];             /* the closing's sums of each of cash_case_types */
  gboolean vat_keys[6];             /* the VAT keys vat.csv lists for the closing */
  char *first_receipt, *last_receipt;
  PosDsfinvkSummary summary;
} Export;

static void
export_clear_closing (Export *e)
{
  g_clear_pointer (&e->created, g_free);
  g_clear_pointer (&e->day, g_free);
  g_clear_pointer (&e->closed_at, g_free);
  g_clear_pointer (&e->prev_closed_at, g_free);
  memset (e->cash_cases, 0, sizeof e->cash_cases);
  memset (e->vat_keys, 0, sizeof e->vat_keys);
  g_clear_pointer (&e->first_receipt, g_free);
  g_clear_pointer (&e->last_receipt, g_free);
}

static void
export_clear (Export *e)
{
  export_clear_closing (e);
  g_free (e->till_id);
  g_free (e->shop.name);
  g_free (e->shop.street);
  g_free (e->shop.postcode);
  g_free (e->shop.city);
  g_free (e->shop.tax_number);
  g_free (e->shop.vat_id);
  for (guint i = 0; i < POS_DSFINVK_N_TABLES; i++)
    if (e->csv[i] != NULL)
      g_string_free (e->csv[i], TRUE);
  g_clear_pointer (&e->scratch, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

/* Formatting ---------------------------------------------------------------- */

static const char *
keep (Export *e, char *text)
{
  g_ptr_array_add (e->scratch, text);
  return text;
}

/* @value / 10^@places with a decimal comma: 1250, 2 → "12,50". */
static const char *
decimal (Export *e, gint64 value, guint places)
{
  guint64 magnitude = value < 0 ? -(guint64)value : (guint64)value;
  guint64 unit = places == 3 ? 1000 : 100;

  return keep (e, g_strdup_printf ("%s%" G_GUINT64_FORMAT ",%0*" G_GUINT64_FORMAT, value < 0 ? "-" : "",
                                   magnitude / unit, (int)places, magnitude % unit));
}

static const char *
money (Export *e, gint64 minor)
{
  return decimal (e, minor, 2);
}

static const char *
integer (Export *e, gint64 value)
{
  return keep (e, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

/* A stored UTC timestamp as the shop's local time, "2026-11-28T10:15:02". */
static const char *
local_time (Export *e, const char *iso_utc)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  gint64 us = 0;

  if (iso_utc == NULL || !pos_clock_parse_iso (iso_utc, &us))
    return "";
  utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  return keep (e, g_date_time_format (local, "%Y-%m-%dT%H:%M:%S"));
}

static void emit (Export *e, PosDsfinvkTableId id, ...) G_GNUC_NULL_TERMINATED;

/* Appends a record to table @id: the closing's key columns, then the
 * fields given, NULL-terminated. */
static void
emit (Export *e, PosDsfinvkTableId id, ...)
{
  g_autoptr (GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, e->number);
  const char *field;
  va_list args;

  g_ptr_array_add (fields, e->till_id);
  g_ptr_array_add (fields, e->created);
  g_ptr_array_add (fields, number);
  va_start (args, id);
  while ((field = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (fields, (gpointer)field);
  va_end (args);
  g_assert (fields->len == pos_dsfinvk_table (id)->n_columns);
  g_ptr_array_add (fields, NULL);
  pos_dsfinvk_csv_append (e->csv[id], (const char *const *)fields->pdata);
  g_ptr_array_set_size (e->scratch, 0);
}

static gboolean
no_vat_key (GError **error, gint64 rate_bp)
{
  g_autofree char *rate = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", rate_bp / 100, (int)(rate_bp % 100));

  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("A tax rate of %s %% has no DSFinV-K VAT key (19, 7, 10.7, 5.5 or 0 %%)"), rate);
  return FALSE;
}

/* Master data --------------------------------------------------------------- */

/* The shop's address is free text: its first line is the street, a last
 * line starting with a digit is "postcode city". */
static void
shop_address (Shop *shop, const char *address)
{
  g_auto (GStrv) parts = g_regex_split_simple ("\\s*(?:\\n|,)\\s*", address != NULL ? address : "", 0, 0);
  guint n = g_strv_length (parts);
  const char *last = n > 1 ? parts[n - 1] : "";
  const char *space = strchr (last, ' ');

  shop->street = g_strdup (n > 0 ? parts[0] : "");
  if (g_ascii_isdigit (last[0]) && space != NULL)
    {
      shop->postcode = g_strndup (last, space - last);
      shop->city = g_strdup (g_strchug ((char *)space));
    }
  else
    {
      shop->postcode = g_strdup ("");
      shop->city = g_strdup (last);
    }
}

/* A German VAT id is "DE" and nine digits; any other tax id is taken for
 * the shop's tax number (Steuernummer). */
static void
shop_tax_ids (Shop *shop, const char *tax_id)
{
  gboolean vat = g_regex_match_simple ("^DE[0-9]{9}$", tax_id != NULL ? tax_id : "", 0, 0);

  shop->vat_id = g_strdup (vat ? tax_id : "");
  shop->tax_number = g_strdup (vat ? "" : (tax_id != NULL ? tax_id : ""));
}

static void
load_shop (Export *e)
{
  g_autofree char *address = pos_shop_setting_get (e->store, "shop_address");
  g_autofree char *tax_id = pos_shop_setting_get (e->store, "shop_tax_id");
  g_auto (PosShopRules) rules = { 0 };

  e->shop.name = pos_shop_setting_get (e->store, "shop_name");
  shop_address (&e->shop, address);
  shop_tax_ids (&e->shop, tax_id);
  pos_shop_rules_load (e->store, &rules);
  e->currency = rules.currency->code;
  e->tax_mode = rules.tax_mode;
}

static void
emit_master (Export *e, gint64 paid, gint64 cash)
{
  emit (e, POS_DSFINVK_CASHPOINTCLOSING, e->day, POS_DSFINVK_TAXONOMY_VERSION,
        e->first_receipt ? e->first_receipt : "", e->last_receipt ? e->last_receipt : "", e->shop.name,
        e->shop.street, e->shop.postcode, e->shop.city, "DEU", e->shop.tax_number, e->shop.vat_id,
        money (e, paid), money (e, cash), NULL);
  emit (e, POS_DSFINVK_LOCATION, e->shop.name, e->shop.street, e->shop.postcode, e->shop.city, "DEU",
        e->shop.vat_id, NULL);
  emit (e, POS_DSFINVK_CASHREGISTER, "Mainstreet", "Mainstreet", e->till_id, "Mainstreet", pos_version (),
        e->currency, "0", NULL);
}

/* The cash-point closing ---------------------------------------------------- */

static PosStmt *
prepare_closing (Export *e, const char *sql, GError **error)
{
  PosStmt *stmt = pos_store_prepare (e->store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, e->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, e->after);
  sqlite3_bind_int64 (stmt, 3, e->upto);
  return stmt;
}

/* Turnover by VAT rate: the business case "Umsatz" and the rates used. */
static gboolean
emit_vat_sums (Export *e, GError **error)
{
  static const char sql[] = "SELECT " UST_KEY (
      "t.tax_rate_bp") ", t.tax_rate_bp, sum (t.gross), sum (t.net), sum (t.tax) "
                       "FROM sale s JOIN sale_tax t ON t.sale_id = s.id WHERE " IN_CLOSING
                       " GROUP BY 2 ORDER BY 1";
  g_autoptr (PosStmt) stmt = prepare_closing (e, sql, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);

      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        return no_vat_key (error, sqlite3_column_int64 (stmt, 1));
      emit (e, POS_DSFINVK_BUSINESSCASES, "Umsatz", "", "", integer (e, key),
            money (e, sqlite3_column_int64 (stmt, 2)), money (e, sqlite3_column_int64 (stmt, 3)),
            money (e, sqlite3_column_int64 (stmt, 4)), NULL);
      e->vat_keys[key] = TRUE;
      emit (e, POS_DSFINVK_VAT, integer (e, key), money (e, sqlite3_column_int64 (stmt, 1)), ust_names[key],
            NULL);
    }
  return stmt != NULL && rc == SQLITE_DONE;
}

static const char *
payment_type (const char *method)
{
  return g_str_equal (method, "cash") ? "Bar" : "Unbar";
}

static const char *
payment_name (const char *method)
{
  if (g_str_equal (method, "cash"))
    return "Bargeld";
  return g_str_equal (method, "card") ? "Karte" : "Treuepunkte";
}

static gint64 cash_moved (const Export *e);

/* Payments by type; what stayed in the drawer for cash. */
static gboolean
emit_payment_sums (Export *e, gint64 *paid, gint64 *cash, GError **error)
{
  static const char sql[] = "SELECT p.method, sum (p.amount) FROM sale s JOIN payment p ON p.sale_id = s.id "
                            "WHERE " IN_CLOSING " GROUP BY 1 ORDER BY 1";
  g_autoptr (PosStmt) stmt = prepare_closing (e, sql, error);
  int rc;

  gint64 moved = cash_moved (e);
  gboolean cash_listed = FALSE;

  *paid = *cash = 0;
  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      const char *method = (const char *)sqlite3_column_text (stmt, 0);
      gint64 amount = sqlite3_column_int64 (stmt, 1);

      /* Cash is all the drawer's: sales and the cash that was no sale. */
      if (g_str_equal (method, "cash"))
        {
          amount += moved;
          *cash = amount;
          cash_listed = TRUE;
        }
      *paid += amount;
      emit (e, POS_DSFINVK_PAYMENT, payment_type (method), payment_name (method), money (e, amount), NULL);
    }
  if (stmt == NULL || rc != SQLITE_DONE)
    return FALSE;
  if (!cash_listed && moved != 0)
    {
      *cash = moved;
      *paid += moved;
      emit (e, POS_DSFINVK_PAYMENT, "Bar", "Bargeld", money (e, moved), NULL);
    }
  emit (e, POS_DSFINVK_CASH_PER_CURRENCY, e->currency, money (e, *cash), NULL);
  return TRUE;
}

/* Single records ------------------------------------------------------------ */

typedef struct
{
  gint64 id;
  const char *receipt_no;
  const char *created; /* local */
} Sale;

static PosStmt *
prepare_sale (Export *e, const char *sql, const Sale *sale, GError **error)
{
  PosStmt *stmt = pos_store_prepare (e->store, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, sale->id);
  return stmt;
}

static gboolean
emit_sale_vat (Export *e, const Sale *sale, GError **error)
{
  static const char sql[]
      = "SELECT " UST_KEY ("tax_rate_bp") ", tax_rate_bp, sum (gross), sum (net), "
                                          "sum (tax) FROM sale_tax WHERE sale_id = ?1 GROUP BY 2 ORDER BY 1";
  g_autoptr (PosStmt) stmt = prepare_sale (e, sql, sale, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        return no_vat_key (error, sqlite3_column_int64 (stmt, 1));
      emit (e, POS_DSFINVK_TRANSACTIONS_VAT, sale->receipt_no, integer (e, sqlite3_column_int64 (stmt, 0)),
            money (e, sqlite3_column_int64 (stmt, 2)), money (e, sqlite3_column_int64 (stmt, 3)),
            money (e, sqlite3_column_int64 (stmt, 4)), NULL);
    }
  return stmt != NULL && rc == SQLITE_DONE;
}

static gboolean
emit_sale_payments (Export *e, const Sale *sale, GError **error)
{
  static const char sql[]
      = "SELECT method, sum (amount) FROM payment WHERE sale_id = ?1 GROUP BY 1 ORDER BY 1";
  g_autoptr (PosStmt) stmt = prepare_sale (e, sql, sale, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      const char *method = (const char *)sqlite3_column_text (stmt, 0);

      emit (e, POS_DSFINVK_DATAPAYMENT, sale->receipt_no, payment_type (method), payment_name (method), "",
            "", money (e, sqlite3_column_int64 (stmt, 1)), NULL);
    }
  return stmt != NULL && rc == SQLITE_DONE;
}

/* The gross price of one unit: the price itself where prices include
 * tax, else the line's gross before discount over its quantity. */
static gint64
unit_gross (Export *e, PosStmt *stmt)
{
  gint64 qty = sqlite3_column_int64 (stmt, 4);
  gint64 gross = sqlite3_column_int64 (stmt, 7) + sqlite3_column_int64 (stmt, 9);

  if (e->tax_mode == POS_TAX_INCLUSIVE || qty == 0)
    return sqlite3_column_int64 (stmt, 5);
  return (gross * 1000 + (gross < 0 ? -qty / 2 : qty / 2)) / qty;
}

static void
emit_line (Export *e, const Sale *sale, PosStmt *stmt)
{
  const char *line_no = integer (e, sqlite3_column_int64 (stmt, 0));
  const char *unit = (const char *)sqlite3_column_text (stmt, 3);
  gint64 gross = sqlite3_column_int64 (stmt, 7), tax = sqlite3_column_int64 (stmt, 8);
  g_autofree char *pos_line = g_strdup (line_no);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 10));

  emit (e, POS_DSFINVK_LINES, sale->receipt_no, line_no, "", (const char *)sqlite3_column_text (stmt, 2), "",
        "Umsatz", "", "0", "0", "", (const char *)sqlite3_column_text (stmt, 1), "", "", "",
        decimal (e, sqlite3_column_int64 (stmt, 4), 3), "", g_str_equal (unit, "kg") ? "kg" : "Stück",
        money (e, unit_gross (e, stmt)), NULL);
  emit (e, POS_DSFINVK_LINES_VAT, sale->receipt_no, pos_line, key, money (e, gross), money (e, gross - tax),
        money (e, tax), NULL);
}

static gboolean
emit_sale_lines (Export *e, const Sale *sale, GError **error)
{
  static const char sql[]
      = "SELECT line_no, sku, name, unit, qty, unit_price, tax_rate_bp, line_total, tax_amount, "
        "discount, " UST_KEY ("tax_rate_bp") " FROM sale_line WHERE sale_id = ?1 ORDER BY line_no";
  g_autoptr (PosStmt) stmt = prepare_sale (e, sql, sale, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 10) == SQLITE_NULL)
        return no_vat_key (error, sqlite3_column_int64 (stmt, 6));
      emit_line (e, sale, stmt);
    }
  return stmt != NULL && rc == SQLITE_DONE;
}

/* The process data kept for the TSE. No certified TSE signs here, so the
 * record names the failure and carries no signature. */
static gboolean
emit_sale_tse (Export *e, const Sale *sale, GError **error)
{
  static const char sql[] = "SELECT fiscal_data, device_failed FROM fiscal_receipt "
                            "WHERE sale_id = ?1 AND profile = 'DE-KassenSichV'";
  g_autoptr (PosStmt) stmt = prepare_sale (e, sql, sale, error);
  int rc = stmt != NULL ? pos_store_step_row (e->store, stmt, error) : -1;

  if (rc == SQLITE_ROW)
    emit (e, POS_DSFINVK_TRANSACTIONS_TSE, sale->receipt_no, "", "", "", "", POS_KASSENSICHV_PROCESS_TYPE, "",
          "", sqlite3_column_int (stmt, 1) ? "Keine TSE in Betrieb" : "",
          (const char *)sqlite3_column_text (stmt, 0), NULL);
  return rc >= 0;
}

/* A refund points at the receipt it refunds and the Z that closed it. */
static gboolean
emit_refund_reference (Export *e, const Sale *sale, gint64 refund_of, GError **error)
{
  static const char sql[]
      = "SELECT o.receipt_no, o.till_id, z.number, z.closed_at FROM sale o "
        "LEFT JOIN z_period_range r ON r.till_id = o.till_id AND o.id > r.after AND o.id <= r.upto "
        "LEFT JOIN z_report z ON z.till_id = r.till_id AND z.number = r.number WHERE o.id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (e->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, refund_of);
  rc = pos_store_step_row (e->store, stmt, error);
  if (rc == SQLITE_ROW)
    emit (e, POS_DSFINVK_REFERENCES, sale->receipt_no, "", "Transaktion", "",
          local_time (e, (const char *)sqlite3_column_text (stmt, 3)),
          (const char *)sqlite3_column_text (stmt, 1),
          sqlite3_column_type (stmt, 2) == SQLITE_NULL ? "" : integer (e, sqlite3_column_int64 (stmt, 2)),
          (const char *)sqlite3_column_text (stmt, 0), NULL);
  return rc >= 0;
}

static gboolean
emit_sale_head (Export *e, const Sale *sale, PosStmt *stmt, GError **error)
{
  g_autofree char *user_id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 4));

  if (sqlite3_column_int64 (stmt, 7) != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("Receipt %s has cash rounding, which the DSFinV-K has no business case for"),
                        sale->receipt_no),
           FALSE;
  emit (e, POS_DSFINVK_TRANSACTIONS, sale->receipt_no, integer (e, sqlite3_column_int64 (stmt, 2)), "Beleg",
        "", "", "0", sale->created, sale->created, user_id, (const char *)sqlite3_column_text (stmt, 5),
        money (e, sqlite3_column_int64 (stmt, 6)), "", "", "", "", "", "", "", "", "", NULL);
  return TRUE;
}

static gboolean
emit_sale (Export *e, PosStmt *stmt, GError **error)
{
  g_autofree char *created = g_strdup (local_time (e, (const char *)sqlite3_column_text (stmt, 3)));
  Sale sale = { sqlite3_column_int64 (stmt, 0), (const char *)sqlite3_column_text (stmt, 1), created };
  gint64 refund_of = sqlite3_column_int64 (stmt, 8);

  g_ptr_array_set_size (e->scratch, 0);
  if (e->first_receipt == NULL)
    e->first_receipt = g_strdup (sale.receipt_no);
  g_free (e->last_receipt);
  e->last_receipt = g_strdup (sale.receipt_no);
  e->summary.receipts++;
  return emit_sale_head (e, &sale, stmt, error) && emit_sale_vat (e, &sale, error)
         && emit_sale_payments (e, &sale, error) && emit_sale_lines (e, &sale, error)
         && emit_sale_tse (e, &sale, error)
         && (refund_of == 0 || emit_refund_reference (e, &sale, refund_of, error));
}

static gboolean
emit_sales (Export *e, GError **error)
{
  static const char sql[]
      = "SELECT s.id, s.receipt_no, s.till_number, s.created_at, ifnull (s.user_id, 0), ifnull (u.name, ''), "
        "s.total, s.rounding, ifnull (s.refund_of, 0) FROM sale s LEFT JOIN user u ON u.id = s.user_id "
        "WHERE " IN_CLOSING " ORDER BY s.id";
  g_autoptr (PosStmt) stmt = prepare_closing (e, sql, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    if (!emit_sale (e, stmt, error))
      return FALSE;
  return stmt != NULL && rc == SQLITE_DONE;
}

/* Cash that is no sale ------------------------------------------------------ */

/* The business cases of the drawer's cash besides sales, in the order
 * business cases lists them. Each is a receipt of its own with one line of
 * VAT key 5 (not taxable) paid in cash: the opening float (or the balance a
 * shift carries over from the previous closing), cash paid in and out, and
 * at a shift's close the counted cash taken away and any difference
 * between counted and expected. So the closing's cash is the drawer's
 * expected cash: opening float + cash takings + paid in − paid out. */
static const char *const cash_case_types[]
    = { "Anfangsbestand", "Einzahlung", "Auszahlung", "Geldtransit", "DifferenzSollIst" };

typedef struct
{
  guint type; /* index into cash_case_types */
  const char *bon_id;
  gint64 number;
  const char *text;
  const char *when; /* UTC */
  const char *user_id;
  const char *user_name;
  gint64 amount; /* into the drawer, negative out of it */
} CashCase;

static gint64
cash_moved (const Export *e)
{
  gint64 sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cash_case_types); i++)
    sum += e->cash_cases[i];
  return sum;
}

static void
emit_cash_case (Export *e, const CashCase *c)
{
  g_autofree char *when = g_strdup (local_time (e, c->when));
  const char *type = cash_case_types[c->type];

  e->cash_cases[c->type] += c->amount;
  emit (e, POS_DSFINVK_TRANSACTIONS, c->bon_id, integer (e, c->number), "Beleg", "", "", "0", when, when,
        c->user_id, c->user_name, money (e, c->amount), "", "", "", "", "", "", "", "", "", NULL);
  emit (e, POS_DSFINVK_TRANSACTIONS_VAT, c->bon_id, "5", money (e, c->amount), money (e, c->amount), "0,00",
        NULL);
  emit (e, POS_DSFINVK_DATAPAYMENT, c->bon_id, "Bar", "Bargeld", "", "", money (e, c->amount), NULL);
  emit (e, POS_DSFINVK_LINES, c->bon_id, "1", "", c->text, "", type, "", "0", "0", "", "", "", "", "",
        "1,000", "", "Stück", money (e, c->amount), NULL);
  emit (e, POS_DSFINVK_LINES_VAT, c->bon_id, "1", "5", money (e, c->amount), money (e, c->amount), "0,00",
        NULL);
}

static PosStmt *
prepare_window (Export *e, const char *sql, GError **error)
{
  PosStmt *stmt = pos_store_prepare (e->store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, e->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, e->prev_closed_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, e->closed_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, e->number);
  return stmt;
}

/* One cash case per row of @sql: kind (a cash_case_types index), receipt
 * id, number, text, time, user id, user name, amount. */
static gboolean
emit_cash_rows (Export *e, const char *sql, GError **error)
{
  g_autoptr (PosStmt) stmt = prepare_window (e, sql, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *bon_id = pos_stmt_dup_text (stmt, 1);
      g_autofree char *text = pos_stmt_dup_text (stmt, 3);
      g_autofree char *when = pos_stmt_dup_text (stmt, 4);
      g_autofree char *user_id = pos_stmt_dup_text (stmt, 5);
      g_autofree char *user_name = pos_stmt_dup_text (stmt, 6);
      CashCase c = { (guint)sqlite3_column_int (stmt, 0),
                     bon_id,
                     sqlite3_column_int64 (stmt, 2),
                     text,
                     when,
                     user_id ? user_id : "",
                     user_name ? user_name : "",
                     sqlite3_column_int64 (stmt, 7) };

      if (c.amount != 0)
        emit_cash_case (e, &c);
    }
  return stmt != NULL && rc == SQLITE_DONE;
}

/* ?1 till, ?2 the previous closing's time ('' for none), ?3 this one's,
 * ?4 this closing's number. */
#define CASH_USER "ifnull (u.id, ''), ifnull (u.name, '')"
#define IN_WINDOW(column) column " > ?2 AND " column " <= ?3"

static gboolean
emit_cash_cases (Export *e, GError **error)
{
  static const char carried[]
      = "SELECT 0, ?1 || '-S' || json_extract (j.value, '$.shift_id') || '-Z' || ?4, "
        "json_extract (j.value, '$.shift_id'), 'Anfangsbestand', z.closed_at, '', '', "
        "json_extract (j.value, '$.expected_cash') FROM z_report z, json_each (z.body, '$.shifts') j "
        "WHERE z.till_id = ?1 AND z.number = ?4 - 1 ORDER BY j.key";
  static const char floats[]
      = "SELECT 0, ?1 || '-S' || s.id, s.id, 'Anfangsbestand', s.opened_at, " CASH_USER ", s.opening_float "
        "FROM shift s LEFT JOIN user u ON u.id = s.user_id WHERE s.till_id = ?1 AND " IN_WINDOW (
            "s.opened_at") " ORDER BY s.id";
  static const char moves[]
      = "SELECT CASE c.kind WHEN 'paid_in' THEN 1 ELSE 2 END, ?1 || '-C' || c.id, c.id, c.reason, "
        "c.created_at, " CASH_USER
        ", CASE c.kind WHEN 'paid_in' THEN c.amount ELSE -c.amount END FROM cash_move c "
        "JOIN shift s ON s.id = c.shift_id LEFT JOIN user u ON u.id = c.user_id WHERE s.till_id = ?1 AND "
        "c.kind IN ('paid_in', 'paid_out') AND " IN_WINDOW ("c.created_at") " ORDER BY c.id";
  static const char closes[]
      = "SELECT 3, ?1 || '-S' || s.id || '-E', s.id, 'Kassenabschluss', s.closed_at, " CASH_USER
        ", -s.counted_cash FROM shift s LEFT JOIN user u ON u.id = s.closed_by WHERE s.till_id = ?1 "
        "AND " IN_WINDOW (
            "s.closed_at") " UNION ALL "
                           "SELECT 4, ?1 || '-S' || s.id || '-D', s.id, 'Kassendifferenz', "
                           "s.closed_at, " CASH_USER ", s.counted_cash - s.expected_cash FROM shift s LEFT "
                           "JOIN user u ON u.id = s.closed_by "
                           "WHERE s.till_id = ?1 AND " IN_WINDOW ("s.closed_at") " ORDER BY 3, 1";

  return emit_cash_rows (e, carried, error) && emit_cash_rows (e, floats, error)
         && emit_cash_rows (e, moves, error) && emit_cash_rows (e, closes, error);
}

/* The closing's sums of the cash cases, beside its turnover. */
static void
emit_cash_case_sums (Export *e)
{
  for (guint i = 0; i < G_N_ELEMENTS (cash_case_types); i++)
    if (e->cash_cases[i] != 0)
      emit (e, POS_DSFINVK_BUSINESSCASES, cash_case_types[i], "", "", "5", money (e, e->cash_cases[i]),
            money (e, e->cash_cases[i]), "0,00", NULL);
  if (cash_moved (e) != 0 && !e->vat_keys[5])
    emit (e, POS_DSFINVK_VAT, "5", "0,00", ust_names[5], NULL);
}

/* Training ------------------------------------------------------------------ */

/* Training sales (pos-training.h) are "other transactions": a receipt head
 * of type AVTraining and the process data kept for the TSE, outside every
 * sum of the closing. */
static gboolean
emit_training (Export *e, GError **error)
{
  static const char sql[]
      = "SELECT f.receipt_id, f.issued_at, f.fiscal_data, f.device_failed, "
        "json_extract (j.payload, '$.training_number'), json_extract (j.payload, '$.cashier'), "
        "json_extract (j.payload, '$.total') FROM fiscal_receipt f JOIN journal j ON j.till_id = f.till_id "
        "AND j.type = 'training.sale' AND json_extract (j.payload, '$.receipt_no') = f.receipt_id "
        "WHERE f.till_id = ?1 AND f.profile = 'DE-KassenSichV' AND f.kind = 'training' AND " IN_WINDOW (
            "f.issued_at") " ORDER BY f.id";
  g_autoptr (PosStmt) stmt = prepare_window (e, sql, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      g_autofree char *when = g_strdup (local_time (e, (const char *)sqlite3_column_text (stmt, 1)));

      emit (e, POS_DSFINVK_TRANSACTIONS, id, integer (e, sqlite3_column_int64 (stmt, 4)), "AVTraining", "",
            "", "0", when, when, "", (const char *)sqlite3_column_text (stmt, 5),
            money (e, sqlite3_column_int64 (stmt, 6)), "", "", "", "", "", "", "", "", "", NULL);
      emit (e, POS_DSFINVK_TRANSACTIONS_TSE, id, "", "", "", "", POS_KASSENSICHV_PROCESS_TYPE, "", "",
            sqlite3_column_int (stmt, 3) ? "Keine TSE in Betrieb" : "",
            (const char *)sqlite3_column_text (stmt, 2), NULL);
    }
  return stmt != NULL && rc == SQLITE_DONE;
}

/* The closings -------------------------------------------------------------- */

static gboolean
emit_closing (Export *e, PosStmt *z, GError **error)
{
  gint64 paid = 0, cash = 0;

  export_clear_closing (e);
  e->number = sqlite3_column_int64 (z, 0);
  e->day = pos_stmt_dup_text (z, 1);
  e->created = g_strdup (local_time (e, (const char *)sqlite3_column_text (z, 2)));
  e->after = sqlite3_column_int64 (z, 3);
  e->upto = sqlite3_column_int64 (z, 4);
  e->closed_at = pos_stmt_dup_text (z, 2);
  e->prev_closed_at
      = g_strdup (sqlite3_column_type (z, 5) == SQLITE_NULL ? "" : (const char *)sqlite3_column_text (z, 5));
  e->summary.closings++;
  if (!emit_sales (e, error) || !emit_cash_cases (e, error) || !emit_training (e, error)
      || !emit_vat_sums (e, error) || !emit_payment_sums (e, &paid, &cash, error))
    return FALSE;
  emit_cash_case_sums (e);
  emit_master (e, paid, cash);
  return TRUE;
}

static gboolean
emit_closings (Export *e, const char *from_day, const char *to_day, GError **error)
{
  static const char sql[]
      = "SELECT z.number, z.business_day, z.closed_at, r.after, r.upto, p.closed_at "
        "FROM z_report z JOIN z_period_range r ON r.till_id = z.till_id AND r.number = z.number "
        "LEFT JOIN z_report p ON p.till_id = z.till_id AND p.number = z.number - 1 "
        "WHERE z.till_id = ?1 AND z.business_day BETWEEN ?2 AND ?3 ORDER BY z.number";
  g_autoptr (PosStmt) stmt = pos_store_prepare (e->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, e->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, from_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to_day, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    if (!emit_closing (e, stmt, error))
      return FALSE;
  if (rc != SQLITE_DONE)
    return FALSE;
  if (e->summary.closings == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Till %s has no Z report from %s to %s"),
                        e->till_id, from_day, to_day),
           FALSE;
  return TRUE;
}

/* The export ---------------------------------------------------------------- */

static gboolean
check_day (const char *day, GError **error)
{
  g_autofree char *midnight = g_strdup_printf ("%sT00:00:00Z", day != NULL ? day : "");
  g_autoptr (GDateTime) parsed = NULL;

  if (day != NULL && strlen (day) == 10 && (parsed = g_date_time_new_from_iso8601 (midnight, NULL)) != NULL)
    {
      g_autofree char *again = g_date_time_format (parsed, "%Y-%m-%d");

      if (g_str_equal (again, day))
        return TRUE;
    }
  return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a day (YYYY-MM-DD)"),
                      day != NULL ? day : ""),
         FALSE;
}

static gboolean
check_range (const char *from_day, const char *to_day, GError **error)
{
  if (!check_day (from_day, error) || !check_day (to_day, error))
    return FALSE;
  if (strcmp (from_day, to_day) > 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The range ends (%s) before it starts (%s)"),
                        to_day, from_day),
           FALSE;
  return TRUE;
}

static void
collect_files (Export *e, const char *from_day, const char *to_day, GPtrArray *names, GPtrArray *texts)
{
  g_autofree char *comment = g_strdup_printf ("DSFinV-K %s, Kasse %s, %s – %s", POS_DSFINVK_TAXONOMY_VERSION,
                                              e->till_id, from_day, to_day);
  g_autofree char *town = g_strstrip (g_strjoin (" ", e->shop.postcode, e->shop.city, NULL));
  g_autofree char *location = g_strjoin (*e->shop.street && *town ? ", " : "", e->shop.street, town, NULL);

  g_ptr_array_add (names, g_strdup ("index.xml"));
  g_ptr_array_add (texts, pos_dsfinvk_index_xml (e->shop.name, location, comment));
  g_ptr_array_add (names, g_strdup (POS_DSFINVK_DTD_FILE));
  g_ptr_array_add (texts, g_strdup (pos_dsfinvk_dtd ()));
  for (guint i = 0; i < POS_DSFINVK_N_TABLES; i++)
    {
      g_ptr_array_add (names, g_strdup (pos_dsfinvk_table (i)->file));
      g_ptr_array_add (texts, g_string_free (g_steal_pointer (&e->csv[i]), FALSE));
    }
}

/* "fiscal.export": the range, the closings and each file's SHA-256, so
 * the journal proves later what was handed over. */
static JsonObject *
export_event (Export *e, const char *from_day, const char *to_day, GPtrArray *names, GPtrArray *texts)
{
  JsonObject *payload = json_object_new ();
  JsonObject *files = json_object_new ();

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sum
          = g_compute_checksum_for_string (G_CHECKSUM_SHA256, g_ptr_array_index (texts, i), -1);

      json_object_set_string_member (files, g_ptr_array_index (names, i), sum);
    }
  json_object_set_string_member (payload, "format", "DSFinV-K");
  json_object_set_string_member (payload, "from", from_day);
  json_object_set_string_member (payload, "to", to_day);
  json_object_set_int_member (payload, "closings", e->summary.closings);
  json_object_set_int_member (payload, "receipts", e->summary.receipts);
  json_object_set_object_member (payload, "files", files);
  return payload;
}

/* Records the export and moves its files in place in one transaction: the
 * journal never names an export that is not there, nor the reverse. */
static gboolean
publish (PosStore *store, JsonObject *payload, const char *staged, const char *dir, GError **error)
{
  g_autoptr (PosJournalEvent) event = NULL;

  if (!pos_store_begin (store, error))
    return FALSE;
  if ((event = pos_journal_append_object (store, "fiscal.export", payload, error)) == NULL
      || !pos_dsfinvk_dir_commit (staged, dir, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

static gboolean
write_export (Export *e, const char *from_day, const char *to_day, const char *dir, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) payload = NULL;
  g_autofree char *staged = NULL;

  collect_files (e, from_day, to_day, names, texts);
  payload = export_event (e, from_day, to_day, names, texts);
  if (!pos_journal_ensure_key (e->store, error)
      || (staged = pos_dsfinvk_dir_stage (dir, names, texts, error)) == NULL)
    return FALSE;
  if (publish (e->store, payload, staged, dir, error))
    return TRUE;
  /* Whichever folder holds the files now: the staged one, or @dir when
   * only the commit failed. */
  pos_dsfinvk_dir_remove (g_file_test (staged, G_FILE_TEST_IS_DIR) ? staged : dir, names);
  return FALSE;
}

gboolean
pos_dsfinvk_export (PosStore *store, const char *from_day, const char *to_day, const char *dir,
                    PosDsfinvkSummary *summary, GError **error)
{
  g_auto (Export) e = { 0 };
  g_autofree char *target = NULL;

  g_return_val_if_fail (store != NULL && dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* "out/" must name the folder out, not a place inside it */
  target = g_canonicalize_filename (dir, NULL);
  if (!check_range (from_day, to_day, error) || !pos_dsfinvk_dir_check (target, error))
    return FALSE;
  e.store = store;
  e.till_id = pos_journal_till_id (store);
  e.scratch = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < POS_DSFINVK_N_TABLES; i++)
    e.csv[i] = pos_dsfinvk_csv_new (i);
  load_shop (&e);
  if (!emit_closings (&e, from_day, to_day, error) || !write_export (&e, from_day, to_day, target, error))
    return FALSE;
  if (summary != NULL)
    *summary = e.summary;
  return TRUE;
}
