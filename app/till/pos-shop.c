/* pos-shop.c — the shop's pricing settings (see pos-shop.h). */
#include "pos-shop.h"

#include "pos-i18n.h"

#include "pos-audit.h"
#include "pos-format.h"
#include "pos-fiscal-profile.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-nf525-jet.h"
#include "pos-permission.h"
#include "pos-tax-rate.h"
#include "pos-store-private.h"

static const PosShopSetting settings[] = {
  { "shop_name", "Mainstreet shop", N_ ("The shop's name, printed at the top of receipts") },
  { "shop_address", "", N_ ("The shop's address, printed on receipts") },
  { "shop_tax_id", "", N_ ("The shop's tax or VAT number, printed on receipts") },
  { "till_id", "T1", N_ ("This till's id: receipt numbers are <till>-<n>") },
  { "currency", "EUR", N_ ("ISO 4217 currency code of all amounts") },
  { "locale", "",
    N_ ("How money, numbers and dates are written: de_DE, nl_NL, en_US... (empty: the currency's home)") },
  { "tax_mode", "inclusive", N_ ("Prices include tax (inclusive) or tax is added (exclusive)") },
  { "tax_rounding", "line", N_ ("Round tax per line or once per receipt and rate (receipt)") },
  { "cash_step", "", N_ ("Cash rounding step in minor units (empty: the currency's smallest coin)") },
  { "discount_limit_bp", "1000", N_ ("Discounts above this (basis points, 1000 = 10 %) need a supervisor") },
  { "shift_required", "1", N_ ("Cash is taken only while a shift is open at this till (1) or always (0)") },
  { "loyalty_points_per_unit", "1", N_ ("Loyalty points earned per whole currency unit paid") },
  { "loyalty_point_value", "1", N_ ("What one point is worth when redeemed, in minor units") },
  { "receipt_header", "", N_ ("Extra text at the top of receipts") },
  { "receipt_footer", "Thank you for shopping local!", N_ ("Text at the bottom of receipts") },
  { "printer", "", N_ ("Receipt printer URI (cups:QUEUE, usb:VID:PID, tcp:HOST[:PORT], file:PATH)") },
  { "printer_profile", "generic-80", N_ ("Printer profile (paper width, code pages, cutter)") },
  { "language", "", N_ ("Language of receipts and reports: de, fr, de_CH… (empty: the till's)") },
  { "barcode_layouts", "", N_ ("In-store variable-measure barcode layouts (empty: the defaults)") },
  { "monthly_fixed_costs", "0", N_ ("The shop's fixed costs a month (rent, wages, energy), minor units") },
  { "cash_on_hand", "0", N_ ("Cash the shop holds in reserve, minor units, for the owner's cash buffer") },
  { "voucher_offline_limit", "5000",
    N_ ("The most this till takes from one gift card before the hub has heard of it, minor units") },
  { "layaway_min_deposit_pct", "20",
    N_ ("The smallest deposit that opens a layaway, in percent of the goods") },
  { "layaway_days", "30", N_ ("Days a layaway runs before it is overdue") },
  { "voucher_valid_days", "1095", N_ ("Days a gift card or store credit pays from its sale (0: no end)") },
  { "fiscal_profile", "none",
    N_ ("Fiscal law the receipts follow: none, AT-RKSV, DE-KassenSichV or FR-NF525") },
  /* The accounting export's accounts (pos-accounting-export.h); SKR03's by default. */
  { "acct_cash", "1000", N_ ("Accounting export: the cash account the takings go to") },
  { "acct_card", "1360", N_ ("Accounting export: the account card payments go to (money in transit)") },
  { "acct_points", "8730", N_ ("Accounting export: the account of loyalty points redeemed") },
  { "acct_rounding", "4970", N_ ("Accounting export: the account of cash rounding") },
  { "acct_revenue", "",
    N_ ("Accounting export: revenue and tax account per tax code, as A=8400/1776,B=8300/1771 (empty: by "
        "rate)") },
  { "acct_voucher", "1700",
    N_ ("Accounting export: the account gift cards and vouchers are owed on (sold and spent)") },
  { "acct_account", "1400", N_ ("Accounting export: the account of what customers owe on account") },
  { "acct_account_adjust", "2400",
    N_ ("Accounting export: the account of what is written off customers' accounts") },
  { "acct_layaway", "",
    N_ ("Accounting export: the account of layaway deposits, one or per tax code as A=1718,B=1711 (empty: "
        "by rate)") },
  { "acct_layaway_fee", "2700", N_ ("Accounting export: the account of layaway deposits the shop keeps") },
  { "acct_cogs", "3200", N_ ("Accounting export: the account of the cost of goods sold") },
  { "acct_stock", "3980", N_ ("Accounting export: the stock account the goods sold leave") },
  { "datev_advisor", "", N_ ("DATEV advisor number (Beraternummer) for the booking batch") },
  { "datev_client", "", N_ ("DATEV client number (Mandantennummer) for the booking batch") },
  { NULL, NULL, NULL },
};

