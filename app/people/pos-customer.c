/* pos-customer.c — customers and their personal data (see pos-customer.h). */
#include "pos-customer.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-hlc.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-loyalty.h"
#include "pos-permission.h"
#include "pos-store-private.h"

#define POS_CUSTOMER_TEXT_MAX 200
#define POS_PHONE_MIN_DIGITS 4
#define POS_PHONE_MAX_DIGITS 15 /* E.164 */

void
pos_customer_free (PosCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->card_code);
  g_free (customer->name);
  g_free (customer->phone);
  g_free (customer->email);
  g_free (customer->created_at);
  g_free (customer->erased_at);
  g_free (customer);
}

PosCustomer *
pos_customer_copy (const PosCustomer *customer)
{
  PosCustomer *copy;

  g_return_val_if_fail (customer != NULL, NULL);

  copy = g_new0 (PosCustomer, 1);
  copy->id = customer->id;
  copy->card_code = g_strdup (customer->card_code);
  copy->name = g_strdup (customer->name);
  copy->phone = g_strdup (customer->phone);
  copy->email = g_strdup (customer->email);
  copy->consent = customer->consent;
  copy->created_at = g_strdup (customer->created_at);
  copy->erased_at = g_strdup (customer->erased_at);
  return copy;
}

char *
pos_customer_normalize_phone (const char *text, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  guint digits = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p);
          digits++;
        }
      else if (*p == '+' && out->len == 0)
        g_string_append_c (out, '+');
      else if (strchr (" -./()", *p) == NULL)
        {
          g_set_error (
              error, POS_ERROR, POS_ERROR_INVALID,
              _ ("“%s” is not a phone number: only digits, spaces, - . / ( ) and a leading + are allowed"),
              text);
          return NULL;
        }
    }
  if (digits < POS_PHONE_MIN_DIGITS || digits > POS_PHONE_MAX_DIGITS)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("“%s” is not a phone number: it needs %d to %d digits"), text, POS_PHONE_MIN_DIGITS,
                   POS_PHONE_MAX_DIGITS);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A copy of @text without surrounding white space, NULL when nothing is left. */
static char *
trimmed_or_null (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static gboolean
check_email (const char *email, GError **error)
{
  const char *at = strchr (email, '@');

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strchr (at + 1, '.') == NULL
      || g_str_has_suffix (email, ".") || at[1] == '.' || strpbrk (email, " \t\r\n") != NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not an email address"), email);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_card_code (const char *card, GError **error)
{
  for (const char *p = card; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      {
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                     _ ("A card code cannot contain spaces or control characters"));
        return FALSE;
      }
  return TRUE;
}

/* Builds the cleaned-up profile that will be saved from what was typed. */
static PosCustomer *
clean_profile (const PosCustomer *draft, GError **error)
{
  g_autoptr (PosCustomer) out = g_new0 (PosCustomer, 1);
  g_autofree char *phone = trimmed_or_null (draft->phone);

  out->id = draft->id;
  out->consent = draft->consent;
  out->card_code = trimmed_or_null (draft->card_code);
  out->name = trimmed_or_null (draft->name);
  out->email = trimmed_or_null (draft->email);
  if (phone != NULL && (out->phone = pos_customer_normalize_phone (phone, error)) == NULL)
    return NULL;
  if (out->card_code == NULL && out->phone == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A customer needs a card code or a phone number"));
      return NULL;
    }
  if ((out->card_code && strlen (out->card_code) > POS_CUSTOMER_TEXT_MAX)
      || (out->name && strlen (out->name) > POS_CUSTOMER_TEXT_MAX)
      || (out->email && strlen (out->email) > POS_CUSTOMER_TEXT_MAX))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("Card code, name and email are limited to %d bytes"), POS_CUSTOMER_TEXT_MAX);
      return NULL;
    }
  if (out->card_code != NULL && !check_card_code (out->card_code, error))
    return NULL;
  if (out->email != NULL && !check_email (out->email, error))
    return NULL;
  return g_steal_pointer (&out);
}

/* Refuses a card code or phone that another customer (not @id) already has. */
static gboolean
check_unique (PosStore *store, const PosCustomer *profile, GError **error)
{
  static const char sql[] = "SELECT coalesce (card_code = ?2, 0) FROM customer "
                            "WHERE id != ?1 AND (card_code = ?2 OR phone = ?3) LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, profile->id);
  sqlite3_bind_text (stmt, 2, profile->card_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, profile->phone, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0))
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Card code %s already belongs to another customer"),
                 profile->card_code);
  else if (rc == SQLITE_ROW)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                 _ ("Phone number %s already belongs to another customer"), profile->phone);
  return rc == SQLITE_DONE;
}

#define CUSTOMER_COLUMNS "id, card_code, name, phone, email, consent, created_at, erased_at"

