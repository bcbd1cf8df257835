/* pos-cart-park.c — parking a sale and resuming it later.
 *
 * A parked cart keeps the lines exactly as the customer saw them (prices,
 * discounts, approvals), so resuming after a price change does not change
 * what they were told.
 */
#include "pos-cart.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-json.h"
#include "pos-store-private.h"

static JsonNode *
line_to_json (PosCartLine *line)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  PosDiscount rule = pos_cart_line_get_discount_rule (line);

#define MEMBER_INT(name, value)                                                                              \
  (json_builder_set_member_name (b, name), json_builder_add_int_value (b, value))
#define MEMBER_STR(name, value)                                                                              \
  (json_builder_set_member_name (b, name), json_builder_add_string_value (b, value))
  json_builder_begin_object (b);
  MEMBER_INT ("product_id", pos_cart_line_get_product_id (line));
  MEMBER_STR ("sku", pos_cart_line_get_sku (line));
  MEMBER_STR ("name", pos_cart_line_get_name (line));
  MEMBER_STR ("unit", pos_cart_line_get_unit (line));
  MEMBER_STR ("tax_code", pos_cart_line_get_tax_code (line));
  MEMBER_INT ("tax_rate_bp", pos_cart_line_get_tax_rate_bp (line));
  MEMBER_INT ("version", pos_cart_line_get_catalog_version (line));
  MEMBER_INT ("category_id", pos_cart_line_get_category_id (line));
  if (pos_cart_line_get_brand (line) != NULL)
    MEMBER_STR ("brand", pos_cart_line_get_brand (line));
  MEMBER_INT ("qty", pos_cart_line_get_qty (line));
  MEMBER_INT ("unit_price", pos_cart_line_get_unit_price (line));
  MEMBER_INT ("overridden", pos_cart_line_get_price_overridden (line));
  MEMBER_INT ("embedded", pos_cart_line_get_price_embedded (line));
  MEMBER_INT ("discount_kind", rule.kind);
  MEMBER_INT ("discount_value", rule.value);
  MEMBER_INT ("approver_id", pos_cart_line_get_approver_id (line));
  json_builder_end_object (b);
#undef MEMBER_INT
#undef MEMBER_STR
  return json_builder_get_root (b);
}

static PosCartLine *
line_from_json (JsonObject *o)
{
  PosProduct product = {
    .id = pos_json_get_int (o, "product_id", 0),
    .sku = (char *)pos_json_get_string (o, "sku"),
    .name = (char *)pos_json_get_string (o, "name"),
    .unit = (char *)pos_json_get_string (o, "unit"),
    .tax_code = (char *)pos_json_get_string (o, "tax_code"),
    .tax_rate_bp = pos_json_get_int (o, "tax_rate_bp", 0),
    .version = pos_json_get_int (o, "version", 0),
    .category_id = pos_json_get_int (o, "category_id", 0),
    .brand = (char *)pos_json_get_string (o, "brand"),
    .price = pos_json_get_int (o, "unit_price", 0),
  };
  PosCartLine *line = pos_cart_line_new_for_product (&product, pos_json_get_int (o, "qty", POS_QTY_ONE));

  pos_cart_line_set_unit_price (line, product.price, pos_json_get_int (o, "overridden", 0),
                                pos_json_get_int (o, "embedded", 0));
  pos_cart_line_set_discount_rule (line, (PosDiscount){ pos_json_get_int (o, "discount_kind", 0),
                                                        pos_json_get_int (o, "discount_value", 0) });
  pos_cart_line_set_approver_id (line, pos_json_get_int (o, "approver_id", 0));
  return line;
}

static JsonArray *
coupons_to_json (PosCart *cart)
{
  JsonArray *coupons = json_array_new ();

  for (const char *const *c = pos_cart_get_coupons (cart); *c != NULL; c++)
    json_array_add_string_element (coupons, *c);
  return coupons;
}

/* The coupons a parked cart had. One whose promotion has ended since is
 * dropped, as it would be refused if typed now. */
static void
restore_coupons (PosCart *cart, JsonObject *o)
{
  JsonArray *coupons
      = json_object_has_member (o, "coupons") ? json_object_get_array_member (o, "coupons") : NULL;

  for (guint i = 0; coupons != NULL && i < json_array_get_length (coupons); i++)
    pos_cart_add_coupon (cart, json_array_get_string_element (coupons, i), NULL);
}

/* The cart's lines, discounts, customer and coupons, as parking keeps them
 * (a layaway keeps its basket the same way). */
