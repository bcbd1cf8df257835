/* test-report.c — X and Z reports and sales reports on known sales. */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-report.h"
#include "pos-shift.h"
#include "pos-users.h"
#include "pos-store-private.h"

/* A sale line as the checkout writes it; line_total is gross as charged. */
typedef struct
{
  const char *sku;
  PosQty qty;
  PosAmount unit_price;
  PosAmount discount;
  PosAmount line_total;
  PosAmount tax_amount;
} Line;

typedef struct
{
  const char *method;
  PosAmount amount;
  gint64 points;
} Pay;

typedef struct
{
  const char *created_at;
  const char *day;
  gint64 user_id;
  gint64 refund_of; /* a refund when set */
  PosAmount rounding;
  PosAmount change;
  Line lines[4];       /* until sku is NULL */
  Pay pays[3];         /* until method is NULL */
  const char *till_id; /* NULL: this till, T1 */
} Sale;

typedef struct
{
  PosTestStore *t;
  PosStore *store;
  PosUser *alice; /* cashier */
  PosUser *bob;   /* supervisor, PIN entered */
  gint64 shift_id;
  gint64 n_sales;
} Fixture;

static const char catalog[]
    = "INSERT INTO tax_rate (id, code, name, rate_bp) VALUES (1, 'A', 'Standard', 1900), (2, 'B', 'Food', "
      "700);"
      "INSERT INTO category (id, name) VALUES (1, 'Fruit'), (2, 'Dairy');"
      "INSERT INTO product (id, sku, name, unit, price, tax_rate_id, category_id) VALUES"
      " (1, 'APL', 'Apples', 'kg', 150, 2, 1), (2, 'MLK', 'Milk', 'each', 120, 2, 2),"
      " (3, 'WIN', 'Wine', 'each', 1190, 1, NULL);";

static gint64
at (const char *iso)
{
  gint64 us = 0;

  if (!pos_clock_parse_iso (iso, &us))
    fail_msg ("bad time %s", iso);
  return us;
}

static void
exec (PosStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;

  if (!pos_store_exec (store, sql, &error))
    fail_msg ("%s: %s", sql, error->message);
}

static int
setup (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) bob = NULL;
  Fixture *f = g_new0 (Fixture, 1);

  f->t = pos_test_store_new ();
  f->store = f->t->store;
  assert_true (pos_store_set_setting (f->store, "till_id", "T1", &error));
  assert_true (pos_store_set_setting (f->store, "currency", "EUR", &error));
  exec (f->store, catalog);
  f->alice = pos_users_add (f->store, "alice", POS_ROLE_CASHIER, "1111", &error);
  bob = pos_users_add (f->store, "bob", POS_ROLE_SUPERVISOR, "2222", &error);
  pos_assert_no_error (error);
  f->bob = pos_users_authenticate (f->store, "bob", "2222", &error);
  pos_assert_no_error (error);
  pos_clock_set_fixed_for_testing (at ("2026-11-27T08:00:00Z"));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  pos_user_free (f->alice);
  pos_user_free (f->bob);
  pos_test_store_free (f->t);
  pos_clock_set_fixed_for_testing (0);
  g_free (f);
  return 0;
}

static sqlite3_stmt *
prepare (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (pos_store_db (f->store), sql, -1, &stmt, NULL) != SQLITE_OK)
    fail_msg ("%s: %s", sql, sqlite3_errmsg (pos_store_db (f->store)));
  return stmt;
}

static void
step_done (Fixture *f, sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    fail_msg ("test insert failed: %s", sqlite3_errmsg (pos_store_db (f->store)));
  sqlite3_finalize (stmt);
}

static void
insert_header (Fixture *f, gint64 id, const Sale *s)
{
  sqlite3_stmt *stmt = prepare (
      f, "INSERT INTO sale (id, receipt_no, till_id, till_number, kind, refund_of, shift_id, user_id, "
         "created_at,"
         " business_day, subtotal, discount_total, tax_total, total, rounding, tendered, change)"
         " VALUES (?1, ?14 || '-' || ?1, ?14, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?8, ?11, ?12, ?13)");
  PosAmount total = 0, discount = 0, tax = 0, tendered = 0;

  for (const Line *l = s->lines; l->sku != NULL; l++)
    total += l->line_total, discount += l->discount, tax += l->tax_amount;
  for (const Pay *p = s->pays; p->method != NULL; p++)
    tendered += p->amount;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, s->refund_of ? "refund" : "sale", -1, SQLITE_STATIC);
  if (s->refund_of)
    sqlite3_bind_int64 (stmt, 3, s->refund_of);
  if (f->shift_id)
    sqlite3_bind_int64 (stmt, 4, f->shift_id);
  sqlite3_bind_int64 (stmt, 5, s->user_id ? s->user_id : f->alice->id);
  sqlite3_bind_text (stmt, 6, s->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, s->day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, total);
  sqlite3_bind_int64 (stmt, 9, discount);
  sqlite3_bind_int64 (stmt, 10, tax);
  sqlite3_bind_int64 (stmt, 11, s->rounding);
  sqlite3_bind_int64 (stmt, 12, tendered);
  sqlite3_bind_int64 (stmt, 13, s->change);
  sqlite3_bind_text (stmt, 14, s->till_id ? s->till_id : "T1", -1, SQLITE_STATIC);
  step_done (f, stmt);
}

static void
insert_line (Fixture *f, gint64 sale_id, int line_no, const Line *l)
{
  sqlite3_stmt *stmt = prepare (
      f, "INSERT INTO sale_line (sale_id, line_no, product_id, sku, name, unit, qty, unit_price,"
         " catalog_version, tax_code, tax_rate_bp, discount, line_total, tax_amount)"
         " SELECT ?1, ?2, p.id, p.sku, p.name, p.unit, ?4, ?5, p.version, t.code, t.rate_bp, ?6, ?7, ?8"
         " FROM product p JOIN tax_rate t ON t.id = p.tax_rate_id WHERE p.sku = ?3");

  sqlite3_bind_int64 (stmt, 1, sale_id);
  sqlite3_bind_int (stmt, 2, line_no);
  sqlite3_bind_text (stmt, 3, l->sku, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, l->qty);
  sqlite3_bind_int64 (stmt, 5, l->unit_price);
  sqlite3_bind_int64 (stmt, 6, l->discount);
  sqlite3_bind_int64 (stmt, 7, l->line_total);
  sqlite3_bind_int64 (stmt, 8, l->tax_amount);
  step_done (f, stmt);
}

