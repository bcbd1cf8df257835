/* pos-setup.c — checking a setup plan and creating the shop it describes
 * (see pos-setup.h). The worker-thread wrappers are in pos-setup-async.c. */
#include "pos-setup.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pos-country.h"
#include "pos-error.h"
#include "pos-hub-secret.h"
#include "pos-journal.h"
#include "pos-printer-uri.h"
#include "pos-setup-private.h"
#include "pos-shop.h"
#include "pos-stock-shop.h"
#include "pos-store-private.h"
#include "pos-sync.h"
#include "pos-users.h"

#include <libpq-fe.h>

PosSetupPlan *
pos_setup_plan_new (PosSetupKind kind)
{
  PosSetupPlan *plan = g_new0 (PosSetupPlan, 1);

  plan->kind = kind;
  plan->tax_mode = POS_TAX_INCLUSIVE;
  plan->tax_rates = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_tax_rate_free);
  plan->backup_interval_minutes = 60;
  return plan;
}

void
pos_setup_plan_free (PosSetupPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->shop_name);
  g_free (plan->shop_address);
  g_free (plan->shop_tax_id);
  g_free (plan->country);
  g_free (plan->currency);
  g_free (plan->fiscal_profile);
  g_free (plan->language);
  g_ptr_array_unref (plan->tax_rates);
  g_free (plan->till_id);
  g_free (plan->shop_id);
  g_free (plan->owner_name);
  g_free (plan->owner_pin);
  g_free (plan->owner_pin_again);
  g_free (plan->printer_uri);
  g_free (plan->products_file);
  g_free (plan->hub_conninfo);
  g_free (plan->hub_password);
  g_free (plan->backup_folder);
  g_free (plan);
}

void
pos_setup_plan_add_tax_rate (PosSetupPlan *plan, const char *code, const char *name, gint64 rate_bp)
{
  PosTaxRate *rate = g_new0 (PosTaxRate, 1);

  g_return_if_fail (plan != NULL);
  rate->code = g_strdup (code);
  rate->name = g_strdup (name);
  rate->rate_bp = rate_bp;
  rate->active = TRUE;
  g_ptr_array_add (plan->tax_rates, rate);
}

gboolean
pos_setup_plan_use_country (PosSetupPlan *plan, const char *code)
{
  const PosCountry *country;

  g_return_val_if_fail (plan != NULL && code != NULL, FALSE);
  if ((country = pos_country_lookup (code)) == NULL)
    return FALSE;
  g_free (plan->country);
  plan->country = g_strdup (country->code);
  g_free (plan->currency);
  plan->currency = g_strdup (country->currency);
  g_free (plan->language);
  plan->language = g_strdup (pos_country_language (country));
  plan->tax_mode = country->tax_mode;
  plan->cash_step = country->cash_step;
  g_ptr_array_set_size (plan->tax_rates, 0);
  for (guint i = 0; i < pos_country_rate_count (country); i++)
    pos_setup_plan_add_tax_rate (plan, country->rates[i].code, country->rates[i].name,
                                 country->rates[i].rate_bp);
  return TRUE;
}

PosSetupPlan *
pos_setup_plan_copy (const PosSetupPlan *plan)
{
  PosSetupPlan *copy = pos_setup_plan_new (plan->kind);

  *copy = *plan;
  copy->shop_name = g_strdup (plan->shop_name);
  copy->shop_address = g_strdup (plan->shop_address);
  copy->shop_tax_id = g_strdup (plan->shop_tax_id);
  copy->country = g_strdup (plan->country);
  copy->currency = g_strdup (plan->currency);
  copy->fiscal_profile = g_strdup (plan->fiscal_profile);
  copy->language = g_strdup (plan->language);
  copy->tax_rates = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_tax_rate_free);
  for (guint i = 0; i < plan->tax_rates->len; i++)
    {
      const PosTaxRate *rate = plan->tax_rates->pdata[i];
      pos_setup_plan_add_tax_rate (copy, rate->code, rate->name, rate->rate_bp);
    }
  copy->till_id = g_strdup (plan->till_id);
  copy->shop_id = g_strdup (plan->shop_id);
  copy->owner_name = g_strdup (plan->owner_name);
  copy->owner_pin = g_strdup (plan->owner_pin);
  copy->owner_pin_again = g_strdup (plan->owner_pin_again);
  copy->printer_uri = g_strdup (plan->printer_uri);
  copy->products_file = g_strdup (plan->products_file);
  copy->hub_conninfo = g_strdup (plan->hub_conninfo);
  copy->hub_password = g_strdup (plan->hub_password);
  copy->backup_folder = g_strdup (plan->backup_folder);
  return copy;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, message);
  return FALSE;
}