const PosShopSetting *
pos_shop_settings (void)
{
  return settings;
}

const PosShopSetting *
pos_shop_setting_find (const char *key)
{
  for (const PosShopSetting *s = settings; s->key != NULL; s++)
    if (g_strcmp0 (s->key, key) == 0)
      return s;
  return NULL;
}

/* Settings of one till and its devices: never taken from another till. */
static const char *const per_till_keys[]
    = { "till_id", "printer", "printer_profile", "voucher_offline_limit" };

gboolean
pos_shop_setting_is_shop_wide (const char *key)
{
  if (pos_shop_setting_find (key) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (per_till_keys); i++)
    if (g_str_equal (per_till_keys[i], key))
      return FALSE;
  return TRUE;
}

static char *
setting_or_default (PosStore *store, const char *key)
{
  char *value = pos_store_dup_setting (store, key);

  if (value == NULL || *value == '\0')
    {
      g_free (value);
      value = g_strdup (pos_shop_setting_find (key)->fallback);
    }
  return value;
}

const PosCurrency *
pos_shop_currency (PosStore *store)
{
  g_autofree char *code = setting_or_default (store, "currency");
  g_autofree char *locale = setting_or_default (store, "locale");
  const PosCurrency *currency = pos_currency_lookup (code);

  /* The currency travels with the shop's locale, so everything that
   * formats an amount writes it the shop's way. */
  return pos_currency_for_locale (currency ? currency : pos_currency_lookup ("EUR"), locale);
}

char *
pos_shop_language (PosStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);

  return setting_or_default (store, "language");
}

void
pos_shop_rules_load (PosStore *store, PosShopRules *rules)
{
  g_autofree char *mode = setting_or_default (store, "tax_mode");
  g_autofree char *rounding = setting_or_default (store, "tax_rounding");

  rules->currency = pos_shop_currency (store);
  if (!pos_tax_mode_parse (mode, &rules->tax_mode))
    rules->tax_mode = POS_TAX_INCLUSIVE;
  if (!pos_tax_rounding_parse (rounding, &rules->tax_rounding))
    rules->tax_rounding = POS_TAX_ROUND_LINE;
  rules->cash_step = pos_store_get_setting_int (store, "cash_step", rules->currency->cash_step);
  if (rules->cash_step <= 0)
    rules->cash_step = rules->currency->cash_step;
  rules->discount_limit_bp = pos_store_get_setting_int (store, "discount_limit_bp", 1000);
  rules->shift_required = pos_store_get_setting_int (store, "shift_required", 1) != 0;
  rules->till_id = setting_or_default (store, "till_id");
}

void
pos_shop_rules_clear (PosShopRules *rules)
{
  g_clear_pointer (&rules->till_id, g_free);
}

PosBarcodeLayouts *
pos_shop_barcode_layouts (PosStore *store)
{
  g_autofree char *text = pos_store_dup_setting (store, "barcode_layouts");
  PosBarcodeLayouts *layouts = NULL;

  if (text != NULL && *text != '\0')
    layouts = pos_barcode_layouts_parse (text, NULL);
  return layouts ? layouts : pos_barcode_layouts_new_default ();
}

char *
pos_shop_setting_get (PosStore *store, const char *key)
{
  const PosShopSetting *known = pos_shop_setting_find (key);
  char *value;

  if (known == NULL)
    return NULL;
  value = pos_store_dup_setting (store, key);
  return value != NULL ? value : g_strdup (known->fallback);
}