/* Cash payments record what stayed in the drawer: the checkout writes the
 * cash handed over less the change. */
static void
insert_payment (Fixture *f, gint64 sale_id, const Pay *p, PosAmount change)
{
  sqlite3_stmt *stmt
      = prepare (f, "INSERT INTO payment (id, sale_id, method, amount, points) VALUES ((SELECT coalesce "
                    "(max (id), 0) + 1 FROM payment), ?1, ?2, ?3, ?4)");

  sqlite3_bind_int64 (stmt, 1, sale_id);
  sqlite3_bind_text (stmt, 2, p->method, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_str_equal (p->method, "cash") ? p->amount - change : p->amount);
  sqlite3_bind_int64 (stmt, 4, p->points);
  step_done (f, stmt);
}

/* Writes a sale, its lines, its tax summary and its payments, as the
 * checkout would in one transaction. Returns the sale id. */
static gint64
add_sale (Fixture *f, const Sale *s)
{
  gint64 id = ++f->n_sales;
  sqlite3_stmt *stmt;
  int line_no = 0;

  exec (f->store, "BEGIN");
  insert_header (f, id, s);
  for (const Line *l = s->lines; l->sku != NULL; l++)
    insert_line (f, id, ++line_no, l);
  stmt
      = prepare (f, "INSERT INTO sale_tax (sale_id, tax_code, tax_rate_bp, net, tax, gross)"
                    " SELECT sale_id, tax_code, tax_rate_bp, sum (line_total - tax_amount), sum (tax_amount),"
                    " sum (line_total) FROM sale_line WHERE sale_id = ?1 GROUP BY tax_code");
  sqlite3_bind_int64 (stmt, 1, id);
  step_done (f, stmt);
  for (const Pay *p = s->pays; p->method != NULL; p++)
    insert_payment (f, id, p, s->change);
  exec (f->store, "COMMIT");
  return id;
}

/* A one-line wine sale of @total, paid by card. */
static gint64
add_simple (Fixture *f, const char *created_at, PosAmount total)
{
  Sale s = { .created_at = created_at,
             .lines = { { "WIN", 1000, total, 0, total, total * 19 / 119 } },
             .pays = { { "card", total } } };
  char day[11];

  g_strlcpy (day, created_at, sizeof day);
  s.day = day;
  return add_sale (f, &s);
}

/*
 * The known data set (UTC):
 *   1  27th 09:15 alice  2 kg apples 300 (tax 20) + milk 120 (8); cash 500, change 80
 *   2  27th 14:40 bob    wine 1190 (190); card
 *   3  28th 09:05 alice  1 kg apples 150 (10) + wine 1090 after 100 off (174); 200 in points (2000), card
 * 1040 4  28th 16:20 alice  refund of the milk of 1: −120 (−8); cash −120 5  29th 10:00 alice  wine 1190
 * (190); card — outside 27th–28th
 */
static void
add_known_sales (Fixture *f)
{
  const Sale sales[] = {
    { "2026-11-27T09:15:00.000Z",
      "2026-11-27",
      0,
      0,
      0,
      80,
      { { "APL", 2000, 150, 0, 300, 20 }, { "MLK", 1000, 120, 0, 120, 8 } },
      { { "cash", 500 } } },
    { "2026-11-27T14:40:00.000Z",
      "2026-11-27",
      f->bob->id,
      0,
      0,
      0,
      { { "WIN", 1000, 1190, 0, 1190, 190 } },
      { { "card", 1190 } } },
    { "2026-11-28T09:05:00.000Z",
      "2026-11-28",
      0,
      0,
      0,
      0,
      { { "APL", 1000, 150, 0, 150, 10 }, { "WIN", 1000, 1190, 100, 1090, 174 } },
      { { "points", 200, 2000 }, { "card", 1040 } } },
    { "2026-11-28T16:20:00.000Z",
      "2026-11-28",
      0,
      1,
      0,
      0,
      { { "MLK", -1000, 120, 0, -120, -8 } },
      { { "cash", -120 } } },
    { "2026-11-29T10:00:00.000Z",
      "2026-11-29",
      0,
      0,
      0,
      0,
      { { "WIN", 1000, 1190, 0, 1190, 190 } },
      { { "card", 1190 } } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sales); i++)
    add_sale (f, &sales[i]);
}

static gint64
count (Fixture *f, const char *sql)
{
  return pos_test_query_int (f->store, sql);
}

static gint64
member (JsonNode *node, const char *name)
{
  JsonObject *object = json_node_get_object (node);

  if (!json_object_has_member (object, name))
    fail_msg ("the report has no %s", name);
  return pos_json_get_int (object, name, G_MININT64);
}

static const char *
text (JsonNode *node, const char *name)
{
  return pos_json_get_string (json_node_get_object (node), name);
}

static JsonObject *
row (JsonNode *node, const char *array, guint index)
{
  JsonArray *rows = json_object_get_array_member (json_node_get_object (node), array);

  if (rows == NULL || index >= json_array_get_length (rows))
    fail_msg ("the report has no %s[%u]", array, index);
  return json_array_get_object_element (rows, index);
}

static guint
n_rows (JsonNode *node, const char *array)
{
  return json_array_get_length (json_object_get_array_member (json_node_get_object (node), array));
}

static JsonNode *
take_x (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = pos_report_x (f->store, &error);

  pos_assert_no_error (error);
  return node;
}