/* Each rate as the tax_rate table and a receipt need it; codes unique. */
static gboolean
check_tax_rates (const PosSetupPlan *plan, GError **error)
{
  g_autoptr (GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  if (plan->tax_rates->len == 0)
    return invalid (error, "Add at least one tax rate: every product needs one");
  for (guint i = 0; i < plan->tax_rates->len; i++)
    {
      const PosTaxRate *rate = plan->tax_rates->pdata[i];

      if (rate->code == NULL || !g_regex_match_simple ("^[A-Z0-9]{1,3}$", rate->code, 0, 0))
        return invalid (error, "A tax rate code is 1 to 3 capital letters or digits, like “A”");
      if (is_blank (rate->name))
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Tax rate %s needs a name"), rate->code),
               FALSE;
      if (rate->rate_bp < 0 || rate->rate_bp > POS_TAX_RATE_MAX_BP)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("Tax rate %s must be between 0 and 100 %%"), rate->code),
               FALSE;
      if (!g_hash_table_add (codes, rate->code))
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Tax rate code %s is used twice"),
                            rate->code),
               FALSE;
    }
  return TRUE;
}

static gboolean
check_owner_name (const char *name, GError **error)
{
  if (is_blank (name) || !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > POS_USER_NAME_MAX)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("Enter the owner's name (up to %d characters)"), POS_USER_NAME_MAX),
           FALSE;
  return TRUE;
}

/* `init` without --owner makes a store with no one to sign in yet. */
static gboolean
plan_has_owner (const PosSetupPlan *plan)
{
  return plan->owner_name != NULL || plan->owner_pin != NULL || plan->owner_pin_again != NULL;
}

static gboolean
check_pin_again (const PosSetupPlan *plan, GError **error)
{
  if (plan->owner_pin_again != NULL && g_strcmp0 (plan->owner_pin, plan->owner_pin_again) != 0)
    return invalid (error, "The two PINs are not the same");
  return TRUE;
}

static gboolean
check_printer (const char *uri, GError **error)
{
  g_autoptr (PosPrinterUri) parsed = NULL;

  if (is_blank (uri))
    return TRUE;
  parsed = pos_printer_uri_parse (uri, error);
  return parsed != NULL;
}

static gboolean
check_products_file (const PosSetupPlan *plan, GError **error)
{
  if (plan->products != POS_SETUP_PRODUCTS_CSV)
    return TRUE;
  if (is_blank (plan->products_file))
    return invalid (error, "Choose the file to import");
  if (!g_file_test (plan->products_file, G_FILE_TEST_IS_REGULAR))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s cannot be found"), plan->products_file),
           FALSE;
  return TRUE;
}

static gboolean
check_hub (const PosSetupPlan *plan, GError **error)
{
  if (is_blank (plan->hub_conninfo))
    return invalid (error, "Enter the hub's address, like “host=hub.example.com dbname=shop”");
  if (is_blank (plan->hub_password))
    return invalid (error, "Enter this till's password on the hub");
  return TRUE;
}

static gboolean
check_backup_folder (const PosSetupPlan *plan, GError **error)
{
  if (is_blank (plan->backup_folder))
    return TRUE;
  if (!g_file_test (plan->backup_folder, G_FILE_TEST_IS_DIR))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The folder %s cannot be found"),
                        plan->backup_folder),
           FALSE;
  if (plan->backup_interval_minutes == 0)
    return invalid (error, "Choose how often to back up");
  return TRUE;
}

