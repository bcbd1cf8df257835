/* test-variant.c — products sold in options: saving variants, their prices
 * following their product's, the grid, and selling them. */
#include "pos-test-util.h"

#include "pos-catalog-search.h"
#include "pos-product-edit.h"
#include "pos-store-private.h"
#include "pos-sync-apply.h"
#include "pos-test-shop.h"
#include "pos-variant.h"

/* The T-shirt of these tests: 15.00 at tax B. */
static gint64
add_shirt (PosTestShop *shop)
{
  g_autoptr (PosProduct) p = pos_product_new ();
  g_autoptr (GError) error = NULL;

  p->sku = g_strdup ("TS");
  p->name = g_strdup ("T-shirt");
  p->price = 1500;
  p->tax_rate_id = pos_catalog_tax_rate_id (shop->store, "B", NULL);
  assert_true (pos_product_edit_save (shop->store, shop->owner, p, NULL, NULL, &error));
  pos_assert_no_error (error);
  return p->id;
}

/* Saves variant @sku of @parent with @pairs; @price -1: the product's. */
static gboolean
save_variant (PosTestShop *shop, gint64 parent, const char *sku, const char *const *pairs, PosAmount price,
              const char *barcode, const char **field, GError **error)
{
  g_autoptr (PosProduct) v = pos_product_new ();
  const char *codes[] = { barcode, NULL };
  PosProductLinks links = { .barcodes = codes };

  v->sku = g_strdup (sku);
  v->parent_id = parent;
  v->own_price = price >= 0;
  v->price = price;
  if ((v->variant_options = pos_variant_options_from_pairs (pairs, error)) == NULL)
    return FALSE;
  return pos_product_edit_save (shop->store, shop->owner, v, &links, field, error);
}

static void
add_variant (PosTestShop *shop, gint64 parent, const char *sku, const char *size, const char *colour,
             PosAmount price, const char *barcode)
{
  g_autofree char *s = g_strdup_printf ("size=%s", size);
  g_autofree char *c = g_strdup_printf ("colour=%s", colour);
  const char *pairs[] = { s, c, NULL };
  g_autoptr (GError) error = NULL;

  assert_true (save_variant (shop, parent, sku, pairs, price, barcode, NULL, &error));
  pos_assert_no_error (error);
}

static void
test_variant_takes_its_products_name_tax_and_price (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 shirt = add_shirt (shop);
  g_autoptr (PosProduct) small = NULL;
  g_autoptr (PosProduct) large = NULL;
  g_autoptr (PosProduct) parent = NULL;

  add_variant (shop, shirt, "TS-S-RED", " S ", "red", -1, NULL);
  add_variant (shop, shirt, "TS-XL-RED", "XL", "red", 1800, NULL);
  small = pos_catalog_lookup (shop->store, "TS-S-RED", NULL);
  assert_string_equal (small->name, "T-shirt (S, red)");
  assert_string_equal (small->variant_options, "size=S\ncolour=red");
  assert_int_equal (small->parent_id, shirt);
  assert_int_equal (small->price, 1500);
  assert_false (small->own_price);
  assert_string_equal (small->tax_code, "B");
  large = pos_catalog_lookup (shop->store, "TS-XL-RED", NULL);
  assert_int_equal (large->price, 1800);
  assert_true (large->own_price);
  parent = pos_catalog_get (shop->store, shirt, NULL);
  assert_true (parent->has_variants);
  assert_false (small->has_variants);
  /* Other tills learn which product a variant belongs to, and its options. */
  assert_int_equal (
      pos_test_query_int (shop->store,
                          "SELECT count(*) FROM journal WHERE type = 'product.saved' AND "
                          "payload ->> '$.parent_sku' = 'TS' AND payload ->> '$.options' = "
                          "'size=S' || char (10) || 'colour=red' AND NOT payload ->> '$.own_price'"),
      1);
}

/* The product's new price reaches the variants that have none of their
 * own, each as a catalog version of its own, so a past sale of one still
 * names the price it was sold at (Invariant 6). */
