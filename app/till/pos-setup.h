/* pos-setup.h — setting up a till: a new shop, the demo shop, or this till
 * joining a shop that already has a hub.
 *
 * The first-run assistant and `mainstreet-admin init` fill in a
 * PosSetupPlan and hand it to pos_setup_apply(), the one place that
 * writes a new shop: nothing is written before the whole plan checks out,
 * and a new store file is built beside its final path and moved there only
 * once complete, so a failure leaves no half-made shop behind.
 */
#pragma once

#include <gio/gio.h>

#include "pos-import.h"
#include "pos-money.h"
#include "pos-store.h"
#include "pos-tax-rate.h"
#include "pos-tax.h"

G_BEGIN_DECLS

typedef enum
{
  POS_SETUP_NEW_SHOP,
  POS_SETUP_DEMO_SHOP,
  POS_SETUP_JOIN_SHOP,
} PosSetupKind;

typedef enum
{
  POS_SETUP_PRODUCTS_EMPTY,
  POS_SETUP_PRODUCTS_CSV,
  POS_SETUP_PRODUCTS_DEMO, /* the demo shop's catalog, through add_demo_catalog */
} PosSetupProducts;

/* The fields a plan is checked by, one error each, so a form can show the
 * error next to the field it is about. */
typedef enum
{
  POS_SETUP_FIELD_NONE,
  POS_SETUP_FIELD_SHOP_NAME,
  POS_SETUP_FIELD_CURRENCY,
  POS_SETUP_FIELD_TAX_RATES,
  POS_SETUP_FIELD_CASH_STEP,
  POS_SETUP_FIELD_TILL_ID,
  POS_SETUP_FIELD_OWNER_NAME,
  POS_SETUP_FIELD_OWNER_PIN,
  POS_SETUP_FIELD_OWNER_PIN_AGAIN,
  POS_SETUP_FIELD_PRINTER,
  POS_SETUP_FIELD_PRODUCTS_FILE,
  POS_SETUP_FIELD_HUB,
  POS_SETUP_FIELD_BACKUP_FOLDER,
} PosSetupField;

/* Fills a new, empty store with the demo shop (pos_demo_populate() in the
 * demo library, which the core does not link: a caller that offers the
 * demo shop passes it in). */
typedef gboolean (*PosSetupDemoFunc) (PosStore *store, GError **error);

typedef struct
{
  PosSetupKind kind;
  char *shop_name;
  char *shop_address;
  char *shop_tax_id;
  char *country;  /* ISO 3166 code of the presets used, or NULL */
  char *currency; /* ISO 4217; NULL: the store's default */
  char *language; /* of receipts and reports ("de"); NULL: the till's */
  PosTaxMode tax_mode;
  PosAmount cash_step;  /* minor units; 0: the currency's smallest coin */
  char *fiscal_profile; /* pos-fiscal-profile.h; NULL: none */
  GPtrArray *tax_rates; /* (element-type PosTaxRate): code, name, rate_bp */
  char *till_id;        /* NULL: the default */
  char *shop_id;        /* the shop this till belongs to (pos-stock-shop.h); NULL: the single shop */
  char *owner_name;     /* NULL: no owner (`init` without --owner) */
  char *owner_pin;
  char *owner_pin_again; /* NULL: not asked (the command line) */
  char *printer_uri;     /* NULL or "": no printer */
  PosSetupProducts products;
  char *products_file;
  PosImportFormat products_format;
  char *hub_conninfo;  /* joining: the hub's address, a libpq connection string or URI */
  char *hub_password;  /* joining: this till's password on the hub */
  char *backup_folder; /* NULL or "": no automatic backups */
  guint backup_interval_minutes;
  PosSetupDemoFunc populate_demo;
  PosSetupDemoFunc add_demo_catalog; /* pos_demo_add_catalog(), for POS_SETUP_PRODUCTS_DEMO */
} PosSetupPlan;

