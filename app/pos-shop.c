/* pos-shop.c — the shop's pricing settings (see pos-shop.h). */
#include "pos-shop.h"

static const PosShopSetting settings[] = {
  { "shop_name", "Mainstreet shop", "The shop's name, printed at the top of receipts" },
  { "shop_address", "", "The shop's address, printed on receipts" },
  { "shop_tax_id", "", "The shop's tax or VAT number, printed on receipts" },
  { "till_id", "T1", "This till's id: receipt numbers are <till>-<n>" },
  { "currency", "EUR", "ISO 4217 currency code of all amounts" },
  { "tax_mode", "inclusive", "Prices include tax (inclusive) or tax is added (exclusive)" },
  { "tax_rounding", "line", "Round tax per line or once per receipt and rate (receipt)" },
  { "cash_step", "", "Cash rounding step in minor units (empty: the currency's smallest coin)" },
  { "discount_limit_bp", "1000", "Discounts above this (basis points, 1000 = 10 %) need a supervisor" },
  { "loyalty_points_per_unit", "1", "Loyalty points earned per whole currency unit paid" },
  { "loyalty_point_value", "1", "What one point is worth when redeemed, in minor units" },
  { "receipt_header", "", "Extra text at the top of receipts" },
  { "receipt_footer", "Thank you for shopping local!", "Text at the bottom of receipts" },
  { "printer", "", "Receipt printer URI (cups:QUEUE, usb:VID:PID, tcp:HOST[:PORT], file:PATH)" },
  { "printer_profile", "generic-80", "Printer profile (paper width, code pages, cutter)" },
  { "barcode_layouts", "", "In-store variable-measure barcode layouts (empty: the defaults)" },
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
  const PosCurrency *currency = pos_currency_lookup (code);

  return currency ? currency : pos_currency_lookup ("EUR");
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

/* Refuses a value the till could not work with, before it is stored. */
gboolean
pos_shop_setting_check (PosStore *store, const char *key, const char *value, GError **error)
{
  PosTaxMode mode;
  PosTaxRounding rounding;
  gint64 number;

  if (pos_shop_setting_find (key) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "There is no setting “%s”", key), FALSE;
  if (g_str_equal (key, "currency") && pos_currency_lookup (value) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "Unknown currency “%s”", value), FALSE;
  if (g_str_equal (key, "tax_mode") && !pos_tax_mode_parse (value, &mode))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "tax_mode is “inclusive” or “exclusive”"), FALSE;
  if (g_str_equal (key, "tax_rounding") && !pos_tax_rounding_parse (value, &rounding))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "tax_rounding is “line” or “receipt”"), FALSE;
  if (g_str_equal (key, "till_id") && !g_regex_match_simple ("^[A-Za-z0-9_]{1,16}$", value, 0, 0))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "A till id is 1–16 letters, digits or _"), FALSE;
  if ((g_str_equal (key, "discount_limit_bp") || g_str_equal (key, "loyalty_points_per_unit")
       || g_str_equal (key, "loyalty_point_value") || (g_str_equal (key, "cash_step") && *value))
      && !g_ascii_string_to_signed (value, 10, 0, G_MAXINT32, &number, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "%s must be a whole number ≥ 0", key), FALSE;
  if (g_str_equal (key, "barcode_layouts") && *value)
    {
      PosBarcodeLayouts *layouts = pos_barcode_layouts_parse (value, error);
      if (layouts == NULL)
        return FALSE;
      pos_barcode_layouts_free (layouts);
    }
  return TRUE;
}