static JsonNode *
take_z (Fixture *f, const char *when)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  pos_clock_set_fixed_for_testing (at (when));
  node = pos_report_z (f->store, f->bob, NULL, &error);
  pos_assert_no_error (error);
  assert_non_null (node);
  return node;
}

/* How many rows each table holds, as one string. */
static char *
table_counts (Fixture *f)
{
  sqlite3_stmt *tables = prepare (f, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  GString *out = g_string_new (NULL);

  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql
          = g_strdup_printf ("SELECT count(*) FROM \"%s\"", (const char *)sqlite3_column_text (tables, 0));
      g_string_append_printf (out, "%s=%" G_GINT64_FORMAT " ", sqlite3_column_text (tables, 0),
                              count (f, sql));
    }
  sqlite3_finalize (tables);
  return g_string_free (out, FALSE);
}

static void
test_x_report_changes_nothing (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) x = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int changes;

  add_known_sales (f);
  before = table_counts (f);
  changes = sqlite3_total_changes (pos_store_db (f->store));
  x = take_x (f);
  after = table_counts (f);
  assert_string_equal (before, after);
  assert_int_equal (sqlite3_total_changes (pos_store_db (f->store)), changes);
  assert_false (pos_store_in_transaction (f->store));
  assert_string_equal (text (x, "type"), "X");
  assert_int_equal (member (x, "sales"), 4);
  assert_int_equal (
      count (f, "SELECT count(*) FROM journal WHERE type NOT LIKE 'user.%' AND type != 'till.key'"), 0);
}

static void
test_refunds_net_out (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) x = NULL;
  const Sale sale = { "2026-11-27T09:15:00.000Z",
                      "2026-11-27",
                      0,
                      0,
                      -3,
                      80,
                      { { "APL", 2000, 150, 0, 300, 20 }, { "MLK", 1000, 120, 0, 123, 8 } },
                      { { "cash", 500 } } };
  const Sale refund
      = { "2026-11-27T10:00:00.000Z", "2026-11-27", 0, 1, 0, 0, { { "MLK", -1000, 120, 0, -123, -8 } },
          { { "cash", -123 } } };

  add_sale (f, &sale);
  add_sale (f, &refund);
  x = take_x (f);
  assert_int_equal (member (x, "sales"), 1);
  assert_int_equal (member (x, "refunds"), 1);
  assert_int_equal (member (x, "gross_sales"), 423);
  assert_int_equal (member (x, "gross_refunds"), -123);
  assert_int_equal (member (x, "gross"), 300);
  assert_int_equal (member (x, "tax"), 20);
  assert_int_equal (member (x, "net"), 280);
  assert_int_equal (member (x, "rounding"), -3);
  assert_int_equal (member (x, "total"), 297);
  assert_string_equal (text (x, "first_receipt"), "T1-1");
  assert_string_equal (text (x, "last_receipt"), "T1-2");
  /* cash: 5.00 taken − 0.80 change − 1.23 refunded */
  assert_string_equal (pos_json_get_string (row (x, "payments", 0), "method"), "cash");
  assert_int_equal (pos_json_get_int (row (x, "payments", 0), "count", 0), 2);
  assert_int_equal (pos_json_get_int (row (x, "payments", 0), "amount", 0), 297);
}

static void
test_tax_buckets_equal_sale_tax_sums (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) x = NULL;
  JsonObject *a, *b;

  add_known_sales (f);
  x = take_x (f);
  assert_int_equal (n_rows (x, "taxes"), 2);
  a = row (x, "taxes", 0);
  b = row (x, "taxes", 1);
  assert_string_equal (pos_json_get_string (a, "code"), "A");
  assert_int_equal (pos_json_get_int (a, "rate_bp", 0), 1900);
  assert_int_equal (pos_json_get_int (a, "gross", 0), 1190 + 1090 + 1190);
  assert_int_equal (pos_json_get_int (a, "tax", 0),
                    count (f, "SELECT sum(tax) FROM sale_tax WHERE tax_code = 'A'"));
  assert_int_equal (pos_json_get_int (a, "net", 0),
                    count (f, "SELECT sum(net) FROM sale_tax WHERE tax_code = 'A'"));
  assert_string_equal (pos_json_get_string (b, "code"), "B");
  assert_int_equal (pos_json_get_int (b, "gross", 0), 450);
  assert_int_equal (pos_json_get_int (b, "tax", 0), 30);
  assert_int_equal (pos_json_get_int (b, "net", 0), 420);
  assert_int_equal (pos_json_get_int (a, "gross", 0) + pos_json_get_int (b, "gross", 0), member (x, "gross"));
  assert_int_equal (pos_json_get_int (a, "tax", 0) + pos_json_get_int (b, "tax", 0), member (x, "tax"));
}

static void
test_payments_by_method (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) x = NULL;

  add_known_sales (f);
  x = take_x (f);
  assert_int_equal (n_rows (x, "payments"), 3);
  assert_string_equal (pos_json_get_string (row (x, "payments", 0), "method"), "card");
  assert_int_equal (pos_json_get_int (row (x, "payments", 0), "count", 0), 3);
  assert_int_equal (pos_json_get_int (row (x, "payments", 0), "amount", 0), 1190 + 1040 + 1190);
  assert_string_equal (pos_json_get_string (row (x, "payments", 1), "method"), "cash");
  assert_int_equal (pos_json_get_int (row (x, "payments", 1), "count", 0), 2);
  assert_int_equal (pos_json_get_int (row (x, "payments", 1), "amount", 0), 500 - 80 - 120);
  assert_string_equal (pos_json_get_string (row (x, "payments", 2), "method"), "points");
  assert_int_equal (pos_json_get_int (row (x, "payments", 2), "amount", 0), 200);
  assert_int_equal (member (x, "points_redeemed"), 2000);
  assert_int_equal (member (x, "discounts"), 100);
}

