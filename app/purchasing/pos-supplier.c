/* pos-supplier.c — the shop's suppliers and what it buys from each (see pos-supplier.h). */
#include "pos-supplier.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-catalog.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-store-private.h"

#define SUPPLIER_COLUMNS                                                                                     \
  "id, name, contact, phone, email, customer_number, lead_time_days, minimum_order, region, is_local"

void
pos_supplier_clear (PosSupplier *s)
{
  g_clear_pointer (&s->name, g_free);
  g_clear_pointer (&s->contact, g_free);
  g_clear_pointer (&s->phone, g_free);
  g_clear_pointer (&s->email, g_free);
  g_clear_pointer (&s->customer_number, g_free);
  g_clear_pointer (&s->region, g_free);
  *s = (PosSupplier){ .lead_time_days = -1, .minimum_order = -1 };
}

void
pos_supplier_free (PosSupplier *supplier)
{
  if (supplier == NULL)
    return;
  pos_supplier_clear (supplier);
  g_free (supplier);
}

void
pos_supplier_product_free (PosSupplierProduct *p)
{
  if (p == NULL)
    return;
  g_free (p->sku);
  g_free (p->name);
  g_free (p->order_code);
  g_free (p);
}

static gint64
column_int_or (PosStmt *stmt, int column, gint64 none)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? none : sqlite3_column_int64 (stmt, column);
}

static void
read_supplier (PosStmt *stmt, PosSupplier *s)
{
  s->id = sqlite3_column_int64 (stmt, 0);
  s->name = pos_stmt_dup_text (stmt, 1);
  s->contact = pos_stmt_dup_text (stmt, 2);
  s->phone = pos_stmt_dup_text (stmt, 3);
  s->email = pos_stmt_dup_text (stmt, 4);
  s->customer_number = pos_stmt_dup_text (stmt, 5);
  s->lead_time_days = column_int_or (stmt, 6, -1);
  s->minimum_order = column_int_or (stmt, 7, -1);
  s->region = pos_stmt_dup_text (stmt, 8);
  s->is_local = sqlite3_column_int (stmt, 9) != 0;
}

gboolean
pos_supplier_find (PosStore *store, const char *name, PosSupplier *out, GError **error)
{
  static const char sql[] = "SELECT " SUPPLIER_COLUMNS " FROM supplier WHERE name = ?1";
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL && name != NULL && out != NULL, FALSE);

  pos_supplier_clear (out);
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    read_supplier (stmt, out);
  else if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no supplier “%s”"), name);
  return rc == SQLITE_ROW;
}

GPtrArray *
pos_supplier_list (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT " SUPPLIER_COLUMNS " FROM supplier ORDER BY name";
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_supplier_free);
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosSupplier *s = g_new0 (PosSupplier, 1);

      read_supplier (stmt, s);
      g_ptr_array_add (list, s);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/* The name supplier @id has now; NULL with POS_ERROR_NOT_FOUND when none. */
static char *
name_of (PosStore *store, gint64 id, GError **error)
{
  static const char sql[] = "SELECT name FROM supplier WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    return pos_stmt_dup_text (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no supplier with id %lld"),
                 (long long)id);
  return NULL;
}

/* The id of another supplier than @id called @name, 0 when there is none. */
static gint64
other_named (PosStore *store, const char *name, gint64 id)
{
  static const char sql[] = "SELECT id FROM supplier WHERE name = ?1 AND id IS NOT ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
check_supplier (PosStore *store, const PosSupplier *s, GError **error)
{
  if (is_blank (s->name))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A supplier needs a name"));
      return FALSE;
    }
  if (s->lead_time_days < -1 || s->minimum_order < -1)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("A lead time or minimum order cannot be negative"));
      return FALSE;
    }
  if (other_named (store, s->name, s->id) != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("There is already a supplier “%s”"), s->name);
      return FALSE;
    }
  return TRUE;
}

/* The supplier as its journal event states it; @previous is the name it
 * had before this save (NULL for a new one), so other tills find it. */