static void
test_product_price_change_moves_its_variants_with_a_version (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 shirt = add_shirt (shop);
  g_autoptr (PosProduct) parent = NULL;
  g_autoptr (PosProduct) small = NULL;
  g_autoptr (PosProduct) large = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GError) error = NULL;

  add_variant (shop, shirt, "TS-S-RED", "S", "red", -1, NULL);
  add_variant (shop, shirt, "TS-XL-RED", "XL", "red", 1800, NULL);
  parent = pos_catalog_get (shop->store, shirt, NULL);
  parent->price = 1600;
  parent->tax_rate_id = pos_catalog_tax_rate_id (shop->store, "A", NULL);
  assert_true (pos_product_edit_save (shop->store, shop->owner, parent, NULL, NULL, &error));
  pos_assert_no_error (error);

  small = pos_catalog_lookup (shop->store, "TS-S-RED", NULL);
  assert_int_equal (small->price, 1600);
  assert_string_equal (small->tax_code, "A");
  assert_int_equal (small->version, 2);
  versions = pos_catalog_versions (shop->store, small->id, &error);
  assert_int_equal (versions->len, 1);
  assert_int_equal (((PosProduct *)g_ptr_array_index (versions, 0))->price, 1500);
  assert_string_equal (((PosProduct *)g_ptr_array_index (versions, 0))->tax_code, "B");
  large = pos_catalog_lookup (shop->store, "TS-XL-RED", NULL);
  assert_int_equal (large->price, 1800);
  assert_string_equal (large->tax_code, "A");
}

static void
test_bad_variants_are_refused_by_field_and_change_nothing (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 shirt = add_shirt (shop);
  gint64 variant, products, events;
  const char *swapped[] = { "colour=blue", "size=M", NULL };
  const char *other[] = { "size=M", "sleeve=long", NULL };
  const char *same[] = { "size=S", "colour=red", NULL };
  const char *twice[] = { "size=S", "size=M", NULL };
  const char *no_value[] = { "size=", NULL };
  const char *no_equals[] = { "large", NULL };
  struct
  {
    const char *const *pairs;
    gint64 parent;
    const char *field;
  } bad[] = {
    { swapped, 0, "options" }, { other, 0, "options" },   { same, 0, "options" },
    { same, -1, "parent" },    { same, 99999, "parent" },
  };

  add_variant (shop, shirt, "TS-S-RED", "S", "red", -1, NULL);
  variant = pos_test_query_int (shop->store, "SELECT id FROM product WHERE sku = 'TS-S-RED'");
  products = pos_test_query_int (shop->store, "SELECT count(*) FROM product");
  events = pos_test_query_int (shop->store, "SELECT count(*) FROM journal");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      const char *field = NULL;
      gint64 parent = bad[i].parent == 0 ? shirt : bad[i].parent == -1 ? variant : bad[i].parent;

      assert_false (save_variant (shop, parent, "TS-NEW", bad[i].pairs, -1, NULL, &field, &error));
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      if (g_strcmp0 (field, bad[i].field) != 0)
        fail_msg ("case %u: field %s, expected %s (%s)", i, field, bad[i].field, error->message);
    }
  for (guint i = 0; i < 3; i++)
    {
      const char *const *pairs[] = { twice, no_value, no_equals };
      g_autoptr (GError) error = NULL;
      g_autofree char *options = pos_variant_options_from_pairs (pairs[i], &error);

      assert_null (options);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
    }
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM product"), products);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal"), events);
}

static void
test_grid_has_the_first_option_down_and_the_others_across (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 shirt = add_shirt (shop);
  g_autoptr (PosVariantGrid) grid = NULL;
  g_autoptr (GError) error = NULL;
  const PosVariantCell *cell;

  add_variant (shop, shirt, "TS-S-RED", "S", "red", -1, NULL);
  add_variant (shop, shirt, "TS-M-RED", "M", "red", -1, NULL);
  add_variant (shop, shirt, "TS-M-BLUE", "M", "blue", 1700, NULL);
  grid = pos_variant_grid_load (shop->store, shirt, &error);
  pos_assert_no_error (error);
  assert_string_equal (grid->parent_name, "T-shirt");
  assert_string_equal (grid->option_names[0], "size");
  assert_string_equal (grid->option_names[1], "colour");
  assert_int_equal (grid->rows->len, 2);
  assert_string_equal (g_ptr_array_index (grid->rows, 1), "M");
  assert_int_equal (grid->columns->len, 2);
  assert_string_equal (g_ptr_array_index (grid->columns, 1), "blue");
  cell = pos_variant_grid_get (grid, 1, 1);
  assert_string_equal (cell->sku, "TS-M-BLUE");
  assert_string_equal (cell->label, "M, blue");
  assert_int_equal (cell->price, 1700);
  assert_null (pos_variant_grid_get (grid, 0, 1)); /* no small blue one */
}

/* The product itself is never sold (its variants hold the stock); a
 * variant's barcode sells that variant straight away. */
