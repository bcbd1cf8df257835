/* test-catalog.c — products: saving, barcodes, lookup and type-ahead search. */
#include "pos-test-util.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "pos-catalog-search.h"
#include "pos-catalog.h"
#include "pos-product-image.h"
#include "pos-product-edit.h"
#include "pos-sync-apply.h"
#include "pos-test-shop.h"
#include "pos-store-private.h"

static PosProduct *
draft (PosStore *store, const char *sku, const char *name, PosAmount price)
{
  PosProduct *p = pos_product_new ();

  p->sku = g_strdup (sku);
  p->name = g_strdup (name);
  p->price = price;
  p->tax_rate_id = pos_catalog_tax_rate_id (store, "A", NULL);
  return p;
}

static void
add_tax_rate (PosStore *store)
{
  assert_true (pos_store_exec (
      store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 2000)", NULL));
}

static void
test_saved_product_is_found_by_barcode_and_sku (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = NULL;
  g_autoptr (PosProduct) by_code = NULL;
  g_autoptr (PosProduct) by_sku = NULL;

  add_tax_rate (t->store);
  p = draft (t->store, "TEA-1", "Earl Grey tea 100g", 349);
  assert_true (pos_catalog_save (t->store, p, &error));
  pos_assert_no_error (error);
  assert_true (pos_catalog_add_barcode (t->store, p->id, "4006381333931", &error));

  by_code = pos_catalog_lookup (t->store, "4006381333931", &error);
  pos_assert_no_error (error);
  assert_string_equal (by_code->name, "Earl Grey tea 100g");
  assert_int_equal (by_code->price, 349);
  assert_string_equal (by_code->tax_code, "A");
  assert_int_equal (by_code->tax_rate_bp, 2000);
  by_sku = pos_catalog_lookup (t->store, "TEA-1", &error);
  assert_int_equal (by_sku->id, p->id);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM journal WHERE type = 'product.saved'"), 1);
}

/* The till's scan reads fewer columns: what it reads must be what the
 * full lookup reads, whichever way the code finds its product. */
static void
test_sale_lookup_reads_what_a_sale_needs_as_the_full_lookup_does (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const char *keys[] = { "4006381333931", "TEA-1", "tea-1" };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = NULL;
  g_autoptr (PosProduct) missing = NULL;

  add_tax_rate (t->store);
  p = draft (t->store, "TEA-1", "Earl Grey tea 100g", 349);
  p->cost = 120;
  p->brand = g_strdup ("Fennel & Co");
  p->open_price_limit = 5000;
  p->quick_key_colour = g_strdup ("#336699");
  assert_true (pos_catalog_save (t->store, p, &error));
  pos_assert_no_error (error);
  assert_true (pos_catalog_add_barcode (t->store, p->id, keys[0], &error));
  assert_true (pos_store_exec (t->store, "UPDATE product SET category_id = NULL, active = 0", &error));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (PosProduct) full = pos_catalog_lookup (t->store, keys[i], &error);
      g_autoptr (PosProduct) sale = pos_catalog_lookup_for_sale (t->store, keys[i], &error);

      pos_assert_no_error (error);
      assert_int_equal (sale->id, full->id);
      assert_string_equal (sale->sku, full->sku);
      assert_string_equal (sale->name, full->name);
      assert_string_equal (sale->unit, full->unit);
      assert_int_equal (sale->price, full->price);
      assert_string_equal (sale->tax_code, full->tax_code);
      assert_int_equal (sale->tax_rate_bp, full->tax_rate_bp);
      assert_int_equal (sale->category_id, full->category_id);
      assert_string_equal (sale->brand, "Fennel & Co");
      assert_int_equal (sale->version, full->version);
      assert_false (sale->active);
      assert_int_equal (sale->open_price_limit, 5000);
      assert_int_equal (sale->parent_id, 0);
      assert_true (sale->own_price);
      assert_false (sale->has_variants);
      /* What a sale does not read holds its value of none. */
      assert_int_equal (full->cost, 120);
      assert_int_equal (sale->cost, -1);
      assert_string_equal (full->quick_key_colour, "#336699");
      assert_null (sale->quick_key_colour);
    }
  missing = pos_catalog_lookup_for_sale (t->store, "0000000000000", &error);
  assert_null (missing);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

static void
test_unknown_code_is_not_found (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = pos_catalog_lookup (t->store, "0000000000000", &error);

  assert_null (p);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

static void
test_invalid_products_are_refused_and_change_nothing (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) negative = NULL;
  g_autoptr (PosProduct) nameless = NULL;
  g_autoptr (PosProduct) first = NULL;
  g_autoptr (PosProduct) twin = NULL;

  add_tax_rate (t->store);
  negative = draft (t->store, "X1", "Broken", -1);
  assert_false (pos_catalog_save (t->store, negative, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "negative"));
  g_clear_error (&error);

  nameless = draft (t->store, "X2", "  ", 100);
  assert_false (pos_catalog_save (t->store, nameless, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);

  first = draft (t->store, "X3", "One", 100);
  assert_true (pos_catalog_save (t->store, first, NULL));
  twin = draft (t->store, "X3", "Two", 100);
  assert_false (pos_catalog_save (t->store, twin, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);

  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM product"), 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM journal WHERE type != 'till.key'"),
                    1);
}

static void
test_edit_bumps_the_version (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosProduct) p = NULL;

  add_tax_rate (t->store);
  p = draft (t->store, "B1", "Bread", 250);
  assert_true (pos_catalog_save (t->store, p, NULL));
  assert_int_equal (p->version, 1);
  p->price = 275;
  assert_true (pos_catalog_save (t->store, p, NULL));
  assert_int_equal (p->version, 2);
}