char *
pos_cart_to_json (PosCart *cart)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) o = json_object_new ();
  JsonArray *lines = json_array_new ();
  PosDiscount discount = pos_cart_get_cart_discount (cart);

  for (guint i = 0; i < pos_cart_get_n_lines (cart); i++)
    json_array_add_element (lines, line_to_json (pos_cart_get_line (cart, i)));
  json_object_set_array_member (o, "lines", lines);
  json_object_set_int_member (o, "discount_kind", discount.kind);
  json_object_set_int_member (o, "discount_value", discount.value);
  json_object_set_int_member (o, "discount_approver", pos_cart_get_cart_discount_approver (cart));
  json_object_set_int_member (o, "customer_id", pos_cart_get_customer_id (cart));
  json_object_set_array_member (o, "coupons", coupons_to_json (cart));
  json_node_set_object (root, o);
  return pos_json_canonical (root, NULL);
}

/* Saves the cart as a parked sale and empties it for the next customer. */
gboolean
pos_cart_park (PosCart *cart, const PosUser *user, const char *label, gint64 *parked_id, GError **error)
{
  static const char sql[] = "INSERT INTO parked_sale (till_id, user_id, parked_at, label, cart_json) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)";
  PosStore *store = pos_cart_get_store (cart);
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  g_autofree char *till = pos_store_dup_setting (store, "till_id");

  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  if (pos_cart_is_empty (cart))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("There is nothing to park"));
      return FALSE;
    }
  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  json = pos_cart_to_json (cart);
  sqlite3_bind_text (stmt, 1, till ? till : "T1", -1, SQLITE_STATIC);
  if (user != NULL)
    sqlite3_bind_int64 (stmt, 2, user->id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, label, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, json, -1, SQLITE_STATIC);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  if (parked_id != NULL)
    *parked_id = sqlite3_last_insert_rowid (pos_store_db (store));
  pos_cart_clear (cart);
  return TRUE;
}

static gboolean
take_parked (PosStore *store, gint64 parked_id, char **json, GError **error)
{
  static const char select[] = "SELECT cart_json FROM parked_sale WHERE id = ?1";
  static const char delete[] = "DELETE FROM parked_sale WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, select, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parked_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND,
                   _ ("Parked sale %lld is not there (resumed already?)"), (long long)parked_id);
      return FALSE;
    }
  *json = pos_stmt_dup_text (stmt, 0);
  g_clear_pointer (&stmt, pos_stmt_release);

  stmt = pos_store_prepare (store, delete, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parked_id);
  return pos_store_step_done (store, stmt, error);
}

/* Fills the (empty) cart from what pos_cart_to_json() wrote; the customer
 * too when @with_customer (a store's own ids only mean something there). */
gboolean
pos_cart_load_json (PosCart *cart, const char *json, gboolean with_customer, GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *lines;

  g_return_val_if_fail (POS_IS_CART (cart) && json != NULL, FALSE);

  root = pos_json_parse (json, error);
  if (root == NULL)
    return FALSE;
  o = json_node_get_object (root);
  lines = json_object_get_array_member (o, "lines");
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      g_autoptr (PosCartLine) line = line_from_json (json_array_get_object_element (lines, i));
      pos_cart_append_line (cart, line);
    }
  pos_cart_restore_discount (
      cart,
      (PosDiscount){ pos_json_get_int (o, "discount_kind", 0), pos_json_get_int (o, "discount_value", 0) },
      pos_json_get_int (o, "discount_approver", 0));
  if (with_customer && pos_json_get_int (o, "customer_id", 0) > 0)
    pos_cart_set_customer_id (cart, pos_json_get_int (o, "customer_id", 0), NULL);
  restore_coupons (cart, o);
  return TRUE;
}

/*
 * Brings a parked sale back into the (empty) cart and removes it from the
 * parked list, so two tills cannot both resume it.
 */
gboolean
pos_cart_resume (PosCart *cart, gint64 parked_id, GError **error)
{
  PosStore *store = pos_cart_get_store (cart);
  g_autofree char *json = NULL;

  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  if (!pos_cart_is_empty (cart))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("Finish or park the current sale first"));
      return FALSE;
    }
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!take_parked (store, parked_id, &json, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }

  return pos_cart_load_json (cart, json, TRUE, error);
}

void
pos_parked_sale_free (PosParkedSale *parked)
{
  if (parked == NULL)
    return;
  g_free (parked->till_id);
  g_free (parked->parked_at);
  g_free (parked->label);
  g_free (parked);
}

/* The parked sales of every till, oldest first. */
GPtrArray *
pos_cart_list_parked (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT id, till_id, parked_at, label, json_array_length (cart_json, '$.lines') "
                            "FROM parked_sale ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_parked_sale_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosParkedSale *parked = g_new0 (PosParkedSale, 1);
      parked->id = sqlite3_column_int64 (stmt, 0);
      parked->till_id = pos_stmt_dup_text (stmt, 1);
      parked->parked_at = pos_stmt_dup_text (stmt, 2);
      parked->label = pos_stmt_dup_text (stmt, 3);
      parked->n_lines = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (list, parked);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}
