/* pos-promotion.c — promotions as catalog data (see pos-promotion.h). */
#include "pos-promotion.h"

#include <glib/gi18n-lib.h>

#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-store-private.h"

static gboolean
invalid (const char **field, const char *name, GError **error, const char *message)
{
  if (field != NULL)
    *field = name;
  g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
validate_kind (const PosPromotion *p, const char **field, GError **error)
{
  switch (p->kind)
    {
      case POS_PROMO_MULTIBUY:
        if (p->buy_qty < 2 || p->buy_qty > 100 || p->pay_qty < 1 || p->pay_qty >= p->buy_qty)
          return invalid (field, "buy", error, _ ("A multi-buy needs 2 to 100 items, paying for fewer"));
        return TRUE;
      case POS_PROMO_MULTIPRICE:
        if (p->buy_qty < 2 || p->buy_qty > 100 || p->value <= 0)
          return invalid (field, "buy", error, _ ("A multi-buy price needs 2 to 100 items and a price"));
        return TRUE;
      case POS_PROMO_BUNDLE:
        if (p->products->len < 2 || p->value <= 0)
          return invalid (field, "products", error, _ ("A bundle needs two products or more and a price"));
        return TRUE;
      case POS_PROMO_PERCENT:
        if (p->value < 1 || p->value > 10000)
          return invalid (field, "value", error, _ ("A percentage must be more than 0 and at most 100"));
        return TRUE;
      case POS_PROMO_AMOUNT:
        if (p->value <= 0)
          return invalid (field, "value", error, _ ("The amount off must be more than zero"));
        return TRUE;
      case POS_PROMO_PRICE:
        if (p->products->len == 0 && p->category_id == 0 && p->brand == NULL)
          return invalid (field, "products", error,
                          _ ("A promotion price needs products, a category or a brand"));
        return TRUE;
      default:
        return invalid (field, "kind", error, _ ("Unknown kind of promotion"));
    }
}

gboolean
pos_promotion_validate (const PosPromotion *p, const char **field, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (p->name ? p->name : ""));

  if (*name == '\0' || g_utf8_strlen (p->name, -1) > 120)
    return invalid (field, "name", error, _ ("A promotion needs a name of at most 120 characters"));
  if (p->weekdays == 0 || p->weekdays > 0x7f || p->minute_from < 0 || p->minute_from > 1439
      || p->minute_to < 1 || p->minute_to > 1440 || p->minute_from == p->minute_to)
    return invalid (field, "hours", error, _ ("The days and hours of a promotion are not valid"));
  if (p->starts_us != 0 && p->ends_us != 0 && p->ends_us <= p->starts_us)
    return invalid (field, "to", error, _ ("A promotion must end after it starts"));
  if (p->coupon != NULL && (*p->coupon == '\0' || strlen (p->coupon) > 32))
    return invalid (field, "coupon", error, _ ("A coupon code has 1 to 32 characters"));
  if (p->brand != NULL && (*p->brand == '\0' || g_utf8_strlen (p->brand, -1) > POS_PRODUCT_BRAND_MAX))
    return invalid (field, "brand", error, _ ("A brand has 1 to 60 characters"));
  return validate_kind (p, field, error);
}

static char *
iso_or_null (gint64 us)
{
  return us != 0 ? pos_clock_iso_utc (us) : NULL;
}