gboolean
pos_setup_check_field (const PosSetupPlan *plan, PosSetupField field, GError **error)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  switch (field)
    {
      case POS_SETUP_FIELD_NONE:
        return TRUE;
      case POS_SETUP_FIELD_SHOP_NAME:
        return plan->shop_name == NULL || !is_blank (plan->shop_name)
               || invalid (error, "Enter the shop's name, as receipts should show it");
      case POS_SETUP_FIELD_CURRENCY:
        return plan->currency == NULL || pos_currency_lookup (plan->currency) != NULL
               || invalid (error, "Choose the shop's country or a currency Mainstreet knows");
      case POS_SETUP_FIELD_TAX_RATES:
        return check_tax_rates (plan, error);
      case POS_SETUP_FIELD_CASH_STEP:
        return plan->cash_step >= 0 || invalid (error, "Cash rounding cannot be negative");
      case POS_SETUP_FIELD_TILL_ID:
        return plan->till_id == NULL || g_regex_match_simple ("^[A-Za-z0-9_]{1,16}$", plan->till_id, 0, 0)
               || invalid (error, "A till id is 1 to 16 letters, digits or “_”, like “T1”");
      case POS_SETUP_FIELD_OWNER_NAME:
        return !plan_has_owner (plan) || check_owner_name (plan->owner_name, error);
      case POS_SETUP_FIELD_OWNER_PIN:
        return !plan_has_owner (plan)
               || pos_pin_validate_for_role (plan->owner_pin ? plan->owner_pin : "", POS_ROLE_OWNER, error);
      case POS_SETUP_FIELD_OWNER_PIN_AGAIN:
        return check_pin_again (plan, error);
      case POS_SETUP_FIELD_PRINTER:
        return check_printer (plan->printer_uri, error);
      case POS_SETUP_FIELD_PRODUCTS_FILE:
        return check_products_file (plan, error);
      case POS_SETUP_FIELD_HUB:
        return check_hub (plan, error);
      case POS_SETUP_FIELD_BACKUP_FOLDER:
        return check_backup_folder (plan, error);
    }
  g_return_val_if_reached (FALSE);
}

/* The fields each kind of setup asks for, in the order the assistant does. */
static const PosSetupField new_shop_fields[] = {
  POS_SETUP_FIELD_SHOP_NAME,     POS_SETUP_FIELD_CURRENCY,        POS_SETUP_FIELD_TAX_RATES,
  POS_SETUP_FIELD_CASH_STEP,     POS_SETUP_FIELD_TILL_ID,         POS_SETUP_FIELD_OWNER_NAME,
  POS_SETUP_FIELD_OWNER_PIN,     POS_SETUP_FIELD_OWNER_PIN_AGAIN, POS_SETUP_FIELD_PRINTER,
  POS_SETUP_FIELD_PRODUCTS_FILE, POS_SETUP_FIELD_BACKUP_FOLDER,   POS_SETUP_FIELD_NONE,
};
static const PosSetupField join_fields[] = {
  POS_SETUP_FIELD_HUB,           POS_SETUP_FIELD_TILL_ID, POS_SETUP_FIELD_PRINTER,
  POS_SETUP_FIELD_BACKUP_FOLDER, POS_SETUP_FIELD_NONE,
};
static const PosSetupField demo_fields[] = { POS_SETUP_FIELD_NONE };

