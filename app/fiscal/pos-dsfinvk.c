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
#include "pos-dsfinvk-layaway.h"
#include "pos-dsfinvk-tables.h"
#include "pos-error.h"
#include "pos-journal.h"
#include "pos-kassensichv.h"
#include "pos-shop.h"
#include "pos-store-private.h"
#include "pos-version.h"
#include "pos-voucher-tax.h"
#include "pos-voucher.h"

/* The DSFinV-K's VAT keys (UST_SCHLUESSEL, Anlage 2): 1 to 4 the rates a
 * German till sells at; 5 what is not taxable at all (a multi-purpose
 * voucher sold, cash that is no sale, a claim arising or settled); 6 a
 * sale exempt from VAT, which is what a 0 % rate of goods is. 7
 * (UmsatzsteuerNichtErmittelbar) is for tills that cannot tell the VAT
 * when a claim is settled; this one always knows it. */
enum
{
  KEY_NOT_TAXABLE = 5,
  KEY_EXEMPT = 6,
  N_KEYS = 8
};

static const struct
{
  gint64 rate_bp;
  const char *name;
} ust_keys[N_KEYS] = {
  { 0, NULL },
  { 1900, "Regelsteuersatz" },
  { 700, "Ermäßigter Steuersatz" },
  { 1070, "Durchschnittsatz (§ 24 Abs. 1 Nr. 3 UStG) übrige Fälle" },
  { 550, "Durchschnittsatz (§ 24 Abs. 1 Nr. 1 UStG)" },
  { 0, "Nicht Steuerbar" },
  { 0, "Umsatzsteuerfrei" },
  { 0, "UmsatzsteuerNichtErmittelbar" },
};

/* The tax code of a multi-purpose voucher's sale line (pos-voucher.c). */
#define MPV_TAX_CODE "MPV"

/* The key of goods sold at @rate_bp under @tax_code; 0 for none. */
static guint
vat_key (const char *tax_code, gint64 rate_bp)
{
  if (g_strcmp0 (tax_code, MPV_TAX_CODE) == 0)
    return KEY_NOT_TAXABLE;
  if (rate_bp == 0)
    return KEY_EXEMPT;
  for (guint key = 1; key < KEY_NOT_TAXABLE; key++)
    if (ust_keys[key].rate_bp == rate_bp)
      return key;
  return 0;
}

/* The business cases (GV_TYP, Anhang C) this till has, in the order
 * businesscases.csv lists them. */
typedef enum
{
  GV_UMSATZ,
  GV_SPV_SOLD,
  GV_SPV_REDEEMED,
  GV_MPV_SOLD,
  GV_MPV_REDEEMED,
  GV_CLAIM_ARISES,
  GV_CLAIM_SETTLED,
  GV_ADVANCE_RECEIVED,
  GV_ADVANCE_SETTLED,
  GV_OPENING_FLOAT,
  GV_PAID_IN,
  GV_PAID_OUT,
  GV_CASH_TRANSIT,
  GV_CASH_DIFFERENCE,
  N_GV
} Gv;

static const char *const gv_types[N_GV] = {
  "Umsatz",
  "EinzweckgutscheinKauf",
  "EinzweckgutscheinEinloesung",
  "MehrzweckgutscheinKauf",
  "MehrzweckgutscheinEinloesung",
  "Forderungsentstehung",
  "Forderungsaufloesung",
  "Anzahlungseinstellung",
  "Anzahlungsaufloesung",
  "Anfangsbestand",
  "Einzahlung",
  "Auszahlung",
  "Geldtransit",
  "DifferenzSollIst",
};

/* The payment types (ZAHLART_TYP, Anhang D) the till's tenders are, with
 * their names (ZAHLART_NAME). The till does not know whether a card was a
 * debit or a credit card, so cards are "Unbar", the type the
 * specification has for that. Vouchers and sales on account are no
 * payment: they are business cases of the receipt (gv_types), and a
 * receipt they pay in full is paid with "Keine". */
typedef enum
{
  PAY_CASH,
  PAY_CARD,
  PAY_POINTS,
  PAY_NONE,
  N_PAY
} Pay;

static const struct
{
  const char *method, *type, *name;
} zahlarten[N_PAY] = {
  { "cash", "Bar", "Bargeld" },
  { "card", "Unbar", "Karte" },
  { "points", "Unbar", "Treuepunkte" },
  { NULL, "Keine", "Keine Zahlung" },
};

/* A sum of one business case at one VAT key. */
typedef struct
{
  Gv gv;
  guint key;
  gint64 gross, net, tax;
} Case;

static void
add_case (GArray *cases, Gv gv, guint key, gint64 gross, gint64 net, gint64 tax)
{
  Case c = { gv, key, gross, net, tax };

  for (guint i = 0; i < cases->len; i++)
    {
      Case *known = &g_array_index (cases, Case, i);

      if (known->gv == gv && known->key == key)
        {
          known->gross += gross;
          known->net += net;
          known->tax += tax;
          return;
        }
    }
  g_array_append_val (cases, c);
}

static gint
case_order (gconstpointer a, gconstpointer b)
{
  const Case *x = a, *y = b;

  if (x->gv != y->gv)
    return x->gv < y->gv ? -1 : 1;
  return x->key < y->key ? -1 : x->key > y->key;
}