static gboolean
insert_products (PosStore *store, gint64 row, const GArray *products, GError **error)
{
  static const char sql[] = "INSERT INTO promotion_product (promotion_id, product_id) VALUES (?1, ?2)";

  for (guint i = 0; i < products->len; i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row);
      sqlite3_bind_int64 (stmt, 2, g_array_index (products, gint64, i));
      if (!pos_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes @p as version @version of its uid; FALSE with no error when the
 * version is already there (a sync replay). */
static gboolean
insert_version (PosStore *store, const PosPromotion *p, gint64 version, const char *created_at,
                gboolean *inserted, GError **error)
{
  static const char sql[]
      = "INSERT INTO promotion (uid, version, name, kind, buy_qty, pay_qty, value, category_id, "
        "members_only, "
        "coupon, weekdays, minute_from, minute_to, starts_at, ends_at, created_at, brand) VALUES (?1, ?2, "
        "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
        "ON CONFLICT (uid, version) DO NOTHING";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *starts = iso_or_null (p->starts_us);
  g_autofree char *ends = iso_or_null (p->ends_us);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->uid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, p->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pos_promo_kind_to_string (p->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, p->buy_qty);
  sqlite3_bind_int64 (stmt, 6, p->pay_qty);
  sqlite3_bind_int64 (stmt, 7, p->value);
  pos_stmt_bind_int64_or_null (stmt, 8, p->category_id, 0);
  sqlite3_bind_int (stmt, 9, p->members_only ? 1 : 0);
  pos_stmt_bind_text_or_null (stmt, 10, p->coupon);
  sqlite3_bind_int (stmt, 11, (int)p->weekdays);
  sqlite3_bind_int (stmt, 12, p->minute_from);
  sqlite3_bind_int (stmt, 13, p->minute_to);
  pos_stmt_bind_text_or_null (stmt, 14, starts);
  pos_stmt_bind_text_or_null (stmt, 15, ends);
  sqlite3_bind_text (stmt, 16, created_at, -1, SQLITE_STATIC);
  pos_stmt_bind_text_or_null (stmt, 17, p->brand);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  *inserted = sqlite3_changes (pos_store_db (store)) > 0;
  return !*inserted
         || insert_products (store, sqlite3_last_insert_rowid (pos_store_db (store)), p->products, error);
}

static char *
text_of (PosStore *store, const char *sql, gint64 id)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW ? pos_stmt_dup_text (stmt, 0) : NULL;
}

/* The event says everything the row says, products by SKU and the
 * category by name, which are what every till shares. */
static gboolean
journal_version (PosStore *store, const PosPromotion *p, gint64 version, const char *created_at,
                 GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;
  g_autofree char *starts = iso_or_null (p->starts_us);
  g_autofree char *ends = iso_or_null (p->ends_us);
  g_autofree char *category = NULL;
  JsonArray *skus = json_array_new ();

  json_object_set_string_member (o, "uid", p->uid);
  json_object_set_int_member (o, "version", version);
  json_object_set_string_member (o, "name", p->name);
  json_object_set_string_member (o, "kind", pos_promo_kind_to_string (p->kind));
  json_object_set_int_member (o, "buy_qty", p->buy_qty);
  json_object_set_int_member (o, "pay_qty", p->pay_qty);
  json_object_set_int_member (o, "value", p->value);
  if (p->category_id != 0
      && (category = text_of (store, "SELECT name FROM category WHERE id = ?1", p->category_id)) != NULL)
    json_object_set_string_member (o, "category", category);
  if (p->brand != NULL)
    json_object_set_string_member (o, "brand", p->brand);
  for (guint i = 0; i < p->products->len; i++)
    {
      g_autofree char *sku
          = text_of (store, "SELECT sku FROM product WHERE id = ?1", g_array_index (p->products, gint64, i));
      if (sku != NULL)
        json_array_add_string_element (skus, sku);
    }
  json_object_set_array_member (o, "products", skus);
  json_object_set_boolean_member (o, "members_only", p->members_only);
  if (p->coupon != NULL)
    json_object_set_string_member (o, "coupon", p->coupon);
  json_object_set_int_member (o, "weekdays", p->weekdays);
  json_object_set_int_member (o, "minute_from", p->minute_from);
  json_object_set_int_member (o, "minute_to", p->minute_to);
  if (starts != NULL)
    json_object_set_string_member (o, "starts_at", starts);
  if (ends != NULL)
    json_object_set_string_member (o, "ends_at", ends);
  json_object_set_string_member (o, "created_at", created_at);
  event = pos_journal_append_object (store, "promotion.saved", o, error);
  return event != NULL;
}

/* Writes version @version of @p and its event, inside a transaction. */
static gboolean
write_version (PosStore *store, const PosPromotion *p, gint64 version, GError **error)
{
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  gboolean inserted = FALSE;

  if (!insert_version (store, p, version, now, &inserted, error))
    return FALSE;
  if (!inserted)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("The promotion was changed meanwhile")), FALSE;
  return journal_version (store, p, version, now, error);
}

/* Writes version @version of @p and its event, in one transaction. */
static gboolean
save_version (PosStore *store, const PosPromotion *p, gint64 version, GError **error)
{
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!write_version (store, p, version, error))
    return pos_store_rollback (store), FALSE;
  return pos_store_commit (store, error);
}

static gint
id_cmp (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return x < y ? -1 : x > y;
}

