/* test-quick-key-page.c — quick-key pages: keys kept in order, moved within
 * and across pages, bad ids and values refused with nothing written, the
 * catalog's old quick keys taken onto a first page, the layout learnt by
 * another till from the journal, and a product's key placed on a page by
 * the product's own save. */
#include "pos-test-util.h"

#include "pos-product-edit.h"
#include "pos-quick-key-page.h"
#include "pos-store-private.h"
#include "pos-sync-apply.h"
#include "pos-test-shop.h"

/* The products of a page's keys, as SKUs joined by spaces. */
static char *
page_skus (PosStore *store, guint page_index)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = pos_quick_key_pages_read (store, &error);
  g_autoptr (GString) out = g_string_new (NULL);
  PosQuickKeyPage *page;

  pos_assert_no_error (error);
  assert_true (page_index < pages->len);
  page = g_ptr_array_index (pages, page_index);
  for (guint i = 0; i < page->keys->len; i++)
    {
      PosQuickKey *key = g_ptr_array_index (page->keys, i);
      g_string_append_printf (out, "%s%s", i ? " " : "", key->sku);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
add_page (PosTestShop *shop, const char *name)
{
  g_autoptr (GError) error = NULL;
  gint64 id = pos_quick_key_page_add (shop->store, shop->owner, name, &error);

  pos_assert_no_error (error);
  assert_true (id > 0);
  return id;
}

static gint64
add_key (PosTestShop *shop, gint64 page, gint64 product)
{
  g_autoptr (GError) error = NULL;
  gint64 id = pos_quick_key_add (shop->store, shop->owner, page, product, NULL, NULL, &error);

  pos_assert_no_error (error);
  assert_true (id > 0);
  return id;
}

static gint64
journalled (PosStore *store)
{
  return pos_test_query_int (store, "SELECT count(*) FROM journal WHERE type = 'quick_keys.saved'");
}

static void
test_keys_keep_their_order_and_move_within_a_page (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  gint64 bakery = add_page (shop, "Bakery");
  gint64 tea = add_key (shop, bakery, shop->tea);
  g_autofree char *before = NULL, *moved = NULL, *back = NULL;

  add_key (shop, bakery, shop->milk);
  add_key (shop, bakery, shop->bread);
  before = page_skus (shop->store, 0);
  assert_string_equal (before, "TEA MILK BREAD");

  assert_true (pos_quick_key_move (shop->store, shop->owner, tea, bakery, 2, &error));
  pos_assert_no_error (error);
  moved = page_skus (shop->store, 0);
  assert_string_equal (moved, "MILK BREAD TEA");
  assert_true (pos_quick_key_move (shop->store, shop->owner, tea, bakery, 0, &error));
  back = page_skus (shop->store, 0);
  assert_string_equal (back, "TEA MILK BREAD");
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum (position) FROM quick_key"), 0 + 1 + 2);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count (DISTINCT position) FROM quick_key"), 3);
  /* One event per change: the page, three keys, two moves. */
  assert_int_equal (journalled (shop->store), 6);
}

static void
test_a_key_moves_across_pages_and_both_stay_without_gaps (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  gint64 bakery = add_page (shop, "Bakery");
  gint64 drinks = add_page (shop, "Drinks");
  gint64 bread = add_key (shop, bakery, shop->bread);
  g_autofree char *left = NULL, *right = NULL;

  add_key (shop, bakery, shop->cheese);
  add_key (shop, drinks, shop->tea);
  add_key (shop, drinks, shop->milk);

  assert_true (pos_quick_key_move (shop->store, shop->owner, bread, drinks, 1, &error));
  pos_assert_no_error (error);
  left = page_skus (shop->store, 0);
  right = page_skus (shop->store, 1);
  assert_string_equal (left, "CHEESE");
  assert_string_equal (right, "TEA BREAD MILK");
  assert_int_equal (pos_test_query_int (shop->store, "SELECT position FROM quick_key WHERE product_id = "
                                                     "(SELECT id FROM product WHERE sku = 'CHEESE')"),
                    0);
}

