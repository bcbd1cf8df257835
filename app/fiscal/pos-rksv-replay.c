/* pos-rksv-replay.c — BMF scenarios through the till's code (see pos-rksv-replay.h). */
#include "pos-rksv-replay.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "pos-error.h"
#include "pos-json.h"
#include "pos-rksv-cashbox.h"
#include "pos-rksv-dep.h"

typedef struct
{
  PosRksvCashbox box;
  GPtrArray *signers; /* PosPkcs11Signer, one per device */
  GPtrArray *keys;    /* PosRksvKey */
  GPtrArray *receipts;
  char *aes_key_base64;
} Replay;

static void
replay_clear (Replay *replay)
{
  pos_rksv_cashbox_clear (&replay->box);
  g_clear_pointer (&replay->signers, g_ptr_array_unref);
  g_clear_pointer (&replay->keys, g_ptr_array_unref);
  g_clear_pointer (&replay->receipts, g_ptr_array_unref);
  g_clear_pointer (&replay->aes_key_base64, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Replay, replay_clear)

static gboolean
open_devices (Replay *replay, const PosRksvDevices *devices, const char *company_id, gint64 count,
              GError **error)
{
  replay->signers = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_pkcs11_signer_free);
  replay->keys = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_rksv_key_free);
  if (count < 1 || devices->key_labels == NULL || g_strv_length ((char **)devices->key_labels) < count)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The scenario needs %lld signing keys"),
                   (long long)count);
      return FALSE;
    }
  for (gint64 i = 0; i < count; i++)
    {
      PosPkcs11Signer *signer = pos_pkcs11_signer_open (devices->module_path, devices->token_label,
                                                        devices->pin, devices->key_labels[i], error);
      g_autofree char *key_id = g_strdup_printf ("%s-K%" G_GINT64_FORMAT, company_id, i);

      if (signer == NULL)
        return FALSE;
      g_ptr_array_add (replay->signers, signer);
      g_ptr_array_add (replay->keys, pos_rksv_key_new (key_id, pos_pkcs11_signer_public_key (signer)));
    }
  return TRUE;
}

/* The scenario's sums are JSON numbers with two decimals: rounded to cents
 * once, here at the border. */
static gint64
cents (JsonObject *sums, const char *member)
{
  if (sums == NULL || !json_object_has_member (sums, member))
    return 0;
  return (gint64)llround (json_object_get_double_member (sums, member) * 100.0);
}

static const char *const sum_members[POS_RKSV_RATES] = {
  "taxSetNormal", "taxSetErmaessigt1", "taxSetErmaessigt2", "taxSetNull", "taxSetBesonders",
};

static gboolean
replay_one (Replay *replay, JsonObject *step, guint index, GError **error)
{
  JsonObject *sums;
  PosRksvReceipt receipt = { 0 };
  gint64 device = step ? pos_json_get_int (step, "usedSignatureDevice", -1) : -1;
  PosRksvKey *key;
  char *jws;

  if (device < 0 || device >= replay->signers->len
      || !pos_rksv_type_parse (pos_json_get_string (step, "typeOfReceipt"), &receipt.type))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Scenario step %u is not understood"), index + 1);
      return FALSE;
    }
  receipt.receipt_id = pos_json_get_string (step, "receiptIdentifier");
  receipt.date_time = pos_json_get_string (step, "dateToUse");
  sums = json_object_has_member (step, "simplifiedReceipt")
             ? json_object_get_object_member (step, "simplifiedReceipt")
             : NULL;
  for (int i = 0; i < POS_RKSV_RATES; i++)
    receipt.sums[i] = cents (sums, sum_members[i]);
  key = g_ptr_array_index (replay->keys, device);
  jws = pos_rksv_cashbox_issue (
      &replay->box, &receipt,
      json_object_get_boolean_member_with_default (step, "signatureDeviceDamaged", FALSE)
          ? NULL
          : g_ptr_array_index (replay->signers, device),
      key->key_id, NULL, error);
  if (jws == NULL)
    return FALSE;
  g_ptr_array_add (replay->receipts, jws);
  return TRUE;
}

static gboolean
replay_scenario (Replay *replay, JsonObject *scenario, const PosRksvDevices *devices, GError **error)
{
  JsonArray *steps = pos_json_get_array (scenario, "cashBoxInstructionList");
  const char *company_id = pos_json_get_string (scenario, "companyID");

  replay->box.cash_box_id = g_strdup (pos_json_get_string (scenario, "cashBoxId"));
  replay->aes_key_base64 = g_strdup (pos_json_get_string (scenario, "base64AesKey"));
  if (steps == NULL || company_id == NULL || replay->box.cash_box_id == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Not a cash-box simulation"));
      return FALSE;
    }
  if (!pos_rksv_aes_key_decode (replay->aes_key_base64, replay->box.aes_key, error)
      || !open_devices (replay, devices, company_id,
                        pos_json_get_int (scenario, "numberOfSignatureDevices", 0), error))
    return FALSE;
  replay->receipts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (steps); i++)
    if (!replay_one (replay, pos_json_array_get_object (steps, i), i, error))
      return FALSE;
  return TRUE;
}

gboolean
pos_rksv_replay (const char *scenario_path, const PosRksvDevices *devices, const char *out_dir, guint *issued,
                 GError **error)
{
  g_auto (Replay) replay = { 0 };
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (!g_file_get_contents (scenario_path, &text, NULL, error))
    return FALSE;
  root = pos_json_parse (text, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Not a cash-box simulation"));
      return FALSE;
    }
  if (!replay_scenario (&replay, json_node_get_object (root), devices, error)
      || !pos_rksv_dep_write_dir (out_dir, replay.receipts, replay.aes_key_base64, replay.keys, error))
    return FALSE;
  if (issued != NULL)
    *issued = replay.receipts->len;
  return TRUE;
}