/* Invariant 6: a price or tax change is a new catalog version; the one
 * it replaced is kept as it was, and the sale that copied it unchanged. */
static void
test_price_and_tax_changes_keep_the_replaced_version (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosProduct) tea = pos_catalog_get (shop->store, shop->tea, NULL);
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GError) error = NULL;
  PosProduct *v1, *v2;

  tea->price = 399;
  assert_true (pos_product_edit_save (shop->store, shop->owner, tea, NULL, NULL, &error));
  pos_assert_no_error (error);
  tea->tax_rate_id = pos_catalog_tax_rate_id (shop->store, "B", NULL);
  assert_true (pos_product_edit_save (shop->store, shop->owner, tea, NULL, NULL, &error));
  assert_int_equal (tea->version, 3);

  versions = pos_catalog_versions (shop->store, shop->tea, &error);
  pos_assert_no_error (error);
  assert_int_equal (versions->len, 2);
  v1 = g_ptr_array_index (versions, 0);
  v2 = g_ptr_array_index (versions, 1);
  assert_int_equal (v1->version, 1);
  assert_int_equal (v1->price, 349);
  assert_string_equal (v1->tax_code, "A");
  assert_int_equal (v2->version, 2);
  assert_int_equal (v2->price, 399);
  assert_string_equal (v2->tax_code, "A");
  /* The history is append-only like the rest of what was recorded. */
  assert_false (pos_store_exec (shop->store, "UPDATE catalog_version SET price = 1", NULL));
  assert_false (pos_store_exec (shop->store, "DELETE FROM catalog_version", NULL));
}