static JsonObject *
supplier_payload (const PosUser *user, const PosSupplier *s, const char *previous)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "user", user->name);
  json_object_set_string_member (o, "name", s->name);
  pos_json_set_nullable_string (o, "previous_name", previous);
  pos_json_set_nullable_string (o, "contact", s->contact);
  pos_json_set_nullable_string (o, "phone", s->phone);
  pos_json_set_nullable_string (o, "email", s->email);
  pos_json_set_nullable_string (o, "customer_number", s->customer_number);
  json_object_set_int_member (o, "lead_time_days", s->lead_time_days);
  json_object_set_int_member (o, "minimum_order", s->minimum_order);
  pos_json_set_nullable_string (o, "region", s->region);
  json_object_set_boolean_member (o, "is_local", s->is_local);
  return o;
}

/* Writes @s by @previous name (an update) or as a new row; sets s->id. */
static gboolean
write_supplier (PosStore *store, PosSupplier *s, const char *previous, GError **error)
{
  static const char update[]
      = "UPDATE supplier SET name = ?1, contact = ?2, phone = ?3, email = ?4, customer_number = ?5, "
        "lead_time_days = ?6, minimum_order = ?7, region = ?8, is_local = ?9 WHERE name = ?10 RETURNING id";
  static const char insert[]
      = "INSERT INTO supplier (name, contact, phone, email, customer_number, lead_time_days, minimum_order, "
        "region, is_local) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, previous != NULL ? update : insert, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, s->name, -1, SQLITE_STATIC);
  pos_stmt_bind_text_or_null (stmt, 2, s->contact);
  pos_stmt_bind_text_or_null (stmt, 3, s->phone);
  pos_stmt_bind_text_or_null (stmt, 4, s->email);
  pos_stmt_bind_text_or_null (stmt, 5, s->customer_number);
  pos_stmt_bind_int64_or_null (stmt, 6, s->lead_time_days, -1);
  pos_stmt_bind_int64_or_null (stmt, 7, s->minimum_order, -1);
  pos_stmt_bind_text_or_null (stmt, 8, s->region);
  sqlite3_bind_int (stmt, 9, s->is_local ? 1 : 0);
  if (previous != NULL)
    sqlite3_bind_text (stmt, 10, previous, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    s->id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no supplier “%s”"), previous);
  return rc == SQLITE_ROW;
}

static gboolean
save_body (PosStore *store, const PosUser *user, PosSupplier *s, GError **error)
{
  g_autofree char *previous = NULL;
  g_autoptr (JsonObject) payload = NULL;

  if (s->id != 0 && (previous = name_of (store, s->id, error)) == NULL)
    return FALSE;
  if (!check_supplier (store, s, error) || !write_supplier (store, s, previous, error))
    return FALSE;
  payload = supplier_payload (user, s, previous);
  return pos_audit_record_event (store, user, NULL, "supplier_save", 0, "supplier.saved", NULL, payload, NULL,
                                 error);
}

gboolean
pos_supplier_save (PosStore *store, const PosUser *user, PosSupplier *supplier, GError **error)
{
  gint64 id_before;

  g_return_val_if_fail (store != NULL && user != NULL && supplier != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_EDIT_CATALOG, NULL, error))
    return FALSE;
  if (!pos_store_require_healthy (store, error) || !pos_store_begin (store, error))
    return FALSE;
  id_before = supplier->id;
  if (!save_body (store, user, supplier, error))
    {
      supplier->id = id_before;
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

/* Links ------------------------------------------------------------------ */

static gboolean
write_link (PosStore *store, gint64 supplier_id, gint64 product_id, const char *order_code, PosAmount cost,
            GError **error)
{
  static const char sql[]
      = "INSERT INTO supplier_product (product_id, supplier_id, order_code, cost) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (product_id, supplier_id) DO UPDATE SET "
        "order_code = coalesce (excluded.order_code, order_code), cost = coalesce (excluded.cost, cost)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_int64 (stmt, 2, supplier_id);
  pos_stmt_bind_text_or_null (stmt, 3, order_code);
  pos_stmt_bind_int64_or_null (stmt, 4, cost, -1);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
link_body (PosStore *store, const PosUser *user, gint64 supplier_id, gint64 product_id,
           const char *order_code, PosAmount cost, GError **error)
{
  g_autofree char *supplier = name_of (store, supplier_id, error);
  g_autofree char *sku = supplier != NULL ? pos_catalog_dup_sku (store, product_id, error) : NULL;
  g_autoptr (JsonObject) payload = json_object_new ();

  if (sku == NULL || !write_link (store, supplier_id, product_id, order_code, cost, error))
    return FALSE;
  json_object_set_string_member (payload, "user", user->name);
  json_object_set_string_member (payload, "supplier", supplier);
  json_object_set_string_member (payload, "sku", sku);
  pos_json_set_nullable_string (payload, "order_code", order_code);
  json_object_set_int_member (payload, "cost", cost);
  return pos_audit_record_event (store, user, NULL, "supplier_link", 0, "supplier.linked", NULL, payload,
                                 NULL, error);
}

gboolean
pos_supplier_link (PosStore *store, const PosUser *user, gint64 supplier_id, gint64 product_id,
                   const char *order_code, PosAmount cost, GError **error)
{
  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_EDIT_CATALOG, NULL, error))
    return FALSE;
  if (cost < -1)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A supplier's price cannot be negative"));
      return FALSE;
    }
  if (!pos_store_require_healthy (store, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!link_body (store, user, supplier_id, product_id, order_code, cost, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

GPtrArray *
pos_supplier_products (PosStore *store, gint64 supplier_id, GError **error)
{
  static const char sql[]
      = "SELECT p.id, p.sku, p.name, l.order_code, l.cost, p.supplier_id IS l.supplier_id "
        "FROM supplier_product l JOIN product p ON p.id = l.product_id WHERE l.supplier_id = ?1 ORDER BY "
        "p.sku";
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_supplier_product_free);
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, supplier_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosSupplierProduct *p = g_new0 (PosSupplierProduct, 1);

      p->product_id = sqlite3_column_int64 (stmt, 0);
      p->sku = pos_stmt_dup_text (stmt, 1);
      p->name = pos_stmt_dup_text (stmt, 2);
      p->order_code = pos_stmt_dup_text (stmt, 3);
      p->cost = column_int_or (stmt, 4, -1);
      p->preferred = sqlite3_column_int (stmt, 5) != 0;
      g_ptr_array_add (list, p);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/* From other tills ---------------------------------------------------------- */

static char *
dup_member (JsonObject *o, const char *name)
{
  return g_strdup (pos_json_get_string (o, name));
}

gboolean
pos_supplier_apply_saved (PosStore *store, JsonObject *payload, GError **error)
{
  const char *previous = pos_json_get_string (payload, "previous_name");
  g_auto (PosSupplier) s = {
    .name = dup_member (payload, "name"),
    .contact = dup_member (payload, "contact"),
    .phone = dup_member (payload, "phone"),
    .email = dup_member (payload, "email"),
    .customer_number = dup_member (payload, "customer_number"),
    .lead_time_days = pos_json_get_int (payload, "lead_time_days", -1),
    .minimum_order = pos_json_get_int (payload, "minimum_order", -1),
    .region = dup_member (payload, "region"),
    .is_local = json_object_get_boolean_member_with_default (payload, "is_local", FALSE),
  };
  g_autofree char *known = NULL;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (is_blank (s.name))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("a supplier was saved without a name"));
      return FALSE;
    }
  /* A supplier this till never heard of under its old name is new here. */
  if (previous != NULL && other_named (store, previous, 0) != 0)
    known = g_strdup (previous);
  else if (other_named (store, s.name, 0) != 0)
    known = g_strdup (s.name);
  return write_supplier (store, &s, known, error);
}

gboolean
pos_supplier_apply_linked (PosStore *store, JsonObject *payload, GError **error)
{
  static const char sql[] = "SELECT id FROM product WHERE sku = ?1";
  const char *sku = pos_json_get_string (payload, "sku");
  const char *supplier = pos_json_get_string (payload, "supplier");
  g_autoptr (PosStmt) stmt = NULL;
  gint64 supplier_id;
  int rc;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (sku == NULL || supplier == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("a supplier link lacks its SKU or supplier"));
      return FALSE;
    }
  if ((supplier_id = other_named (store, supplier, 0)) == 0)
    return TRUE; /* its supplier.saved comes first in the journal; a gap is not ours to fill */
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) != SQLITE_ROW)
    return rc == SQLITE_DONE;
  return write_link (store, supplier_id, sqlite3_column_int64 (stmt, 0),
                     pos_json_get_string (payload, "order_code"), pos_json_get_int (payload, "cost", -1),
                     error);
}