static void
test_pages_are_renamed_reordered_and_removed_with_their_keys (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  gint64 bakery = add_page (shop, "Bakery");
  gint64 drinks = add_page (shop, "Drinks");

  add_key (shop, bakery, shop->bread);
  assert_true (pos_quick_key_page_rename (shop->store, shop->owner, bakery, "  Breads ", &error));
  assert_true (pos_quick_key_page_move (shop->store, shop->owner, drinks, 0, &error));
  pos_assert_no_error (error);
  pages = pos_quick_key_pages_read (shop->store, &error);
  assert_int_equal (pages->len, 2);
  assert_string_equal (((PosQuickKeyPage *)g_ptr_array_index (pages, 0))->name, "Drinks");
  assert_string_equal (((PosQuickKeyPage *)g_ptr_array_index (pages, 1))->name, "Breads");
  g_clear_pointer (&pages, g_ptr_array_unref);

  assert_true (pos_quick_key_page_remove (shop->store, shop->owner, drinks, &error));
  assert_true (pos_quick_key_page_remove (shop->store, shop->owner, bakery, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM quick_key"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM quick_key_page"), 0);
}

static void
test_bad_ids_and_values_are_refused_and_change_nothing (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  gint64 bakery = add_page (shop, "Bakery");
  gint64 tea = add_key (shop, bakery, shop->tea);
  gint64 events = journalled (shop->store);
  g_autofree char *long_name = g_strnfill (41, 'x');

  assert_int_equal (pos_quick_key_add (shop->store, shop->owner, 999, shop->tea, NULL, NULL, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  pos_assert_contains (error->message, "no quick-key page 999");
  g_clear_error (&error);
  assert_int_equal (pos_quick_key_add (shop->store, shop->owner, bakery, 999, NULL, NULL, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  pos_assert_contains (error->message, "no product with id 999");
  g_clear_error (&error);
  assert_false (pos_quick_key_move (shop->store, shop->owner, 999, bakery, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  pos_assert_contains (error->message, "no quick key 999");
  g_clear_error (&error);
  assert_false (pos_quick_key_move (shop->store, shop->owner, tea, bakery, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  pos_assert_contains (error->message, "from 0 to 0");
  g_clear_error (&error);
  assert_false (pos_quick_key_set_look (shop->store, shop->owner, tea, "Tea", "red", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  pos_assert_contains (error->message, "#rrggbb");
  g_clear_error (&error);
  assert_int_equal (pos_quick_key_page_add (shop->store, shop->owner, "   ", &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_int_equal (pos_quick_key_page_add (shop->store, shop->owner, long_name, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_quick_key_page_remove (shop->store, shop->owner, 999, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_int_equal (pos_quick_key_page_add (shop->store, shop->cashier, "Drinks", &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);

  assert_int_equal (journalled (shop->store), events);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM quick_key"), 1);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM quick_key_page"), 1);
}

static void
test_a_key_shows_its_own_label_and_colour_else_the_products (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  gint64 bakery = add_page (shop, "Bakery");
  gint64 tea = add_key (shop, bakery, shop->tea);
  PosQuickKey *key;

  pos_test_exec (shop->store, "UPDATE product SET quick_key_colour = '#00ff00' WHERE sku = 'TEA'");
  pages = pos_quick_key_pages_read (shop->store, &error);
  key = g_ptr_array_index (((PosQuickKeyPage *)g_ptr_array_index (pages, 0))->keys, 0);
  assert_string_equal (pos_quick_key_shown_label (key), "Earl Grey tea");
  assert_string_equal (pos_quick_key_shown_colour (key), "#00ff00");
  g_clear_pointer (&pages, g_ptr_array_unref);

  assert_true (pos_quick_key_set_look (shop->store, shop->owner, tea, "Tea", "#FFAA00", &error));
  pos_assert_no_error (error);
  pages = pos_quick_key_pages_read (shop->store, &error);
  key = g_ptr_array_index (((PosQuickKeyPage *)g_ptr_array_index (pages, 0))->keys, 0);
  assert_string_equal (pos_quick_key_shown_label (key), "Tea");
  assert_string_equal (pos_quick_key_shown_colour (key), "#ffaa00");
}

/* A store whose catalog set quick keys before pages existed, taken back to
 * schema 25 and opened again: its keys are on a first page, in order. */
static void
test_the_catalogs_quick_keys_become_the_first_page (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  g_autofree char *skus = NULL;
  g_autofree char *path = g_strdup (pos_store_path (shop->store));

  pos_test_exec (shop->store, "UPDATE product SET quick_key_position = 2 WHERE sku = 'TEA';"
                              "UPDATE product SET quick_key_position = 1, quick_key_colour = '#ff0000' "
                              "WHERE sku = 'BREAD'");
  pos_test_undo_migrations_after (shop->store, 25);
  g_clear_pointer (&shop->store, pos_store_close);
  shop->store = pos_store_open (path, POS_STORE_OPEN_DEFAULT, &error);
  shop->t->store = shop->store;
  pos_assert_no_error (error);

  pages = pos_quick_key_pages_read (shop->store, &error);
  assert_int_equal (pages->len, 1);
  skus = page_skus (shop->store, 0);
  assert_string_equal (skus, "BREAD TEA");
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT count(*) FROM quick_key WHERE colour = '#ff0000'"), 1);
}

/* Applies the newest quick-keys event of @from on @to, as sync does. */
static void
apply_latest (PosStore *from, PosStore *to, const char *till_id, gint64 seq)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (
      from, "SELECT payload, hlc FROM journal WHERE type = 'quick_keys.saved' ORDER BY id DESC LIMIT 1",
      NULL);
  g_autoptr (GError) error = NULL;

  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  {
    PosJournalEvent event = {
      .event_id = (char *)"01900000-0000-7000-8000-000000000001",
      .till_id = (char *)till_id,
      .till_seq = seq,
      .hlc = (char *)sqlite3_column_text (stmt, 1),
      .type = (char *)"quick_keys.saved",
      .payload = (char *)sqlite3_column_text (stmt, 0),
    };

    assert_true (pos_store_begin (to, NULL));
    assert_true (pos_sync_apply_event (to, &event, &error));
    pos_assert_no_error (error);
    assert_true (pos_store_commit (to, NULL));
  }
}

static void
test_another_till_takes_the_newest_layout_from_the_journal (void **state)
{
  g_autoptr (PosTestShop) here = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosTestShop) there = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  gint64 drinks = add_page (here, "Drinks");
  gint64 tea = add_key (here, drinks, here->tea);
  g_autofree char *learnt = NULL, *after_old = NULL;
  PosQuickKey *key;

  add_key (here, drinks, here->milk);
  assert_true (pos_quick_key_set_look (here->store, here->owner, tea, "Tea pot", "#123456", &error));
  pos_assert_no_error (error);
  apply_latest (here->store, there->store, "T2", 1);
  apply_latest (here->store, there->store, "T2", 1); /* twice: the same layout */

  pages = pos_quick_key_pages_read (there->store, &error);
  assert_int_equal (pages->len, 1);
  assert_string_equal (((PosQuickKeyPage *)g_ptr_array_index (pages, 0))->name, "Drinks");
  key = g_ptr_array_index (((PosQuickKeyPage *)g_ptr_array_index (pages, 0))->keys, 0);
  assert_string_equal (key->label, "Tea pot");
  assert_string_equal (key->colour, "#123456");
  assert_int_equal (key->product_id, there->tea);
  learnt = page_skus (there->store, 0);
  assert_string_equal (learnt, "TEA MILK");
  /* Nothing is journalled again where it is applied. */
  assert_int_equal (journalled (there->store), 0);

  /* A change made there later is not undone by an older event from here. */
  add_page (there, "Bakery");
  apply_latest (here->store, there->store, "T2", 1);
  assert_int_equal (pos_test_query_int (there->store, "SELECT count(*) FROM quick_key_page"), 2);
  after_old = page_skus (there->store, 0);
  assert_string_equal (after_old, "TEA MILK");
}

/* Saves @product_id through the product editor with its key at @position
 * (1 the first, -1 off) of @page (0: the first). */
static gboolean
save_with_key (PosTestShop *shop, gint64 product_id, const char *name, gint position, gint64 page,
               const char **field, GError **error)
{
  g_autoptr (PosProduct) product = pos_catalog_get (shop->store, product_id, NULL);
  PosProductLinks links = { .key_position = position, .key_page_id = page };

  g_free (product->name), product->name = g_strdup (name);
  return pos_product_edit_save (shop->store, shop->owner, product, &links, field, error);
}

static gint64
layouts (PosStore *store)
{
  return journalled (store);
}

static void
test_a_products_key_goes_onto_a_page_with_its_save (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  gint64 bakery = add_page (shop, "Bakery");
  gint64 drinks = add_page (shop, "Drinks");
  g_auto (PosQuickKeyPlace) place = { 0 };
  g_autofree char *first = NULL, *left = NULL, *right = NULL;
  gint64 events;

  add_key (shop, bakery, shop->tea);
  add_key (shop, bakery, shop->milk);
  events = layouts (shop->store);

  /* No page named: the first, at the position given. */
  assert_true (save_with_key (shop, shop->bread, "Rye bread", 1, 0, NULL, &error));
  pos_assert_no_error (error);
  first = page_skus (shop->store, 0);
  assert_string_equal (first, "BREAD TEA MILK");
  assert_int_equal (layouts (shop->store), events + 1);
  assert_int_equal (pos_quick_key_find_product (shop->store, shop->bread, &place, &error), 1);
  assert_int_equal (place.page_id, bakery);
  assert_string_equal (place.page_name, "Bakery");
  assert_int_equal (place.position, 0);
  /* The pages place the key, not the product's own position. */
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT quick_key_position IS NULL FROM product WHERE sku = 'BREAD'"),
      1);

  /* Onto another page, past its last key: last there, its old page closing up. */
  assert_true (save_with_key (shop, shop->bread, "Rye bread", 9, drinks, NULL, &error));
  pos_assert_no_error (error);
  left = page_skus (shop->store, 0);
  right = page_skus (shop->store, 1);
  assert_string_equal (left, "TEA MILK");
  assert_string_equal (right, "BREAD");
  assert_int_equal (layouts (shop->store), events + 2);

  /* Saved where it is: no new layout. */
  assert_true (save_with_key (shop, shop->bread, "Rye bread", 1, drinks, NULL, &error));
  assert_int_equal (layouts (shop->store), events + 2);

  /* Off the quick keys. */
  assert_true (save_with_key (shop, shop->bread, "Rye bread", -1, 0, NULL, &error));
  pos_assert_no_error (error);
  pos_quick_key_place_clear (&place);
  assert_int_equal (pos_quick_key_find_product (shop->store, shop->bread, &place, &error), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM quick_key"), 2);
  assert_int_equal (layouts (shop->store), events + 3);
}

static void
test_a_missing_page_refuses_the_whole_save (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  gint64 events;

  add_page (shop, "Bakery");
  events = layouts (shop->store);
  assert_false (save_with_key (shop, shop->bread, "Rye bread", 1, 999, &field, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_string_equal (field, "key_page");
  g_clear_error (&error);
  assert_false (save_with_key (shop, shop->bread, "Rye bread", 1001, 0, &field, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_string_equal (field, "quick_key_position");
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM product WHERE name = 'Rye bread'"),
                    0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM quick_key"), 0);
  assert_int_equal (layouts (shop->store), events);
}

static void
test_without_pages_the_products_own_position_places_its_key (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;

  assert_true (save_with_key (shop, shop->bread, "Rye bread", 3, 0, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT quick_key_position FROM product WHERE sku = 'BREAD'"), 3);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM quick_key_page"), 0);
  assert_true (save_with_key (shop, shop->bread, "Rye bread", 0, 0, NULL, &error)); /* unchanged */
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT quick_key_position FROM product WHERE sku = 'BREAD'"), 3);
  assert_true (save_with_key (shop, shop->bread, "Rye bread", -1, 0, NULL, &error));
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT quick_key_position IS NULL FROM product WHERE sku = 'BREAD'"),
      1);
  assert_int_equal (layouts (shop->store), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_keys_keep_their_order_and_move_within_a_page),
    cmocka_unit_test (test_a_key_moves_across_pages_and_both_stay_without_gaps),
    cmocka_unit_test (test_pages_are_renamed_reordered_and_removed_with_their_keys),
    cmocka_unit_test (test_bad_ids_and_values_are_refused_and_change_nothing),
    cmocka_unit_test (test_a_key_shows_its_own_label_and_colour_else_the_products),
    cmocka_unit_test (test_the_catalogs_quick_keys_become_the_first_page),
    cmocka_unit_test (test_another_till_takes_the_newest_layout_from_the_journal),
    cmocka_unit_test (test_a_products_key_goes_onto_a_page_with_its_save),
    cmocka_unit_test (test_a_missing_page_refuses_the_whole_save),
    cmocka_unit_test (test_without_pages_the_products_own_position_places_its_key),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
