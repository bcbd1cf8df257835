/* pos-kassensichv.c — process data of German sales (see pos-kassensichv.h). */
#include "pos-kassensichv.h"

#include <glib/gi18n-lib.h>

#include "pos-dsfinvk-layaway.h"
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

/* The process data's slot of @rate_bp, whatever its tax code. */
static gboolean
slot_of (const char *tax_code, gint64 rate_bp, guint *slot, GError **error)
{
  (void)tax_code;
  for (*slot = 0; *slot < G_N_ELEMENTS (slot_rates_bp); (*slot)++)
    if (slot_rates_bp[*slot] == rate_bp)
      return TRUE;
  return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                      _ ("DE-KassenSichV: a tax rate of %lld basis points has no place in the TSE process "
                         "data (19, 7, 10.7, 5.5 or 0 %%)"),
                      (long long)rate_bp),
         FALSE;
}

static gboolean
sum_slots (JsonArray *taxes, gint64 *slots, GError **error)
{
  for (guint i = 0; taxes != NULL && i < json_array_get_length (taxes); i++)
    {
      JsonObject *o = json_array_get_object_element (taxes, i);
      guint slot = 0;

      if (!slot_of (NULL, json_object_get_int_member (o, "rate_bp"), &slot, error))
        return FALSE;
      slots[slot] += json_object_get_int_member (o, "gross");
    }
  return TRUE;
}

/* What was paid towards layaway @number (a "layaway" tender of the sale
 * that collects it) is taken off @slots at the rates it was put in with.
 *
 * The process data's amounts per rate are the receipt's gross turnover
 * at each rate ("Brutto-Steuerumsätze"), the same amounts the DSFinV-K
 * export gives the receipt per VAT key (BONKOPF_USt: the sum of its
 * business cases). Each payment towards the layaway was a receipt of its
 * own, an advance ("Anzahlungseinstellung") taxed when received
 * (§ 13 (1) Nr. 1a sentence 4 UStG) and secured by its own TSE
 * transaction. The collecting receipt sells the goods ("Umsatz") and
 * releases that advance ("Anzahlungsaufloesung") at the same rates, so
 * per rate it holds only what was not yet taxed; counting the goods' full
 * gross again would give the TSE the advance's turnover twice. Nor is the
 * advance a payment of this receipt: it was paid, Bar or Unbar, at the
 * earlier receipt, and <Zahlungen> holds only the money that changes
 * hands now. */
static gboolean
take_off_advance (PosStore *store, const char *number, gint64 *slots, GError **error)
{
  PosDsfinvkVatPart booked[G_N_ELEMENTS (slot_rates_bp)];
  g_auto (PosShopRules) rules = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (slot_rates_bp); i++)
    booked[i].rate_bp = slot_rates_bp[i];
  pos_shop_rules_load (store, &rules);
  if (!pos_dsfinvk_layaway_booked (store, number, rules.tax_mode, slot_of, booked, G_N_ELEMENTS (booked),
                                   error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (slot_rates_bp); i++)
    slots[i] -= booked[i].gross;
  return TRUE;
}

/* Vouchers and sales on account are no payment (DSFinV-K, Anhang C and
 * D): what they paid is a not-taxable amount the receipt takes off, in the
 * 0 % slot, as the export's lines do (pos-dsfinvk.c). Nor is what was paid
 * before towards a layaway (take_off_advance). */
static gboolean
is_payment (const char *method)
{
  return !g_str_equal (method, "voucher") && !g_str_equal (method, "account")
         && !g_str_equal (method, "layaway");
}

/* "<type>^<gross by VAT rate>^<payments>": type "Beleg" for a receipt,
 * "AVTraining" for a training transaction. */