static PosCustomer *
customer_from_row (PosStmt *stmt)
{
  PosCustomer *customer = g_new0 (PosCustomer, 1);

  customer->id = sqlite3_column_int64 (stmt, 0);
  customer->card_code = pos_stmt_dup_text (stmt, 1);
  customer->name = pos_stmt_dup_text (stmt, 2);
  customer->phone = pos_stmt_dup_text (stmt, 3);
  customer->email = pos_stmt_dup_text (stmt, 4);
  customer->consent = sqlite3_column_int (stmt, 5) != 0;
  customer->created_at = pos_stmt_dup_text (stmt, 6);
  customer->erased_at = pos_stmt_dup_text (stmt, 7);
  return customer;
}

/* Runs a query of CUSTOMER_COLUMNS with one bound text or id and returns
 * its row; @what names the key for the not-found message. */
static PosCustomer *
fetch_one (PosStore *store, const char *sql, const char *text, gint64 id, const char *what, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    return customer_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No customer has %s"), what);
  return NULL;
}

PosCustomer *
pos_customer_get (PosStore *store, gint64 id, GError **error)
{
  static const char sql[] = "SELECT " CUSTOMER_COLUMNS " FROM customer WHERE id = ?1";
  g_autofree char *what = g_strdup_printf ("id %" G_GINT64_FORMAT, id);

  g_return_val_if_fail (store != NULL, NULL);
  return fetch_one (store, sql, NULL, id, what, error);
}

PosCustomer *
pos_customer_find (PosStore *store, const char *card_or_phone, GError **error)
{
  static const char by_card[] = "SELECT " CUSTOMER_COLUMNS " FROM customer WHERE card_code = ?1";
  static const char by_phone[] = "SELECT " CUSTOMER_COLUMNS " FROM customer WHERE phone = ?1";
  g_autofree char *key = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *what = NULL;
  PosCustomer *customer;

  g_return_val_if_fail (store != NULL && card_or_phone != NULL, NULL);

  key = g_strstrip (g_strdup (card_or_phone));
  what = g_strdup_printf (_ ("the card or phone number “%s”"), key);
  customer = fetch_one (store, by_card, key, 0, what, NULL);
  if (customer != NULL)
    return customer;
  phone = pos_customer_normalize_phone (key, NULL);
  if (phone == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No customer has %s"), what);
      return NULL;
    }
  return fetch_one (store, by_phone, phone, 0, what, error);
}

/* Actions ---------------------------------------------------------------- */

/* The journal event and the audit row of a change to a customer. The audit
 * row holds only the id: personal data must not outlive an erasure there. */
static gboolean
journal_and_audit (PosStore *store, const PosUser *user, const PosUser *approver, const char *type,
                   const char *audit_action, gint64 customer_id, JsonObject *payload, GError **error)
{
  g_autofree char *detail = g_strdup_printf ("{\"customer_id\":%" G_GINT64_FORMAT "}", customer_id);

  json_object_set_string_member (payload, "user", user->name);
  pos_json_set_nullable_string (payload, "approver", approver ? approver->name : NULL);
  return pos_audit_record_event (store, user, approver, audit_action, 0, type, NULL, payload, detail, error);
}

/* The uid every till knows the customer by (set by the schema on insert). */
static void
set_uid (PosStore *store, JsonObject *payload, gint64 customer_id)
{
  static const char sql[] = "SELECT uid FROM customer WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    json_object_set_string_member (payload, "uid", (const char *)sqlite3_column_text (stmt, 0));
}

/* "customer.saved": the whole profile, so another till can apply it
 * last-writer-wins by updated_hlc. @key is how other tills know the
 * customer: the card code, or the phone number, before this change. */
static gboolean
journal_saved (PosStore *store, const PosUser *user, const PosCustomer *c, const char *key, const char *hlc,
               const char *audit_action, GError **error)
{
  g_autoptr (JsonObject) payload = json_object_new ();

  json_object_set_string_member (payload, "key", key);
  pos_json_set_nullable_string (payload, "card_code", c->card_code);
  pos_json_set_nullable_string (payload, "name", c->name);
  pos_json_set_nullable_string (payload, "phone", c->phone);
  pos_json_set_nullable_string (payload, "email", c->email);
  json_object_set_boolean_member (payload, "consent", c->consent);
  json_object_set_string_member (payload, "created_at", c->created_at);
  json_object_set_string_member (payload, "updated_hlc", hlc);
  set_uid (store, payload, c->id);
  return journal_and_audit (store, user, NULL, "customer.saved", audit_action, c->id, payload, error);
}

static gboolean
insert_customer (PosStore *store, PosCustomer *c, const char *hlc, GError **error)
{
  static const char sql[] = "INSERT INTO customer (card_code, name, phone, email, consent, created_at, "
                            "updated_hlc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->card_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, c->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, c->phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, c->email, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, c->consent ? 1 : 0);
  sqlite3_bind_text (stmt, 6, c->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, hlc, -1, SQLITE_STATIC);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  c->id = sqlite3_last_insert_rowid (pos_store_db (store));
  return TRUE;
}