static Gv
gv_of (const char *type)
{
  guint gv = 0;

  while (gv < N_GV - 1 && g_strcmp0 (gv_types[gv], type) != 0)
    gv++;
  g_assert (g_strcmp0 (gv_types[gv], type) == 0);
  return gv;
}

/* The payment type of a tender; PAY_NONE for one that is no payment. */
static Pay
pay_of (const char *method)
{
  guint pay = 0;

  while (pay < PAY_NONE && g_strcmp0 (zahlarten[pay].method, method) != 0)
    pay++;
  return pay;
}

/* The sales a Z covers: this till's, after < id ≤ upto; read as that id
 * range (+: not every sale of the till by its receipt-number index). */
#define IN_CLOSING "+s.till_id = ?1 AND s.id > ?2 AND s.id <= ?3"

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
  GArray *cases;                    /* of Case: the closing's business cases */
  gint64 paid[N_PAY];               /* the closing's payments by type */
  gboolean paid_used[N_PAY];
  GArray *bon; /* of Case: the business cases of the receipt being built */
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
  if (e->cases != NULL)
    g_array_set_size (e->cases, 0);
  memset (e->paid, 0, sizeof e->paid);
  memset (e->paid_used, 0, sizeof e->paid_used);
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
  g_clear_pointer (&e->cases, g_array_unref);
  g_clear_pointer (&e->bon, g_array_unref);
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

/* The closing's business cases and the VAT keys they use. */
static void
emit_closing_cases (Export *e)
{
  gboolean used[N_KEYS] = { FALSE };

  g_array_sort (e->cases, case_order);
  for (guint i = 0; i < e->cases->len; i++)
    {
      const Case *c = &g_array_index (e->cases, Case, i);

      emit (e, POS_DSFINVK_BUSINESSCASES, gv_types[c->gv], "", "", integer (e, c->key), money (e, c->gross),
            money (e, c->net), money (e, c->tax), NULL);
      used[c->key] = TRUE;
    }
  for (guint key = 1; key < N_KEYS; key++)
    if (used[key])
      emit (e, POS_DSFINVK_VAT, integer (e, key), money (e, ust_keys[key].rate_bp), ust_keys[key].name, NULL);
}

/* Payments by type, as the receipts (sales and cash cases) paid them. */
static void
emit_closing_payments (Export *e, gint64 *paid, gint64 *cash)
{
  *paid = *cash = 0;
  for (guint i = 0; i < N_PAY; i++)
    if (e->paid_used[i])
      {
        *paid += e->paid[i];
        emit (e, POS_DSFINVK_PAYMENT, zahlarten[i].type, zahlarten[i].name, money (e, e->paid[i]), NULL);
      }
  *cash = e->paid[PAY_CASH];
  emit (e, POS_DSFINVK_CASH_PER_CURRENCY, e->currency, money (e, *cash), NULL);
}

/* Single records ------------------------------------------------------------ */

typedef struct
{
  gint64 id;
  const char *receipt_no;
  const char *created; /* local */
  gint64 next_line;    /* the number of a line the receipt adds to its own */
  gint64 paid[N_PAY];
  gboolean paid_used[N_PAY];
} Sale;

static PosStmt *
prepare_sale (Export *e, const char *sql, const Sale *sale, GError **error)
{
  PosStmt *stmt = pos_store_prepare (e->store, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, sale->id);
  return stmt;
}

/* A payment of @amount of type @pay on receipt @bon_id. */
static void
emit_payment (Export *e, const char *bon_id, Pay pay, gint64 amount)
{
  emit (e, POS_DSFINVK_DATAPAYMENT, bon_id, zahlarten[pay].type, zahlarten[pay].name, "", "",
        money (e, amount), NULL);
  e->paid[pay] += amount;
  e->paid_used[pay] = TRUE;
}

/* A line the receipt has for a business case that is no goods: a voucher
 * redeemed, a sale on account, cash that is no sale. Its amount is what
 * it adds to the receipt's total. */
typedef struct
{
  const char *bon_id;
  gint64 line_no;
  Gv gv;
  guint key;
  const char *voucher; /* GUTSCHEIN_NR, or "" */
  const char *text;
  gint64 gross, tax;
} CaseLine;

static void
emit_case_line (Export *e, const CaseLine *l)
{
  g_autofree char *line_no = g_strdup_printf ("%" G_GINT64_FORMAT, l->line_no);

  emit (e, POS_DSFINVK_LINES, l->bon_id, line_no, l->voucher, l->text, "", gv_types[l->gv], "", "0", "0", "",
        "", "", "", "", "1,000", "", "Stück", money (e, l->gross), NULL);
  emit (e, POS_DSFINVK_LINES_VAT, l->bon_id, line_no, integer (e, l->key), money (e, l->gross),
        money (e, l->gross - l->tax), money (e, l->tax), NULL);
}

/* The receipt's VAT by key: the sum of its business cases. */
static void
emit_sale_vat (Export *e, const Sale *sale)
{
  for (guint key = 1; key < N_KEYS; key++)
    {
      gint64 gross = 0, net = 0, tax = 0;
      gboolean used = FALSE;

      for (guint i = 0; i < e->bon->len; i++)
        {
          const Case *c = &g_array_index (e->bon, Case, i);

          if (c->key != key)
            continue;
          gross += c->gross, net += c->net, tax += c->tax;
          used = TRUE;
        }
      if (used)
        emit (e, POS_DSFINVK_TRANSACTIONS_VAT, sale->receipt_no, integer (e, key), money (e, gross),
              money (e, net), money (e, tax), NULL);
    }
}