static void
test_product_edits_check_every_field_and_write_nothing_when_one_is_bad (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 products = pos_test_query_int (shop->store, "SELECT count(*) FROM product");
  gint64 events = pos_test_query_int (shop->store, "SELECT count(*) FROM journal");
  g_autofree char *long_name = g_strnfill (POS_PRODUCT_NAME_MAX + 1, 'x');
  struct
  {
    const char *name;
    PosAmount price;
    const char *barcode, *colour, *category, *field;
    gint64 tax;
  } bad[] = {
    { "Rye", 250, "4006381333931", NULL, "New", "barcode", 0 },
    { "Rye", 250, "4006381333932", NULL, "New", "barcode", 0 },
    { "Rye", -1, NULL, NULL, "New", "price", 0 },
    { "Rye", POS_PRODUCT_PRICE_MAX + 1, NULL, NULL, NULL, "price", 0 },
    { "", 250, NULL, NULL, NULL, "name", 0 },
    { long_name, 250, NULL, NULL, "New", "name", 0 },
    { "Rye", 250, NULL, NULL, "New", "tax", 9999 },
    { "Rye", 250, NULL, "#FFF", NULL, "quick_key_colour", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PosProduct) p = pos_product_new ();
      g_autoptr (GError) error = NULL;
      const char *codes[] = { bad[i].barcode, NULL };
      PosProductLinks links = { .barcodes = codes, .category = bad[i].category };
      const char *field = NULL;

      p->sku = g_strdup ("RYE-1");
      p->name = g_strdup (bad[i].name);
      p->price = bad[i].price;
      p->quick_key_colour = g_strdup (bad[i].colour);
      p->tax_rate_id = bad[i].tax ? bad[i].tax : pos_catalog_tax_rate_id (shop->store, "B", NULL);
      assert_false (pos_product_edit_save (shop->store, shop->owner, p, &links, &field, &error));
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      if (g_strcmp0 (field, bad[i].field) != 0)
        fail_msg ("case %u: field %s, expected %s (%s)", i, field, bad[i].field, error->message);
    }
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM product"), products);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM category"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal"), events);
}

static void
test_a_cashier_may_not_edit_the_catalog (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosProduct) tea = pos_catalog_get (shop->store, shop->tea, NULL);
  g_autoptr (GError) error = NULL;

  tea->price = 1;
  assert_false (pos_product_edit_save (shop->store, shop->cashier, tea, NULL, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_product_edit_set_active (shop->store, shop->cashier, shop->tea, FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT price * active FROM product WHERE sku = 'TEA'"),
                    349);
}

/* A product made on one till reaches the others with its barcodes: the
 * event carries them and applying it adds them, but never takes a code
 * this store gave to another product. */
static void
test_pulled_product_event_brings_its_barcodes (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) there = NULL;
  PosJournalEvent event = {
    .event_id = (char *)"01900000-0000-7000-8000-000000000001",
    .till_id = (char *)"T2",
    .till_seq = 1,
    .hlc = (char *)"000001764321000123:00002:T2",
    .type = (char *)"product.saved",
    .payload = (char *)"{\"active\":true,\"barcodes\":[\"4006381333931\",\"5901234123457\"],"
                       "\"cost\":-1,\"name\":\"Rye bread\",\"price\":260,\"reorder_level\":-1,"
                       "\"sku\":\"RYE-1\",\"tax_code\":\"B\",\"unit\":\"each\",\"version\":1}",
  };

  assert_true (pos_store_begin (shop->store, NULL));
  assert_true (pos_sync_apply_event (shop->store, &event, &error));
  pos_assert_no_error (error);
  assert_true (pos_store_commit (shop->store, NULL));
  there = pos_catalog_lookup (shop->store, "5901234123457", &error);
  pos_assert_no_error (error);
  assert_string_equal (there->sku, "RYE-1");
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT product_id FROM barcode WHERE code = '4006381333931'"),
      shop->tea);
}

/* A product saved here carries its event's clock, in the save's own
 * transaction, so an edit made earlier at another till and pulled later
 * loses to it, and one made later wins. */
