/* pos-rksv-till.c — this till as an Austrian cash box (see pos-rksv-till.h). */
#include "pos-rksv-till.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "pos-clock.h"
#include "pos-error.h"
#include "pos-dsfinvk-layaway.h"
#include "pos-fiscal-profile.h"
#include "pos-kassensichv.h"
#include "pos-permission.h"
#include "pos-rksv-cashbox.h"
#include "pos-rksv-dep.h"
#include "pos-rksv-jws.h"
#include "pos-rksv-verify.h"
#include "pos-shop.h"
#include "pos-store-private.h"
#include "pos-till-key.h"

#define PROFILE "AT-RKSV"

/* The till's cash box settings: per till, so never synced to others. */
typedef struct
{
  char *till_id;
  char *cash_box_id;
  char *key_id;
  char *module;
  char *token;
  char *key_label;
  char *aes_key;    /* base64 */
  char *public_key; /* base64 DER */
  char *pin;
} Config;

static void
config_clear (Config *c)
{
  g_free (c->till_id);
  g_free (c->cash_box_id);
  g_free (c->key_id);
  g_free (c->module);
  g_free (c->token);
  g_free (c->key_label);
  g_free (c->aes_key);
  g_free (c->public_key);
  if (c->pin != NULL)
    sodium_memzero (c->pin, strlen (c->pin));
  g_free (c->pin);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Config, config_clear)

/* The PIN file sits beside the till's journal key: <store>-<till>.pkcs11-pin. */
static char *
pin_path (PosStore *store, const char *till_id, GError **error)
{
  g_autofree char *key_path = pos_till_key_path (store, till_id, error);

  if (key_path == NULL)
    return NULL;
  if (g_str_has_suffix (key_path, ".key"))
    key_path[strlen (key_path) - 4] = '\0';
  return g_strconcat (key_path, ".pkcs11-pin", NULL);
}

static gboolean
config_load (PosStore *store, Config *c, GError **error)
{
  g_autofree char *path = NULL;

  c->till_id = pos_shop_setting_get (store, "till_id");
  c->cash_box_id = pos_store_dup_setting (store, "rksv_cash_box_id");
  c->key_id = pos_store_dup_setting (store, "rksv_key_id");
  c->module = pos_store_dup_setting (store, "rksv_module");
  c->token = pos_store_dup_setting (store, "rksv_token");
  c->key_label = pos_store_dup_setting (store, "rksv_key");
  c->aes_key = pos_store_dup_setting (store, "rksv_aes_key");
  c->public_key = pos_store_dup_setting (store, "rksv_public_key");
  if (c->cash_box_id == NULL || c->key_id == NULL || c->module == NULL || c->token == NULL
      || c->key_label == NULL || c->aes_key == NULL || c->public_key == NULL)
    {
      g_set_error (
          error, POS_ERROR, POS_ERROR_STATE,
          _ ("AT-RKSV: this till is not set up as a cash box yet (mainstreet-admin fiscal setup-at)"));
      return FALSE;
    }
  path = pin_path (store, c->till_id, error);
  if (path == NULL)
    return FALSE;
  /* No PIN file is a device that cannot sign: the receipt says so. */
  if (!g_file_get_contents (path, &c->pin, NULL, NULL))
    c->pin = g_strdup ("");
  g_strchomp (c->pin);
  return TRUE;
}

/* The last receipt of this till's cash box: what the next one chains to. */
static gboolean
load_state (PosStore *store, const Config *c, PosRksvCashbox *box, gboolean *device_failed, gint64 *count,
            GError **error)
{
  static const char sql[]
      = "SELECT fiscal_data, turnover, device_failed, (SELECT COUNT(*) FROM fiscal_receipt WHERE till_id = "
        "?1 "
        "AND profile = ?2) FROM fiscal_receipt WHERE till_id = ?1 AND profile = ?2 ORDER BY id DESC LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL || !pos_rksv_aes_key_decode (c->aes_key, box->aes_key, error))
    return FALSE;
  box->cash_box_id = g_strdup (c->cash_box_id);
  sqlite3_bind_text (stmt, 1, c->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  *device_failed = rc == SQLITE_ROW && sqlite3_column_int (stmt, 2) != 0;
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 3) : 0;
  if (rc == SQLITE_ROW)
    {
      box->last_jws = pos_stmt_dup_text (stmt, 0);
      box->turnover = sqlite3_column_int64 (stmt, 1);
    }
  return TRUE;
}