/* The receipt's turnover by VAT rate as the sale recorded it: goods
 * ("Umsatz") and multi-purpose vouchers sold. The part single-purpose
 * vouchers paid the sale moved to a bucket of its own
 * (pos-voucher-tax.h); its goods come back as "Umsatz" with the vouchers'
 * redemption (sale_voucher), so that bucket is left out here. */
static gboolean
sale_cases (Export *e, const Sale *sale, GError **error)
{
  static const char sql[] = "SELECT tax_code, tax_rate_bp, gross, net, tax FROM sale_tax WHERE sale_id = ?1 "
                            "AND tax_code <> '" POS_VOUCHER_SPV_TAX_CODE "' ORDER BY tax_code";
  g_autoptr (PosStmt) stmt = prepare_sale (e, sql, sale, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      const char *code = (const char *)sqlite3_column_text (stmt, 0);
      guint key = vat_key (code, sqlite3_column_int64 (stmt, 1));

      if (key == 0)
        return no_vat_key (error, sqlite3_column_int64 (stmt, 1));
      add_case (e->bon, key == KEY_NOT_TAXABLE ? GV_MPV_SOLD : GV_UMSATZ, key, sqlite3_column_int64 (stmt, 2),
                sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4));
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

/* A line of goods, or of a voucher sold (its code the line's voucher
 * number): a single-purpose one carries its VAT, so it moves from
 * "Umsatz" to a business case of its own. */
static void
emit_line (Export *e, Sale *sale, PosStmt *stmt, guint key)
{
  const char *line_no = integer (e, sqlite3_column_int64 (stmt, 0));
  const char *unit = (const char *)sqlite3_column_text (stmt, 3);
  const char *sku = (const char *)sqlite3_column_text (stmt, 1);
  gboolean voucher = sqlite3_column_int (stmt, 11);
  gint64 gross = sqlite3_column_int64 (stmt, 7), tax = sqlite3_column_int64 (stmt, 8);
  g_autofree char *pos_line = g_strdup (line_no);
  Gv gv = !voucher ? GV_UMSATZ : key == KEY_NOT_TAXABLE ? GV_MPV_SOLD : GV_SPV_SOLD;

  if (gv == GV_SPV_SOLD)
    {
      add_case (e->bon, GV_UMSATZ, key, -gross, -(gross - tax), -tax);
      add_case (e->bon, GV_SPV_SOLD, key, gross, gross - tax, tax);
    }
  sale->next_line = MAX (sale->next_line, sqlite3_column_int64 (stmt, 0) + 1);
  emit (e, POS_DSFINVK_LINES, sale->receipt_no, line_no, voucher ? sku : "",
        (const char *)sqlite3_column_text (stmt, 2), "", gv_types[gv], "", "0", "0", "", voucher ? "" : sku,
        "", "", "", decimal (e, sqlite3_column_int64 (stmt, 4), 3), "",
        g_str_equal (unit, "kg") ? "kg" : "Stück", money (e, unit_gross (e, stmt)), NULL);
  emit (e, POS_DSFINVK_LINES_VAT, sale->receipt_no, pos_line, integer (e, key), money (e, gross),
        money (e, gross - tax), money (e, tax), NULL);
}

static gboolean
emit_sale_lines (Export *e, Sale *sale, GError **error)
{
  static const char sql[]
      = "SELECT line_no, sku, name, unit, qty, unit_price, tax_rate_bp, line_total, "
        "tax_amount, discount, tax_code, "
        "product_id IS NULL AND catalog_version = " G_STRINGIFY (
            POS_VOUCHER_LINE_VERSION) " FROM sale_line WHERE sale_id = ?1 ORDER BY line_no";
  g_autoptr (PosStmt) stmt = prepare_sale (e, sql, sale, error);
  int rc;

  sale->next_line = 1;
  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      guint key = vat_key ((const char *)sqlite3_column_text (stmt, 10), sqlite3_column_int64 (stmt, 6));

      if (key == 0)
        return no_vat_key (error, sqlite3_column_int64 (stmt, 6));
      emit_line (e, sale, stmt, key);
    }
  return stmt != NULL && rc == SQLITE_DONE;
}

/* A voucher that paid @amount of the sale (a negative amount: store
 * credit a refund issued). A multi-purpose voucher's or store credit's
 * redemption is not taxable; a single-purpose voucher's carries the VAT
 * its sale charged, and the goods it paid for are "Umsatz" in full. */