static void
test_local_save_stamps_the_product_with_its_event_clock (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = NULL;
  g_autoptr (PosProduct) after = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *hlc = NULL;
  PosJournalEvent older = {
    .event_id = (char *)"01900000-0000-7000-8000-000000000001",
    .till_id = (char *)"T2",
    .till_seq = 1,
    .hlc = (char *)"000000000000000001:00000:T2",
    .type = (char *)"product.saved",
    .payload = (char *)"{\"active\":true,\"barcodes\":[],\"cost\":-1,\"name\":\"Old name\","
                       "\"price\":100,\"reorder_level\":-1,\"sku\":\"TEA-1\",\"tax_code\":\"A\","
                       "\"unit\":\"each\",\"version\":1}",
  };
  PosJournalEvent newer = older;

  add_tax_rate (t->store);
  p = draft (t->store, "TEA-1", "Earl Grey tea 100g", 349);
  assert_true (pos_catalog_save (t->store, p, &error));
  pos_assert_no_error (error);
  stamp = pos_test_query_text (t->store, "SELECT updated_hlc FROM product WHERE sku = 'TEA-1'");
  hlc = pos_test_query_text (t->store, "SELECT hlc FROM journal WHERE type = 'product.saved'");
  assert_non_null (stamp);
  assert_string_equal (stamp, hlc);

  assert_true (pos_store_begin (t->store, NULL));
  assert_true (pos_sync_apply_event (t->store, &older, &error));
  pos_assert_no_error (error);
  assert_true (pos_store_commit (t->store, NULL));
  after = pos_catalog_lookup (t->store, "TEA-1", &error);
  assert_string_equal (after->name, "Earl Grey tea 100g");

  newer.event_id = (char *)"01900000-0000-7000-8000-000000000002";
  newer.till_seq = 2;
  newer.hlc = (char *)"999999999999999999:00000:T2";
  assert_true (pos_store_begin (t->store, NULL));
  assert_true (pos_sync_apply_event (t->store, &newer, &error));
  pos_assert_no_error (error);
  assert_true (pos_store_commit (t->store, NULL));
  g_clear_pointer (&after, pos_product_free);
  after = pos_catalog_lookup (t->store, "TEA-1", &error);
  assert_string_equal (after->name, "Old name");
}

static void
test_search_matches_word_prefixes_and_ignores_syntax (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  const char *names[] = { "Apple juice 1l", "Apples Braeburn", "Crème fraîche", "Pineapple slices", NULL };

  add_tax_rate (t->store);
  for (int i = 0; names[i]; i++)
    {
      g_autofree char *sku = g_strdup_printf ("S%d", i);
      g_autoptr (PosProduct) p = draft (t->store, sku, names[i], 100);
      assert_true (pos_catalog_save (t->store, p, NULL));
    }

  assert_true (pos_catalog_search_ids (t->store, "app", 50, ids, &error));
  assert_int_equal (ids->len, 2); /* word prefixes only: not "Pineapple" */
  g_array_set_size (ids, 0);
  assert_true (pos_catalog_search_ids (t->store, "apple ju", 50, ids, &error));
  assert_int_equal (ids->len, 1);
  g_array_set_size (ids, 0);
  assert_true (pos_catalog_search_ids (t->store, "creme", 50, ids, &error));
  assert_int_equal (ids->len, 1);
  g_array_set_size (ids, 0);
  assert_true (pos_catalog_search_ids (t->store, "\"NEAR(* OR", 50, ids, &error));
  pos_assert_no_error (error);
  g_array_set_size (ids, 0);
  assert_true (pos_catalog_search_ids (t->store, "   ", 50, ids, &error));
  assert_int_equal (ids->len, 0);
}

static void
add_products (PosStore *store, const char *const *skus, const char *const *names)
{
  add_tax_rate (store);
  for (int i = 0; skus[i]; i++)
    {
      g_autoptr (PosProduct) p = draft (store, skus[i], names[i], 100 + i);
      assert_true (pos_catalog_save (store, p, NULL));
    }
}

/* What EXPLAIN QUERY PLAN says of @sql, one line per step. */
static char *
query_plan (PosStore *store, const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, explain, NULL);
  g_autoptr (GString) plan = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *)sqlite3_column_text (stmt, 3));
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

static void
test_sku_is_found_whatever_its_case_by_an_index (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const char *skus[] = { "FAB-1", "Tea-2", NULL }, *names[] = { "Pencil", "Tea", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) pencil = NULL;
  g_autoptr (PosProduct) tea = NULL;
  g_autofree char *plan = NULL;

  add_products (t->store, skus, names);
  pencil = pos_catalog_lookup (t->store, "fab-1", &error);
  pos_assert_no_error (error);
  assert_string_equal (pencil->name, "Pencil");
  tea = pos_catalog_lookup (t->store, "TEA-2", &error);
  pos_assert_no_error (error);
  assert_string_equal (tea->sku, "Tea-2");

  plan = query_plan (t->store, "SELECT id FROM product WHERE sku = 'x' COLLATE NOCASE");
  pos_assert_contains (plan, "product_sku_nocase");
}