gboolean
pos_setup_check (const PosSetupPlan *plan, PosSetupField *bad_field, GError **error)
{
  const PosSetupField *fields = plan->kind == POS_SETUP_NEW_SHOP    ? new_shop_fields
                                : plan->kind == POS_SETUP_JOIN_SHOP ? join_fields
                                                                    : demo_fields;

  g_return_val_if_fail (plan != NULL, FALSE);
  for (; *fields != POS_SETUP_FIELD_NONE; fields++)
    if (!pos_setup_check_field (plan, *fields, error))
      {
        if (bad_field != NULL)
          *bad_field = *fields;
        return FALSE;
      }
  if (plan->kind == POS_SETUP_DEMO_SHOP && plan->populate_demo == NULL)
    return invalid (error, "This program cannot make the demo shop");
  if (plan->kind == POS_SETUP_NEW_SHOP && plan->products == POS_SETUP_PRODUCTS_DEMO
      && plan->add_demo_catalog == NULL)
    return invalid (error, "This program cannot load the demo catalog");
  return TRUE;
}

/* A setting only when the plan gives it: the rest keep their defaults. */
static gboolean
init_setting (PosStore *store, const char *key, const char *value, GError **error)
{
  g_autofree char *clean = NULL;

  if (value == NULL)
    return TRUE;
  clean = g_strstrip (g_strdup (value));
  return pos_shop_setting_init (store, key, clean, error);
}

static gboolean
write_settings (const PosSetupPlan *plan, PosStore *store, GError **error)
{
  g_autofree char *cash_step
      = plan->cash_step > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, plan->cash_step) : NULL;
  const char *mode = plan->kind != POS_SETUP_NEW_SHOP      ? NULL
                     : plan->tax_mode == POS_TAX_EXCLUSIVE ? "exclusive"
                                                           : "inclusive";
  /* The country's way of writing money and dates; the owner can change it
   * later with the locale setting. */
  const PosCountry *country = plan->country != NULL ? pos_country_lookup (plan->country) : NULL;
  const char *locale = plan->kind != POS_SETUP_JOIN_SHOP && country != NULL ? country->locale : NULL;

  return init_setting (store, "shop_name", plan->shop_name, error)
         && init_setting (store, "shop_address", plan->shop_address, error)
         && init_setting (store, "shop_tax_id", plan->shop_tax_id, error)
         && init_setting (store, "currency", plan->currency, error)
         && init_setting (store, "locale", locale, error)
         && init_setting (store, "language", plan->language, error)
         && init_setting (store, "tax_mode", mode, error)
         && init_setting (store, "cash_step", cash_step, error)
         && init_setting (store, "till_id", plan->till_id, error)
         && init_setting (store, "fiscal_profile", plan->fiscal_profile, error)
         && init_setting (store, "printer", is_blank (plan->printer_uri) ? NULL : plan->printer_uri, error);
}