static gboolean
sale_voucher (Export *e, Sale *sale, PosStmt *stmt, gint64 amount, GError **error)
{
  const char *code = (const char *)sqlite3_column_text (stmt, 2);
  gboolean spv = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 3), "spv") == 0;
  gint64 rate = sqlite3_column_int64 (stmt, 4);
  g_autofree char *text = g_strdup_printf ("Gutschein %s", code != NULL ? code : "");
  CaseLine l = { sale->receipt_no,
                 sale->next_line++,
                 amount > 0 ? GV_MPV_REDEEMED : GV_MPV_SOLD,
                 KEY_NOT_TAXABLE,
                 code != NULL ? code : "",
                 text,
                 -amount,
                 0 };

  if (spv)
    {
      gint64 tax = 0;

      l.gv = GV_SPV_REDEEMED;
      l.key = vat_key (NULL, rate);
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL || l.key == 0)
        return no_vat_key (error, rate);
      /* the rounding pos-voucher-tax.c took the VAT out with */
      if (!pos_amount_mul_div (amount, rate, 10000 + rate, &tax, error))
        return FALSE;
      l.tax = -tax;
      add_case (e->bon, GV_UMSATZ, l.key, amount, amount - tax, tax);
    }
  add_case (e->bon, l.gv, l.key, l.gross, l.gross - l.tax, l.tax);
  emit_case_line (e, &l);
  return TRUE;
}

/* A tender that is a business case of the receipt, not a payment: what
 * the sale put on the customer's account (a claim arises). */
static void
sale_tender_case (Export *e, Sale *sale, Gv gv, gint64 amount)
{
  CaseLine l
      = { sale->receipt_no, sale->next_line++, gv, KEY_NOT_TAXABLE, "", "Forderung Kundenkonto", -amount, 0 };

  add_case (e->bon, l.gv, l.key, l.gross, l.gross, 0);
  emit_case_line (e, &l);
}

/* Advance payments towards layaways ------------------------------------------ */

/* The VAT key of a reserved line, as pos-dsfinvk-layaway.h asks for it. */
static gboolean
layaway_key (const char *tax_code, gint64 rate_bp, guint *slot, GError **error)
{
  *slot = vat_key (tax_code, rate_bp);
  return *slot != 0 || no_vat_key (error, rate_bp);
}

/* The reserved goods of layaway @number by VAT key. */
static gboolean
layaway_goods (Export *e, const char *number, PosDsfinvkVatPart goods[N_KEYS], GError **error)
{
  for (guint key = 0; key < N_KEYS; key++)
    goods[key].rate_bp = ust_keys[key].rate_bp;
  return pos_dsfinvk_layaway_goods (e->store, number, e->tax_mode, layaway_key, goods, N_KEYS, error);
}

/* What the payments towards layaway @number put in as advance payments, by VAT key. */
static gboolean
layaway_booked (Export *e, const char *number, PosDsfinvkVatPart booked[N_KEYS], GError **error)
{
  for (guint key = 0; key < N_KEYS; key++)
    booked[key].rate_bp = ust_keys[key].rate_bp;
  return pos_dsfinvk_layaway_booked (e->store, number, e->tax_mode, layaway_key, booked, N_KEYS, error);
}

/* A line of business case @gv per VAT key @parts has, each @sign times the part. */
static void
emit_advance_lines (Export *e, const char *bon_id, gint64 *line_no, Gv gv, const char *text,
                    const PosDsfinvkVatPart parts[N_KEYS], int sign)
{
  for (guint key = 1; key < N_KEYS; key++)
    {
      CaseLine l = { bon_id, 0, gv, key, "", text, sign * parts[key].gross, sign * parts[key].tax };

      if (parts[key].gross == 0 && parts[key].tax == 0)
        continue;
      l.line_no = (*line_no)++;
      add_case (e->bon, gv, key, l.gross, l.gross - l.tax, l.tax);
      emit_case_line (e, &l);
    }
}

/* Collecting a layaway sells its goods ("Umsatz") paid by what was paid
 * towards them (the "layaway" tender): the advance payments are released
 * ("Anzahlungsaufloesung") at the VAT they were put in with. */
static gboolean
sale_advance_release (Export *e, Sale *sale, const char *number, gint64 amount, GError **error)
{
  g_autofree char *text = g_strdup_printf ("Anzahlung Reservierung %s", number != NULL ? number : "");
  PosDsfinvkVatPart booked[N_KEYS];
  PosAmount gross = 0;

  if (!layaway_booked (e, number, booked, error))
    return FALSE;
  for (guint key = 0; key < N_KEYS; key++)
    gross += booked[key].gross;
  if (gross != amount)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("Receipt %s applies other payments than were made towards layaway %s"),
                        sale->receipt_no, number != NULL ? number : ""),
           FALSE;
  emit_advance_lines (e, sale->receipt_no, &sale->next_line, GV_ADVANCE_SETTLED, text, booked, -1);
  return TRUE;
}

/* The sale's tenders: payments by type, vouchers and sales on account as
 * lines of their business cases. */
