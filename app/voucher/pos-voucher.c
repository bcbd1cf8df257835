/* pos-voucher.c — gift cards, vouchers and store credit (see pos-voucher.h). */
#include "pos-voucher.h"

#include <glib/gi18n-lib.h>

#include <sodium.h>

#include "pos-audit.h"
#include "pos-catalog.h"
#include "pos-cart-line.h"
#include "pos-clock.h"
#include "pos-json.h"
#include "pos-journal.h"
#include "pos-permission.h"
#include "pos-names.h"
#include "pos-shop.h"
#include "pos-store-private.h"

/* No 0/O, 1/I: a code read out over the phone or typed from a card. */
static const char code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
#define CODE_LENGTH 12
#define PENDING_KEY "pos-voucher-sales"

static const char *const kind_names[] = { "mpv", "spv", "credit" };

const char *
pos_voucher_kind_to_string (PosVoucherKind kind)
{
  return pos_names_get (kind_names, G_N_ELEMENTS (kind_names), kind);
}

gboolean
pos_voucher_kind_parse (const char *text, PosVoucherKind *out)
{
  guint value;

  if (!pos_names_parse (kind_names, G_N_ELEMENTS (kind_names), text, &value))
    return FALSE;
  *out = (PosVoucherKind)value;
  return TRUE;
}

char *
pos_voucher_new_code (void)
{
  char code[2 + CODE_LENGTH + 1] = "GC";

  for (int i = 0; i < CODE_LENGTH; i++)
    code[2 + i] = code_alphabet[randombytes_uniform (sizeof code_alphabet - 1)];
  code[2 + CODE_LENGTH] = '\0';
  return g_strdup (code);
}

/* Our own codes, and the codes of cards a shop had printed elsewhere:
 * 4 to 32 capital letters, digits or dashes. */
gboolean
pos_voucher_code_is_valid (const char *code)
{
  return code != NULL && g_regex_match_simple ("^[A-Z0-9-]{4,32}$", code, 0, 0);
}

static gboolean
check_code (const char *code, GError **error)
{
  if (pos_voucher_code_is_valid (code))
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("“%s” is not a voucher code (4–32 capital letters, digits or dashes)"), code ? code : "");
  return FALSE;
}

void
pos_voucher_free (PosVoucher *voucher)
{
  if (voucher == NULL)
    return;
  g_free (voucher->code);
  g_free (voucher->tax_code);
  g_free (voucher->expires_on);
  g_free (voucher->issued_at);
  g_free (voucher->issued_till);
  g_free (voucher);
}

#define VOUCHER_COLUMNS                                                                                      \
  "SELECT v.code, v.kind, v.tax_code, v.customer_id, v.expires_on, v.issued_at, v.issued_till, "             \
  "coalesce (sum (CASE WHEN m.kind = 'issue' THEN m.amount END), 0), coalesce (sum (m.amount), 0), "         \
  "coalesce (max (m.kind = 'void'), 0) FROM voucher v LEFT JOIN voucher_move m ON m.code = v.code "

static PosVoucher *
voucher_from_row (PosStmt *stmt)
{
  PosVoucher *v = g_new0 (PosVoucher, 1);
  g_autofree char *kind = pos_stmt_dup_text (stmt, 1);

  v->code = pos_stmt_dup_text (stmt, 0);
  pos_voucher_kind_parse (kind, &v->kind);
  v->tax_code = pos_stmt_dup_text (stmt, 2);
  v->customer_id = sqlite3_column_int64 (stmt, 3);
  v->expires_on = pos_stmt_dup_text (stmt, 4);
  v->issued_at = pos_stmt_dup_text (stmt, 5);
  v->issued_till = pos_stmt_dup_text (stmt, 6);
  v->issued = sqlite3_column_int64 (stmt, 7);
  v->balance = sqlite3_column_int64 (stmt, 8);
  v->voided = sqlite3_column_int (stmt, 9) != 0;
  return v;
}