static void
test_x_shows_expected_cash_of_the_open_shift (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = pos_shift_open (f->store, f->alice, 5000, &error);
  g_autoptr (JsonNode) x = NULL;
  const Sale sale = { "2026-11-27T09:15:00.000Z",           "2026-11-27",       0, 0, 0, 80,
                      { { "APL", 2000, 150, 0, 420, 20 } }, { { "cash", 500 } } };

  pos_assert_no_error (error);
  f->shift_id = shift->id;
  add_sale (f, &sale);
  assert_true (pos_shift_cash_move (f->store, f->bob, NULL, "paid_out", 1000, "flowers", &error));
  x = take_x (f);
  assert_int_equal (member (x, "expected_cash"), 5000 + 500 - 80 - 1000);
  assert_int_equal (n_rows (x, "shifts"), 1);
  assert_int_equal (pos_json_get_int (row (x, "shifts", 0), "shift_id", 0), shift->id);
  assert_int_equal (pos_json_get_int (row (x, "shifts", 0), "paid_out", 0), 1000);
}

static void
test_z_numbers_are_gapless_across_days_and_grand_total_accumulates (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) z1 = NULL;
  g_autoptr (JsonNode) z2 = NULL;
  g_autoptr (JsonNode) z3 = NULL;
  g_autoptr (JsonNode) again = NULL;
  JsonNode *missing;

  add_simple (f, "2026-11-27T10:00:00.000Z", 1000);
  z1 = take_z (f, "2026-11-27T20:00:00Z");
  add_simple (f, "2026-11-28T10:00:00.000Z", 2000);
  add_simple (f, "2026-11-28T11:00:00.000Z", 500);
  z2 = take_z (f, "2026-11-28T20:00:00Z");
  z3 = take_z (f, "2026-11-29T20:00:00Z"); /* a day with no sales still gets its Z */

  assert_int_equal (member (z1, "number"), 1);
  assert_int_equal (member (z2, "number"), 2);
  assert_int_equal (member (z3, "number"), 3);
  assert_string_equal (text (z1, "business_day"), "2026-11-27");
  assert_string_equal (text (z2, "business_day"), "2026-11-28");
  assert_string_equal (text (z3, "business_day"), "2026-11-29");
  assert_int_equal (member (z1, "grand_total"), 1000);
  assert_int_equal (member (z2, "total"), 2500);
  assert_int_equal (member (z2, "grand_total"), 3500);
  assert_int_equal (member (z3, "sales"), 0);
  assert_int_equal (member (z3, "total"), 0);
  assert_int_equal (member (z3, "grand_total"), 3500);
  assert_string_equal (text (z2, "first_receipt"), "T1-2");
  assert_string_equal (text (z2, "last_receipt"), "T1-3");
  assert_null (text (z3, "first_receipt"));
  assert_string_equal (text (z2, "closed_by"), "bob");
  assert_string_equal (text (z2, "closed_at"), "2026-11-28T20:00:00.000Z");

  assert_int_equal (count (f, "SELECT count(*) FROM z_report WHERE till_id = 'T1'"), 3);
  assert_int_equal (count (f, "SELECT sum (number) FROM z_report WHERE till_id = 'T1'"), 6);
  assert_int_equal (count (f, "SELECT sum (last_sale IS NULL) FROM z_report"), 1);
  assert_int_equal (count (f, "SELECT count(*) FROM journal WHERE type = 'report.z'"), 3);
  assert_int_equal (count (f, "SELECT count(*) FROM audit WHERE action = 'close_day'"), 3);

  again = pos_report_z_get (f->store, 2, &error);
  pos_assert_no_error (error);
  assert_true (json_node_equal (again, z2));
  missing = pos_report_z_get (f->store, 4, &error);
  assert_null (missing);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

static void
test_second_z_for_the_same_day_is_refused (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) z1 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonNode *z;

  add_simple (f, "2026-11-27T10:00:00.000Z", 1000);
  z1 = take_z (f, "2026-11-27T20:00:00Z");
  before = table_counts (f);
  pos_clock_set_fixed_for_testing (at ("2026-11-27T20:05:00Z"));
  z = pos_report_z (f->store, f->bob, NULL, &error);
  assert_null (z);
  pos_assert_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  after = table_counts (f);
  assert_string_equal (before, after);

  /* a sale rung up after the Z does not reopen the day */
  add_simple (f, "2026-11-27T20:10:00.000Z", 300);
  pos_clock_set_fixed_for_testing (at ("2026-11-27T20:15:00Z"));
  z = pos_report_z (f->store, f->bob, NULL, &error);
  assert_null (z);
  pos_assert_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE);
  assert_int_equal (count (f, "SELECT count(*) FROM z_report"), 1);
}

static void
test_sale_after_z_lands_in_the_next_z (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) z1 = NULL;
  g_autoptr (JsonNode) z2 = NULL;
  g_autoptr (JsonNode) x = NULL;
  gint64 late;

  add_simple (f, "2026-11-27T10:00:00.000Z", 1000);
  z1 = take_z (f, "2026-11-27T20:00:00Z");
  late = add_simple (f, "2026-11-27T20:10:00.000Z", 300);
  x = take_x (f);
  assert_int_equal (member (x, "sales"), 1);
  assert_int_equal (member (x, "first_sale"), late);
  add_simple (f, "2026-11-28T09:00:00.000Z", 700);
  z2 = take_z (f, "2026-11-28T20:00:00Z");
  assert_string_equal (text (z2, "business_day"), "2026-11-28");
  assert_int_equal (member (z2, "sales"), 2);
  assert_int_equal (member (z2, "first_sale"), late);
  assert_int_equal (member (z2, "total"), 1000);
  assert_int_equal (member (z2, "grand_total"), 2000);
}

/* The shop closes after midnight: the Z taken at 00:30 closes the day that
 * began the morning before and counts the 00:10 sale once. */