static gboolean
sale_tenders (Export *e, Sale *sale, GError **error)
{
  static const char sql[]
      = "SELECT p.method, p.amount, p.reference, v.kind, coalesce ("
        "(SELECT t.tax_rate_bp FROM sale_tax t WHERE t.sale_id = p.sale_id AND t.tax_code = v.tax_code), "
        "(SELECT r.rate_bp FROM tax_rate r WHERE r.code = v.tax_code ORDER BY r.active DESC, r.id DESC LIMIT "
        "1)) "
        "FROM payment p LEFT JOIN voucher v ON p.method = 'voucher' AND v.code = p.reference "
        "WHERE p.sale_id = ?1 ORDER BY p.id";
  g_autoptr (PosStmt) stmt = prepare_sale (e, sql, sale, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      const char *method = (const char *)sqlite3_column_text (stmt, 0);
      gint64 amount = sqlite3_column_int64 (stmt, 1);
      guint pay = 0;

      if (g_str_equal (method, "voucher"))
        {
          if (!sale_voucher (e, sale, stmt, amount, error))
            return FALSE;
          continue;
        }
      if (g_str_equal (method, "account"))
        {
          sale_tender_case (e, sale, GV_CLAIM_ARISES, amount);
          continue;
        }
      if (g_str_equal (method, "layaway"))
        {
          if (!sale_advance_release (e, sale, (const char *)sqlite3_column_text (stmt, 2), amount, error))
            return FALSE;
          continue;
        }
      if ((pay = pay_of (method)) == PAY_NONE)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("Receipt %s was paid by “%s”, which has no DSFinV-K payment type"),
                            sale->receipt_no, method),
               FALSE;
      sale->paid[pay] += amount;
      sale->paid_used[pay] = TRUE;
    }
  return stmt != NULL && rc == SQLITE_DONE;
}