static gboolean
insert_receipt (PosStore *store, const Config *c, const char *kind, const PosRksvReceipt *r, gint64 sale_id,
                const char *jws, gint64 turnover, gboolean device_failed, GError **error)
{
  static const char sql[]
      = "INSERT INTO fiscal_receipt (till_id, profile, kind, receipt_id, sale_id, issued_at, fiscal_data, "
        "turnover, device_failed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, r->receipt_id, -1, SQLITE_STATIC);
  if (sale_id > 0)
    sqlite3_bind_int64 (stmt, 5, sale_id);
  sqlite3_bind_text (stmt, 6, r->date_time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, jws, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, turnover);
  sqlite3_bind_int (stmt, 9, device_failed ? 1 : 0);
  return pos_store_step_done (store, stmt, error);
}

/* "2026-12-05T10:11:12" in local time, as the code wants it. */
static char *
code_time (gint64 us)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%dT%H:%M:%S") : g_strdup ("1970-01-01T00:00:00");
}

/* Receipts that belong to no sale are numbered <till>-N<n> (n counts every
 * receipt of the cash box), so they never meet a sale's <till>-<n>. */
static char *
own_receipt_id (const Config *c, gint64 count)
{
  return g_strdup_printf ("%s-N%" G_GINT64_FORMAT, c->till_id, count + 1);
}

typedef struct
{
  PosStore *store;
  Config config;
  PosRksvCashbox box;
  PosPkcs11Signer *signer;
  gboolean last_failed;
  gint64 count;
} Issuer;

static void
issuer_clear (Issuer *is)
{
  config_clear (&is->config);
  pos_rksv_cashbox_clear (&is->box);
  g_clear_pointer (&is->signer, pos_pkcs11_signer_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Issuer, issuer_clear)

static gboolean
issuer_open (Issuer *is, PosStore *store, GError **error)
{
  g_autoptr (GError) device_error = NULL;

  is->store = store;
  if (!config_load (store, &is->config, error)
      || !load_state (store, &is->config, &is->box, &is->last_failed, &is->count, error))
    return FALSE;
  is->signer = pos_pkcs11_signer_open (is->config.module, is->config.token, is->config.pin,
                                       is->config.key_label, &device_error);
  if (is->signer == NULL)
    g_message ("AT-RKSV: the signature device is out of order: %s", device_error->message);
  return TRUE;
}

static gboolean
issue (Issuer *is, const char *kind, const PosRksvReceipt *r, gint64 sale_id, GError **error)
{
  gboolean failed = FALSE;
  g_autofree char *jws = pos_rksv_cashbox_issue (&is->box, r, is->signer, is->config.key_id, &failed, error);

  if (jws == NULL
      || !insert_receipt (is->store, &is->config, kind, r, sale_id, jws, is->box.turnover, failed, error))
    return FALSE;
  is->last_failed = failed;
  is->count++;
  return TRUE;
}

/* After a device failure, the first receipt signed again is a null receipt. */
static gboolean
recover (Issuer *is, gint64 us, GError **error)
{
  g_autofree char *id = NULL, *when = NULL;
  PosRksvReceipt r = { POS_RKSV_NULL };

  if (!is->last_failed || is->signer == NULL)
    return TRUE;
  id = own_receipt_id (&is->config, is->count);
  when = code_time (us);
  r.receipt_id = id;
  r.date_time = when;
  return issue (is, "null", &r, 0, error);
}

/* Austria's five rate classes: 20 %, 10 %, 13 %, 0 % and the rest (19 %
 * in Jungholz and Mittelberg, and any temporary rate). */
static PosRksvRate
rate_class (gint64 rate_bp)
{
  switch (rate_bp)
    {
      case 2000:
        return POS_RKSV_RATE_NORMAL;
      case 1000:
        return POS_RKSV_RATE_REDUCED_1;
      case 1300:
        return POS_RKSV_RATE_REDUCED_2;
      case 0:
        return POS_RKSV_RATE_ZERO;
      default:
        return POS_RKSV_RATE_SPECIAL;
    }
}

static gboolean
sum_taxes (JsonArray *taxes, gint64 *sums, GError **error)
{
  for (guint i = 0; taxes != NULL && i < json_array_get_length (taxes); i++)
    {
      JsonObject *o = json_array_get_object_element (taxes, i);
      PosRksvRate rate = rate_class (json_object_get_int_member (o, "rate_bp"));

      if (__builtin_add_overflow (sums[rate], json_object_get_int_member (o, "gross"), &sums[rate]))
        return g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW, _ ("The receipt's sums overflow")), FALSE;
    }
  return TRUE;
}

