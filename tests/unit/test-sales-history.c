/* test-sales-history.c — finding past sales and reading one back. */
#include "pos-test-util.h"

#include <string.h>

#include "pos-sales-history.h"

/* Three sales on two days, a refund of the second, two cashiers, one
 * customer; as checkout and refund record them. */
static void
insert_sales (PosStore *store)
{
  pos_test_exec (
      store,
      "INSERT INTO tax_rate (id, code, name, rate_bp) VALUES (1, 'A', 'Standard', 1900), (2, 'B', 'Food', "
      "700);"
      "INSERT INTO product (id, sku, name, price, tax_rate_id) VALUES (1, 'APL-1', 'Apples', 249, 1);"
      "INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1);"
      "INSERT INTO user (id, name, role, pin_hash) VALUES (1, 'carla', 'cashier', 'x'), (2, 'sam', 'owner', "
      "'x');"
      "INSERT INTO customer (id, card_code, name, created_at) VALUES (1, 'C-7', 'Ann', "
      "'2026-01-01T00:00:00Z');"
      "INSERT INTO sale (id, receipt_no, till_id, till_number, user_id, customer_id, created_at, "
      "business_day, "
      "  subtotal, tax_total, total, tendered, change) VALUES "
      " (1, 'T1-1', 'T1', 1, 1, NULL, '2026-11-27T17:59:00.000Z', '2026-11-27', 500, 80, 500, 500, 0),"
      " (2, 'T1-2', 'T1', 2, 1, 1, '2026-11-28T09:15:02.120Z', '2026-11-28', 1209, 137, 1209, 2000, 791),"
      " (3, 'T1-3', 'T1', 3, 2, NULL, '2026-11-28T10:00:00.000Z', '2026-11-28', 380, 25, 380, 380, 0);"
      "INSERT INTO sale (id, receipt_no, till_id, till_number, kind, refund_of, user_id, created_at, "
      "  business_day, subtotal, tax_total, total, tendered) VALUES "
      " (4, 'T1-4', 'T1', 4, 'refund', 2, 2, '2026-11-29T08:00:00.000Z', '2026-11-29', -373, -60, -373, "
      "-373);"
      "INSERT INTO sale_line (sale_id, line_no, product_id, sku, name, unit, qty, unit_price, "
      "catalog_version, "
      "  tax_code, tax_rate_bp, discount, line_total, tax_amount) VALUES "
      " (1, 1, NULL, 'X', 'Yesterday', 'each', 1000, 500, 1, 'A', 1900, 0, 500, 80),"
      " (2, 1, 1, 'APL-1', 'Apples', 'kg', 1500, 249, 1, 'A', 1900, 0, 373, 60),"
      " (2, 2, NULL, 'MLK-1', 'Milk', 'each', 8000, 119, 3, 'A', 1900, 116, 836, 133),"
      " (3, 1, NULL, 'BRD-2', 'Bread', 'each', 1000, 380, 1, 'B', 700, 0, 380, 25),"
      " (4, 1, 1, 'APL-1', 'Apples', 'kg', -1500, 249, 1, 'A', 1900, 0, -373, -60);"
      "INSERT INTO sale_tax (sale_id, tax_code, tax_rate_bp, net, tax, gross) VALUES "
      " (2, 'A', 1900, 1072, 137, 1209);"
      "INSERT INTO payment (id, sale_id, method, amount, reference) VALUES (1, 2, 'cash', 1209, NULL), "
      " (2, 4, 'card', -373, 'TERM-9');");
}

/* The receipts of @rows joined by spaces. */
static char *
receipts (GPtrArray *rows)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", ((PosSaleSummary *)rows->pdata[i])->receipt_no);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
list (PosStore *store, const PosSalesFilter *filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = pos_sales_history_list (store, filter, &error);

  pos_assert_no_error (error);
  assert_non_null (rows);
  return receipts (rows);
}

#define assert_list(store, want, ...)                                                                        \
  do                                                                                                         \
    {                                                                                                        \
      g_autofree char *got = list (store, &(PosSalesFilter){ __VA_ARGS__ });                                 \
      assert_string_equal (got, want);                                                                       \
    }                                                                                                        \
  while (0)