PosVoucher *
pos_voucher_lookup (PosStore *store, const char *code, GError **error)
{
  static const char sql[] = VOUCHER_COLUMNS "WHERE v.code = ?1 GROUP BY v.code";
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if (!check_code (code, error) || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No voucher has the code %s"), code), NULL;
  return voucher_from_row (stmt);
}

gboolean
pos_voucher_is_expired (const PosVoucher *voucher, gint64 now_us)
{
  g_autofree char *today = NULL;

  g_return_val_if_fail (voucher != NULL, TRUE);
  if (voucher->expires_on == NULL || *voucher->expires_on == '\0')
    return FALSE;
  today = pos_clock_business_day (now_us);
  return strcmp (today, voucher->expires_on) > 0;
}

GPtrArray *
pos_voucher_list (PosStore *store, GError **error)
{
  static const char sql[] = VOUCHER_COLUMNS "GROUP BY v.code ORDER BY v.issued_at DESC, v.code";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_voucher_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, voucher_from_row (stmt));
  return rc < 0 ? NULL : g_steal_pointer (&list);
}

/* Rows ---------------------------------------------------------------------------- */

static gboolean
insert_voucher (PosStore *store, const PosVoucher *v, GError **error)
{
  static const char sql[] = "INSERT INTO voucher (code, kind, tax_code, customer_id, expires_on, issued_at, "
                            "issued_till) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (code) DO NOTHING";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, v->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pos_voucher_kind_to_string (v->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, v->tax_code, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 4, v->customer_id, 0);
  sqlite3_bind_text (stmt, 5, v->expires_on && *v->expires_on ? v->expires_on : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, v->issued_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, v->issued_till, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

typedef struct
{
  const char *code;
  const char *kind;
  PosAmount amount; /* signed as stored */
  const char *till_id;
  const char *receipt_no;
  const char *created_at;
  const char *event_id;
} Move;

/* A move pulled twice (sync retried) is kept once: event_id is unique. */
static gboolean
insert_move (PosStore *store, const Move *m, GError **error)
{
  static const char sql[] = "INSERT INTO voucher_move (code, kind, amount, till_id, receipt_no, created_at, "
                            "event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (event_id) DO NOTHING";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, m->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, m->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, m->amount);
  sqlite3_bind_text (stmt, 4, m->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, m->receipt_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, m->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, m->event_id, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static char *
customer_uid (PosStore *store, gint64 customer_id)
{
  static const char sql[] = "SELECT uid FROM customer WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? pos_stmt_dup_text (stmt, 0) : NULL;
}

static gint64
customer_by_uid (PosStore *store, const char *uid)
{
  static const char sql[] = "SELECT id FROM customer WHERE uid = ?1 "
                            "UNION ALL SELECT customer_id FROM customer_alias WHERE uid = ?1 LIMIT 1";
  g_autoptr (PosStmt) stmt = NULL;

  if (uid == NULL || (stmt = pos_store_prepare (store, sql, NULL)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Issuing ------------------------------------------------------------------------- */

/* Writes voucher @v with its first move of @amount and the event that
 * carries both, in the caller's transaction. */
static gboolean
issue (PosStore *store, PosVoucher *v, PosAmount amount, const char *receipt_no, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;
  g_autofree char *uid = v->customer_id ? customer_uid (store, v->customer_id) : NULL;
  Move m = { v->code, "issue", amount, NULL, receipt_no, NULL, NULL };

  v->issued_at = pos_clock_iso_utc (pos_clock_now_us ());
  v->issued_till = pos_journal_till_id (store);
  json_object_set_string_member (o, "code", v->code);
  json_object_set_string_member (o, "kind", pos_voucher_kind_to_string (v->kind));
  json_object_set_int_member (o, "amount", amount);
  json_object_set_string_member (o, "created_at", v->issued_at);
  if (v->tax_code != NULL)
    json_object_set_string_member (o, "tax_code", v->tax_code);
  if (v->expires_on != NULL && *v->expires_on)
    json_object_set_string_member (o, "expires_on", v->expires_on);
  if (uid != NULL)
    json_object_set_string_member (o, "customer_uid", uid);
  if (receipt_no != NULL)
    json_object_set_string_member (o, "receipt_no", receipt_no);
  if ((event = pos_journal_append_object (store, "voucher.issued", o, error)) == NULL)
    return FALSE;
  m.till_id = v->issued_till;
  m.created_at = v->issued_at;
  m.event_id = event->event_id;
  return insert_voucher (store, v, error) && insert_move (store, &m, error);
}

/* The last day a voucher sold today pays: "voucher_valid_days" on (3 years
 * by default, the common legal minimum; 0 = no end). */
static char *
default_expiry (PosStore *store)
{
  gint64 days = pos_store_get_setting_int (store, POS_VOUCHER_VALID_DAYS_SETTING, 1095);

  if (days <= 0)
    return NULL;
  return pos_clock_business_day (pos_clock_now_us () + days * G_TIME_SPAN_DAY);
}

static gboolean
check_expiry_text (const char *text, GError **error)
{
  if (text == NULL || *text == '\0' || g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text, 0, 0))
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("An expiry date is written 2029-12-31, not “%s”"),
               text);
  return FALSE;
}

gboolean
pos_voucher_issue_credit (PosStore *store, gint64 customer_id, PosAmount amount, const char *receipt_no,
                          char **code_out, GError **error)
{
  g_autoptr (PosVoucher) v = g_new0 (PosVoucher, 1);

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (customer_id <= 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                        _ ("Store credit goes on a customer's account: attach the customer first")),
           FALSE;
  if (amount <= 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Store credit must be more than zero")),
           FALSE;
  v->code = pos_voucher_new_code ();
  v->kind = POS_VOUCHER_CREDIT;
  v->customer_id = customer_id;
  v->expires_on = default_expiry (store);
  if (!issue (store, v, amount, receipt_no, error))
    return FALSE;
  if (code_out != NULL)
    *code_out = g_strdup (v->code);
  return TRUE;
}

/* Selling a voucher on a sale line ------------------------------------------------- */

typedef struct
{
  char *code;
  PosVoucherKind kind;
  char *tax_code;
  char *expires_on;
} Pending;

static void
pending_free (Pending *p)
{
  g_free (p->code);
  g_free (p->tax_code);
  g_free (p->expires_on);
  g_free (p);
}

static GHashTable *
cart_pending (PosCart *cart)
{
  GHashTable *pending = g_object_get_data (G_OBJECT (cart), PENDING_KEY);

  if (pending == NULL)
    {
      pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)pending_free);
      g_object_set_data_full (G_OBJECT (cart), PENDING_KEY, pending, (GDestroyNotify)g_hash_table_unref);
    }
  return pending;
}

/* The voucher line's tax: an spv's rate from the shop's rates; an mpv at 0. */
static gboolean
line_tax (PosStore *store, const PosVoucherSale *sale, PosProduct *item, GError **error)
{
  static const char sql[] = "SELECT id, rate_bp FROM tax_rate WHERE code = ?1 AND active = 1";
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  if (sale->kind != POS_VOUCHER_SPV)
    {
      item->tax_code = g_strdup ("MPV");
      item->tax_rate_bp = 0;
      return TRUE;
    }
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sale->tax_code ? sale->tax_code : "", -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    return g_set_error (
               error, POS_ERROR, POS_ERROR_INVALID,
               _ ("A single-purpose voucher needs the tax rate of its goods: the shop has no rate “%s”"),
               sale->tax_code ? sale->tax_code : ""),
           FALSE;
  item->tax_rate_id = sqlite3_column_int64 (stmt, 0);
  item->tax_rate_bp = sqlite3_column_int64 (stmt, 1);
  item->tax_code = g_strdup (sale->tax_code);
  return TRUE;
}

static gboolean
check_sale (PosStore *store, const PosVoucherSale *sale, const char *code, GError **error)
{
  g_autoptr (PosVoucher) known = NULL;

  if (sale->kind == POS_VOUCHER_CREDIT)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("Store credit comes from a refund; it is not sold")),
           FALSE;
  if (sale->amount <= 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A voucher's value must be more than zero")),
           FALSE;
  if (!pos_tender_check_amount (sale->amount, pos_shop_currency (store), error))
    return FALSE;
  if (!check_code (code, error) || !check_expiry_text (sale->expires_on, error))
    return FALSE;
  if ((known = pos_voucher_lookup (store, code, NULL)) != NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE, _ ("The voucher %s was sold already"),
                        code),
           FALSE;
  return TRUE;
}

gboolean
pos_voucher_add_to_cart (PosCart *cart, const PosVoucherSale *sale, char **code_out, GError **error)
{
  PosStore *store;
  g_autofree char *code = NULL;
  g_autoptr (PosProduct) item = pos_product_new ();
  g_autoptr (PosCartLine) line = NULL;
  Pending *p;

  g_return_val_if_fail (POS_IS_CART (cart) && sale != NULL, FALSE);

  store = pos_cart_get_store (cart);
  code = sale->code ? g_strdup (sale->code) : pos_voucher_new_code ();
  if (!check_sale (store, sale, code, error) || !line_tax (store, sale, item, error))
    return FALSE;
  item->sku = g_strdup (code);
  item->name
      = g_strdup_printf ("%s %s", sale->kind == POS_VOUCHER_SPV ? _ ("Voucher") : _ ("Gift card"), code);
  g_free (item->unit);
  item->unit = g_strdup ("each");
  item->price = sale->amount;
  /* the mark of a voucher line: it outlasts parking, and no open item has it */
  item->version = POS_VOUCHER_LINE_VERSION;
  line = pos_cart_line_new_for_product (item, POS_QTY_ONE);
  if (!pos_cart_add_line (cart, line, error))
    return FALSE;

  p = g_new0 (Pending, 1);
  p->code = g_strdup (code);
  p->kind = sale->kind;
  p->tax_code = sale->kind == POS_VOUCHER_SPV ? g_strdup (sale->tax_code) : NULL;
  p->expires_on = sale->expires_on ? g_strdup (sale->expires_on) : default_expiry (store);
  g_hash_table_replace (cart_pending (cart), p->code, p);
  if (code_out != NULL)
    *code_out = g_steal_pointer (&code);
  return TRUE;
}

/* Issues the voucher sold on @line, when it is one: kind and rate follow
 * from the line itself (a parked and resumed sale keeps them), the expiry
 * from what was asked when it was rung up, else the shop's default. */
static gboolean
issue_line (PosStore *store, GHashTable *pending, PosCartLine *line, const char *receipt_no, GError **error)
{
  const char *code = pos_cart_line_get_sku (line);
  Pending *p = pending ? g_hash_table_lookup (pending, code) : NULL;
  g_autoptr (PosVoucher) v = NULL;

  if (pos_cart_line_get_product_id (line) != 0
      || pos_cart_line_get_catalog_version (line) != POS_VOUCHER_LINE_VERSION)
    return TRUE;
  if (pos_cart_line_get_qty (line) != POS_QTY_ONE
      || pos_cart_line_get_total (line) != pos_cart_line_get_unit_price (line))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("A voucher is sold one at a time at its full value (%s)"), code),
           FALSE;
  v = g_new0 (PosVoucher, 1);
  v->code = g_strdup (code);
  v->kind = g_strcmp0 (pos_cart_line_get_tax_code (line), "MPV") == 0 ? POS_VOUCHER_MPV : POS_VOUCHER_SPV;
  v->tax_code = v->kind == POS_VOUCHER_SPV ? g_strdup (pos_cart_line_get_tax_code (line)) : NULL;
  v->expires_on = p ? g_strdup (p->expires_on) : default_expiry (store);
  return issue (store, v, pos_cart_line_get_unit_price (line), receipt_no, error);
}

/* Redeeming ----------------------------------------------------------------------- */

/* What this till took from @code that the hub has not received yet. */
static PosAmount
unsynced_redeemed (PosStore *store, const char *code, const char *till_id)
{
  static const char sql[] = "SELECT coalesce (-sum (m.amount), 0) FROM voucher_move m "
                            "JOIN journal j ON j.event_id = m.event_id "
                            "WHERE m.code = ?1 AND m.kind = 'redeem' AND m.till_id = ?2 "
                            "AND j.id IN (SELECT id FROM journal_outbox)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, till_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* A till that syncs with a hub holds at most the offline limit of one
 * card's redemptions the hub has not received: all another till can
 * have missed when both are offline. A till without a hub has no other
 * till to miss. */
static gboolean
check_offline_limit (PosStore *store, const char *code, PosAmount amount, GError **error)
{
  g_autofree char *hub = pos_store_dup_sync_state (store, "hub_id");
  g_autofree char *till_id = NULL;
  PosAmount limit, held;

  if (hub == NULL || *hub == '\0')
    return TRUE;
  limit = pos_store_get_setting_int (store, POS_VOUCHER_OFFLINE_LIMIT_SETTING, 5000);
  till_id = pos_journal_till_id (store);
  held = unsynced_redeemed (store, code, till_id);
  if (held + amount <= limit)
    return TRUE;
  {
    g_autofree char *left = pos_amount_format (MAX (limit - held, 0), pos_shop_currency (store));
    g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                 _ ("Until this till syncs with the hub it may take at most %s more from card %s"), left,
                 code);
  }
  return FALSE;
}

gboolean
pos_voucher_check_redeem (PosStore *store, const char *code, PosAmount amount, gint64 customer_id,
                          GError **error)
{
  g_autoptr (PosVoucher) v = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if ((v = pos_voucher_lookup (store, code, error)) == NULL)
    return FALSE;
  if (amount <= 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tender must be more than zero")), FALSE;
  if (v->voided)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("The voucher %s was voided"), code), FALSE;
  if (pos_voucher_is_expired (v, pos_clock_now_us ()))
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("The voucher %s expired on %s"), code,
                        v->expires_on),
           FALSE;
  if (v->customer_id != 0 && v->customer_id != customer_id)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                        _ ("%s is a customer's store credit: attach that customer's card to use it"), code),
           FALSE;
  if (amount > v->balance)
    {
      g_autofree char *left = pos_amount_format (MAX (v->balance, 0), pos_shop_currency (store));
      g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("The voucher %s has only %s left"), code, left);
      return FALSE;
    }
  return check_offline_limit (store, code, amount, error);
}