static gboolean
write_tax_rates (const PosSetupPlan *plan, PosStore *store, GError **error)
{
  for (guint i = 0; i < plan->tax_rates->len; i++)
    {
      const PosTaxRate *rate = plan->tax_rates->pdata[i];
      if (pos_tax_rate_insert (store, rate->code, rate->name, rate->rate_bp, FALSE, error) == 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
pos_setup_write_shop (const PosSetupPlan *plan, PosStore *store, GError **error)
{
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!write_settings (plan, store, error) || !write_tax_rates (plan, store, error)
      || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Appends a libpq conninfo value, quoted. */
static void
append_quoted (GString *out, const char *value)
{
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

char *
pos_setup_till_conninfo (const PosSetupPlan *plan, GError **error)
{
  g_autofree char *message = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *role = NULL;
  g_autofree char *till = NULL;
  GString *out;
  PQconninfoOption *options = PQconninfoParse (plan->hub_conninfo, &message);

  if (options == NULL)
    return invalid (error,
                    "The hub's address is not a connection string like “host=hub.example.com dbname=shop”"),
           NULL;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "dbname") && o->val != NULL)
      dbname = g_strdup (o->val);
  PQconninfoFree (options);
  if (dbname == NULL)
    return invalid (error, "The hub's address needs the shop's database, like “dbname=shop”"), NULL;
  role = pos_hub_role_name (dbname, plan->till_id ? plan->till_id : "T1");
  if ((till = pos_hub_till_conninfo (plan->hub_conninfo, role, error)) == NULL)
    return NULL;
  out = g_string_new (till);
  g_string_append (out, " password=");
  append_quoted (out, plan->hub_password);
  return g_string_free (out, FALSE);
}

/* Joining: this till's id and key, then everything the shop's other tills
 * and head office put on the hub (settings, tax rates, users, catalog). */
static gboolean
join_hub (const PosSetupPlan *plan, PosStore *store, GError **error)
{
  g_autofree char *conninfo = pos_setup_till_conninfo (plan, error);
  PosSyncOptions options = { 0 };
  PosSyncStats stats = { 0 };

  return conninfo != NULL && pos_sync_run (store, conninfo, &options, &stats, error);
}

static gboolean
add_products (const PosSetupPlan *plan, PosStore *store, GError **error)
{
  g_autoptr (PosImportReport) report = NULL;

  if (plan->products == POS_SETUP_PRODUCTS_DEMO)
    return plan->add_demo_catalog (store, error);
  if (plan->products != POS_SETUP_PRODUCTS_CSV)
    return TRUE;
  report = pos_import_products (store, plan->products_file, plan->products_format, FALSE, FALSE, error);
  return report != NULL;
}

static gboolean
add_owner (const PosSetupPlan *plan, PosStore *store, GError **error)
{
  g_autoptr (PosUser) owner = NULL;
  g_autofree char *name = NULL;

  if (!plan_has_owner (plan))
    return TRUE;
  name = g_strstrip (g_strdup (plan->owner_name));
  owner = pos_users_add (store, name, POS_ROLE_OWNER, plan->owner_pin, error);
  return owner != NULL;
}

/* Everything of @plan that goes into the store, in the order it must. */
static gboolean
fill_store (const PosSetupPlan *plan, PosStore *store, GError **error)
{
  /* Settings first: the till's key is made for its till id. */
  if (!pos_setup_write_shop (plan, store, error) || !pos_journal_ensure_key (store, error))
    return FALSE;
  if (plan->shop_id != NULL && !pos_stock_shop_set (store, plan->shop_id, error))
    return FALSE;
  switch (plan->kind)
    {
      case POS_SETUP_DEMO_SHOP:
        return plan->populate_demo (store, error) && add_owner (plan, store, error);
      case POS_SETUP_JOIN_SHOP:
        return join_hub (plan, store, error);
      case POS_SETUP_NEW_SHOP:
        return add_owner (plan, store, error) && add_products (plan, store, error);
    }
  g_return_val_if_reached (FALSE);
}

static void
remove_store_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* Fills the store being built at @building and gives it @path's name;
 * on failure it is removed and @path is as it was. */
static gboolean
fill_and_move (const PosSetupPlan *plan, const char *building, const char *path, PosStoreOpenFlags flags,
               GError **error)
{
  gboolean ok;

  {
    g_autoptr (PosStore) store = pos_store_open (building, flags, error);
    ok = store != NULL && fill_store (plan, store, error);
  }
  if (ok && g_rename (building, path) != 0)
    ok = (g_set_error (error, POS_ERROR, POS_ERROR_STORE, _ ("Cannot move the new store to %s: %s"), path,
                       g_strerror (errno)),
          FALSE);
  if (!ok)
    remove_store_files (building);
  return ok;
}

/* A new store is made whole beside @path and only then takes its name. */
static gboolean
create_store (const PosSetupPlan *plan, const char *path, GError **error)
{
  g_autofree char *building = g_strconcat (path, ".setup", NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  remove_store_files (building);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_STORE, _ ("Cannot create the folder %s"), folder), FALSE;
  return fill_and_move (plan, building, path, POS_STORE_OPEN_CREATE, error);
}

/* A consistent copy of @store at @copy_path (what its WAL holds included). */
static gboolean
copy_store (PosStore *store, const char *copy_path, GError **error)
{
  static const char sql[] = "VACUUM INTO ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, copy_path, -1, SQLITE_TRANSIENT);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  /* As private as the store it copies. */
  g_chmod (copy_path, 0600);
  return TRUE;
}

/*
 * A store someone made without users (`init`): the plan goes into a copy
 * of it that replaces it only once complete, so the whole setup lands at
 * once or not at all, though settings, owner and products are saved by
 * functions that each commit on their own.
 */
static gboolean
complete_store (const PosSetupPlan *plan, const char *path, GError **error)
{
  g_autofree char *building = g_strconcat (path, ".setup", NULL);

  remove_store_files (building);
  {
    g_autoptr (PosStore) store = pos_store_open (path, POS_STORE_OPEN_NO_CHECK, error);
    g_autoptr (GPtrArray) users = NULL;

    if (store == NULL || (users = pos_users_list (store, error)) == NULL)
      return FALSE;
    if (users->len > 0)
      return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("%s is set up already"), path), FALSE;
    if (!copy_store (store, building, error))
      {
        remove_store_files (building);
        return FALSE;
      }
  }
  return fill_and_move (plan, building, path, POS_STORE_OPEN_NO_CHECK, error);
}

void
pos_setup_write_app_settings (const PosSetupPlan *plan, GSettings *settings)
{
  g_autofree char *conninfo = NULL;
  g_autoptr (GError) error = NULL;

  if (settings == NULL)
    return;
  if (!is_blank (plan->backup_folder))
    {
      g_settings_set_string (settings, "backup-folder", plan->backup_folder);
      g_settings_set_uint (settings, "backup-interval", plan->backup_interval_minutes);
    }
  /* The password goes to the keyring, the rest to the settings. */
  if (plan->kind == POS_SETUP_JOIN_SHOP && (conninfo = pos_setup_till_conninfo (plan, NULL)) != NULL
      && !pos_hub_secret_save_conninfo (settings, plan->till_id ? plan->till_id : "T1", conninfo, NULL,
                                        &error))
    g_warning ("The hub connection was not saved: %s", error->message);
}

gboolean
pos_setup_apply (const PosSetupPlan *plan, const char *store_path, GSettings *settings, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (plan != NULL && store_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_setup_check (plan, NULL, error))
    return FALSE;
  if (g_file_test (store_path, G_FILE_TEST_EXISTS))
    ok = plan->kind == POS_SETUP_NEW_SHOP
             ? complete_store (plan, store_path, error)
             : (g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("%s exists already; nothing was changed"),
                             store_path),
                FALSE);
  else
    ok = create_store (plan, store_path, error);
  if (ok)
    pos_setup_write_app_settings (plan, settings);
  return ok;
}

gboolean
pos_setup_needed (const char *store_path)
{
  g_autoptr (PosStore) store = NULL;
  g_autoptr (GPtrArray) users = NULL;

  g_return_val_if_fail (store_path != NULL, FALSE);
  if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
    return TRUE;
  /* A store that does not open is for the till to report, not to set up. */
  store = pos_store_open (store_path, POS_STORE_OPEN_NO_CHECK, NULL);
  if (store == NULL || (users = pos_users_list (store, NULL)) == NULL)
    return FALSE;
  return users->len == 0;
}

/* "8.1" → 810 basis points, through the quantity parser (3 decimals). */
gboolean
pos_setup_parse_rate (const char *text, gint64 *rate_bp, GError **error)
{
  PosQty thousandths;
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));

  g_strdelimit (clean, ",", '.');
  if (!pos_qty_parse (clean, &thousandths, NULL) || thousandths % 10 != 0 || thousandths < 0
      || thousandths / 10 > POS_TAX_RATE_MAX_BP)
    return invalid (error, "Enter a rate in percent between 0 and 100, like “7.7”");
  *rate_bp = thousandths / 10;
  return TRUE;
}

char *
pos_setup_format_rate (gint64 rate_bp)
{
  g_autofree char *text
      = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, rate_bp / 100, rate_bp % 100);
  gsize len = strlen (text);

  /* "19.00" reads as "19", "8.10" as "8.1". */
  while (text[len - 1] == '0')
    text[--len] = '\0';
  if (text[len - 1] == '.')
    text[--len] = '\0';
  return g_steal_pointer (&text);
}