static void
test_sale_after_midnight_before_z_is_counted_once (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) z1 = NULL;
  g_autoptr (JsonNode) z2 = NULL;

  add_simple (f, "2026-11-27T10:00:00.000Z", 1000);
  add_simple (f, "2026-11-28T00:10:00.000Z", 500);
  z1 = take_z (f, "2026-11-28T00:30:00Z");
  assert_string_equal (text (z1, "business_day"), "2026-11-27");
  assert_string_equal (text (z1, "last_day"), "2026-11-28");
  assert_int_equal (member (z1, "sales"), 2);
  assert_int_equal (member (z1, "total"), 1500);

  add_simple (f, "2026-11-28T11:00:00.000Z", 700);
  z2 = take_z (f, "2026-11-28T22:00:00Z");
  assert_string_equal (text (z2, "business_day"), "2026-11-28");
  assert_int_equal (member (z2, "sales"), 1);
  assert_int_equal (member (z2, "total"), 700);
  assert_int_equal (member (z2, "grand_total"), 2200);
  assert_int_equal (count (f, "SELECT sum (total) FROM z_report"),
                    count (f, "SELECT sum (total) FROM sale_day"));
}

static void
test_z_needs_a_supervisor_and_is_recorded (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) z = NULL;
  g_autoptr (JsonNode) stored = NULL;
  g_autofree char *canonical = NULL;
  sqlite3_stmt *stmt;

  add_simple (f, "2026-11-27T10:00:00.000Z", 1000);
  pos_clock_set_fixed_for_testing (at ("2026-11-27T20:00:00Z"));
  assert_null (pos_report_z (f->store, f->alice, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_int_equal (count (f, "SELECT count(*) FROM z_report"), 0);

  z = pos_report_z (f->store, f->alice, f->bob, &error);
  pos_assert_no_error (error);
  assert_string_equal (text (z, "closed_by"), "alice");
  assert_string_equal (text (z, "approved_by"), "bob");
  assert_int_equal (count (f, "SELECT count(*) FROM audit WHERE action = 'close_day' AND user_id = 1 "
                              "AND approver_id = 2 AND json_extract (detail, '$.number') = 1"),
                    1);

  /* the stored body and the journal payload are the report as returned */
  canonical = pos_json_canonical (z, &error);
  stmt = prepare (f, "SELECT count(*) FROM z_report z JOIN journal j ON j.payload = z.body "
                     "WHERE j.type = 'report.z' AND z.body = ?1");
  sqlite3_bind_text (stmt, 1, canonical, -1, SQLITE_STATIC);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  assert_int_equal (sqlite3_column_int (stmt, 0), 1);
  sqlite3_finalize (stmt);
  assert_true (pos_journal_verify (f->store, NULL, &error));
  pos_assert_no_error (error);
}

static JsonNode *
sales_report (Fixture *f, const char *from, const char *to, PosReportBy by)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = pos_report_sales (f->store, from, to, by, &error);

  pos_assert_no_error (error);
  assert_non_null (node);
  return node;
}

static gint64
total (JsonNode *node, const char *name)
{
  return pos_json_get_int (json_object_get_object_member (json_node_get_object (node), "totals"), name,
                           G_MININT64);
}

static void
assert_row (JsonNode *node, guint index, const char *key, const char *value, const char *const *names,
            const gint64 *values)
{
  JsonObject *r = row (node, "rows", index);

  if (key != NULL)
    assert_string_equal (pos_json_get_string (r, key), value);
  for (guint i = 0; names[i] != NULL; i++)
    if (pos_json_get_int (r, names[i], G_MININT64) != values[i])
      fail_msg ("row %u: %s is %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, index, names[i],
                pos_json_get_int (r, names[i], G_MININT64), values[i]);
}

static void
test_sales_by_day_reads_the_daily_summary (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) r = NULL;
  g_autoptr (JsonNode) today = NULL;
  const char *const cols[] = { "sales", "refunds", "total", "tax", "net", NULL };

  add_known_sales (f);
  r = sales_report (f, "2026-11-27", "2026-11-28", POS_REPORT_BY_DAY);
  assert_string_equal (text (r, "by"), "day");
  assert_int_equal (n_rows (r, "rows"), 2);
  assert_row (r, 0, "day", "2026-11-27", cols, (gint64[]){ 2, 0, 1610, 218, 1392 });
  assert_row (r, 1, "day", "2026-11-28", cols, (gint64[]){ 1, 1, 1120, 176, 944 });
  assert_int_equal (total (r, "total"), 2730);
  assert_int_equal (total (r, "refunds"), 1);

  pos_clock_set_fixed_for_testing (at ("2026-11-29T18:00:00Z"));
  today = sales_report (f, NULL, NULL, POS_REPORT_BY_DAY);
  assert_string_equal (text (today, "from"), "2026-11-29");
  assert_int_equal (n_rows (today, "rows"), 1);
  assert_int_equal (total (today, "total"), 1190);
}

static void
test_sales_by_product (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) r = NULL;
  const char *const cols[] = { "qty", "gross", "tax", "net", "discounts", "product_id", NULL };

  add_known_sales (f);
  r = sales_report (f, "2026-11-27", "2026-11-28", POS_REPORT_BY_PRODUCT);
  assert_int_equal (n_rows (r, "rows"), 3);
  assert_row (r, 0, "sku", "WIN", cols, (gint64[]){ 2000, 2280, 364, 1916, 100, 3 });
  assert_row (r, 1, "sku", "APL", cols, (gint64[]){ 3000, 450, 30, 420, 0, 1 });
  assert_row (r, 2, "sku", "MLK", cols, (gint64[]){ 0, 0, 0, 0, 0, 2 });
  assert_string_equal (pos_json_get_string (row (r, "rows", 1), "name"), "Apples");
  assert_false (json_object_has_member (row (r, "rows", 0), "_newest"));
  assert_int_equal (total (r, "gross"), 2730);
  assert_int_equal (total (r, "tax"), 394);
  assert_int_equal (total (r, "net"), 2336);
  assert_int_equal (total (r, "discounts"), 100);
}