/* The receipt's payments by type; "Keine" when nothing was paid. */
static void
emit_sale_payments (Export *e, const Sale *sale)
{
  gboolean any = FALSE;

  for (guint i = 0; i < PAY_NONE; i++)
    if (sale->paid_used[i])
      {
        emit_payment (e, sale->receipt_no, i, sale->paid[i]);
        any = TRUE;
      }
  if (!any)
    emit_payment (e, sale->receipt_no, PAY_NONE, 0);
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

/* The process data kept for the TSE of a receipt that is no sale (a
 * payment towards a layaway or into an account; pos-kassensichv.h), by
 * its receipt id; nothing when none was kept (a move made before the
 * profile was DE-KassenSichV). */
static gboolean
emit_receipt_tse (Export *e, const char *bon_id, GError **error)
{
  static const char sql[] = "SELECT fiscal_data, device_failed FROM fiscal_receipt WHERE till_id = ?1 "
                            "AND receipt_id = ?2 AND profile = 'DE-KassenSichV' AND sale_id IS NULL";
  g_autoptr (PosStmt) stmt = pos_store_prepare (e->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, e->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bon_id, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    emit (e, POS_DSFINVK_TRANSACTIONS_TSE, bon_id, "", "", "", "", POS_KASSENSICHV_PROCESS_TYPE, "", "",
          sqlite3_column_int (stmt, 1) ? "Keine TSE in Betrieb" : "",
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

static gint64
bon_total (const Export *e)
{
  gint64 total = 0;

  for (guint i = 0; i < e->bon->len; i++)
    total += g_array_index (e->bon, Case, i).gross;
  return total;
}

/* The receipt head; its total is that of its lines, vouchers and sales on
 * account included. */
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
        money (e, bon_total (e)), "", "", "", "", "", "", "", "", "", NULL);
  return TRUE;
}

/* The receipt's business cases count into the closing's. */
static void
close_bon (Export *e)
{
  for (guint i = 0; i < e->bon->len; i++)
    {
      const Case *c = &g_array_index (e->bon, Case, i);

      add_case (e->cases, c->gv, c->key, c->gross, c->net, c->tax);
    }
}

static gboolean
emit_sale (Export *e, PosStmt *stmt, GError **error)
{
  g_autofree char *created = g_strdup (local_time (e, (const char *)sqlite3_column_text (stmt, 3)));
  Sale sale = { sqlite3_column_int64 (stmt, 0), (const char *)sqlite3_column_text (stmt, 1), created };
  gint64 refund_of = sqlite3_column_int64 (stmt, 8);

  g_ptr_array_set_size (e->scratch, 0);
  g_array_set_size (e->bon, 0);
  if (e->first_receipt == NULL)
    e->first_receipt = g_strdup (sale.receipt_no);
  g_free (e->last_receipt);
  e->last_receipt = g_strdup (sale.receipt_no);
  e->summary.receipts++;
  if (!sale_cases (e, &sale, error) || !emit_sale_lines (e, &sale, error) || !sale_tenders (e, &sale, error)
      || !emit_sale_head (e, &sale, stmt, error))
    return FALSE;
  emit_sale_vat (e, &sale);
  emit_sale_payments (e, &sale);
  close_bon (e);
  return emit_sale_tse (e, &sale, error)
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

/* Money that is no sale --------------------------------------------------- */

/* The drawer's cash besides sales, and money paid against customers'
 * accounts. Each is a receipt of its own with one line of VAT key 5 (not
 * taxable): the opening float (or the balance a shift carries over from
 * the previous closing), cash paid in and out, at a shift's close the
 * counted cash taken away and any difference between counted and
 * expected, and a payment or deposit against an account
 * (Forderungsaufloesung) in cash or by card. So the closing's cash is the
 * drawer's expected cash: opening float + cash takings + paid in − paid
 * out + cash paid against accounts. */
typedef struct
{
  Gv gv;
  Pay pay;
  const char *bon_id;
  gint64 number;
  const char *text;
  const char *when; /* UTC */
  const char *user_id;
  const char *user_name;
  gint64 amount; /* into the drawer, negative out of it */
} CashCase;

static void
emit_cash_case (Export *e, const CashCase *c)
{
  g_autofree char *when = g_strdup (local_time (e, c->when));
  CaseLine l = { c->bon_id, 1, c->gv, KEY_NOT_TAXABLE, "", c->text, c->amount, 0 };

  add_case (e->cases, c->gv, KEY_NOT_TAXABLE, c->amount, c->amount, 0);
  emit (e, POS_DSFINVK_TRANSACTIONS, c->bon_id, integer (e, c->number), "Beleg", "", "", "0", when, when,
        c->user_id, c->user_name, money (e, c->amount), "", "", "", "", "", "", "", "", "", NULL);
  emit (e, POS_DSFINVK_TRANSACTIONS_VAT, c->bon_id, "5", money (e, c->amount), money (e, c->amount), "0,00",
        NULL);
  emit_payment (e, c->bon_id, c->pay, c->amount);
  emit_case_line (e, &l);
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

/* One case per row of @sql: business case (GV_TYP), tender (cash, card),
 * receipt id, number, text, time, user id, user name, amount. */
static gboolean
emit_cash_rows (Export *e, const char *sql, GError **error)
{
  g_autoptr (PosStmt) stmt = prepare_window (e, sql, error);
  int rc;

  while (stmt != NULL && (rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *bon_id = pos_stmt_dup_text (stmt, 2);
      g_autofree char *text = pos_stmt_dup_text (stmt, 4);
      g_autofree char *when = pos_stmt_dup_text (stmt, 5);
      g_autofree char *user_id = pos_stmt_dup_text (stmt, 6);
      g_autofree char *user_name = pos_stmt_dup_text (stmt, 7);
      CashCase c = { gv_of ((const char *)sqlite3_column_text (stmt, 0)),
                     pay_of ((const char *)sqlite3_column_text (stmt, 1)),
                     bon_id,
                     sqlite3_column_int64 (stmt, 3),
                     text,
                     when,
                     user_id ? user_id : "",
                     user_name ? user_name : "",
                     sqlite3_column_int64 (stmt, 8) };

      if (c.amount != 0)
        emit_cash_case (e, &c);
      if (c.amount != 0 && !emit_receipt_tse (e, bon_id, error))
        return FALSE;
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
      = "SELECT 'Anfangsbestand', 'cash', ?1 || '-S' || json_extract (j.value, '$.shift_id') || '-Z' || ?4, "
        "json_extract (j.value, '$.shift_id'), 'Anfangsbestand', z.closed_at, '', '', "
        "json_extract (j.value, '$.expected_cash') FROM z_report z, json_each (z.body, '$.shifts') j "
        "WHERE z.till_id = ?1 AND z.number = ?4 - 1 ORDER BY j.key";
  static const char floats[]
      = "SELECT 'Anfangsbestand', 'cash', ?1 || '-S' || s.id, s.id, 'Anfangsbestand', s.opened_at, " CASH_USER
        ", s.opening_float FROM shift s LEFT JOIN user u ON u.id = s.user_id WHERE s.till_id = ?1 "
        "AND " IN_WINDOW ("s.opened_at") " ORDER BY s.id";
  static const char moves[]
      = "SELECT CASE c.kind WHEN 'paid_in' THEN 'Einzahlung' ELSE 'Auszahlung' END, 'cash', ?1 || '-C' || "
        "c.id, "
        "c.id, c.reason, c.created_at, " CASH_USER
        ", CASE c.kind WHEN 'paid_in' THEN c.amount ELSE -c.amount END FROM cash_move c "
        "JOIN shift s ON s.id = c.shift_id LEFT JOIN user u ON u.id = c.user_id WHERE s.till_id = ?1 AND "
        "c.kind IN ('paid_in', 'paid_out') AND " IN_WINDOW ("c.created_at") " ORDER BY c.id";
  static const char closes[]
      = "SELECT 'Geldtransit', 'cash', ?1 || '-S' || s.id || '-E', s.id, 'Kassenabschluss', "
        "s.closed_at, " CASH_USER
        ", -s.counted_cash FROM shift s LEFT JOIN user u ON u.id = s.closed_by WHERE s.till_id = ?1 "
        "AND " IN_WINDOW (
            "s.closed_at") " UNION ALL SELECT 'DifferenzSollIst', 'cash', ?1 || '-S' || s.id || '-D', s.id, "
                           "'Kassendifferenz', s.closed_at, " CASH_USER
                           ", s.counted_cash - s.expected_cash FROM shift s LEFT JOIN user u ON u.id = "
                           "s.closed_by "
                           "WHERE s.till_id = ?1 AND " IN_WINDOW ("s.closed_at") " ORDER BY 4, 1 DESC";
  /* a payment or deposit against an account: its amount is negative, what
   * the customer owes less */
  static const char accounts[]
      = "SELECT 'Forderungsaufloesung', m.method, ?1 || '-A' || m.id, m.id, "
        "'Zahlung auf Kundenkonto ' || ifnull (c.card_code, c.id), m.created_at, '', '', -m.amount "
        "FROM account_move m LEFT JOIN customer c ON c.id = m.customer_id WHERE m.till_id = ?1 AND "
        "m.kind IN ('payment', 'deposit') AND m.method IN ('cash', 'card') AND " IN_WINDOW (
            "m.created_at") " ORDER BY m.id";

  return emit_cash_rows (e, carried, error) && emit_cash_rows (e, floats, error)
         && emit_cash_rows (e, moves, error) && emit_cash_rows (e, closes, error)
         && emit_cash_rows (e, accounts, error);
}

/* Payments towards layaways -------------------------------------------------- */

/* Each payment towards a layaway taken at this till is a receipt of its
 * own (<till>-R<move>), like a payment against an account: an advance
 * payment ("Anzahlungseinstellung") at the VAT of the reserved goods, paid
 * Bar or Unbar. Its cash is in the drawer, so the closing's cash is the
 * Z's expected cash with the layaways' cash in it. Collecting the goods
 * releases the advance on the sale's receipt (sale_advance_release). */

/* Cancelling gives back @given (or nothing) and keeps the rest as a fee.
 * What is given back reverses its part of the advance (a negative
 * "Anzahlungseinstellung"). The fee is revenue: the shop keeps money paid
 * for goods the customer then forgoes, which German VAT treats as the
 * price of that supply rather than as damages (BFH V R 36/09: a payment
 * kept for a supply not taken is taxable), so it is "Umsatz" at the goods'
 * rates, and the part of the advance it uses is released
 * ("Anzahlungsaufloesung"), as collecting the goods would release it.
 * Anhang C has no business case of its own for a cancellation fee. */
static gboolean
layaway_cancel_lines (Export *e, const char *bon_id, const char *number, gint64 given, const char *text,
                      GError **error)
{
  PosDsfinvkVatPart booked[N_KEYS], kept[N_KEYS], back[N_KEYS];
  PosAmount paid = 0;
  gint64 line_no = 1;

  if (!layaway_booked (e, number, booked, error))
    return FALSE;
  for (guint key = 0; key < N_KEYS; key++)
    paid += booked[key].gross;
  /* the fee's share of each rate is split from what that rate holds, so
   * neither part of a rate outgrows it; all of it kept is all of it */
  if (given == 0)
    memcpy (kept, booked, sizeof kept);
  else if (!pos_dsfinvk_advance_split (paid - given, booked, N_KEYS, kept, error))
    return FALSE;
  for (guint key = 0; key < N_KEYS; key++)
    back[key] = (PosDsfinvkVatPart){ booked[key].rate_bp, booked[key].gross - kept[key].gross,
                                     booked[key].net - kept[key].net, booked[key].tax - kept[key].tax };
  emit_advance_lines (e, bon_id, &line_no, GV_ADVANCE_RECEIVED, text, back, -1);
  emit_advance_lines (e, bon_id, &line_no, GV_ADVANCE_SETTLED, text, kept, -1);
  emit_advance_lines (e, bon_id, &line_no, GV_UMSATZ, "Stornogebühr Reservierung", kept, 1);
  return TRUE;
}

/* A gift card or store credit that paid an advance: its redemption is the
 * receipt's other side ("MehrzweckgutscheinEinloesung", not taxable, its
 * code as GUTSCHEIN_NR), so the receipt adds up to nothing paid. A
 * single-purpose voucher already carried the VAT of the goods it is for;
 * set against an advance that carries it again, it has no business case
 * in Anhang C, so the export stops rather than count that VAT twice. */
static gboolean
layaway_voucher_line (Export *e, const PosDsfinvkLayawayMove *m, const char *bon_id, gint64 line_no,
                      GError **error)
{
  g_autofree char *text = g_strdup_printf ("Gutschein %s", m->reference != NULL ? m->reference : "");
  CaseLine l = {
    bon_id,     line_no, GV_MPV_REDEEMED, KEY_NOT_TAXABLE, m->reference != NULL ? m->reference : "", text,
    -m->amount, 0
  };

  if (g_strcmp0 (m->voucher_kind, "spv") == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("Layaway %s was paid with the single-purpose voucher %s, which the DSFinV-K "
                           "export cannot set against an advance payment"),
                        m->number, m->reference),
           FALSE;
  add_case (e->bon, l.gv, l.key, l.gross, l.gross, 0);
  emit_case_line (e, &l);
  return TRUE;
}

static gboolean
emit_layaway_move (Export *e, const PosDsfinvkLayawayMove *m, GError **error)
{
  g_autofree char *bon_id = g_strdup_printf ("%s-R%" G_GINT64_FORMAT, e->till_id, m->id);
  g_autofree char *text = g_strdup_printf ("Anzahlung Reservierung %s", m->number);
  g_autofree char *when = g_strdup (local_time (e, m->created_at));
  Sale sale = { m->id, bon_id, when };
  PosDsfinvkVatPart goods[N_KEYS], parts[N_KEYS];
  gint64 line_no = 1;

  g_ptr_array_set_size (e->scratch, 0);
  g_array_set_size (e->bon, 0);
  if (m->cancel)
    {
      if (!layaway_cancel_lines (e, bon_id, m->number, -m->amount, text, error))
        return FALSE;
    }
  else if (!layaway_goods (e, m->number, goods, error)
           || !pos_dsfinvk_advance_split (m->amount, goods, N_KEYS, parts, error))
    return FALSE;
  else
    emit_advance_lines (e, bon_id, &line_no, GV_ADVANCE_RECEIVED, text, parts, 1);
  if (g_strcmp0 (m->method, "voucher") == 0 && !layaway_voucher_line (e, m, bon_id, line_no, error))
    return FALSE;
  /* a layaway cancelled before anything was paid towards it moved no money */
  if (e->bon->len == 0 && m->amount == 0)
    return TRUE;
  emit (e, POS_DSFINVK_TRANSACTIONS, bon_id, integer (e, m->id), "Beleg", "", "", "0", when, when, "", "",
        money (e, bon_total (e)), "", "", "", "", "", "", "", "", "", NULL);
  emit_sale_vat (e, &sale);
  if (m->method == NULL || g_str_equal (m->method, "voucher"))
    emit_payment (e, bon_id, PAY_NONE, 0);
  else if (pay_of (m->method) != PAY_NONE)
    emit_payment (e, bon_id, pay_of (m->method), m->amount);
  else
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("Receipt %s was paid by “%s”, which has no DSFinV-K payment type"), bon_id,
                        m->method),
           FALSE;
  if (!emit_receipt_tse (e, bon_id, error))
    return FALSE;
  close_bon (e);
  return TRUE;
}

static gboolean
emit_layaway_moves (Export *e, GError **error)
{
  g_autoptr (GPtrArray) moves
      = pos_dsfinvk_layaway_moves (e->store, e->till_id, e->prev_closed_at, e->closed_at, error);

  if (moves == NULL)
    return FALSE;
  for (guint i = 0; i < moves->len; i++)
    if (!emit_layaway_move (e, g_ptr_array_index (moves, i), error))
      return FALSE;
  return TRUE;
}

/* Training ------------------------------------------------------------------ */

/* Training sales (pos-training.h) are "other transactions": a receipt head
 * of type AVTraining, its lines as the journal kept them and the process
 * data kept for the TSE, outside every sum of the closing. */

/* The lines of training receipt @id, in the columns emit_line reads. */
static gboolean
emit_training_lines (Export *e, const char *id, GError **error)
{
  static const char sql[]
      = "SELECT json_extract (l.value, '$.line_no'), json_extract (l.value, '$.sku'), "
        "json_extract (l.value, '$.name'), json_extract (l.value, '$.unit'), json_extract (l.value, "
        "'$.qty'), "
        "json_extract (l.value, '$.unit_price'), json_extract (l.value, '$.tax_rate_bp'), "
        "json_extract (l.value, '$.total'), json_extract (l.value, '$.tax'), "
        "json_extract (l.value, '$.discount'), json_extract (l.value, '$.tax_code'), 0 "
        "FROM journal j, json_each (j.payload, '$.lines') l WHERE j.till_id = ?1 AND j.type = "
        "'training.sale' "
        "AND json_extract (j.payload, '$.receipt_no') = ?2 ORDER BY l.key";
  g_autoptr (PosStmt) stmt = pos_store_prepare (e->store, sql, error);
  Sale sale = { 0, id, "" };
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, e->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  /* the lines' business cases go nowhere: training counts into no sum */
  g_array_set_size (e->bon, 0);
  while ((rc = pos_store_step_row (e->store, stmt, error)) == SQLITE_ROW)
    {
      guint key = vat_key ((const char *)sqlite3_column_text (stmt, 10), sqlite3_column_int64 (stmt, 6));

      if (key == 0)
        return no_vat_key (error, sqlite3_column_int64 (stmt, 6));
      emit_line (e, &sale, stmt, key);
    }
  g_array_set_size (e->bon, 0);
  return rc == SQLITE_DONE;
}

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
      g_autofree char *id = pos_stmt_dup_text (stmt, 0);
      g_autofree char *when = g_strdup (local_time (e, (const char *)sqlite3_column_text (stmt, 1)));

      emit (e, POS_DSFINVK_TRANSACTIONS, id, integer (e, sqlite3_column_int64 (stmt, 4)), "AVTraining", "",
            "", "0", when, when, "", (const char *)sqlite3_column_text (stmt, 5),
            money (e, sqlite3_column_int64 (stmt, 6)), "", "", "", "", "", "", "", "", "", NULL);
      emit (e, POS_DSFINVK_TRANSACTIONS_TSE, id, "", "", "", "", POS_KASSENSICHV_PROCESS_TYPE, "", "",
            sqlite3_column_int (stmt, 3) ? "Keine TSE in Betrieb" : "",
            (const char *)sqlite3_column_text (stmt, 2), NULL);
      if (!emit_training_lines (e, id, error))
        return FALSE;
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
  if (!emit_sales (e, error) || !emit_cash_cases (e, error) || !emit_layaway_moves (e, error)
      || !emit_training (e, error))
    return FALSE;
  emit_closing_cases (e);
  emit_closing_payments (e, &paid, &cash);
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
  e.cases = g_array_new (FALSE, FALSE, sizeof (Case));
  e.bon = g_array_new (FALSE, FALSE, sizeof (Case));
  for (guint i = 0; i < POS_DSFINVK_N_TABLES; i++)
    e.csv[i] = pos_dsfinvk_csv_new (i);
  load_shop (&e);
  if (!emit_closings (&e, from_day, to_day, error) || !write_export (&e, from_day, to_day, target, error))
    return FALSE;
  if (summary != NULL)
    *summary = e.summary;
  return TRUE;
}