gboolean
pos_rksv_till_sale (PosStore *store, gint64 sale_id, const char *kind, const char *receipt_no,
                    const char *created_at, JsonArray *taxes, GError **error)
{
  g_auto (Issuer) is = { 0 };
  gboolean training = g_strcmp0 (kind, "training") == 0;
  PosRksvReceipt r = { training                          ? POS_RKSV_TRAINING
                       : g_strcmp0 (kind, "refund") == 0 ? POS_RKSV_REVERSAL
                                                         : POS_RKSV_STANDARD };
  g_autofree char *when = NULL;
  gint64 us = 0;

  g_return_val_if_fail (store != NULL && receipt_no != NULL, FALSE);
  if (created_at == NULL || !pos_clock_parse_iso (created_at, &us))
    us = pos_clock_now_us ();
  when = code_time (us);
  r.receipt_id = receipt_no;
  r.date_time = when;
  if (!issuer_open (&is, store, error) || !sum_taxes (taxes, r.sums, error) || !recover (&is, us, error))
    return FALSE;
  if (is.box.last_jws == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("AT-RKSV: the cash box has no start receipt")),
           FALSE;
  return issue (&is,
                training                          ? "training"
                : g_strcmp0 (kind, "refund") == 0 ? "refund"
                                                  : "sale",
                &r, sale_id, error);
}

static gboolean
null_receipt_in (PosStore *store, const char *kind, PosRksvType type, char **receipt_id, gboolean *failed,
                 GError **error)
{
  g_auto (Issuer) is = { 0 };
  g_autofree char *id = NULL, *when = NULL;
  PosRksvReceipt r = { type };
  gint64 us = pos_clock_now_us ();

  if (!issuer_open (&is, store, error) || (type != POS_RKSV_START && !recover (&is, us, error)))
    return FALSE;
  id = own_receipt_id (&is.config, is.count);
  when = code_time (us);
  r.receipt_id = id;
  r.date_time = when;
  if (!issue (&is, kind, &r, 0, error))
    return FALSE;
  if (failed != NULL)
    *failed = is.last_failed;
  if (receipt_id != NULL)
    *receipt_id = g_steal_pointer (&id);
  return TRUE;
}

gboolean
pos_rksv_till_null_receipt (PosStore *store, const PosUser *actor, const char *kind, char **receipt_id,
                            gboolean *device_failed, GError **error)
{
  g_return_val_if_fail (store != NULL && kind != NULL, FALSE);
  if (!g_str_equal (kind, "null") && !g_str_equal (kind, "month") && !g_str_equal (kind, "year"))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A null receipt is null, month or year")),
           FALSE;
  if (!pos_permission_check (actor, POS_ACTION_CLOSE_DAY, NULL, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!null_receipt_in (store, kind, POS_RKSV_NULL, receipt_id, device_failed, error)
      || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_pin (PosStore *store, const char *till_id, const char *pin, GError **error)
{
  g_autofree char *path = pin_path (store, till_id, error);
  g_autofree char *folder = path ? g_path_get_dirname (path) : NULL;

  if (path == NULL)
    return FALSE;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot make %s: %s"), folder,
                          g_strerror (saved)),
             FALSE;
    }
  if (!g_file_set_contents_full (path, pin ? pin : "", -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  return TRUE;
}

static char *
last_sale_id (PosStore *store, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, "SELECT COALESCE (MAX (id), 0) FROM sale", error);

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 0));
}