gboolean
pos_voucher_redeem (PosStore *store, const char *code, PosAmount amount, gint64 customer_id,
                    const char *receipt_no, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  g_autofree char *till_id = pos_journal_till_id (store);
  Move m = { code, "redeem", -amount, till_id, receipt_no, now, NULL };

  if (!pos_voucher_check_redeem (store, code, amount, customer_id, error))
    return FALSE;
  json_object_set_string_member (o, "code", code);
  json_object_set_int_member (o, "amount", amount);
  json_object_set_string_member (o, "created_at", now);
  json_object_set_string_member (o, "receipt_no", receipt_no);
  if ((event = pos_journal_append_object (store, "voucher.redeemed", o, error)) == NULL)
    return FALSE;
  m.event_id = event->event_id;
  return insert_move (store, &m, error);
}

gboolean
pos_voucher_record_sale (PosStore *store, PosCart *cart, const char *receipt_no, const PosTender *tenders,
                         gsize n_tenders, GError **error)
{
  GHashTable *pending = g_object_get_data (G_OBJECT (cart), PENDING_KEY);
  gint64 customer_id = pos_cart_get_customer_id (cart);

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  for (guint i = 0; i < pos_cart_get_n_lines (cart); i++)
    if (!issue_line (store, pending, pos_cart_get_line (cart, i), receipt_no, error))
      return FALSE;
  for (gsize i = 0; i < n_tenders; i++)
    if (tenders[i].method == POS_TENDER_VOUCHER
        && !pos_voucher_redeem (store, tenders[i].reference, tenders[i].amount, customer_id, receipt_no,
                                error))
      return FALSE;
  if (pending != NULL)
    g_hash_table_remove_all (pending);
  return TRUE;
}

