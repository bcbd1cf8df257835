/* pos-shop.h — the shop's settings that decide how a sale is priced.
 *
 * Read once per cart (or report) from the store's settings, so that a
 * setting changed by the owner applies from the next sale on, never half
 * way through one.
 */
#pragma once

#include "pos-barcode-layout.h"
#include "pos-money.h"
#include "pos-store.h"
#include "pos-tax.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef struct
{
  const PosCurrency *currency;
  PosTaxMode tax_mode;
  PosTaxRounding tax_rounding;
  PosAmount cash_step;      /* cash rounding of the total, minor units */
  gint64 discount_limit_bp; /* discounts above this share need a supervisor */
  gboolean shift_required;  /* cash is taken only while a shift is open at this till */
  char *till_id;
} PosShopRules;

void pos_shop_rules_load (PosStore *store, PosShopRules *rules);
void pos_shop_rules_clear (PosShopRules *rules);
const PosCurrency *pos_shop_currency (PosStore *store);
/* The language receipts and reports are written in ("de", "fr_CH"), or ""
 * for the till's own (pos-i18n.h). Returns: (transfer full) */
char *pos_shop_language (PosStore *store);
PosBarcodeLayouts *pos_shop_barcode_layouts (PosStore *store);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosShopRules, pos_shop_rules_clear)

/* The settings a store knows, with their defaults, for `settings` and the UI. */
typedef struct
{
  const char *key;
  const char *fallback;
  const char *description;
} PosShopSetting;

const PosShopSetting *pos_shop_settings (void);
const PosShopSetting *pos_shop_setting_find (const char *key);
/*
 * Whether @key is the whole shop's, so that a change on one till is
 * applied on every till that syncs (pos-sync-apply.h). Every known
 * setting is, except those of the till and its devices, which stay per
 * till: "till_id", "printer", "printer_profile" and "voucher_offline_limit". Keys Mainstreet does
 * not know (sync state, the hub opt-outs) are never shop-wide.
 */
gboolean pos_shop_setting_is_shop_wide (const char *key);
/* The value of shop setting @key in @store, else its default (NULL for a
 * key Mainstreet does not know and the store does not hold).
 * Returns: (transfer full) (nullable) */
char *pos_shop_setting_get (PosStore *store, const char *key);
gboolean pos_shop_setting_check (PosStore *store, const char *key, const char *value, GError **error);
/* Checks and stores @value for a store being set up (`init`), before any
 * user exists: no permission, no journal event. */
gboolean pos_shop_setting_init (PosStore *store, const char *key, const char *value, GError **error);

gboolean pos_shop_setting_set (PosStore *store, const PosUser *actor, const char *key, const char *value,
                               GError **error);
/* The highest tax rate anywhere is well below 100 %; more is a typing slip. */
#define POS_TAX_RATE_MAX_BP 10000

gboolean pos_shop_add_tax_rate (PosStore *store, const PosUser *actor, const char *code, const char *name,
                                gint64 rate_bp, GError **error);
gboolean pos_shop_edit_tax_rate (PosStore *store, const PosUser *actor, const char *code, const char *name,
                                 gint64 rate_bp, GError **error);
gboolean pos_shop_retire_tax_rate (PosStore *store, const PosUser *actor, const char *code, GError **error);

G_END_DECLS