static gboolean
set_settings (PosStore *store, const PosRksvSetup *setup, GBytes *public_key, GError **error)
{
  g_autofree char *sales_before = last_sale_id (store, error);
  guint8 aes[POS_RKSV_AES_KEY_BYTES];
  g_autofree char *aes_text = NULL;
  g_autofree char *public_text
      = g_base64_encode (g_bytes_get_data (public_key, NULL), g_bytes_get_size (public_key));
  gboolean ok;

  if (sales_before == NULL)
    return FALSE;
  randombytes_buf (aes, sizeof aes);
  aes_text = g_base64_encode (aes, sizeof aes);
  sodium_memzero (aes, sizeof aes);
  ok = pos_store_set_setting (store, "rksv_cash_box_id", setup->cash_box_id, error)
       && pos_store_set_setting (store, "rksv_key_id", setup->key_id, error)
       && pos_store_set_setting (store, "rksv_module", setup->module_path, error)
       && pos_store_set_setting (store, "rksv_token", setup->token_label, error)
       && pos_store_set_setting (store, "rksv_key", setup->key_label, error)
       && pos_store_set_setting (store, "rksv_aes_key", aes_text, error)
       && pos_store_set_setting (store, "rksv_public_key", public_text, error)
       && pos_store_set_setting (store, "rksv_sales_before", sales_before, error);
  sodium_memzero (aes_text, strlen (aes_text));
  return ok;
}

/* Fields of the code are separated by "_": no id may hold one. */
static gboolean
check_setup (PosStore *store, const PosRksvSetup *setup, GError **error)
{
  g_autofree char *till_id = pos_shop_setting_get (store, "till_id");
  g_autofree char *started = pos_store_dup_setting (store, "rksv_public_key");
  const char *ids[] = { setup->cash_box_id, setup->key_id, till_id };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (ids[i] == NULL || *ids[i] == '\0' || strchr (ids[i], '_') != NULL)
      return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                          _ ("AT-RKSV: the cash box id, key id and till id must be set and hold no “_”")),
             FALSE;
  if (started != NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE,
                        _ ("AT-RKSV: this till is already a cash box with its start receipt")),
           FALSE;
  return TRUE;
}

gboolean
pos_rksv_till_setup (PosStore *store, const PosUser *actor, const PosRksvSetup *setup, GError **error)
{
  g_autoptr (PosPkcs11Signer) signer = NULL;
  g_autofree char *till_id = NULL;

  g_return_val_if_fail (store != NULL && setup != NULL, FALSE);
  if (!pos_permission_check (actor, POS_ACTION_SETTINGS, NULL, error) || !check_setup (store, setup, error))
    return FALSE;
  /* The start receipt must be signed: the device has to work now. */
  signer
      = pos_pkcs11_signer_open (setup->module_path, setup->token_label, setup->pin, setup->key_label, error);
  till_id = pos_shop_setting_get (store, "till_id");
  if (signer == NULL || !write_pin (store, till_id, setup->pin, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!set_settings (store, setup, pos_pkcs11_signer_public_key (signer), error)
      || !null_receipt_in (store, "start", POS_RKSV_START, NULL, NULL, error)
      || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_shop_setting_set (store, actor, POS_FISCAL_PROFILE_SETTING, PROFILE, error);
}

static GPtrArray *
load_receipts (PosStore *store, const char *till_id, GPtrArray *kinds, GError **error)
{
  static const char sql[]
      = "SELECT fiscal_data, kind FROM fiscal_receipt WHERE till_id = ?1 AND profile = ?2 "
        "ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_ptr_array_add (out, pos_stmt_dup_text (stmt, 0));
      if (kinds != NULL)
        g_ptr_array_add (kinds, pos_stmt_dup_text (stmt, 1));
    }
  return rc < 0 ? NULL : g_steal_pointer (&out);
}

static GPtrArray *
config_keys (const Config *c)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_rksv_key_free);
  gsize length = 0;
  guint8 *der = g_base64_decode (c->public_key, &length);
  g_autoptr (GBytes) bytes = g_bytes_new_take (der, length);

  g_ptr_array_add (keys, pos_rksv_key_new (c->key_id, bytes));
  return keys;
}