/* Voiding ------------------------------------------------------------------------- */

gboolean
pos_voucher_void (PosStore *store, const PosUser *user, const PosUser *approver, const char *code,
                  const char *reason, GError **error)
{
  g_autoptr (PosVoucher) v = NULL;
  g_autoptr (JsonObject) o = json_object_new ();
  g_autofree char *event_id = pos_journal_new_event_id ();
  g_autofree char *now = NULL;
  g_autofree char *till_id = NULL;
  Move m = { code, "void", 0, NULL, NULL, NULL, event_id };

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_REFUND, approver, error))
    {
      g_prefix_error (error, _ ("Voiding a voucher: "));
      return FALSE;
    }
  if (!pos_store_begin (store, error))
    return FALSE;
  if ((v = pos_voucher_lookup (store, code, error)) == NULL)
    goto fail;
  if (v->voided || v->balance <= 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE, _ ("The voucher %s has nothing left to void"),
                   code);
      goto fail;
    }
  now = pos_clock_iso_utc (pos_clock_now_us ());
  till_id = pos_journal_till_id (store);
  m.amount = -v->balance;
  m.till_id = till_id;
  m.created_at = now;
  json_object_set_string_member (o, "code", code);
  json_object_set_int_member (o, "amount", v->balance);
  json_object_set_string_member (o, "created_at", now);
  json_object_set_string_member (o, "reason", reason ? reason : "");
  if (!pos_audit_record_event (store, user, approver, "voucher_void", 0, "voucher.voided", event_id, o, NULL,
                               error)
      || !insert_move (store, &m, error) || !pos_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  pos_store_rollback (store);
  return FALSE;
}