static void
on_quick_keys_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GPtrArray **keys = user_data;
  g_autoptr (GError) error = NULL;

  *keys = pos_catalog_quick_keys_finish (result, &error);
  pos_assert_no_error (error);
}

static GPtrArray *
read_quick_keys (PosStore *store, const char *const *skus, guint max)
{
  GPtrArray *keys = NULL;

  pos_catalog_quick_keys_async (store, skus, max, NULL, on_quick_keys_read_cb, &keys);
  while (keys == NULL)
    g_main_context_iteration (NULL, TRUE);
  return keys;
}

static void
test_quick_keys_are_the_set_skus_or_the_first_products (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const char *skus[] = { "A", "B", "C", NULL }, *names[] = { "Apple", "Bread", "Cheese", NULL };
  const char *wanted[] = { "c", "NOPE", "A", NULL }, *unknown[] = { "NOPE", NULL };
  g_autoptr (GPtrArray) set = NULL;
  g_autoptr (GPtrArray) first = NULL;

  add_products (t->store, skus, names);
  set = read_quick_keys (t->store, wanted, 12);
  assert_int_equal (set->len, 2);
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (set, 0)), "Cheese");
  assert_int_equal (pos_catalog_item_get_price (g_ptr_array_index (set, 0)), 102);
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (set, 1)), "Apple");

  first = read_quick_keys (t->store, unknown, 2);
  assert_int_equal (first->len, 2);
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (first, 0)), "Apple");
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (first, 1)), "Bread");
}

static void
test_search_model_lists_the_matches_as_items (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const char *skus[] = { "A", "B", NULL }, *names[] = { "Apple juice", "Apples Braeburn", NULL };
  g_autoptr (PosSqlListModel) model = pos_catalog_search_model_new (t->store);
  g_autoptr (PosCatalogItem) item = NULL;

  add_products (t->store, skus, names);
  assert_int_equal (pos_catalog_search_model_set_text (model, t->store, "apple ju", NULL), 1);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 1);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  assert_string_equal (pos_catalog_item_get_name (item), "Apple juice");
  assert_string_equal (pos_catalog_item_get_unit (item), "each");
  assert_int_equal (pos_catalog_search_model_set_text (model, t->store, "", NULL), 0);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 0);
}

/* Without a till's own list the catalog's quick keys come, in key order,
 * with their colour and picture; an inactive product drops off. */
static void
test_quick_keys_follow_the_catalog_positions (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const char *skus[] = { "A", "B", "C", NULL }, *names[] = { "Apple", "Bread", "Cheese", NULL };
  g_autoptr (GPtrArray) keys = NULL;
  g_autofree char *picture = NULL;
  g_autofree char *plan = NULL;

  add_products (t->store, skus, names);
  pos_test_exec (t->store, "UPDATE product SET quick_key_position = 2, quick_key_colour = '#a0c4ff', "
                           "image_path = 'images/cafe.png' WHERE sku = 'A';"
                           "UPDATE product SET quick_key_position = 1 WHERE sku = 'C';"
                           "UPDATE product SET quick_key_position = 3, active = 0 WHERE sku = 'B'");
  keys = read_quick_keys (t->store, NULL, 12);
  assert_int_equal (keys->len, 2);
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (keys, 0)), "Cheese");
  assert_null (pos_catalog_item_get_colour (g_ptr_array_index (keys, 0)));
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (keys, 1)), "Apple");
  assert_string_equal (pos_catalog_item_get_colour (g_ptr_array_index (keys, 1)), "#a0c4ff");
  picture = pos_product_image_resolve (t->store, "images/cafe.png");
  assert_string_equal (pos_catalog_item_get_image (g_ptr_array_index (keys, 1)), picture);
  plan = query_plan (t->store, "SELECT id FROM product WHERE quick_key_position IS NOT NULL "
                               "ORDER BY quick_key_position LIMIT 12");
  pos_assert_contains (plan, "product_quick_key");
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A small picture of @width × @height as PNG bytes. */
static GBytes *
png_bytes (int width, int height, guint32 colour)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, colour);
  assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", NULL, NULL));
  return g_bytes_new_take (data, size);
}