/* Products sorted and once each (the engine searches them), coupon codes
 * in capitals (they are typed as they are printed). */
static void
normalise (PosPromotion *p)
{
  guint kept = 0;

  g_array_sort (p->products, id_cmp);
  for (guint i = 0; i < p->products->len; i++)
    if (kept == 0 || g_array_index (p->products, gint64, i) != g_array_index (p->products, gint64, kept - 1))
      g_array_index (p->products, gint64, kept++) = g_array_index (p->products, gint64, i);
  g_array_set_size (p->products, kept);
  if (p->brand != NULL && *g_strstrip (p->brand) == '\0')
    g_clear_pointer (&p->brand, g_free);
  if (p->coupon != NULL)
    {
      char *upper = g_ascii_strup (g_strstrip (p->coupon), -1);
      g_free (p->coupon);
      p->coupon = upper;
    }
}

gboolean
pos_promotion_add (PosStore *store, const PosUser *user, PosPromotion *promotion, GError **error)
{
  g_autofree char *uid = pos_journal_new_event_id ();

  g_return_val_if_fail (store != NULL && user != NULL && promotion != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_EDIT_CATALOG, NULL, error))
    return FALSE;
  normalise (promotion);
  if (!pos_promotion_validate (promotion, NULL, error))
    return FALSE;
  g_free (promotion->uid);
  promotion->uid = g_steal_pointer (&uid);
  if (save_version (store, promotion, 1, error))
    return TRUE;
  g_clear_pointer (&promotion->uid, g_free);
  return FALSE;
}

static const char current_sql[]
    = "SELECT id, uid, version, name, kind, buy_qty, pay_qty, value, coalesce (category_id, 0), "
      "members_only, "
      "coupon, weekdays, minute_from, minute_to, starts_at, ends_at, brand FROM promotion p WHERE version = "
      "(SELECT max (version) FROM promotion q WHERE q.uid = p.uid) AND (?1 OR ends_at IS NULL OR ends_at > "
      "?2) "
      "ORDER BY uid";

static gint64
parse_time (PosStmt *stmt, int column)
{
  gint64 us = 0;

  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    pos_clock_parse_iso ((const char *)sqlite3_column_text (stmt, column), &us);
  return us;
}

static PosPromotion *
read_row (PosStmt *stmt, gint64 *version)
{
  PosPromotion *p = pos_promotion_new ();

  p->id = sqlite3_column_int64 (stmt, 0);
  p->uid = pos_stmt_dup_text (stmt, 1);
  *version = sqlite3_column_int64 (stmt, 2);
  p->name = pos_stmt_dup_text (stmt, 3);
  pos_promo_kind_from_string ((const char *)sqlite3_column_text (stmt, 4), &p->kind);
  p->buy_qty = sqlite3_column_int64 (stmt, 5);
  p->pay_qty = sqlite3_column_int64 (stmt, 6);
  p->value = sqlite3_column_int64 (stmt, 7);
  p->category_id = sqlite3_column_int64 (stmt, 8);
  p->members_only = sqlite3_column_int (stmt, 9);
  p->coupon = pos_stmt_dup_text (stmt, 10);
  p->weekdays = (guint)sqlite3_column_int (stmt, 11);
  p->minute_from = sqlite3_column_int (stmt, 12);
  p->minute_to = sqlite3_column_int (stmt, 13);
  p->starts_us = parse_time (stmt, 14);
  p->ends_us = parse_time (stmt, 15);
  p->brand = pos_stmt_dup_text (stmt, 16);
  return p;
}

static gboolean
read_products (PosStore *store, PosPromotion *p, GError **error)
{
  static const char sql[]
      = "SELECT product_id FROM promotion_product WHERE promotion_id = ?1 ORDER BY product_id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_array_append_val (p->products, ((gint64){ sqlite3_column_int64 (stmt, 0) }));
  return rc == SQLITE_DONE;
}