static void
test_sales_by_category (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) r = NULL;
  const char *const cols[] = { "gross", "tax", "net", NULL };

  add_known_sales (f);
  r = sales_report (f, "2026-11-27", "2026-11-28", POS_REPORT_BY_CATEGORY);
  assert_int_equal (n_rows (r, "rows"), 3);
  assert_row (r, 0, NULL, NULL, cols, (gint64[]){ 2280, 364, 1916 });
  assert_null (pos_json_get_string (row (r, "rows", 0), "category"));
  assert_row (r, 1, "category", "Fruit", cols, (gint64[]){ 450, 30, 420 });
  assert_row (r, 2, "category", "Dairy", cols, (gint64[]){ 0, 0, 0 });
  assert_int_equal (total (r, "gross"), 2730);
}

static void
test_sales_by_hour (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) r = NULL;
  const char *const cols[] = { "hour", "sales", "refunds", "gross", "tax", "net", NULL };

  add_known_sales (f);
  r = sales_report (f, "2026-11-27", "2026-11-28", POS_REPORT_BY_HOUR);
  assert_int_equal (n_rows (r, "rows"), 3);
  assert_row (r, 0, NULL, NULL, cols, (gint64[]){ 9, 2, 0, 1660, 212, 1448 });
  assert_row (r, 1, NULL, NULL, cols, (gint64[]){ 14, 1, 0, 1190, 190, 1000 });
  assert_row (r, 2, NULL, NULL, cols, (gint64[]){ 16, 0, 1, -120, -8, -112 });
  assert_int_equal (total (r, "sales"), 3);
  assert_int_equal (total (r, "gross"), 2730);
}

static void
test_sales_by_cashier (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) r = NULL;
  const char *const cols[] = { "sales", "refunds", "gross", "tax", "net", NULL };

  add_known_sales (f);
  r = sales_report (f, "2026-11-27", "2026-11-28", POS_REPORT_BY_CASHIER);
  assert_int_equal (n_rows (r, "rows"), 2);
  assert_row (r, 0, "cashier", "alice", cols, (gint64[]){ 2, 1, 1540, 204, 1336 });
  assert_row (r, 1, "cashier", "bob", cols, (gint64[]){ 1, 0, 1190, 190, 1000 });
  assert_int_equal (total (r, "gross"), 2730);
}

static void
test_sales_by_tax (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) r = NULL;
  const char *const cols[] = { "rate_bp", "net", "tax", "gross", NULL };

  add_known_sales (f);
  r = sales_report (f, "2026-11-27", "2026-11-28", POS_REPORT_BY_TAX);
  assert_int_equal (n_rows (r, "rows"), 2);
  assert_row (r, 0, "code", "A", cols, (gint64[]){ 1900, 1916, 364, 2280 });
  assert_row (r, 1, "code", "B", cols, (gint64[]){ 700, 420, 30, 450 });
  assert_int_equal (total (r, "tax"), 394);
}

static void
test_sales_by_payment (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) r = NULL;
  const char *const cols[] = { "count", "amount", "points", NULL };

  add_known_sales (f);
  r = sales_report (f, "2026-11-27", "2026-11-28", POS_REPORT_BY_PAYMENT);
  assert_int_equal (n_rows (r, "rows"), 3);
  assert_row (r, 0, "method", "card", cols, (gint64[]){ 2, 2230, 0 });
  assert_row (r, 1, "method", "cash", cols, (gint64[]){ 2, 300, 0 });
  assert_row (r, 2, "method", "points", cols, (gint64[]){ 1, 200, 2000 });
  assert_int_equal (total (r, "amount"), 2730);
  assert_int_equal (total (r, "count"), 5);
}

static void
test_sales_report_refuses_bad_days (void **state)
{
  Fixture *f = *state;
  const char *const bad[] = { "2026-11-31", "2026-1-05", "yesterday", "2026-11-28T00:00", "" };
  PosReportBy by;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      JsonNode *r = pos_report_sales (f->store, bad[i], "2026-12-01", POS_REPORT_BY_DAY, &error);

      assert_null (r);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
    }
  {
    g_autoptr (GError) error = NULL;
    assert_null (pos_report_sales (f->store, "2026-11-29", "2026-11-28", POS_REPORT_BY_DAY, &error));
    pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  }
  assert_true (pos_report_by_parse ("hour", &by));
  assert_int_equal (by, POS_REPORT_BY_HOUR);
  assert_true (pos_report_by_parse ("Payment", &by));
  assert_int_equal (by, POS_REPORT_BY_PAYMENT);
  assert_false (pos_report_by_parse ("weather", &by));
  assert_false (pos_report_by_parse (NULL, &by));
}

static void
on_report_made_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* pos_report_sales_async () to its end, on this thread's main context. */
static JsonNode *
sales_report_in_worker (Fixture *f, const char *from, const char *to, PosReportBy by,
                        GCancellable *cancellable, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  pos_report_sales_async (f->t->path, from, to, by, cancellable, on_report_made_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return pos_report_sales_finish (result, error);
}

/* The reports page makes a sales report in a worker, on a connection of
 * its own: the same report, the same refusal of a bad range, and nothing
 * once cancelled. */
static void
test_sales_report_in_a_worker_is_the_same_report (void **state)
{
  Fixture *f = *state;
  const PosReportBy groupings[] = { POS_REPORT_BY_DAY, POS_REPORT_BY_PRODUCT, POS_REPORT_BY_PAYMENT };
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();

  add_known_sales (f);
  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) here = sales_report (f, "2026-11-27", "2026-11-28", groupings[i]);
      g_autoptr (JsonNode) there
          = sales_report_in_worker (f, "2026-11-27", "2026-11-28", groupings[i], NULL, &error);
      g_autofree char *expected = NULL, *made = NULL;

      pos_assert_no_error (error);
      assert_non_null (there);
      expected = pos_json_canonical (here, NULL);
      made = pos_json_canonical (there, NULL);
      assert_string_equal (made, expected);
      assert_true (json_array_get_length (json_object_get_array_member (json_node_get_object (there), "rows"))
                   > 0);
    }
  {
    g_autoptr (GError) error = NULL;

    assert_null (sales_report_in_worker (f, "2026-11-29", "2026-11-28", POS_REPORT_BY_DAY, NULL, &error));
    pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  }
  {
    g_autoptr (GError) error = NULL;

    g_cancellable_cancel (cancelled);
    assert_null (
        sales_report_in_worker (f, "2026-11-27", "2026-11-28", POS_REPORT_BY_DAY, cancelled, &error));
    assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  }
}