static void
write_bytes (const char *path, GBytes *bytes)
{
  assert_true (
      g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize)g_bytes_get_size (bytes), NULL));
}

/* A picture chosen for a quick key is copied beside the store under its
 * SHA-256 and the type its bytes say, so it means the same on every till;
 * what is no picture (whatever its name), too big or too large is refused
 * and nothing is copied. */
static void
test_product_image_is_kept_beside_the_store (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *png = g_build_filename (dir, "Tea Photo.PNG", NULL);
  g_autofree char *fake = g_build_filename (dir, "fake.png", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *big = g_build_filename (dir, "big.png", NULL);
  g_autofree char *wide = g_build_filename (dir, "wide.png", NULL);
  const char *const refused[] = { text, fake, big, wide };
  g_autofree char *name = NULL, *again = NULL, *path = NULL, *copied = NULL, *images = NULL, *sha = NULL;
  g_autofree char *huge = g_malloc0 (POS_PRODUCT_IMAGE_MAX + 1);
  g_autoptr (GBytes) tea = png_bytes (8, 8, 0xc08040ff);
  g_autoptr (GBytes) banner = png_bytes (POS_PRODUCT_IMAGE_MAX_SIDE + 1, 1, 0xffffffff);
  g_autoptr (GError) error = NULL;
  gsize size = 0;

  write_bytes (png, tea);
  write_bytes (wide, banner);
  assert_true (g_file_set_contents (fake, "\x89PNG fake", -1, NULL));
  assert_true (g_file_set_contents (text, "hello", -1, NULL));
  assert_true (g_file_set_contents (big, huge, POS_PRODUCT_IMAGE_MAX + 1, NULL));
  name = pos_product_image_import (t->store, png, &error);
  pos_assert_no_error (error);
  assert_true (pos_product_image_is_imported (name));
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, tea);
  g_free (again), again = g_strdup_printf ("images/%s.png", sha);
  assert_string_equal (name, again);
  g_free (again), again = pos_product_image_import (t->store, png, &error);
  assert_string_equal (again, name);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM picture WHERE on_hub = 0"), 1);
  path = pos_product_image_resolve (t->store, name);
  assert_true (g_file_get_contents (path, &copied, &size, NULL));
  assert_int_equal (size, g_bytes_get_size (tea));
  assert_memory_equal (copied, g_bytes_get_data (tea, NULL), size);
  g_free (path), path = pos_product_image_resolve (t->store, "/srv/pictures/tea.png");
  assert_string_equal (path, "/srv/pictures/tea.png");
  assert_null (pos_product_image_resolve (t->store, ""));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      assert_null (pos_product_image_import (t->store, refused[i], &error));
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_free (path), path = pos_product_image_resolve (t->store, name);
  images = g_path_get_dirname (path);
  assert_int_equal (count_files (images), 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM picture"), 1);
}

/* Bytes that come from elsewhere are kept only under their own SHA-256,
 * and a picture's name is 64 hex digits and a type, nothing else (never a
 * path). */
static void
test_picture_bytes_must_match_their_name (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GBytes) tea = png_bytes (8, 8, 0xc08040ff);
  g_autoptr (GBytes) other = png_bytes (8, 8, 0x2040c0ff);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, tea);
  g_autofree char *name = g_strdup_printf ("%s.png", sha);
  g_autofree char *upper = g_ascii_strup (name, -1);
  g_autofree char *path = NULL, *kept = NULL;
  g_autoptr (GError) error = NULL;

  assert_false (pos_product_image_add_bytes (t->store, name, other, TRUE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  pos_assert_contains (error->message, "SHA-256");
  g_clear_error (&error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM picture"), 0);
  path = pos_product_image_resolve (t->store, "images");
  assert_false (g_file_test (path, G_FILE_TEST_EXISTS) && count_files (path) > 0);

  assert_true (pos_product_image_add_bytes (t->store, name, tea, TRUE, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT on_hub FROM picture"), 1);
  kept = g_strconcat ("images/", name, NULL);
  assert_true (pos_product_image_name_is_valid (name));
  g_free (path), path = pos_product_image_name (kept);
  assert_string_equal (path, name);
  assert_false (pos_product_image_name_is_valid (upper));
  assert_false (pos_product_image_name_is_valid ("../../etc/passwd.png"));
  assert_false (pos_product_image_name_is_valid ("cafe.png"));
  g_free (upper), upper = g_strdup_printf ("%s.exe", sha);
  assert_false (pos_product_image_name_is_valid (upper));
  assert_null (pos_product_image_name ("images/cafe.png")); /* an older, shorter name stays here */
  assert_null (pos_product_image_name ("/srv/pictures/tea.png"));
}

/* 120 characters is the limit whatever their bytes: 120 "ä" (240 bytes)
 * fit, 121 do not, through save and through the one insert statement. */
static void
test_product_name_has_a_length_limit_in_characters (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (PosProduct) fits = NULL;
  g_autoptr (PosProduct) too_long = NULL;
  g_autoptr (GError) error = NULL;

  add_tax_rate (t->store);
  for (int i = 0; i < POS_PRODUCT_NAME_MAX; i++)
    g_string_append (name, "ä");
  fits = draft (t->store, "OK-1", name->str, 100);
  assert_true (pos_catalog_save (t->store, fits, &error));
  pos_assert_no_error (error);

  g_string_append (name, "ä");
  too_long = draft (t->store, "LONG-1", name->str, 100);
  assert_false (pos_catalog_save (t->store, too_long, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_int_equal (pos_catalog_insert (t->store, too_long, NULL, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM product"), 1);
}

/* A delivery's cost goes through the catalog: only a real change makes a
 * new version of the product. */
static void
test_delivery_cost_bumps_the_version_only_when_it_changes (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosProduct) p = NULL;
  g_autoptr (GError) error = NULL;
  const char *version = "SELECT version FROM product WHERE sku = 'COST-1'";
  gint64 before;

  add_tax_rate (t->store);
  p = draft (t->store, "COST-1", "Tea", 250);
  assert_true (pos_catalog_save (t->store, p, &error));
  pos_assert_no_error (error);
  before = pos_test_query_int (t->store, version);
  assert_true (pos_catalog_set_cost (t->store, p->id, 120, &error));
  assert_int_equal (pos_test_query_int (t->store, version), before + 1);
  assert_true (pos_catalog_set_cost (t->store, p->id, 120, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, version), before + 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT cost FROM product WHERE sku = 'COST-1'"), 120);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_saved_product_is_found_by_barcode_and_sku),
    cmocka_unit_test (test_local_save_stamps_the_product_with_its_event_clock),
    cmocka_unit_test (test_unknown_code_is_not_found),
    cmocka_unit_test (test_sale_lookup_reads_what_a_sale_needs_as_the_full_lookup_does),
    cmocka_unit_test (test_invalid_products_are_refused_and_change_nothing),
    cmocka_unit_test (test_edit_bumps_the_version),
    cmocka_unit_test (test_price_and_tax_changes_keep_the_replaced_version),
    cmocka_unit_test (test_product_edits_check_every_field_and_write_nothing_when_one_is_bad),
    cmocka_unit_test (test_a_cashier_may_not_edit_the_catalog),
    cmocka_unit_test (test_pulled_product_event_brings_its_barcodes),
    cmocka_unit_test (test_search_matches_word_prefixes_and_ignores_syntax),
    cmocka_unit_test (test_sku_is_found_whatever_its_case_by_an_index),
    cmocka_unit_test (test_quick_keys_are_the_set_skus_or_the_first_products),
    cmocka_unit_test (test_quick_keys_follow_the_catalog_positions),
    cmocka_unit_test (test_product_image_is_kept_beside_the_store),
    cmocka_unit_test (test_picture_bytes_must_match_their_name),
    cmocka_unit_test (test_search_model_lists_the_matches_as_items),
    cmocka_unit_test (test_product_name_has_a_length_limit_in_characters),
    cmocka_unit_test (test_delivery_cost_bumps_the_version_only_when_it_changes),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
