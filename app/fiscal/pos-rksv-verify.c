/* pos-rksv-verify.c — independent check of a DEP export (see pos-rksv-verify.h). */
#include "pos-rksv-verify.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"
#include "pos-rksv-cashbox.h"
#include "pos-rksv-dep.h"
#include "pos-rksv-jws.h"

typedef struct
{
  guint8 aes_key[POS_RKSV_AES_KEY_BYTES];
  GHashTable *keys; /* key id → GBytes */
  GHashTable *receipt_ids;
  char *cash_box_id;
  char *previous_jws;
  char *previous_time;
  gint64 turnover;
} Walk;

static void
walk_clear (Walk *walk)
{
  g_clear_pointer (&walk->keys, g_hash_table_unref);
  g_clear_pointer (&walk->receipt_ids, g_hash_table_unref);
  g_clear_pointer (&walk->cash_box_id, g_free);
  g_clear_pointer (&walk->previous_jws, g_free);
  g_clear_pointer (&walk->previous_time, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

static gboolean
fail (GError **error, guint index, const char *receipt_id, const char *problem)
{
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN, _ ("Receipt %u (%s): %s"), index + 1,
               receipt_id ? receipt_id : "?", problem);
  return FALSE;
}

static gboolean
check_turnover (Walk *walk, const PosRksvCode *code, guint index, gboolean first, GError **error)
{
  gint64 sum = 0, counter = 0;
  g_autoptr (GError) local = NULL;

  for (int i = 0; i < POS_RKSV_RATES; i++)
    if (__builtin_add_overflow (sum, code->sums[i], &sum))
      return fail (error, index, code->receipt_id, "the sums overflow");
  if (g_str_equal (code->turnover, "VFJB")) /* TRA: a training receipt counts nothing */
    return first ? fail (error, index, code->receipt_id, "a training receipt cannot start the cash box")
                 : TRUE;
  if (__builtin_add_overflow (walk->turnover, sum, &walk->turnover))
    return fail (error, index, code->receipt_id, "the turnover counter overflows");
  if (g_str_equal (code->turnover, "U1RP")) /* STO: a reversal counts, unencrypted */
    return first ? fail (error, index, code->receipt_id, "a reversal cannot start the cash box") : TRUE;
  if (first && sum != 0)
    return fail (error, index, code->receipt_id, "the start receipt carries amounts");
  if (!pos_rksv_turnover_decrypt (walk->aes_key, code->cash_box_id, code->receipt_id, code->turnover,
                                  &counter, &local))
    return fail (error, index, code->receipt_id, local->message);
  if (counter != walk->turnover)
    return fail (error, index, code->receipt_id, "the turnover counter does not match the sums so far");
  return TRUE;
}

static gboolean
check_signature (Walk *walk, const char *jws, const PosRksvCode *code, gboolean device_failed, guint index,
                 gboolean first, GError **error)
{
  GBytes *key = g_hash_table_lookup (walk->keys, code->key_id);

  if (device_failed)
    return first ? fail (error, index, code->receipt_id, "the start receipt must be signed") : TRUE;
  if (key == NULL)
    return fail (error, index, code->receipt_id, "its key id is not in the container");
  if (!pos_rksv_jws_check (jws, key, NULL))
    return fail (error, index, code->receipt_id, "the signature does not verify");
  return TRUE;
}

static gboolean
check_order (Walk *walk, const char *jws, const PosRksvCode *code, guint index, GError **error)
{
  g_autofree char *chain = pos_rksv_chain_value (walk->previous_jws ? walk->previous_jws : code->cash_box_id);

  if (walk->cash_box_id == NULL)
    walk->cash_box_id = g_strdup (code->cash_box_id);
  if (!g_str_equal (walk->cash_box_id, code->cash_box_id))
    return fail (error, index, code->receipt_id, "it belongs to another cash box");
  if (!g_str_equal (chain, code->chain))
    return fail (error, index, code->receipt_id, "its chain value does not match the receipt before it");
  if (!g_hash_table_add (walk->receipt_ids, g_strdup (code->receipt_id)))
    return fail (error, index, code->receipt_id, "its receipt number was used before");
  if (walk->previous_time != NULL && g_strcmp0 (code->date_time, walk->previous_time) < 0)
    return fail (error, index, code->receipt_id, "it is dated before the receipt before it");
  g_free (walk->previous_time);
  walk->previous_time = g_strdup (code->date_time);
  g_free (walk->previous_jws);
  walk->previous_jws = g_strdup (jws);
  return TRUE;
}

static gboolean
check_receipt (Walk *walk, const char *jws, guint index, GError **error)
{
  g_auto (PosRksvCode) code = { 0 };
  g_autofree char *text = NULL;
  gboolean device_failed = FALSE, first = index == 0;
  g_autoptr (GError) local = NULL;

  text = pos_rksv_jws_code (jws, &device_failed, &local);
  if (text == NULL || !pos_rksv_code_parse (text, &code, &local))
    return fail (error, index, NULL, local->message);
  return check_signature (walk, jws, &code, device_failed, index, first, error)
         && check_turnover (walk, &code, index, first, error) && check_order (walk, jws, &code, index, error);
}

gboolean
pos_rksv_verify (GPtrArray *jws_list, const char *aes_key_base64, GPtrArray *keys, guint *checked,
                 GError **error)
{
  g_auto (Walk) walk = { 0 };

  if (!pos_rksv_aes_key_decode (aes_key_base64, walk.aes_key, error))
    return FALSE;
  walk.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref);
  walk.receipt_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < keys->len; i++)
    {
      PosRksvKey *key = g_ptr_array_index (keys, i);
      g_hash_table_insert (walk.keys, g_strdup (key->key_id), g_bytes_ref (key->public_key));
    }
  if (jws_list->len == 0)
    return fail (error, 0, NULL, "the export holds no receipts");
  for (guint i = 0; i < jws_list->len; i++)
    if (!check_receipt (&walk, g_ptr_array_index (jws_list, i), i, error))
      return FALSE;
  if (checked != NULL)
    *checked = jws_list->len;
  return TRUE;
}

static char *
read_text (const char *dir, const char *name, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return text;
}

gboolean
pos_rksv_verify_dir (const char *dir, guint *checked, GError **error)
{
  g_autofree char *dep = read_text (dir, "dep-export.json", error);
  g_autofree char *container = dep ? read_text (dir, "cryptographicMaterialContainer.json", error) : NULL;
  g_autofree char *aes_key = NULL;
  g_autoptr (GPtrArray) receipts = container ? pos_rksv_dep_read (dep, error) : NULL;
  g_autoptr (GPtrArray) keys = receipts ? pos_rksv_container_read (container, &aes_key, error) : NULL;

  return keys != NULL && pos_rksv_verify (receipts, aes_key, keys, checked, error);
}