static GPtrArray *
list_current (PosStore *store, gboolean all, gint64 now_us, GArray *versions, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, current_sql, error);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_promotion_free);
  g_autofree char *now = pos_clock_iso_utc (now_us);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, all);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 version;
      g_ptr_array_add (list, read_row (stmt, &version));
      if (versions != NULL)
        g_array_append_val (versions, version);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  g_clear_pointer (&stmt, pos_stmt_release);
  for (guint i = 0; i < list->len; i++)
    if (!read_products (store, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

GPtrArray *
pos_promotion_list (PosStore *store, gboolean all, gint64 now_us, GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  return list_current (store, all, now_us, NULL, error);
}

gboolean
pos_promotion_end (PosStore *store, const PosUser *user, const char *uid_or_name, GError **error)
{
  gint64 now = pos_clock_now_us ();
  g_autoptr (GArray) versions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) list = NULL;

  g_return_val_if_fail (store != NULL && user != NULL && uid_or_name != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_EDIT_CATALOG, NULL, error)
      || (list = list_current (store, FALSE, now, versions, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      PosPromotion *p = g_ptr_array_index (list, i);

      if (!g_str_equal (p->uid, uid_or_name) && g_strcmp0 (p->name, uid_or_name) != 0)
        continue;
      p->ends_us = now;
      if (p->starts_us != 0 && p->starts_us >= now)
        p->starts_us = now - 1; /* ended before it began: never in force */
      return save_version (store, p, g_array_index (versions, gint64, i) + 1, error);
    }
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No running promotion is called %s"), uid_or_name);
  return FALSE;
}

gboolean
pos_promotion_coupon_known (PosStore *store, const char *code, gint64 now_us)
{
  g_autoptr (GPtrArray) list = pos_promotion_list (store, FALSE, now_us, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const PosPromotion *p = g_ptr_array_index (list, i);
      if (p->coupon != NULL && g_ascii_strcasecmp (p->coupon, code) == 0)
        return TRUE;
    }
  return FALSE;
}

static gint64
id_of (PosStore *store, const char *sql, const char *key)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gint64
time_member (JsonObject *body, const char *name)
{
  const char *text = pos_json_get_string (body, name);
  gint64 us = 0;

  return text != NULL && pos_clock_parse_iso (text, &us) ? us : 0;
}

/* Reads the promotion an event describes; products and category this till
 * does not know are left out (they arrive with their own events first). */
static PosPromotion *
from_event (PosStore *store, JsonObject *body)
{
  g_autoptr (PosPromotion) p = pos_promotion_new ();
  JsonArray *skus = pos_json_get_array (body, "products");
  const char *category = pos_json_get_string (body, "category");

  if (pos_json_get_string (body, "uid") == NULL || pos_json_get_string (body, "name") == NULL
      || !pos_promo_kind_from_string (pos_json_get_string (body, "kind"), &p->kind))
    return NULL;
  p->uid = g_strdup (pos_json_get_string (body, "uid"));
  p->name = g_strdup (pos_json_get_string (body, "name"));
  p->buy_qty = pos_json_get_int (body, "buy_qty", 0);
  p->pay_qty = pos_json_get_int (body, "pay_qty", 0);
  p->value = pos_json_get_int (body, "value", 0);
  if (category != NULL)
    p->category_id = id_of (store, "SELECT id FROM category WHERE name = ?1", category);
  for (guint i = 0; skus != NULL && i < json_array_get_length (skus); i++)
    {
      gint64 id = id_of (store, "SELECT id FROM product WHERE sku = ?1", pos_json_array_get_string (skus, i));
      if (id != 0)
        g_array_append_val (p->products, id);
    }
  p->members_only = pos_json_get_bool (body, "members_only", FALSE);
  p->coupon = g_strdup (pos_json_get_string (body, "coupon"));
  p->brand = g_strdup (pos_json_get_string (body, "brand"));
  p->weekdays = (guint)pos_json_get_int (body, "weekdays", 0x7f);
  p->minute_from = (int)pos_json_get_int (body, "minute_from", 0);
  p->minute_to = (int)pos_json_get_int (body, "minute_to", 1440);
  p->starts_us = time_member (body, "starts_at");
  p->ends_us = time_member (body, "ends_at");
  normalise (p);
  return g_steal_pointer (&p);
}

gboolean
pos_promotion_apply_event (PosStore *store, JsonObject *body, GError **error)
{
  g_autoptr (PosPromotion) p = from_event (store, body);
  gint64 version = pos_json_get_int (body, "version", 0);
  const char *created_at = pos_json_get_string (body, "created_at");
  gboolean inserted;

  g_return_val_if_fail (store != NULL && body != NULL, FALSE);

  if (p == NULL || version < 1 || created_at == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "it lacks the uid, name, kind or version"),
           FALSE;
  /* Two tills that changed one promotion offline made the same version
   * twice: the first to arrive stays, as with any head-office edit. */
  return insert_version (store, p, version, created_at, &inserted, error);
}

/* One promotion's part of a sold line and what refunds took back of it. */
static JsonObject *
refund_share (PosStmt *stmt, PosQty qty, PosQty sold_qty, PosQty left_qty, GError **error)
{
  PosAmount sold = sqlite3_column_int64 (stmt, 2), back = sqlite3_column_int64 (stmt, 3), amount;
  JsonObject *o;

  /* The last part takes exactly what is left, as for the line itself. */
  if (qty == left_qty)
    amount = sold - back;
  else if (!pos_amount_mul_div (sold, qty, sold_qty, &amount, error))
    return NULL;
  o = json_object_new ();
  json_object_set_string_member (o, "uid", (const char *)sqlite3_column_text (stmt, 0));
  json_object_set_string_member (o, "name", (const char *)sqlite3_column_text (stmt, 1));
  json_object_set_int_member (o, "amount", -amount);
  return o;
}

JsonArray *
pos_promotion_refund_shares (PosStore *store, gint64 line_id, PosQty qty, PosQty sold_qty, PosQty left_qty,
                             GError **error)
{
  static const char sql[]
      = "SELECT a.promotion_uid, a.name, a.amount, -coalesce ((SELECT sum (b.amount) FROM "
        "sale_line_promotion b "
        "JOIN sale_line r ON r.id = b.sale_line_id WHERE r.refund_of_line = a.sale_line_id AND "
        "b.promotion_uid = a.promotion_uid), 0) FROM sale_line_promotion a WHERE a.sale_line_id = ?1 "
        "ORDER BY a.promotion_uid";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (JsonArray) out = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, line_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      JsonObject *o = refund_share (stmt, qty, sold_qty, left_qty, error);
      if (o == NULL)
        return NULL;
      json_array_add_object_element (out, o);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&out) : NULL;
}

/* The version in force of the promotion @uid, and its number; NULL with
 * POS_ERROR_NOT_FOUND when there is none. */
static PosPromotion *
current_of (PosStore *store, const char *uid, gint64 *version, GError **error)
{
  g_autoptr (GArray) versions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) list = list_current (store, TRUE, pos_clock_now_us (), versions, error);

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_str_equal (((PosPromotion *)g_ptr_array_index (list, i))->uid, uid))
      {
        *version = g_array_index (versions, gint64, i);
        return g_ptr_array_steal_index (list, i);
      }
  if (list != NULL)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no such promotion"));
  return NULL;
}