/* Overdraws ----------------------------------------------------------------------- */

void
pos_voucher_move_free (PosVoucherMove *move)
{
  if (move == NULL)
    return;
  g_free (move->kind);
  g_free (move->till_id);
  g_free (move->receipt_no);
  g_free (move->created_at);
  g_free (move);
}

void
pos_voucher_overdraw_free (PosVoucherOverdraw *overdraw)
{
  if (overdraw == NULL)
    return;
  g_free (overdraw->code);
  g_clear_pointer (&overdraw->redemptions, g_ptr_array_unref);
  g_free (overdraw);
}

static gboolean
read_redemptions (PosStore *store, PosVoucherOverdraw *o, GError **error)
{
  static const char sql[] = "SELECT kind, -amount, till_id, receipt_no, created_at FROM voucher_move "
                            "WHERE code = ?1 AND kind = 'redeem' ORDER BY created_at, till_id, id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  o->redemptions = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_voucher_move_free);
  sqlite3_bind_text (stmt, 1, o->code, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosVoucherMove *m = g_new0 (PosVoucherMove, 1);
      m->kind = pos_stmt_dup_text (stmt, 0);
      m->amount = sqlite3_column_int64 (stmt, 1);
      m->till_id = pos_stmt_dup_text (stmt, 2);
      m->receipt_no = pos_stmt_dup_text (stmt, 3);
      m->created_at = pos_stmt_dup_text (stmt, 4);
      g_ptr_array_add (o->redemptions, m);
    }
  return rc >= 0;
}