gboolean
pos_shop_setting_init (PosStore *store, const char *key, const char *value, GError **error)
{
  return pos_shop_setting_check (store, key, value, error)
         && pos_store_set_setting (store, key, value, error);
}

static gboolean
store_has_sales (PosStore *store)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM sale)", NULL);

  return stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 0;
}

/* Every amount in the store is in minor units of its currency, so a new
 * currency would relabel (and rescale) every past sale: once a sale exists
 * the currency is the store's for good. */
static gboolean
check_currency (PosStore *store, const char *value, GError **error)
{
  const PosCurrency *current = pos_shop_currency (store);

  if (pos_currency_lookup (value) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Unknown currency “%s”"), value), FALSE;
  if (g_ascii_strcasecmp (value, current->code) != 0 && store_has_sales (store))
    return g_set_error (
               error, POS_ERROR, POS_ERROR_STATE,
               _ ("The currency cannot change once sales are recorded: every amount in this store is in "
                  "%s. A shop that changes its currency starts a new store."),
               current->code),
           FALSE;
  return TRUE;
}

/* Settings that hold one account of the accounting export (empty: its
 * default). */
static gboolean
is_account_setting (const char *key)
{
  static const char *const keys[]
      = { "acct_cash",  "acct_card",    "acct_points",  "acct_rounding",       "acct_cogs",
          "acct_stock", "acct_voucher", "acct_account", "acct_account_adjust", "acct_layaway_fee" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i], key))
      return TRUE;
  return FALSE;
}

/* An account number as the export writes it: 4 to 8 digits (DATEV's
 * account lengths). */
static gboolean
check_account (const char *key, const char *value, GError **error)
{
  gsize n = strlen (value);
  gboolean digits = n >= 4 && n <= 8;

  for (gsize i = 0; digits && i < n; i++)
    digits = g_ascii_isdigit (value[i]);
  if (!digits)
    /* TRANSLATORS: the setting's key (acct_cash…), then the value refused */
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                 _ ("%s is an account number of 4 to 8 digits, not “%s”"), key, value);
  return digits;
}

/* Whether the shop has (or had: a retired rate's goods may still be held)
 * tax code @code. */
static gboolean
tax_code_exists (PosStore *store, const char *code)
{
  g_autoptr (GPtrArray) rates = pos_tax_rate_list (store, TRUE, NULL);

  for (guint i = 0; rates != NULL && i < rates->len; i++)
    if (g_str_equal (((PosTaxRate *)g_ptr_array_index (rates, i))->code, code))
      return TRUE;
  return FALSE;
}

/* acct_layaway: one account for every rate, or CODE=ACCOUNT pairs of the
 * shop's tax codes ("A=1718,B=1711"), as the export reads it. */
static gboolean
check_layaway_accounts (PosStore *store, const char *value, GError **error)
{
  g_auto (GStrv) entries = NULL;

  if (strchr (value, '=') == NULL)
    return check_account ("acct_layaway", value, error);
  entries = g_strsplit (value, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (g_strstrip (entries[i]), "=", 2);

      if (pair[1] == NULL || *g_strstrip (pair[0]) == '\0')
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("acct_layaway is one account or CODE=ACCOUNT pairs, as A=1718,B=1711")),
               FALSE;
      if (!tax_code_exists (store, pair[0]))
        /* TRANSLATORS: a tax code such as A; acct_layaway is a setting's key */
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("acct_layaway names tax code “%s”, which the shop does not have"), pair[0]),
               FALSE;
      if (!check_account ("acct_layaway", g_strstrip (pair[1]), error))
        return FALSE;
    }
  return TRUE;
}