static void
test_till_sells_variants_not_their_product (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 shirt = add_shirt (shop);
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (PosCartLine) line = NULL;
  PosTender cash = pos_test_cash (2000);

  add_variant (shop, shirt, "TS-M-RED", "M", "red", -1, "4006381333948");
  assert_false (pos_cart_add_product (cart, shirt, POS_QTY_ONE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);
  assert_false (pos_cart_add_code (cart, "TS", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);
  assert_true (pos_cart_add_code (cart, "4006381333948", &error));
  pos_assert_no_error (error);
  line = g_list_model_get_item (G_LIST_MODEL (cart), 0);
  assert_string_equal (pos_cart_line_get_name (line), "T-shirt (M, red)");
  assert_int_equal (pos_cart_line_get_unit_price (line), 1500);
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT qty FROM stock_level WHERE product_id = "
                                                     "(SELECT id FROM product WHERE sku = 'TS-M-RED')"),
                    -1000);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM stock_level WHERE product_id = "
                                                     "(SELECT id FROM product WHERE sku = 'TS')"),
                    0);
}

static void
test_search_offers_the_product_not_each_variant (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 shirt = add_shirt (shop);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;

  add_variant (shop, shirt, "TS-S-RED", "S", "red", -1, NULL);
  add_variant (shop, shirt, "TS-M-RED", "M", "red", -1, NULL);
  assert_true (pos_catalog_search_ids (shop->store, "t-sh", 20, ids, &error));
  pos_assert_no_error (error);
  assert_int_equal (ids->len, 1);
  assert_int_equal (g_array_index (ids, gint64, 0), shirt);
}

/* Applies @from's product events to @to, as a pull from the hub would. */
static void
replay_products (PosStore *from, PosStore *to)
{
  static const char sql[] = "SELECT payload, hlc FROM journal WHERE type = 'product.saved' ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (from, sql, NULL);
  gint64 seq = 0;

  assert_true (pos_store_begin (to, NULL));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("01900000-0000-7000-8000-%012" G_GINT64_MODIFIER "d", ++seq);
      PosJournalEvent event = {
        .event_id = id,
        .till_id = (char *)"T2",
        .till_seq = seq,
        .hlc = (char *)sqlite3_column_text (stmt, 1),
        .type = (char *)"product.saved",
        .payload = (char *)sqlite3_column_text (stmt, 0),
      };

      assert_true (pos_sync_apply_event (to, &event, &error));
      pos_assert_no_error (error);
    }
  assert_true (pos_store_commit (to, NULL));
}

/* Another till learns the variants with their product, and applying the
 * product's new price there moves them as it did here. */
static void
test_variants_reach_another_till_and_follow_their_product_there (void **state)
{
  g_autoptr (PosTestShop) here = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosTestShop) there = pos_test_shop_new ("EUR", "inclusive");
  gint64 shirt = add_shirt (here);
  g_autoptr (PosProduct) parent = NULL;
  g_autoptr (PosProduct) small = NULL;
  g_autoptr (PosProduct) shirt_there = NULL;

  add_variant (here, shirt, "TS-S-RED", "S", "red", -1, "4006381333948");
  add_variant (here, shirt, "TS-M-RED", "M", "red", 1700, NULL);
  parent = pos_catalog_get (here->store, shirt, NULL);
  parent->price = 1600;
  assert_true (pos_product_edit_save (here->store, here->owner, parent, NULL, NULL, NULL));
  replay_products (here->store, there->store);

  small = pos_catalog_lookup (there->store, "4006381333948", NULL);
  shirt_there = pos_catalog_lookup (there->store, "TS", NULL);
  assert_non_null (small);
  assert_int_equal (small->parent_id, shirt_there->id);
  assert_string_equal (small->variant_options, "size=S\ncolour=red");
  assert_false (small->own_price);
  assert_int_equal (small->price, 1600);
  assert_true (shirt_there->has_variants);
  assert_int_equal (pos_test_query_int (there->store, "SELECT price FROM product WHERE sku = 'TS-M-RED'"),
                    1700);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_variant_takes_its_products_name_tax_and_price),
    cmocka_unit_test (test_product_price_change_moves_its_variants_with_a_version),
    cmocka_unit_test (test_bad_variants_are_refused_by_field_and_change_nothing),
    cmocka_unit_test (test_grid_has_the_first_option_down_and_the_others_across),
    cmocka_unit_test (test_till_sells_variants_not_their_product),
    cmocka_unit_test (test_search_offers_the_product_not_each_variant),
    cmocka_unit_test (test_variants_reach_another_till_and_follow_their_product_there),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