PosSetupPlan *pos_setup_plan_new (PosSetupKind kind);
void pos_setup_plan_free (PosSetupPlan *plan);

/* Sets @plan's currency, tax mode, cash rounding and tax rates to the
 * presets of country @code (pos-country.h). FALSE when there are none. */
gboolean pos_setup_plan_use_country (PosSetupPlan *plan, const char *code);

/* Adds a tax rate to @plan (not checked until pos_setup_check_field()). */
void pos_setup_plan_add_tax_rate (PosSetupPlan *plan, const char *code, const char *name, gint64 rate_bp);

/* A tax rate as the owner types it, in percent ("7.7", "8,1") → basis
 * points; POS_ERROR_INVALID beyond two decimals or outside 0–100 %. */
gboolean pos_setup_parse_rate (const char *text, gint64 *rate_bp, GError **error);
/* Basis points as a percent for an entry: 810 → "8.1". Returns: (transfer full) */
char *pos_setup_format_rate (gint64 rate_bp);

/* Checks one field of @plan; POS_ERROR_INVALID with a sentence for the
 * owner when it is wrong. Touches no store or file except to see that a
 * products file or backup folder exists. */
gboolean pos_setup_check_field (const PosSetupPlan *plan, PosSetupField field, GError **error);

/* Checks every field @plan's kind needs; on the first wrong one sets
 * @bad_field (nullable) and @error. */
gboolean pos_setup_check (const PosSetupPlan *plan, PosSetupField *bad_field, GError **error);

/*
 * Creates the shop @plan describes in a new store at @store_path, or in
 * the existing store there when it has no users yet. The plan is checked
 * first: a wrong field changes nothing. The shop's settings and tax rates
 * are one transaction, then the owner, then the products. A new store is
 * built as "<store_path>.setup" and renamed into place at the end; on
 * failure it is removed. @settings (nullable) are the app's settings,
 * given the backup folder and schedule (and, joining, the hub's address).
 */
gboolean pos_setup_apply (const PosSetupPlan *plan, const char *store_path, GSettings *settings,
                          GError **error);

/* Whether @store_path needs setting up: no store there, or one without
 * users (a till no one can sign in to). */
gboolean pos_setup_needed (const char *store_path);

/*
 * Checks @plan's products file as an import would, with @plan's tax rates,
 * in a scratch store that is removed afterwards: the report lists rows
 * that would be added and each row's problem. Runs in a worker thread.
 */
void pos_setup_preview_products_async (const PosSetupPlan *plan, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
PosImportReport *pos_setup_preview_products_finish (GAsyncResult *result, GError **error);

/* Connects to the hub of @plan as its till (TLS checked as sync does) and
 * disconnects. Runs in a worker thread. */
void pos_setup_check_hub_async (const PosSetupPlan *plan, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_setup_check_hub_finish (GAsyncResult *result, GError **error);

/* The receipt printers this till can see (CUPS queues, USB printers).
 * Runs in a worker thread. */
void pos_setup_find_printers_async (GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
/* Returns: (transfer full) (element-type PosPrinterInfo) */
GPtrArray *pos_setup_find_printers_finish (GAsyncResult *result, GError **error);

/* Prints a test page naming @plan's shop on @plan's printer_uri (a scratch
 * store stands in for the shop's) and draws it as receipts are previewed;
 * with no printer chosen it is only drawn. Runs in a worker thread.
 * Returns: (transfer full): the page as a PNG image, NULL on error. */
void pos_setup_test_print_async (const PosSetupPlan *plan, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data);
GBytes *pos_setup_test_print_finish (GAsyncResult *result, GError **error);

/* pos_setup_apply() in a worker thread; @plan is copied. */
void pos_setup_apply_async (const PosSetupPlan *plan, const char *store_path, GSettings *settings,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_setup_apply_finish (GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosSetupPlan, pos_setup_plan_free)

G_END_DECLS