/* The running totals an X or Z reads, proven against the rows. */
static void
assert_totals_verify (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  gint64 periods = -1;

  assert_true (pos_report_verify_totals (f->store, &periods, &error));
  pos_assert_no_error (error);
  assert_int_equal (periods, count (f, "SELECT count(*) FROM z_period"));
  assert_int_equal (count (f, "SELECT count(*) FROM (SELECT * FROM z_period_of_rows)"), periods);
}

/* Sales, refunds, points and cash with change over three Zs: after each
 * step the totals equal the rows, and each Z's figures equal the sums of
 * exactly the sales it covers. */
static void
test_running_totals_equal_the_rows (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) z1 = NULL;
  g_autoptr (JsonNode) z2 = NULL;
  g_autoptr (JsonNode) x = NULL;

  assert_totals_verify (f);
  add_known_sales (f);
  assert_totals_verify (f);
  z1 = take_z (f, "2026-11-29T20:00:00Z");
  assert_int_equal (member (z1, "total"), count (f, "SELECT sum (total + rounding) FROM sale"));
  assert_int_equal (member (z1, "tax"), count (f, "SELECT sum (tax) FROM sale_tax"));
  assert_int_equal (member (z1, "sales"), 4);
  assert_int_equal (member (z1, "refunds"), 1);
  assert_totals_verify (f);
  add_simple (f, "2026-11-30T09:00:00.000Z", 700);
  add_simple (f, "2026-11-30T10:00:00.000Z", 800);
  x = take_x (f);
  assert_int_equal (member (x, "sales"), 2);
  assert_int_equal (member (x, "total"), 1500);
  assert_int_equal (pos_json_get_int (row (x, "taxes", 0), "gross", 0), 1500);
  assert_int_equal (pos_json_get_int (row (x, "payments", 0), "count", 0), 2);
  assert_totals_verify (f);
  z2 = take_z (f, "2026-11-30T20:00:00Z");
  assert_int_equal (member (z2, "total"), 1500);
  assert_int_equal (member (z2, "grand_total"), count (f, "SELECT sum (total + rounding) FROM sale"));
  assert_int_equal (count (f, "SELECT sum (total) FROM z_report"),
                    count (f, "SELECT sum (total) FROM sale_day"));
  assert_totals_verify (f);
}

/* The till's clock was set back: a sale dated the 28th is rung up before
 * the Z of the 27th. That Z leaves it out, the next X and Z count it, once. */
static void
test_sale_dated_after_the_z_waits_for_its_day (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) z1 = NULL;
  g_autoptr (JsonNode) z2 = NULL;
  g_autoptr (JsonNode) x = NULL;
  gint64 early, ahead;

  early = add_simple (f, "2026-11-27T10:00:00.000Z", 1000);
  ahead = add_simple (f, "2026-11-28T09:00:00.000Z", 300);
  z1 = take_z (f, "2026-11-27T20:00:00Z");
  assert_int_equal (member (z1, "sales"), 1);
  assert_int_equal (member (z1, "total"), 1000);
  assert_int_equal (member (z1, "last_sale"), early);
  assert_int_equal (pos_json_get_int (row (z1, "payments", 0), "count", 0), 1);
  assert_int_equal (pos_json_get_int (row (z1, "taxes", 0), "gross", 0), 1000);
  assert_totals_verify (f);

  x = take_x (f);
  assert_int_equal (member (x, "sales"), 1);
  assert_int_equal (member (x, "first_sale"), ahead);
  assert_int_equal (member (x, "total"), 300);
  add_simple (f, "2026-11-28T10:00:00.000Z", 200);
  assert_totals_verify (f);
  z2 = take_z (f, "2026-11-28T20:00:00Z");
  assert_int_equal (member (z2, "sales"), 2);
  assert_int_equal (member (z2, "first_sale"), ahead);
  assert_int_equal (member (z2, "total"), 500);
  assert_int_equal (pos_json_get_int (row (z2, "payments", 0), "amount", 0), 500);
  assert_int_equal (member (z2, "grand_total"), 1500);
  assert_totals_verify (f);
}

/* Only sales dated ahead: the Z of today is empty and they all wait. */
static void
test_z_with_only_sales_dated_ahead_is_empty (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) z1 = NULL;
  g_autoptr (JsonNode) z2 = NULL;

  add_simple (f, "2026-11-28T09:00:00.000Z", 300);
  z1 = take_z (f, "2026-11-27T20:00:00Z");
  assert_int_equal (member (z1, "sales"), 0);
  assert_null (text (z1, "first_receipt"));
  assert_totals_verify (f);
  z2 = take_z (f, "2026-11-28T20:00:00Z");
  assert_int_equal (member (z2, "sales"), 1);
  assert_int_equal (member (z2, "total"), 300);
  assert_totals_verify (f);
}

/* Sales of another till pulled by sync sit among this till's ids; no X or
 * Z of this till counts them, and they have totals of their own. */
