/* test-disk-full.c — a full disk fails a sale clearly and damages nothing.
 *
 * The store lives on a 1 MiB tmpfs (needs root, as in CI; skipped with a
 * message otherwise). A filler file takes the rest of the space, sales are
 * rung up until one fails, and then: the error says the disk is full,
 * nothing of the failed sale exists, the store passes its checks, and once
 * space is freed the till sells again.
 */
#include "pos-test-shop.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include "pos-journal.h"
#include "pos-stock.h"

static void
fill (const char *path)
{
  char block[4096] = { 0 };
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  assert_true (fd >= 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  assert_int_equal (errno, ENOSPC);
  close (fd);
}

static void
test_sale_on_a_full_disk_fails_cleanly (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *store_path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autoptr (PosTestShop) shop = NULL;
  g_autoptr (PosCart) cart = NULL;
  g_autoptr (GError) error = NULL;
  PosTender cash = pos_test_cash (100000);
  gint64 sales_before;
  int attempts = 0;

  if (geteuid () != 0 || mount ("tmpfs", dir, "tmpfs", 0, "size=4m") != 0)
    {
      pos_test_tmpdir_free (g_steal_pointer (&dir));
      skip ();
    }

  shop = pos_test_shop_new_at (store_path, "EUR", "inclusive");
  cart = pos_cart_new (shop->store);
  fill (filler);

  while (error == NULL && attempts++ < 1000)
    {
      g_autoptr (PosSaleResult) result = NULL;
      sales_before = pos_test_query_int (shop->store, "SELECT count(*) FROM sale");
      pos_cart_set_multiplier (cart, 40 * POS_QTY_ONE);
      assert_true (pos_cart_add_code (cart, "TEA", NULL));
      result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
    }
  pos_assert_error (error, POS_ERROR, POS_ERROR_DISK_FULL);
  assert_non_null (strstr (error->message, "disk is full"));
  assert_int_equal (pos_cart_get_n_lines (cart), 1); /* the sale is still on screen */
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM sale"), sales_before);

  /* Free space: the store is sound and the same sale goes through. */
  assert_int_equal (unlink (filler), 0);
  g_clear_error (&error);
  assert_true (pos_store_check (shop->store, &error));
  assert_true (pos_journal_verify (shop->store, NULL, &error));
  assert_true (pos_stock_verify (shop->store, NULL, &error));
  {
    g_autoptr (PosSaleResult) result
        = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
    pos_assert_no_error (error);
    assert_non_null (result);
  }

  g_clear_pointer (&shop, pos_test_shop_free);
  umount (dir);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sale_on_a_full_disk_fails_cleanly),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