gboolean
pos_rksv_till_export (PosStore *store, const char *dir, guint *count, GError **error)
{
  g_auto (Config) c = { 0 };
  g_autoptr (GPtrArray) receipts = NULL;
  g_autoptr (GPtrArray) keys = NULL;

  if (!config_load (store, &c, error) || (receipts = load_receipts (store, c.till_id, NULL, error)) == NULL)
    return FALSE;
  keys = config_keys (&c);
  if (!pos_rksv_dep_write_dir (dir, receipts, c.aes_key, keys, error))
    return FALSE;
  if (count != NULL)
    *count = receipts->len;
  return TRUE;
}

/* Sales and refunds of this till rung up after the start receipt (the
 * sales before it are numbered at setup) with no fiscal receipt, read as
 * the id range after it. */
static gboolean
check_every_sale_signed (PosStore *store, const char *till_id, GError **error)
{
  static const char sql[]
      = "SELECT s.receipt_no FROM sale s WHERE +s.till_id = ?1 AND s.id > ?2 AND NOT EXISTS "
        "(SELECT 1 FROM fiscal_receipt f WHERE f.sale_id = s.id) ORDER BY s.id LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, pos_store_get_setting_int (store, "rksv_sales_before", 0));
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN, _ ("Receipt %s has no signed AT-RKSV receipt"),
                 (const char *)sqlite3_column_text (stmt, 0));
  return rc == SQLITE_DONE;
}

/* The month ("2026-11") a receipt is dated in, from its signed code. */
static char *
receipt_month (const char *jws)
{
  g_autofree char *text = pos_rksv_jws_code (jws, NULL, NULL);
  g_auto (PosRksvCode) code = { 0 };

  if (text == NULL || !pos_rksv_code_parse (text, &code, NULL) || strlen (code.date_time) < 7)
    return g_strdup ("");
  return g_strndup (code.date_time, 7);
}

typedef struct
{
  char *open_month;   /* a month with sales and no closing receipt yet */
  char *closed_month; /* the month the last closing receipt closed */
  gboolean year_closed;
} Closings;

static gboolean
closing_missing (GError **error, const char *what, const char *period)
{
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN, _ ("AT-RKSV: no %s closing receipt for %s"), what,
               period);
  return FALSE;
}

/* Each month with sales ends in a monthly closing receipt before the
 * next month's first sale; December's is the annual one. */
static gboolean
check_closing (Closings *cl, const char *kind, const char *month, GError **error)
{
  if (g_str_equal (kind, "month") || g_str_equal (kind, "year"))
    {
      if (cl->open_month != NULL)
        {
          g_free (cl->closed_month);
          cl->closed_month = g_steal_pointer (&cl->open_month);
          cl->year_closed = FALSE;
        }
      cl->year_closed |= g_str_equal (kind, "year");
      return TRUE;
    }
  if (!g_str_equal (kind, "sale") && !g_str_equal (kind, "refund") && !g_str_equal (kind, "start"))
    return TRUE;
  if (cl->open_month != NULL && !g_str_equal (cl->open_month, month))
    return closing_missing (error, "monthly", cl->open_month);
  if (cl->open_month == NULL && cl->closed_month != NULL && g_str_has_suffix (cl->closed_month, "-12")
      && !cl->year_closed && !g_str_equal (cl->closed_month, month))
    return closing_missing (error, "annual", cl->closed_month);
  g_free (cl->open_month);
  cl->open_month = g_strdup (month);
  return TRUE;
}

static gboolean
check_closings (GPtrArray *receipts, GPtrArray *kinds, GError **error)
{
  Closings cl = { 0 };
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < receipts->len; i++)
    {
      g_autofree char *month = receipt_month (g_ptr_array_index (receipts, i));
      ok = check_closing (&cl, g_ptr_array_index (kinds, i), month, error);
    }
  g_free (cl.open_month);
  g_free (cl.closed_month);
  return ok;
}

gboolean
pos_rksv_till_verify (PosStore *store, guint *count, GError **error)
{
  g_auto (Config) c = { 0 };
  g_autoptr (GPtrArray) receipts = NULL;
  g_autoptr (GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) keys = NULL;

  if (!config_load (store, &c, error) || (receipts = load_receipts (store, c.till_id, kinds, error)) == NULL)
    return FALSE;
  keys = config_keys (&c);
  return pos_rksv_verify (receipts, c.aes_key, keys, count, error) && check_closings (receipts, kinds, error)
         && check_every_sale_signed (store, c.till_id, error);
}

