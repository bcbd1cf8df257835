/* pos-kassensichv.c — process data of German sales (see pos-kassensichv.h). */
#include "pos-kassensichv.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"
#include "pos-shop.h"
#include "pos-store-private.h"
#include "pos-tse.h"

#define PROFILE "DE-KassenSichV"

/* The process data's VAT slots, in their order. */
static const gint64 slot_rates_bp[] = { 1900, 700, 1070, 550, 0 };

static void
append_amount (GString *out, gint64 cents)
{
  guint64 magnitude = cents < 0 ? -(guint64)cents : (guint64)cents;

  g_string_append_printf (out, "%s%" G_GUINT64_FORMAT ".%02u", cents < 0 ? "-" : "", magnitude / 100,
                          (unsigned)(magnitude % 100));
}

static gboolean
sum_slots (JsonArray *taxes, gint64 *slots, GError **error)
{
  for (guint i = 0; taxes != NULL && i < json_array_get_length (taxes); i++)
    {
      JsonObject *o = json_array_get_object_element (taxes, i);
      gint64 rate = json_object_get_int_member (o, "rate_bp");
      guint slot = 0;

      while (slot < G_N_ELEMENTS (slot_rates_bp) && slot_rates_bp[slot] != rate)
        slot++;
      if (slot == G_N_ELEMENTS (slot_rates_bp))
        return g_set_error (
                   error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("DE-KassenSichV: a tax rate of %lld basis points has no place in the TSE process "
                      "data (19, 7, 10.7, 5.5 or 0 %%)"),
                   (long long)rate),
               FALSE;
      slots[slot] += json_object_get_int_member (o, "gross");
    }
  return TRUE;
}

/* Vouchers and sales on account are no payment (DSFinV-K, Anhang C and
 * D): what they paid is a not-taxable amount the receipt takes off, in the
 * 0 % slot, as the export's lines do (pos-dsfinvk.c). */
static gboolean
is_payment (const char *method)
{
  return !g_str_equal (method, "voucher") && !g_str_equal (method, "account");
}

/* "<type>^<gross by VAT rate>^<payments>": type "Beleg" for a receipt,
 * "AVTraining" for a training transaction. */
static char *
process_data (const char *type, JsonArray *taxes, JsonArray *payments, GError **error)
{
  gint64 slots[G_N_ELEMENTS (slot_rates_bp)] = { 0 };
  g_autoptr (GString) out = g_string_new (type);
  guint n_payments = payments != NULL ? json_array_get_length (payments) : 0;
  gboolean first = TRUE;

  g_string_append_c (out, '^');

  if (!sum_slots (taxes, slots, error))
    return NULL;
  for (guint i = 0; i < n_payments; i++)
    {
      JsonObject *o = json_array_get_object_element (payments, i);

      if (!is_payment (json_object_get_string_member_with_default (o, "method", "")))
        slots[G_N_ELEMENTS (slots) - 1] -= json_object_get_int_member (o, "amount");
    }
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      if (i > 0)
        g_string_append_c (out, '_');
      append_amount (out, slots[i]);
    }
  g_string_append_c (out, '^');
  for (guint i = 0; i < n_payments; i++)
    {
      JsonObject *o = json_array_get_object_element (payments, i);
      const char *method = json_object_get_string_member_with_default (o, "method", "");

      if (!is_payment (method))
        continue;
      if (!first)
        g_string_append_c (out, '_');
      first = FALSE;
      append_amount (out, json_object_get_int_member (o, "amount"));
      g_string_append (out, g_str_equal (method, "cash") ? ":Bar" : ":Unbar");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
pos_kassensichv_process_data (JsonArray *taxes, JsonArray *payments, GError **error)
{
  return process_data ("Beleg", taxes, payments, error);
}

/* Signs with the registered TSE, if there is one that works. */
static gboolean
tse_sign (const char *process_data, const char *receipt_no)
{
  const PosTseDriver *driver = pos_tse_get_driver ();
  g_auto (PosTseSignature) signature = { 0 };
  g_autoptr (GError) error = NULL;

  if (driver == NULL)
    return FALSE;
  if (driver->sign (driver->driver_data, POS_KASSENSICHV_PROCESS_TYPE, process_data, &signature, &error))
    return TRUE;
  g_message ("DE-KassenSichV: the TSE did not sign %s: %s", receipt_no, error->message);
  return FALSE;
}

gboolean
pos_kassensichv_record_sale (PosStore *store, gint64 sale_id, const char *kind, const char *receipt_no,
                             const char *created_at, JsonArray *taxes, JsonArray *payments, GError **error)
{
  static const char sql[]
      = "INSERT INTO fiscal_receipt (till_id, profile, kind, receipt_id, sale_id, issued_at, fiscal_data, "
        "turnover, device_failed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8)";
  gboolean training = g_strcmp0 (kind, "training") == 0;
  g_autofree char *data = process_data (training ? "AVTraining" : "Beleg", taxes, payments, error);
  g_autofree char *till_id = pos_shop_setting_get (store, "till_id");
  g_autoptr (PosStmt) stmt = NULL;

  if (data == NULL || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3,
                     training                          ? "training"
                     : g_strcmp0 (kind, "refund") == 0 ? "refund"
                                                       : "sale",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, receipt_no, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 5, sale_id, 0);
  sqlite3_bind_text (stmt, 6, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, data, -1, SQLITE_STATIC);
  /* A TSE driver would store its signature with the data; until one is
   * certified and registered, every receipt is recorded as unsigned. */
  sqlite3_bind_int (stmt, 8, tse_sign (data, receipt_no) ? 0 : 1);
  return pos_store_step_done (store, stmt, error);
}

/* Says so when no TSE secured the receipt @sql finds for @receipt_no. */
static gboolean
add_tse_lines (PosStore *store, const char *sql, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
    pos_receipt_add_text (receipt, POS_TEXT_BOLD, POS_ALIGN_CENTER, POS_KASSENSICHV_NO_TSE);
  return rc >= 0;
}

gboolean
pos_kassensichv_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  static const char sql[] = "SELECT f.device_failed FROM fiscal_receipt f JOIN sale s ON s.id = f.sale_id "
                            "WHERE s.receipt_no = ?1 AND f.profile = ?2";

  return add_tse_lines (store, sql, receipt_no, receipt, error);
}

gboolean
pos_kassensichv_training_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  static const char sql[] = "SELECT device_failed FROM fiscal_receipt WHERE receipt_id = ?1 AND profile = ?2 "
                            "AND kind = 'training' ORDER BY id DESC LIMIT 1";

  return add_tse_lines (store, sql, receipt_no, receipt, error);
}