/* A running promotion changed: it ends now, and @changed, a promotion of
 * its own, starts now (or later, when it says so), in one transaction. */
static gboolean
succeed (PosStore *store, PosPromotion *old, gint64 version, PosPromotion *changed, gint64 now,
         GError **error)
{
  old->ends_us = now;
  g_free (changed->uid);
  changed->uid = pos_journal_new_event_id ();
  changed->starts_us = MAX (changed->starts_us, now);
  if (changed->ends_us != 0 && changed->ends_us <= changed->starts_us)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A promotion must end after it starts")),
           FALSE;
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!write_version (store, old, version + 1, error) || !write_version (store, changed, 1, error))
    return pos_store_rollback (store), FALSE;
  return pos_store_commit (store, error);
}

gboolean
pos_promotion_change (PosStore *store, const PosUser *user, const char *uid, PosPromotion *changed,
                      GError **error)
{
  gint64 now = pos_clock_now_us (), version = 0;
  g_autoptr (PosPromotion) old = NULL;

  g_return_val_if_fail (store != NULL && user != NULL && uid != NULL && changed != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_EDIT_CATALOG, NULL, error)
      || (old = current_of (store, uid, &version, error)) == NULL)
    return FALSE;
  if (old->ends_us != 0 && old->ends_us <= now)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                        _ ("“%s” has ended: start a new promotion instead"), old->name),
           FALSE;
  normalise (changed);
  if (!pos_promotion_validate (changed, NULL, error))
    return FALSE;
  if (old->starts_us == 0 || old->starts_us <= now)
    return succeed (store, old, version, changed, now, error);
  /* Not started yet: no sale has it, so the change is its next version. */
  g_free (changed->uid);
  changed->uid = g_strdup (old->uid);
  return save_version (store, changed, version + 1, error);
}