/* The QR code (and device failure) of the receipt @sql finds for
 * @receipt_no (?1), this profile (?2) and, when @till_id is given, ?3. */
static gboolean
add_code_lines (PosStore *store, const char *sql, const char *receipt_no, const char *till_id,
                PosReceipt *receipt, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *qr = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  if (till_id != NULL)
    sqlite3_bind_text (stmt, 3, till_id, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE;
  if (sqlite3_column_int (stmt, 1) != 0)
    pos_receipt_add_text (receipt, POS_TEXT_BOLD, POS_ALIGN_CENTER, POS_RKSV_DEVICE_FAILED);
  qr = pos_rksv_jws_qr_text ((const char *)sqlite3_column_text (stmt, 0), error);
  return qr != NULL && pos_receipt_add_qr (receipt, POS_ALIGN_CENTER, qr, 3, POS_QR_EC_L, error);
}

gboolean
pos_rksv_till_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  static const char sql[]
      = "SELECT f.fiscal_data, f.device_failed FROM fiscal_receipt f JOIN sale s ON s.id = "
        "f.sale_id WHERE s.receipt_no = ?1 AND f.profile = ?2";

  return add_code_lines (store, sql, receipt_no, NULL, receipt, error);
}

gboolean
pos_rksv_till_training_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  static const char sql[]
      = "SELECT fiscal_data, device_failed FROM fiscal_receipt WHERE till_id = ?3 AND profile = ?2 "
        "AND receipt_id = ?1 AND kind = 'training'";
  const char *dash = strrchr (receipt_no, '-');
  g_autofree char *till_id = NULL;

  /* A training receipt is numbered <till>-T<n>. */
  g_return_val_if_fail (dash != NULL, FALSE);
  till_id = g_strndup (receipt_no, dash - receipt_no);

  return add_code_lines (store, sql, receipt_no, till_id, receipt, error);
}

/* Money moved with no sale ------------------------------------------------ */

/* The code's five rate sums (Normal 20 %, Ermäßigt-1 10 %, Ermäßigt-2
 * 13 %, Null 0 %, Besonders: any other rate, 19 % in Jungholz and
 * Mittelberg), in the order of PosRksvRate. */
static const gint64 at_slot_rates_bp[] = { 2000, 1000, 1300, 0, 1900 };

static gboolean
at_slot_of (const char *tax_code, gint64 rate_bp, guint *slot, GError **error)
{
  (void)tax_code;
  (void)error;
  *slot = (guint)rate_class (rate_bp);
  return TRUE;
}

static void
at_slots_init (PosDsfinvkVatPart *parts)
{
  for (guint i = 0; i < G_N_ELEMENTS (at_slot_rates_bp); i++)
    parts[i] = (PosDsfinvkVatPart){ at_slot_rates_bp[i], 0, 0, 0 };
}

static JsonArray *
taxes_of (const PosDsfinvkVatPart *parts, gint64 sign)
{
  JsonArray *taxes = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (at_slot_rates_bp); i++)
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "rate_bp", parts[i].rate_bp);
      json_object_set_int_member (o, "gross", sign * parts[i].gross);
      json_array_add_object_element (taxes, o);
    }
  return taxes;
}

/* What was paid towards layaway @number, per rate as it went in. */
static gboolean
layaway_booked (PosStore *store, const char *number, PosDsfinvkVatPart *booked, GError **error)
{
  g_auto (PosShopRules) rules = { 0 };

  at_slots_init (booked);
  pos_shop_rules_load (store, &rules);
  return pos_dsfinvk_layaway_booked (store, number, rules.tax_mode, at_slot_of, booked,
                                     G_N_ELEMENTS (at_slot_rates_bp), error);
}

JsonArray *
pos_rksv_till_sale_taxes (PosStore *store, JsonArray *taxes, JsonArray *payments, GError **error)
{
  g_autoptr (JsonArray) out = json_array_new ();

  for (guint i = 0; taxes != NULL && i < json_array_get_length (taxes); i++)
    json_array_add_element (out, json_node_copy (json_array_get_element (taxes, i)));
  for (guint i = 0; payments != NULL && i < json_array_get_length (payments); i++)
    {
      JsonObject *o = json_array_get_object_element (payments, i);
      PosDsfinvkVatPart booked[G_N_ELEMENTS (at_slot_rates_bp)];
      g_autoptr (JsonArray) advance = NULL;

      if (!g_str_equal (json_object_get_string_member_with_default (o, "method", ""), "layaway"))
        continue;
      if (!layaway_booked (store, json_object_get_string_member_with_default (o, "reference", ""), booked,
                           error))
        return NULL;
      advance = taxes_of (booked, -1);
      for (guint k = 0; k < json_array_get_length (advance); k++)
        json_array_add_element (out, json_node_copy (json_array_get_element (advance, k)));
    }
  return g_steal_pointer (&out);
}