static void
test_other_tills_sales_stay_out (void **state)
{
  Fixture *f = *state;
  g_autoptr (JsonNode) x = NULL;
  g_autoptr (JsonNode) z = NULL;
  Sale other = { .created_at = "2026-11-27T11:00:00.000Z",
                 .day = "2026-11-27",
                 .lines = { { "WIN", 1000, 5000, 0, 5000, 798 } },
                 .pays = { { "cash", 5000 } },
                 .till_id = "T2" };

  add_simple (f, "2026-11-27T10:00:00.000Z", 1000);
  add_sale (f, &other);
  add_simple (f, "2026-11-27T12:00:00.000Z", 200);
  x = take_x (f);
  assert_int_equal (member (x, "sales"), 2);
  assert_int_equal (member (x, "total"), 1200);
  assert_int_equal (n_rows (x, "payments"), 1);
  z = take_z (f, "2026-11-27T20:00:00Z");
  assert_int_equal (member (z, "total"), 1200);
  assert_int_equal (count (f, "SELECT gross FROM z_period WHERE till_id = 'T2'"), 5000);
  assert_int_equal (count (f, "SELECT amount FROM z_period_payment WHERE till_id = 'T2'"), 5000);
  add_sale (f, &other);
  assert_totals_verify (f);
}

/* A running total that drifted from its rows is named by verify. */
static void
test_verify_names_totals_that_differ (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  const char *const damage[] = {
    "UPDATE till_total SET gross = gross + 1 WHERE part = 0",
    "UPDATE till_total SET tax = tax - 1 WHERE part = 1 AND name = 'B'",
    "DELETE FROM till_total WHERE part = 2 AND name = 'points'",
  };

  add_known_sales (f);
  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      exec (f->store, "SAVEPOINT damage");
      exec (f->store, damage[i]);
      assert_false (pos_report_verify_totals (f->store, NULL, &error));
      pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
      assert_non_null (strstr (error->message, "till T1 for Z 1"));
      g_clear_error (&error);
      exec (f->store, "ROLLBACK TO damage");
      exec (f->store, "RELEASE damage");
    }
  assert_totals_verify (f);
}

/* The query plan of every report statement the store has prepared. */
static char *
report_plans (Fixture *f)
{
  sqlite3 *db = pos_store_db (f->store);
  GString *out = g_string_new (NULL);

  for (sqlite3_stmt *s = sqlite3_next_stmt (db, NULL); s != NULL; s = sqlite3_next_stmt (db, s))
    {
      const char *sql = sqlite3_sql (s);
      g_autofree char *explain = NULL;
      sqlite3_stmt *plan;

      if (strstr (sql, "INSERT") == sql || strstr (sql, " sale") == NULL)
        continue;
      explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
      plan = prepare (f, explain);
      g_string_append_printf (out, "%s\n", sql);
      while (sqlite3_step (plan) == SQLITE_ROW)
        g_string_append_printf (out, "  %s\n", sqlite3_column_text (plan, 3));
      sqlite3_finalize (plan);
    }
  return g_string_free (out, FALSE);
}

/* Reports must seek, never walk a whole table of sales: the budget for a
 * month is the daily summary's rows, for an X or Z its period's totals. */
static void
test_report_queries_use_indexes (void **state)
{
  Fixture *f = *state;
  g_autofree char *plans = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = pos_shift_open (f->store, f->alice, 0, &error);

  pos_assert_no_error (error);
  f->shift_id = shift->id;
  add_known_sales (f);
  json_node_unref (take_x (f));
  json_node_unref (take_z (f, "2026-11-29T20:00:00Z"));
  for (int by = POS_REPORT_BY_DAY; by <= POS_REPORT_BY_PAYMENT; by++)
    json_node_unref (sales_report (f, "2026-11-01", "2026-11-30", by));

  plans = report_plans (f);
  if (g_getenv ("POS_SHOW_PLANS") != NULL)
    g_printerr ("%s", plans);
  assert_non_null (strstr (plans, "SEARCH till_total USING INDEX till_total_day (name>? AND name<?)"));
  assert_non_null (strstr (plans, "SEARCH till_total USING PRIMARY KEY (till_id=? AND number=? AND part=?)"));
  assert_non_null (strstr (plans, "USING INDEX sale_shift (shift_id=?)"));
  lines = g_strsplit (plans, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "  SCAN ") && !g_str_has_prefix (lines[i], "  SCAN (")
        && strstr (lines[i], "subquery") == NULL
        && strstr (lines[i], "CONSTANT ROW") == NULL
        /* the view's own rows, read from the index searched above */
        && !g_str_has_prefix (lines[i], "  SCAN sale_day"))
      fail_msg ("a report scans a whole table: %s\n%s", lines[i], plans);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_x_report_changes_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_refunds_net_out, setup, teardown),
    cmocka_unit_test_setup_teardown (test_tax_buckets_equal_sale_tax_sums, setup, teardown),
    cmocka_unit_test_setup_teardown (test_payments_by_method, setup, teardown),
    cmocka_unit_test_setup_teardown (test_x_shows_expected_cash_of_the_open_shift, setup, teardown),
    cmocka_unit_test_setup_teardown (test_z_numbers_are_gapless_across_days_and_grand_total_accumulates,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_second_z_for_the_same_day_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sale_after_z_lands_in_the_next_z, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sale_after_midnight_before_z_is_counted_once, setup, teardown),
    cmocka_unit_test_setup_teardown (test_z_needs_a_supervisor_and_is_recorded, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sales_by_day_reads_the_daily_summary, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sales_by_product, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sales_by_category, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sales_by_hour, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sales_by_cashier, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sales_by_tax, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sales_by_payment, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sales_report_refuses_bad_days, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sales_report_in_a_worker_is_the_same_report, setup, teardown),
    cmocka_unit_test_setup_teardown (test_report_queries_use_indexes, setup, teardown),
    cmocka_unit_test_setup_teardown (test_running_totals_equal_the_rows, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sale_dated_after_the_z_waits_for_its_day, setup, teardown),
    cmocka_unit_test_setup_teardown (test_z_with_only_sales_dated_ahead_is_empty, setup, teardown),
    cmocka_unit_test_setup_teardown (test_other_tills_sales_stay_out, setup, teardown),
    cmocka_unit_test_setup_teardown (test_verify_names_totals_that_differ, setup, teardown),
  };

  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