GPtrArray *
pos_voucher_overdraws (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT code, sum (amount) FROM voucher_move GROUP BY code "
                            "HAVING sum (amount) < 0 ORDER BY code";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_voucher_overdraw_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosVoucherOverdraw *o = g_new0 (PosVoucherOverdraw, 1);
      o->code = pos_stmt_dup_text (stmt, 0);
      o->balance = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (list, o);
    }
  if (rc < 0)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    if (!read_redemptions (store, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

/* Receipts ----------------------------------------------------------------------- */

static void
add_issued_lines (PosStore *store, PosReceipt *receipt, const PosVoucher *v, PosAmount amount)
{
  g_autofree char *value = pos_amount_format (amount, pos_shop_currency (store));
  const char *title = v->kind == POS_VOUCHER_CREDIT ? _ ("Store credit")
                      : v->kind == POS_VOUCHER_SPV  ? _ ("Voucher")
                                                    : _ ("Gift card");

  pos_receipt_add_text (receipt, POS_TEXT_BOLD, POS_ALIGN_CENTER, title);
  pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, C_ ("voucher", "Value"), value);
  pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, C_ ("voucher", "Valid until"),
                           v->expires_on ? v->expires_on : C_ ("voucher valid until", "no end"));
  pos_receipt_add_text (receipt, POS_TEXT_NORMAL, POS_ALIGN_CENTER, v->code);
}

