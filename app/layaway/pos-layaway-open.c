/* pos-layaway-open.c — turning a basket into a layaway (see pos-layaway.h). */
#include "pos-layaway.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-json.h"
#include "pos-layaway-private.h"
#include "pos-loyalty.h"
#include "pos-permission.h"
#include "pos-shop.h"
#include "pos-stock-shop.h"
#include "pos-stock.h"

/* The basket with this store's product ids: ids differ between tills, SKUs do not. */
static char *
cart_json_here (PosStore *store, const char *json, GError **error)
{
  g_autoptr (JsonNode) root = pos_json_parse (json, error);
  JsonArray *lines;

  if (root == NULL)
    return NULL;
  lines = json_object_get_array_member (json_node_get_object (root), "lines");
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      gint64 id = pos_layaway_product_by_sku (store, pos_json_get_string (line, "sku"));

      if (json_object_has_member (line, "product_id"))
        json_object_set_int_member (line, "product_id", id);
    }
  return pos_json_canonical (root, error);
}

static gboolean
insert_line (PosStore *store, gint64 layaway_id, guint line_no, JsonObject *line, GError **error)
{
  static const char sql[]
      = "INSERT INTO layaway_line (layaway_id, line_no, product_id, sku, name, qty, amount) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  const char *sku = pos_json_get_string (line, "sku");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, layaway_id);
  sqlite3_bind_int64 (stmt, 2, line_no);
  pos_stmt_bind_int64_or_null (stmt, 3, pos_layaway_product_by_sku (store, sku), 0);
  sqlite3_bind_text (stmt, 4, sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, pos_json_get_string (line, "name"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, pos_json_get_int (line, "qty", 0));
  sqlite3_bind_int64 (stmt, 7, pos_json_get_int (line, "amount", 0));
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_layaway_insert (PosStore *store, const char *number, const char *customer_name, gint64 customer_id,
                    PosAmount total, PosAmount min_deposit, const char *expires_on, const char *cart_json,
                    const char *till_id, const char *created_at, const char *event_id, JsonArray *lines,
                    gint64 *id, GError **error)
{
  static const char sql[]
      = "INSERT INTO layaway (number, customer_name, customer_id, total, min_deposit, expires_on, cart_json, "
        "till_id, created_at, event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *here = cart_json_here (store, cart_json, error);

  if (stmt == NULL || here == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, customer_name, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 3, customer_id, 0);
  sqlite3_bind_int64 (stmt, 4, total);
  sqlite3_bind_int64 (stmt, 5, min_deposit);
  sqlite3_bind_text (stmt, 6, expires_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, here, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, event_id, -1, SQLITE_STATIC);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (pos_store_db (store));
  for (guint i = 0; i < json_array_get_length (lines); i++)
    if (!insert_line (store, *id, i + 1, json_array_get_object_element (lines, i), error))
      return FALSE;
  return TRUE;
}

/* The next number at this till: layaways are never deleted, so it is gapless. */
static char *
next_number (PosStore *store, const char *till_id)
{
  static const char sql[] = "SELECT count (*) FROM layaway WHERE till_id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);
  gint64 n = 0;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
    }
  return g_strdup_printf ("%s-L%lld", till_id, (long long)n + 1);
}

static JsonArray *
lines_of (PosCart *cart)
{
  JsonArray *lines = json_array_new ();

  for (guint i = 0; i < pos_cart_get_n_lines (cart); i++)
    {
      PosCartLine *line = pos_cart_get_line (cart, i);
      JsonObject *o = json_object_new ();

      if (pos_cart_line_get_product_id (line) != 0)
        json_object_set_string_member (o, "sku", pos_cart_line_get_sku (line));
      json_object_set_string_member (o, "name", pos_cart_line_get_name (line));
      json_object_set_int_member (o, "qty", pos_cart_line_get_qty (line));
      json_object_set_int_member (o, "amount", pos_cart_line_get_total (line));
      json_array_add_object_element (lines, o);
    }
  return lines;
}

/* Each product of @cart must be on the shelf of this till's shop and not
 * held for another layaway there: reserved goods are not sold twice. */
static gboolean
check_stock (PosStore *store, PosCart *cart, GError **error)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *shop_id = pos_stock_shop_local (store);

  for (guint i = 0; i < pos_cart_get_n_lines (cart); i++)
    {
      PosCartLine *line = pos_cart_get_line (cart, i);
      gint64 id = pos_cart_line_get_product_id (line);
      PosQty level = 0, reserved = 0;
      PosQty *qty;

      if (id == 0)
        continue;
      if ((qty = g_hash_table_lookup (wanted, &id)) == NULL)
        g_hash_table_insert (wanted, g_memdup2 (&id, sizeof id), (qty = g_new0 (PosQty, 1)));
      *qty += pos_cart_line_get_qty (line);
      if (!pos_layaway_stock_in (store, shop_id, id, &level, &reserved, error))
        return FALSE;
      if (level - reserved < *qty)
        return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                            _ ("Not enough of “%s” is in stock to reserve: some may be held for another "
                               "layaway"),
                            pos_cart_line_get_name (line)),
               FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The deposit as a payment's tender. */
static PosTender
deposit_tender (const PosLayawayOpening *o)
{
  return (PosTender){
    .method = o->method, .amount = o->deposit, .reference = (char *)o->reference, .points = o->points
  };
}

/* What the deposit is worth: points at their value. */
static PosAmount
deposit_value (PosStore *store, const PosLayawayOpening *o)
{
  return o->method == POS_TENDER_POINTS ? pos_loyalty_points_value (store, o->points) : o->deposit;
}

static gboolean
check_opening (PosStore *store, PosCart *cart, const PosLayawayOpening *o, GError **error)
{
  PosAmount total = pos_cart_get_total (cart);
  PosAmount min = pos_layaway_min_deposit (store, total);
  PosAmount deposit = deposit_value (store, o);
  PosTender t = deposit_tender (o);

  if (pos_cart_is_empty (cart) || total <= 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_STATE, _ ("There is nothing to lay away")), FALSE;
  if (is_blank (o->customer_name))
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("A layaway is for a named customer: give their name")),
           FALSE;
  if (deposit < min)
    {
      g_autofree char *text = pos_amount_format (min, pos_shop_currency (store));
      return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The deposit must be at least %s"), text),
             FALSE;
    }
  if (deposit > total)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("The deposit cannot be more than the goods cost")),
           FALSE;
  /* no deposit: nothing to pay, but still a tender the till takes */
  return (deposit > 0 ? pos_layaway_check_payment (store, &t, error)
                      : pos_layaway_check_tender (store, o->method, 0, o->reference, error))
         && check_stock (store, cart, error);
}