static void
test_history_filters_and_sorts_newest_first (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();

  insert_sales (t->store);
  assert_list (t->store, "T1-4 T1-3 T1-2 T1-1", 0);
  assert_list (t->store, "T1-3 T1-2", .from_day = "2026-11-28", .to_day = "2026-11-28");
  assert_list (t->store, "T1-4", .from_day = "2026-11-29");
  assert_list (t->store, "T1-2 T1-1", .to_day = "2026-11-28", .cashier = "carla");
  assert_list (t->store, "T1-3", .receipt = "T1-3");
  assert_list (t->store, "T1-2", .customer = "C-7");
  /* by SKU, by barcode of the product, and by a SKU the catalog never had */
  assert_list (t->store, "T1-4 T1-2", .product = "APL-1");
  assert_list (t->store, "T1-4 T1-2", .product = "4006381333931");
  assert_list (t->store, "T1-3", .product = "BRD-2");
  assert_list (t->store, "T1-3 T1-1", .has_min = TRUE, .min_total = 0, .has_max = TRUE, .max_total = 500);
  assert_list (t->store, "", .cashier = "nobody");
}

static void
test_history_pages_by_the_last_id (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GError) error = NULL;

  insert_sales (t->store);
  first = pos_sales_history_list (t->store, &(PosSalesFilter){ .limit = 3 }, &error);
  assert_int_equal (first->len, 3);
  assert_list (t->store, "T1-1", .limit = 3,
               .before_id = ((PosSaleSummary *)first->pdata[first->len - 1])->id);
}

static void
test_history_refuses_bad_days_and_ranges (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const PosSalesFilter bad[] = {
    { .from_day = "2026-11-31" },
    { .to_day = "28.11.2026" },
    { .from_day = "2026-12-02", .to_day = "2026-12-01" },
    { .has_min = TRUE, .min_total = 10, .has_max = TRUE, .max_total = 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      assert_null (pos_sales_history_list (t->store, &bad[i], &error));
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
    }
}

static void
test_history_shows_one_sale_with_lines_taxes_payments_refunds (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosSaleDetail) d = NULL;
  g_autoptr (PosSaleDetail) refund = NULL;
  g_autoptr (GError) error = NULL;

  insert_sales (t->store);
  d = pos_sales_history_get (t->store, "T1-2", &error);
  pos_assert_no_error (error);
  assert_string_equal (d->sale->kind, "sale");
  assert_string_equal (d->sale->cashier, "carla");
  assert_string_equal (d->sale->customer, "C-7");
  assert_int_equal (d->sale->total, 1209);
  assert_int_equal (d->change, 791);
  assert_int_equal (d->lines->len, 2);
  assert_string_equal (g_array_index (d->lines, PosSaleDetailLine, 1).sku, "MLK-1");
  assert_int_equal (g_array_index (d->lines, PosSaleDetailLine, 1).qty, 8000);
  assert_int_equal (d->taxes->len, 1);
  assert_int_equal (g_array_index (d->taxes, PosSaleDetailTax, 0).tax, 137);
  assert_int_equal (d->payments->len, 1);
  assert_string_equal (g_array_index (d->payments, PosSaleDetailPayment, 0).method, "cash");
  assert_int_equal (d->refunds->len, 1);
  assert_string_equal (((PosSaleSummary *)d->refunds->pdata[0])->receipt_no, "T1-4");
  assert_int_equal (((PosSaleSummary *)d->refunds->pdata[0])->total, -373);

  refund = pos_sales_history_get (t->store, "T1-4", &error);
  assert_string_equal (refund->sale->refund_of, "T1-2");
  assert_string_equal (g_array_index (refund->payments, PosSaleDetailPayment, 0).reference, "TERM-9");

  assert_null (pos_sales_history_get (t->store, "T1-99", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_history_filters_and_sorts_newest_first),
    cmocka_unit_test (test_history_pages_by_the_last_id),
    cmocka_unit_test (test_history_refuses_bad_days_and_ranges),
    cmocka_unit_test (test_history_shows_one_sale_with_lines_taxes_payments_refunds),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