static gboolean
add_in_transaction (PosStore *store, const PosUser *user, PosCustomer *c, GError **error)
{
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autofree char *hlc = NULL;

  if (!check_unique (store, c, error))
    return FALSE;
  hlc = pos_hlc_next (store, till_id, error);
  if (hlc == NULL || !insert_customer (store, c, hlc, error))
    return FALSE;
  return journal_saved (store, user, c, c->card_code ? c->card_code : c->phone, hlc, "customer_add", error);
}

/* Anyone who may sell may sign a customer up at the till. */
static gboolean
check_may_edit (const PosUser *user, GError **error)
{
  return pos_permission_check (user, POS_ACTION_SELL, NULL, error);
}

PosCustomer *
pos_customer_add (PosStore *store, const PosUser *user, const PosCustomer *draft, GError **error)
{
  g_autoptr (PosCustomer) c = NULL;
  gboolean own;

  g_return_val_if_fail (store != NULL && user != NULL && draft != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_may_edit (user, error))
    return NULL;
  c = clean_profile (draft, error);
  if (c == NULL || !pos_store_require_healthy (store, error))
    return NULL;
  /* An import adds many customers in one transaction: join it. */
  own = !pos_store_in_transaction (store);
  if (own && !pos_store_begin (store, error))
    return NULL;
  c->id = 0;
  c->created_at = pos_clock_iso_utc (pos_clock_now_us ());
  if (!add_in_transaction (store, user, c, error))
    {
      if (own)
        pos_store_rollback (store);
      return NULL;
    }
  if (own && !pos_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&c);
}