gboolean
pos_rksv_till_move_lines (PosStore *store, const char *event_type, gint64 move_id, PosReceipt *receipt,
                          GError **error)
{
  static const char sql[] = "SELECT fiscal_data, device_failed FROM fiscal_receipt WHERE till_id = ?3 "
                            "AND profile = ?2 AND receipt_id = ?1";
  g_autofree char *till_id = pos_shop_setting_get (store, "till_id");
  g_autofree char *receipt_id = pos_kassensichv_move_receipt_id (store, event_type, move_id);

  return add_code_lines (store, sql, receipt_id, till_id != NULL ? till_id : "", receipt, error);
}

/* A payment towards a layaway: its split over the goods' rates. A
 * cancellation: the part given back, negative, at the rates it went in
 * with (what a fee keeps was counted when it was paid). */
static gboolean
layaway_move_parts (PosStore *store, const char *number, gboolean cancel, PosAmount amount,
                    PosDsfinvkVatPart *parts, GError **error)
{
  g_auto (PosShopRules) rules = { 0 };

  at_slots_init (parts);
  pos_shop_rules_load (store, &rules);
  return pos_dsfinvk_layaway_move_split (store, number, rules.tax_mode, at_slot_of, cancel, amount, parts,
                                         G_N_ELEMENTS (at_slot_rates_bp), error);
}

gboolean
pos_rksv_till_move (PosStore *store, const char *event_type, const char *event_id, GError **error)
{
  static const char layaway_sql[]
      = "SELECT m.id, y.number, m.kind = 'cancel', m.amount, m.created_at FROM layaway_move m "
        "JOIN layaway y ON y.id = m.layaway_id WHERE m.event_id = ?1 AND m.kind IN ('payment', 'cancel')";
  static const char account_sql[] = "SELECT id, NULL, 0, -amount, created_at FROM account_move "
                                    "WHERE event_id = ?1 AND kind IN ('payment', 'deposit') "
                                    "AND method IN ('cash', 'card')";
  gboolean layaway = g_str_equal (event_type, "layaway.moved");
  PosDsfinvkVatPart parts[G_N_ELEMENTS (at_slot_rates_bp)];
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (JsonArray) taxes = NULL;
  g_autofree char *receipt_id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *created_at = NULL;
  gboolean cancel;
  PosAmount amount;
  int rc;

  if (!layaway && !g_str_equal (event_type, "account.moved"))
    return TRUE;
  stmt = pos_store_prepare (store, layaway ? layaway_sql : account_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) != SQLITE_ROW)
    return rc == SQLITE_DONE; /* a move that takes no money in or out */
  number = pos_stmt_dup_text (stmt, 1);
  cancel = sqlite3_column_int (stmt, 2) != 0;
  amount = sqlite3_column_int64 (stmt, 3);
  created_at = pos_stmt_dup_text (stmt, 4);
  receipt_id = pos_kassensichv_move_receipt_id (store, event_type, sqlite3_column_int64 (stmt, 0));
  if (cancel && amount == 0)
    return TRUE; /* nothing given back: no money changed hands */
  /* A payment into an account pays for goods whose sale on account had
   * its own receipt with their amounts (or is a deposit for sales that
   * will): the BMF's Detailfragen want a receipt for every cash payment,
   * so it is signed, but its rate sums are 0 — counting it again would
   * put the same turnover into the counter twice. */
  at_slots_init (parts);
  if (layaway && !layaway_move_parts (store, number, cancel, amount, parts, error))
    return FALSE;
  taxes = taxes_of (parts, 1);
  return pos_rksv_till_sale (store, 0, cancel ? "refund" : "sale", receipt_id, created_at, taxes, error);
}