/* Refuses a value the till could not work with, before it is stored. */
gboolean
pos_shop_setting_check (PosStore *store, const char *key, const char *value, GError **error)
{
  PosTaxMode mode;
  PosTaxRounding rounding;
  gint64 number;

  if (pos_shop_setting_find (key) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("There is no setting “%s”"), key), FALSE;
  if (g_str_equal (key, "currency") && !check_currency (store, value, error))
    return FALSE;
  if (g_str_equal (key, "locale") && *value != '\0' && !pos_locale_is_known (value))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("Unknown locale “%s”: write a language and country like de_DE, fr_FR or en_US"),
                        value),
           FALSE;
  if (g_str_equal (key, "language") && !pos_i18n_language_is_valid (value))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("“%s” is no language: give a code such as de, fr or de_CH"), value),
           FALSE;
  if (g_str_equal (key, "tax_mode") && !pos_tax_mode_parse (value, &mode))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("tax_mode is “inclusive” or “exclusive”")),
           FALSE;
  if (g_str_equal (key, "tax_rounding") && !pos_tax_rounding_parse (value, &rounding))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("tax_rounding is “line” or “receipt”")),
           FALSE;
  if (g_str_equal (key, "shift_required") && !g_str_equal (value, "0") && !g_str_equal (value, "1"))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("shift_required is 1 or 0")), FALSE;
  if (g_str_equal (key, "layaway_min_deposit_pct")
      && !g_ascii_string_to_signed (value, 10, 0, 100, &number, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s is a percent from 0 to 100"), key), FALSE;
  if (g_str_equal (key, "till_id") && !g_regex_match_simple ("^[A-Za-z0-9_]{1,16}$", value, 0, 0))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A till id is 1–16 letters, digits or _")),
           FALSE;
  if ((g_str_equal (key, "discount_limit_bp") || g_str_equal (key, "loyalty_points_per_unit")
       || g_str_equal (key, "loyalty_point_value") || g_str_equal (key, "voucher_offline_limit")
       || g_str_equal (key, "voucher_valid_days") || g_str_equal (key, "layaway_days")
       || (g_str_equal (key, "cash_step") && *value))
      && !g_ascii_string_to_signed (value, 10, 0, G_MAXINT32, &number, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s must be a whole number ≥ 0"), key), FALSE;
  if ((g_str_equal (key, "monthly_fixed_costs") || g_str_equal (key, "cash_on_hand"))
      && !g_ascii_string_to_signed (value, 10, 0, G_MAXINT64 / 1000, &number, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s must be a whole number ≥ 0"), key), FALSE;
  if (g_str_equal (key, POS_FISCAL_PROFILE_SETTING)
      && !pos_fiscal_profile_parse (value, &(PosFiscalProfile){ 0 }))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("fiscal_profile is none, AT-RKSV, DE-KassenSichV or FR-NF525")),
           FALSE;
  if (is_account_setting (key) && *value != '\0' && !check_account (key, value, error))
    return FALSE;
  if (g_str_equal (key, "acct_layaway") && *value != '\0' && !check_layaway_accounts (store, value, error))
    return FALSE;
  if (g_str_equal (key, "barcode_layouts") && *value)
    {
      PosBarcodeLayouts *layouts = pos_barcode_layouts_parse (value, error);
      if (layouts == NULL)
        return FALSE;
      pos_barcode_layouts_free (layouts);
    }
  return TRUE;
}

static gboolean
record_change (PosStore *store, const PosUser *actor, const char *type, JsonObject *payload, GError **error)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *detail = NULL;

  json_node_set_object (node, payload);
  detail = pos_json_canonical (node, error);
  return detail != NULL
         && pos_audit_record_event (store, actor, NULL, type, 0, type, NULL, payload, detail, error)
         && pos_nf525_jet_record (store, POS_JET_SETTING, detail, error);
}

/*
 * Changes a shop setting on behalf of @actor (owners only), validated
 * first, with an audit row and a journal event in the same transaction.
 */
gboolean
pos_shop_setting_set (PosStore *store, const PosUser *actor, const char *key, const char *value,
                      GError **error)
{
  g_autoptr (JsonObject) payload = json_object_new ();

  if (!pos_permission_check (actor, POS_ACTION_SETTINGS, NULL, error)
      || !pos_shop_setting_check (store, key, value, error))
    return FALSE;
  json_object_set_string_member (payload, "key", key);
  json_object_set_string_member (payload, "value", value);
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!pos_store_set_setting (store, key, value, error)
      || !record_change (store, actor, "setting.changed", payload, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_tax_rate (const char *code, const char *name, gint64 rate_bp, GError **error)
{
  if (code == NULL || !g_regex_match_simple ("^[A-Z0-9]{1,3}$", code, 0, 0))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tax code is 1–3 capitals or digits")),
           FALSE;
  if (name == NULL || *name == '\0')
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Tax rate %s needs a name"), code), FALSE;
  if (rate_bp < 0 || rate_bp > POS_TAX_RATE_MAX_BP)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tax rate is between 0 and 100 %%")), FALSE;
  return TRUE;
}

/* Adds a tax rate (owners only): a code printed on receipts, a name and
 * the rate in basis points. */
gboolean
pos_shop_add_tax_rate (PosStore *store, const PosUser *actor, const char *code, const char *name,
                       gint64 rate_bp, GError **error)
{
  g_autoptr (JsonObject) payload = json_object_new ();

  if (!pos_permission_check (actor, POS_ACTION_SETTINGS, NULL, error))
    return FALSE;
  if (!check_tax_rate (code, name, rate_bp, error))
    return FALSE;
  json_object_set_string_member (payload, "code", code);
  json_object_set_string_member (payload, "name", name);
  json_object_set_int_member (payload, "rate_bp", rate_bp);
  if (!pos_store_begin (store, error))
    return FALSE;
  if (pos_tax_rate_insert (store, code, name, rate_bp, FALSE, error) == 0
      || !record_change (store, actor, "tax_rate.added", payload, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Changes (with @name) or retires (without) the active rate @code and
 * records @type, all in one transaction. Fails with POS_ERROR_NOT_FOUND
 * when no active rate has that code. */
static gboolean
change_tax_rate (PosStore *store, const PosUser *actor, const char *type, JsonObject *payload,
                 const char *code, const char *name, gint64 rate_bp, GError **error)
{
  gboolean ok;

  if (!pos_store_begin (store, error))
    return FALSE;
  ok = name != NULL ? pos_tax_rate_update (store, code, name, rate_bp, error)
                    : pos_tax_rate_retire (store, code, TRUE, error);
  if (ok && record_change (store, actor, type, payload, error) && pos_store_commit (store, error))
    return TRUE;
  pos_store_rollback (store);
  return FALSE;
}

/*
 * Changes the name or rate of tax rate @code from the next sale on (owners
 * only). Sales already made keep the rate they copied onto their lines
 * (see docs/ARCHITECTURE.md, Invariants); the journal event is the
 * rate's version history.
 */
gboolean
pos_shop_edit_tax_rate (PosStore *store, const PosUser *actor, const char *code, const char *name,
                        gint64 rate_bp, GError **error)
{
  g_autoptr (JsonObject) payload = json_object_new ();

  if (!pos_permission_check (actor, POS_ACTION_SETTINGS, NULL, error)
      || !check_tax_rate (code, name, rate_bp, error))
    return FALSE;
  json_object_set_string_member (payload, "code", code);
  json_object_set_string_member (payload, "name", name);
  json_object_set_int_member (payload, "rate_bp", rate_bp);
  return change_tax_rate (store, actor, "tax_rate.changed", payload, code, name, rate_bp, error);
}

static gint64
products_with_tax_rate (PosStore *store, const char *code)
{
  static const char sql[] = "SELECT count(*) FROM product p JOIN tax_rate t ON t.id = p.tax_rate_id "
                            "WHERE t.code = ?1 AND p.active = 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/*
 * Retires tax rate @code (owners only): it is no longer offered for
 * products. Refused while an active product still uses it, so no product
 * is ever sold at a retired rate.
 */
gboolean
pos_shop_retire_tax_rate (PosStore *store, const PosUser *actor, const char *code, GError **error)
{
  g_autoptr (JsonObject) payload = json_object_new ();
  gint64 in_use;

  if (!pos_permission_check (actor, POS_ACTION_SETTINGS, NULL, error))
    return FALSE;
  in_use = products_with_tax_rate (store, code);
  if (in_use < 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_STORE,
                        _ ("Could not read which products use tax rate %s"), code),
           FALSE;
  if (in_use > 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                        _ ("%lld products still use tax rate %s: give them another rate first"),
                        (long long)in_use, code),
           FALSE;
  json_object_set_string_member (payload, "code", code);
  return change_tax_rate (store, actor, "tax_rate.retired", payload, code, NULL, 0, error);
}