static gboolean
update_row (PosStore *store, const PosCustomer *c, const char *hlc, GError **error)
{
  static const char sql[] = "UPDATE customer SET card_code = ?2, name = ?3, phone = ?4, email = ?5, "
                            "consent = ?6, updated_hlc = ?7 WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  sqlite3_bind_text (stmt, 2, c->card_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, c->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, c->phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, c->email, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, c->consent ? 1 : 0);
  sqlite3_bind_text (stmt, 7, hlc, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
update_in_transaction (PosStore *store, const PosUser *user, PosCustomer *c, GError **error)
{
  g_autoptr (PosCustomer) old = pos_customer_get (store, c->id, error);
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autofree char *hlc = NULL;

  if (old == NULL)
    return FALSE;
  if (old->erased_at != NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("This customer's data was erased on %s"),
                   old->erased_at);
      return FALSE;
    }
  if (!check_unique (store, c, error))
    return FALSE;
  hlc = pos_hlc_next (store, till_id, error);
  if (hlc == NULL || !update_row (store, c, hlc, error))
    return FALSE;
  c->created_at = g_steal_pointer (&old->created_at);
  return journal_saved (store, user, c, old->card_code ? old->card_code : old->phone, hlc, "customer_update",
                        error);
}

gboolean
pos_customer_update (PosStore *store, const PosUser *user, const PosCustomer *customer, GError **error)
{
  g_autoptr (PosCustomer) c = NULL;

  g_return_val_if_fail (store != NULL && user != NULL && customer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_may_edit (user, error))
    return FALSE;
  c = clean_profile (customer, error);
  if (c == NULL || !pos_store_require_healthy (store, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!update_in_transaction (store, user, c, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

/* The smallest string greater than every string that starts with @prefix
 * (byte order, which is also NOCASE order past ASCII): a prefix search
 * becomes a range the indexes can answer. */
static char *
prefix_end (const char *prefix)
{
  return g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
}

GArray *
pos_customer_search (PosStore *store, const char *text, guint limit, GError **error)
{
  static const char sql[]
      = "SELECT id FROM customer WHERE id IN ("
        "  SELECT id FROM customer WHERE name >= ?1 COLLATE NOCASE AND name < ?2 COLLATE NOCASE"
        "  UNION SELECT id FROM customer WHERE card_code >= ?1 AND card_code < ?2"
        "  UNION SELECT id FROM customer WHERE phone >= ?3 AND phone < ?4) "
        "ORDER BY name COLLATE NOCASE, id LIMIT ?5";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *prefix = NULL, *end = NULL, *phone = NULL, *phone_end = NULL;
  int rc;

  g_return_val_if_fail (store != NULL && text != NULL, NULL);

  prefix = g_strstrip (g_strdup (text));
  if (*prefix == '\0')
    return g_steal_pointer (&ids);
  end = prefix_end (prefix);
  phone = pos_customer_normalize_phone (prefix, NULL);
  phone_end = phone ? prefix_end (phone) : NULL;

  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, phone, -1, SQLITE_STATIC); /* NULL matches nothing */
  sqlite3_bind_text (stmt, 4, phone_end, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, limit > 0 ? (gint64)limit : -1);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&ids) : NULL;
}

static gboolean
erase_row (PosStore *store, gint64 id, const char *now, const char *hlc, GError **error)
{
  static const char sql[] = "UPDATE customer SET card_code = NULL, name = NULL, phone = NULL, email = NULL, "
                            "consent = 0, erased_at = ?2, updated_hlc = ?3 WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hlc, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
erase_in_transaction (PosStore *store, const PosUser *user, const PosUser *approver, gint64 id,
                      GError **error)
{
  g_autoptr (PosCustomer) old = pos_customer_get (store, id, error);
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  g_autofree char *hlc = NULL;

  if (old == NULL)
    return FALSE;
  if (old->erased_at != NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE,
                   _ ("This customer's data was already erased on %s"), old->erased_at);
      return FALSE;
    }
  hlc = pos_hlc_next (store, till_id, error);
  if (hlc == NULL || !erase_row (store, id, now, hlc, error))
    return FALSE;
  json_object_set_string_member (payload, "key", old->card_code ? old->card_code : old->phone);
  json_object_set_string_member (payload, "erased_at", now);
  json_object_set_string_member (payload, "updated_hlc", hlc);
  set_uid (store, payload, id);
  return journal_and_audit (store, user, approver, "customer.erased", "customer_erase", id, payload, error);
}

gboolean
pos_customer_erase (PosStore *store, const PosUser *user, const PosUser *approver, gint64 id, GError **error)
{
  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_CUSTOMER_DATA, approver, error))
    return FALSE;
  if (!pos_store_require_healthy (store, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!erase_in_transaction (store, user, approver, id, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

/* Export ----------------------------------------------------------------- */

static JsonObject *
profile_object (const PosCustomer *c)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", c->id);
  pos_json_set_nullable_string (object, "card_code", c->card_code);
  pos_json_set_nullable_string (object, "name", c->name);
  pos_json_set_nullable_string (object, "phone", c->phone);
  pos_json_set_nullable_string (object, "email", c->email);
  json_object_set_boolean_member (object, "consent", c->consent);
  json_object_set_string_member (object, "created_at", c->created_at);
  pos_json_set_nullable_string (object, "erased_at", c->erased_at);
  return object;
}

static JsonArray *
sales_array (PosStore *store, gint64 id, GError **error)
{
  static const char sql[] = "SELECT receipt_no, created_at, kind, total + rounding FROM sale "
                            "WHERE customer_id = ?1 ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (JsonArray) sales = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      JsonObject *sale = json_object_new ();

      json_object_set_string_member (sale, "receipt_no", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_string_member (sale, "created_at", (const char *)sqlite3_column_text (stmt, 1));
      json_object_set_string_member (sale, "kind", (const char *)sqlite3_column_text (stmt, 2));
      json_object_set_int_member (sale, "total", sqlite3_column_int64 (stmt, 3));
      json_array_add_object_element (sales, sale);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&sales) : NULL;
}

static JsonObject *
loyalty_object (PosStore *store, gint64 id, GError **error)
{
  g_autoptr (GPtrArray) entries = pos_loyalty_history (store, id, 0, error);
  g_autoptr (JsonObject) loyalty = json_object_new ();
  JsonArray *list;

  if (entries == NULL)
    return NULL;
  list = json_array_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      const PosLoyaltyEntry *e = g_ptr_array_index (entries, i);
      JsonObject *entry = json_object_new ();

      json_object_set_int_member (entry, "points", e->points);
      json_object_set_string_member (entry, "reason", e->reason);
      pos_json_set_nullable_string (entry, "receipt_no", e->receipt_no);
      json_object_set_string_member (entry, "created_at", e->created_at);
      json_array_add_object_element (list, entry);
    }
  json_object_set_int_member (loyalty, "balance", pos_loyalty_balance (store, id));
  json_object_set_array_member (loyalty, "entries", list);
  return g_steal_pointer (&loyalty);
}

JsonNode *
pos_customer_export (PosStore *store, gint64 id, GError **error)
{
  g_autoptr (PosCustomer) c = NULL;
  g_autoptr (JsonObject) root = json_object_new ();
  JsonObject *loyalty;
  JsonArray *sales;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  c = pos_customer_get (store, id, error);
  if (c == NULL)
    return NULL;
  json_object_set_object_member (root, "customer", profile_object (c));
  if ((loyalty = loyalty_object (store, id, error)) == NULL)
    return NULL;
  json_object_set_object_member (root, "loyalty", loyalty);
  if ((sales = sales_array (store, id, error)) == NULL)
    return NULL;
  json_object_set_array_member (root, "sales", sales);
  return json_node_init_object (json_node_alloc (), root);
}