static char *
process_data (PosStore *store, const char *type, JsonArray *taxes, JsonArray *payments, GError **error)
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
      const char *method = json_object_get_string_member_with_default (o, "method", "");

      if (g_str_equal (method, "layaway"))
        {
          if (!take_off_advance (store, json_object_get_string_member_with_default (o, "reference", ""),
                                 slots, error))
            return NULL;
        }
      else if (!is_payment (method))
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
pos_kassensichv_process_data (PosStore *store, JsonArray *taxes, JsonArray *payments, GError **error)
{
  return process_data (store, "Beleg", taxes, payments, error);
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
  g_autofree char *data = process_data (store, training ? "AVTraining" : "Beleg", taxes, payments, error);
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

static gboolean add_tse_lines (PosStore *store, const char *sql, const char *receipt_no, PosReceipt *receipt,
                               GError **error);

/* Money moved with no sale ------------------------------------------------ */

/* Under the KassenSichV every business event that moves money through the
 * till is secured by a TSE transaction of its own (§ 146a AO), not only
 * sales: each payment towards a layaway or against a customer's account
 * is a receipt ("Beleg") with its own process data, as the DSFinV-K
 * export gives it a receipt of its own (<till>-R<move> for a layaway,
 * <till>-A<move> for an account; pos-dsfinvk.c). Its amounts per rate are
 * that receipt's VAT per key:
 * - a payment towards a layaway is an advance ("Anzahlungseinstellung")
 *   taxed when received, at the rates of the reserved goods, split pro rata
 *   over their gross (pos_dsfinvk_advance_split); a gift card that paid it
 *   is the receipt's other side, a not-taxable amount taken off the 0 %
 *   slot, and no payment;
 * - a cancellation gives back its part of the advance (negative amounts
 *   at the rates it went in with); what the shop keeps as a fee is
 *   released from the advance and sold at the same rates, which nets to
 *   nothing per rate: its VAT was due when it was paid;
 * - a payment against an account settles a claim ("Forderungsaufloesung"):
 *   not taxable, in the 0 % slot.
 * The payments are the money that changed hands, Bar or Unbar. */

typedef struct
{
  gint64 id;
  char *number; /* the layaway's; NULL for an account */
  gboolean cancel;
  PosAmount amount; /* into the till (+) or out of it (−) */
  char *method;     /* (nullable) */
  char *created_at;
} Move;

static void
move_clear (Move *m)
{
  g_clear_pointer (&m->number, g_free);
  g_clear_pointer (&m->method, g_free);
  g_clear_pointer (&m->created_at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Move, move_clear)

/* The payment or cancellation of a layaway that event @event_id wrote:
 * FALSE with no error for any other move (opening, collecting). */
static gboolean
read_layaway_move (PosStore *store, const char *event_id, Move *m, GError **error)
{
  static const char sql[] = "SELECT m.id, y.number, m.kind = 'cancel', m.amount, m.method, m.created_at "
                            "FROM layaway_move m JOIN layaway y ON y.id = m.layaway_id "
                            "WHERE m.event_id = ?1 AND m.kind IN ('payment', 'cancel')";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) != SQLITE_ROW)
    return FALSE;
  *m = (Move){ sqlite3_column_int64 (stmt, 0), pos_stmt_dup_text (stmt, 1), sqlite3_column_int (stmt, 2),
               sqlite3_column_int64 (stmt, 3), pos_stmt_dup_text (stmt, 4), pos_stmt_dup_text (stmt, 5) };
  return TRUE;
}

/* A payment or deposit into an account in cash or by card that event
 * @event_id wrote: FALSE with no error for any other move (a sale on
 * account is on the sale's own receipt; an adjustment moves no money). */
static gboolean
read_account_move (PosStore *store, const char *event_id, Move *m, GError **error)
{
  static const char sql[] = "SELECT id, -amount, method, created_at FROM account_move WHERE event_id = ?1 "
                            "AND kind IN ('payment', 'deposit') AND method IN ('cash', 'card')";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *m = (Move){
    sqlite3_column_int64 (stmt, 0), NULL, FALSE, sqlite3_column_int64 (stmt, 1), pos_stmt_dup_text (stmt, 2),
    pos_stmt_dup_text (stmt, 3)
  };
  return TRUE;
}

