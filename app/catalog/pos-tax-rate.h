/* pos-tax-rate.h — the shop's tax rates as stored: the one place that
 * writes the tax_rate table and the list the command line and the app show.
 *
 * Rules about who may add a rate and what journal event records it live
 * with the callers (pos_shop_add_tax_rate, the import, the demo shop);
 * this module only reads and writes rows.
 */
#pragma once

#include "pos-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *code;      /* printed on receipts: "A" */
  char *name;      /* "Standard" */
  gint64 rate_bp;  /* basis points: 1900 = 19 % */
  gboolean active; /* FALSE once retired */
} PosTaxRate;

void pos_tax_rate_free (PosTaxRate *rate);

/*
 * Inserts a tax rate. With @keep_existing a rate whose code exists already
 * is left as it is and its id returned; without, that is an error.
 * Returns: the rate's id, or 0 on error.
 */
gint64 pos_tax_rate_insert (PosStore *store, const char *code, const char *name, gint64 rate_bp,
                            gboolean keep_existing, GError **error);

/*
 * Changes the name and rate of the active tax rate @code.
 * POS_ERROR_NOT_FOUND when no active rate has that code.
 */
gboolean pos_tax_rate_update (PosStore *store, const char *code, const char *name, gint64 rate_bp,
                              GError **error);

/*
 * Retires the tax rate @code: it is no longer offered for products.
 * With @must_be_active, POS_ERROR_NOT_FOUND when no active rate has that
 * code; without, retiring an unknown or retired rate changes nothing.
 */
gboolean pos_tax_rate_retire (PosStore *store, const char *code, gboolean must_be_active, GError **error);

/*
 * Makes @code the active rate @name at @rate_bp, adding it or bringing a
 * retired one back: how another till's change of the shop's rates arrives.
 */
gboolean pos_tax_rate_put (PosStore *store, const char *code, const char *name, gint64 rate_bp,
                           GError **error);

/*
 * The tax rates, ordered by code: the active ones, or with
 * @include_retired the retired ones too (for the settings page).
 * Returns: (transfer full) (element-type PosTaxRate) (nullable): NULL on error.
 */
GPtrArray *pos_tax_rate_list (PosStore *store, gboolean include_retired, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosTaxRate, pos_tax_rate_free)

G_END_DECLS