static char *
expiry_day (PosStore *store)
{
  gint64 days = CLAMP (pos_store_get_setting_int (store, "layaway_days", 30), 1, 3650);

  return pos_clock_business_day (pos_clock_now_us () + days * G_TIME_SPAN_DAY);
}

static char *
customer_uid (PosStore *store, gint64 customer_id)
{
  static const char sql[] = "SELECT uid FROM customer WHERE id = ?1";
  g_autoptr (PosStmt) stmt = NULL;

  if (customer_id == 0 || (stmt = pos_store_prepare (store, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? pos_stmt_dup_text (stmt, 0) : NULL;
}

static JsonObject *
opened_event (PosStore *store, PosCart *cart, const char *number, const char *name, const char *cart_json,
              const char *expires, const char *now)
{
  JsonObject *o = json_object_new ();
  g_autofree char *uid = customer_uid (store, pos_cart_get_customer_id (cart));
  PosAmount total = pos_cart_get_total (cart);

  json_object_set_string_member (o, "number", number);
  json_object_set_string_member (o, "customer_name", name);
  if (uid != NULL)
    json_object_set_string_member (o, "customer_uid", uid);
  json_object_set_int_member (o, "total", total);
  json_object_set_int_member (o, "min_deposit", pos_layaway_min_deposit (store, total));
  json_object_set_string_member (o, "expires_on", expires);
  json_object_set_string_member (o, "cart", cart_json);
  json_object_set_array_member (o, "lines", lines_of (cart));
  json_object_set_string_member (o, "created_at", now);
  return o;
}

static char *
open_in_transaction (PosStore *store, PosCart *cart, const PosUser *user, const PosLayawayOpening *o,
                     GError **error)
{
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autofree char *number = next_number (store, till_id);
  g_autofree char *event_id = pos_journal_new_event_id ();
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  g_autofree char *expires = expiry_day (store);
  g_autofree char *cart_json = pos_cart_to_json (cart);
  g_autofree char *name = g_strstrip (g_strdup (o->customer_name));
  g_autoptr (JsonObject) body = opened_event (store, cart, number, name, cart_json, expires, now);
  g_autoptr (PosJournalEvent) event = NULL;
  PosTender deposit = deposit_tender (o);
  gint64 id = 0;

  if ((event = pos_journal_append_object_as (store, event_id, POS_LAYAWAY_OPENED, body, error)) == NULL
      || !pos_layaway_insert (store, number, name, pos_cart_get_customer_id (cart), pos_cart_get_total (cart),
                              json_object_get_int_member (body, "min_deposit"), expires, cart_json, till_id,
                              now, event_id, json_object_get_array_member (body, "lines"), &id, error))
    return NULL;
  /* the deposit is the layaway's first payment, taken as any later one */
  if (deposit_value (store, o) > 0 && !pos_layaway_pay_in_transaction (store, user, number, &deposit, error))
    return NULL;
  return g_steal_pointer (&number);
}

PosLayaway *
pos_layaway_open (PosStore *store, PosCart *cart, const PosUser *user, const PosLayawayOpening *opening,
                  GError **error)
{
  g_autofree char *number = NULL;
  PosLayaway *l;

  g_return_val_if_fail (store != NULL && POS_IS_CART (cart) && user != NULL && opening != NULL, NULL);

  if (!pos_permission_check (user, POS_ACTION_SELL, NULL, error)
      || !check_opening (store, cart, opening, error) || !pos_store_begin (store, error))
    return NULL;
  if ((number = open_in_transaction (store, cart, user, opening, error)) == NULL
      || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return NULL;
    }
  if ((l = pos_layaway_get (store, number, error)) != NULL)
    pos_cart_clear (cart);
  return l;
}