/* A layaway's move by rate: an advance paid, or the part given back. */
static gboolean
layaway_slots (PosStore *store, const Move *m, gint64 *slots, GError **error)
{
  PosDsfinvkVatPart parts[G_N_ELEMENTS (slot_rates_bp)];
  g_auto (PosShopRules) rules = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (slot_rates_bp); i++)
    parts[i].rate_bp = slot_rates_bp[i];
  pos_shop_rules_load (store, &rules);
  if (!pos_dsfinvk_layaway_move_split (store, m->number, rules.tax_mode, slot_of, m->cancel, m->amount, parts,
                                       G_N_ELEMENTS (parts), error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    slots[i] += parts[i].gross;
  return TRUE;
}

static char *
move_process_data (PosStore *store, const Move *m, GError **error)
{
  gint64 slots[G_N_ELEMENTS (slot_rates_bp)] = { 0 };
  g_autoptr (GString) out = g_string_new ("Beleg^");
  gboolean voucher = g_strcmp0 (m->method, "voucher") == 0;

  if (m->number == NULL)
    slots[G_N_ELEMENTS (slots) - 1] += m->amount;
  else if (!layaway_slots (store, m, slots, error))
    return NULL;
  if (voucher)
    slots[G_N_ELEMENTS (slots) - 1] -= m->amount;
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      if (i > 0)
        g_string_append_c (out, '_');
      append_amount (out, slots[i]);
    }
  g_string_append_c (out, '^');
  if (m->method != NULL && !voucher && m->amount != 0)
    {
      append_amount (out, m->amount);
      g_string_append (out, g_str_equal (m->method, "cash") ? ":Bar" : ":Unbar");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
insert_receipt (PosStore *store, const char *kind, const char *receipt_id, gint64 sale_id,
                const char *issued_at, const char *data, GError **error)
{
  static const char sql[]
      = "INSERT INTO fiscal_receipt (till_id, profile, kind, receipt_id, sale_id, issued_at, fiscal_data, "
        "turnover, device_failed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8)";
  g_autofree char *till_id = pos_shop_setting_get (store, "till_id");
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, receipt_id, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 5, sale_id, 0);
  sqlite3_bind_text (stmt, 6, issued_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, data, -1, SQLITE_STATIC);
  /* A TSE driver would store its signature with the data; until one is
   * certified and registered, every receipt is recorded as unsigned. */
  sqlite3_bind_int (stmt, 8, tse_sign (data, receipt_id) ? 0 : 1);
  return pos_store_step_done (store, stmt, error);
}

char *
pos_kassensichv_move_receipt_id (PosStore *store, const char *event_type, gint64 move_id)
{
  g_autofree char *till_id = pos_shop_setting_get (store, "till_id");

  return g_strdup_printf ("%s-%c%" G_GINT64_FORMAT, till_id != NULL ? till_id : "",
                          g_str_has_prefix (event_type, "account.") ? 'A' : 'R', move_id);
}

gboolean
pos_kassensichv_record_move (PosStore *store, const char *event_type, const char *event_id, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_auto (Move) m = { 0 };
  gboolean layaway = g_str_equal (event_type, "layaway.moved");
  g_autofree char *data = NULL;
  g_autofree char *receipt_id = NULL;

  if (!layaway && !g_str_equal (event_type, "account.moved"))
    return pos_kassensichv_record_cash (store, event_type, event_id, error);
  if (!(layaway ? read_layaway_move (store, event_id, &m, &local)
                : read_account_move (store, event_id, &m, &local)))
    {
      if (local == NULL)
        return TRUE; /* a move that is no business event with money */
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* a layaway cancelled before anything was paid moved no money */
  if (layaway && m.cancel && m.amount == 0 && m.method == NULL)
    {
      g_autoptr (GArray) paid = pos_dsfinvk_layaway_payments (store, m.number, error);

      if (paid == NULL)
        return FALSE;
      if (paid->len == 0)
        return TRUE;
    }
  if ((data = move_process_data (store, &m, error)) == NULL)
    return FALSE;
  receipt_id = pos_kassensichv_move_receipt_id (store, event_type, m.id);
  return insert_receipt (store, "sale", receipt_id, 0, m.created_at, data, error);
}

/* The drawer's cash that is no sale --------------------------------------- */

/* Each of the drawer's cash Vorgänge is a process of its own under the
 * KassenSichV (§ 146a AO, AEAO zu § 146a Nr. 1.9: every "Vorgang" the till
 * records, not only sales): the opening float, cash paid in or out, the
 * cash a shift's close takes away and its difference, and the balance a Z
 * carries over to the next closing. The DSFinV-K export gives each a
 * receipt of its business case (pos-dsfinvk.h); its TSE transaction is
 * that receipt's process data: the amount in the not-taxable 0 % slot,
 * paid Bar. Each query finds, for journal event ?1 of this till ?2, the
 * receipt ids, times and amounts the export gives the same moves. */
static const struct
{
  const char *event_type, *sql;
} cash_cases[] = {
  { "shift.open", "SELECT ?2 || '-S' || s.id, s.opened_at, s.opening_float FROM journal e "
                  "JOIN shift s ON s.id = json_extract (e.payload, '$.shift_id') WHERE e.event_id = ?1" },
  { "cash.move",
    "SELECT ?2 || '-C' || c.id, c.created_at, CASE c.kind WHEN 'paid_in' THEN c.amount ELSE -c.amount END "
    "FROM journal e JOIN cash_move c ON c.shift_id = json_extract (e.payload, '$.shift_id') "
    "AND c.kind = json_extract (e.payload, '$.kind') AND c.created_at = json_extract (e.payload, "
    "'$.created_at') WHERE e.event_id = ?1 AND c.kind IN ('paid_in', 'paid_out') ORDER BY c.id DESC LIMIT "
    "1" },
  /* the cash taken away (Geldtransit) and the count's difference */
  { "shift.close",
    "SELECT ?2 || '-S' || s.id || '-E', s.closed_at, -s.counted_cash FROM journal e "
    "JOIN shift s ON s.id = json_extract (e.payload, '$.shift_id') WHERE e.event_id = ?1 "
    "UNION ALL SELECT ?2 || '-S' || s.id || '-D', s.closed_at, s.counted_cash - s.expected_cash "
    "FROM journal e JOIN shift s ON s.id = json_extract (e.payload, '$.shift_id') "
    "WHERE e.event_id = ?1" },
  /* a shift still open at the Z carries its cash into the next closing */
  { "report.z", "SELECT ?2 || '-S' || json_extract (j.value, '$.shift_id') || '-Z' || (z.number + 1), "
                "z.closed_at, json_extract (j.value, '$.expected_cash') FROM journal e JOIN z_report z "
                "ON z.till_id = ?2 AND z.number = json_extract (e.payload, '$.number'), "
                "json_each (z.body, '$.shifts') j WHERE e.event_id = ?1 ORDER BY j.key" },
};

static char *
cash_process_data (gint64 amount)
{
  g_autoptr (GString) out = g_string_new ("Beleg^0.00_0.00_0.00_0.00_");

  append_amount (out, amount);
  g_string_append_c (out, '^');
  append_amount (out, amount);
  g_string_append (out, ":Bar");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The export leaves out a case of no amount, so no process is kept for it. */
static gboolean
record_cash (PosStore *store, const char *sql, const char *event_id, GError **error)
{
  g_autofree char *till_id = pos_shop_setting_get (store, "till_id");
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, till_id != NULL ? till_id : "", -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *data = NULL;
      gint64 amount = sqlite3_column_int64 (stmt, 2);

      if (amount == 0)
        continue;
      data = cash_process_data (amount);
      if (!insert_receipt (store, "sale", (const char *)sqlite3_column_text (stmt, 0), 0,
                           (const char *)sqlite3_column_text (stmt, 1), data, error))
        return FALSE;
    }
  return rc == SQLITE_DONE;
}

gboolean
pos_kassensichv_record_cash (PosStore *store, const char *event_type, const char *event_id, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (cash_cases); i++)
    if (g_str_equal (cash_cases[i].event_type, event_type))
      return record_cash (store, cash_cases[i].sql, event_id, error);
  return TRUE;
}

gboolean
pos_kassensichv_move_lines (PosStore *store, const char *event_type, gint64 move_id, PosReceipt *receipt,
                            GError **error)
{
  static const char sql[] = "SELECT device_failed FROM fiscal_receipt WHERE receipt_id = ?1 AND profile = ?2";
  g_autofree char *receipt_id = pos_kassensichv_move_receipt_id (store, event_type, move_id);

  return add_tse_lines (store, sql, receipt_id, receipt, error);
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