static gboolean
add_issued (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  static const char sql[] = "SELECT code, amount FROM voucher_move WHERE receipt_no = ?1 AND kind = 'issue' "
                            "ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr (PosVoucher) v
          = pos_voucher_lookup (store, (const char *)sqlite3_column_text (stmt, 0), error);

      if (v == NULL)
        return FALSE;
      add_issued_lines (store, receipt, v, sqlite3_column_int64 (stmt, 1));
      if (!pos_receipt_add_qr (receipt, POS_ALIGN_CENTER, v->code, 0, POS_QR_EC_M, error))
        return FALSE;
      pos_receipt_add_rule (receipt, '-');
    }
  return rc == SQLITE_DONE;
}

/* What is left on each voucher the sale was paid with, as of printing. */
static gboolean
add_redeemed (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  static const char sql[]
      = "SELECT DISTINCT code FROM voucher_move WHERE receipt_no = ?1 AND kind = 'redeem' "
        "ORDER BY code";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr (PosVoucher) v
          = pos_voucher_lookup (store, (const char *)sqlite3_column_text (stmt, 0), error);
      g_autofree char *left = NULL, *label = NULL;

      if (v == NULL)
        return FALSE;
      left = pos_amount_format (v->balance, pos_shop_currency (store));
      /* TRANSLATORS: a receipt line: what is left on the gift card with this code */
      label = g_strdup_printf (_ ("Left on %s"), v->code);
      pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, label, left);
    }
  return rc == SQLITE_DONE;
}

gboolean
pos_voucher_add_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  g_return_val_if_fail (store != NULL && receipt_no != NULL && receipt != NULL, FALSE);

  return add_issued (store, receipt_no, receipt, error) && add_redeemed (store, receipt_no, receipt, error);
}

/* Sync ---------------------------------------------------------------------------- */

static gboolean
apply_error (GError **error, const char *event_id, const char *what)
{
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "voucher event %s: %s", event_id, what);
  return FALSE;
}

static gboolean
apply_issued (PosStore *store, const char *event_id, const char *till_id, JsonObject *body, GError **error)
{
  g_autoptr (PosVoucher) v = g_new0 (PosVoucher, 1);
  Move m = {
    NULL, "issue", pos_json_get_int (body, "amount", 0), till_id, pos_json_get_string (body, "receipt_no"),
    NULL, event_id
  };

  v->code = g_strdup (pos_json_get_string (body, "code"));
  v->tax_code = g_strdup (pos_json_get_string (body, "tax_code"));
  v->expires_on = g_strdup (pos_json_get_string (body, "expires_on"));
  v->issued_at = g_strdup (pos_json_get_string (body, "created_at"));
  v->issued_till = g_strdup (till_id);
  v->customer_id = customer_by_uid (store, pos_json_get_string (body, "customer_uid"));
  if (v->code == NULL || v->issued_at == NULL || m.amount <= 0
      || !pos_voucher_kind_parse (pos_json_get_string (body, "kind"), &v->kind))
    return apply_error (error, event_id, "it lacks its code, kind, amount or time");
  m.code = v->code;
  m.created_at = v->issued_at;
  return insert_voucher (store, v, error) && insert_move (store, &m, error);
}

gboolean
pos_voucher_apply_event (PosStore *store, const char *type, const char *event_id, const char *till_id,
                         JsonObject *body, GError **error)
{
  const char *code = pos_json_get_string (body, "code");
  gint64 amount = pos_json_get_int (body, "amount", 0);
  Move m = { code,
             NULL,
             0, /* -amount, once it is known to be positive */
             till_id,
             pos_json_get_string (body, "receipt_no"),
             pos_json_get_string (body, "created_at"),
             event_id };
  g_autoptr (PosVoucher) v = NULL;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (g_str_equal (type, "voucher.issued"))
    return apply_issued (store, event_id, till_id, body, error);
  m.kind = g_str_equal (type, "voucher.redeemed") ? "redeem" : "void";
  if (code == NULL || amount <= 0 || m.created_at == NULL)
    return apply_error (error, event_id, "it lacks its code, amount or time");
  m.amount = -amount;
  /* Every till's issue event reaches the hub before any till can know
   * the code to redeem it. */
  if ((v = pos_voucher_lookup (store, code, NULL)) == NULL)
    return apply_error (error, event_id, "its voucher is not in this store");
  return insert_move (store, &m, error);
}
