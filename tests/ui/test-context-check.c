/* test-context-check.c — the store's integrity check runs after start-up,
 * in the background: the till sells meanwhile, a sound store is marked
 * healthy without the till checking it again, a damaged one is reported
 * and refuses sales, in the language of the cashier who is told. */
#include "pos-test-util.h"

#include <fcntl.h>
#include <unistd.h>

#include "pos-context.h"
#include "pos-i18n.h"
#include "pos-test-shop.h"
#include "pos-store-private.h"

static void
wait_checked (PosContext *context)
{
  PosStore *store = pos_context_get_store (context);
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (pos_store_health (store) == POS_STORE_CHECKING && pos_context_get_store_problem (context) == NULL
         && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

static void
test_sound_store_is_checked_in_the_background (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosContext) context = pos_context_new (t->path, &error);

  pos_assert_no_error (error);
  /* Opening does not read the whole file. */
  assert_int_equal (pos_store_health (pos_context_get_store (context)), POS_STORE_UNCHECKED);
  pos_context_check_store (context);
  /* The till sells while the check runs, without checking the file itself. */
  assert_int_equal (pos_store_health (pos_context_get_store (context)), POS_STORE_CHECKING);
  assert_true (pos_store_require_healthy (pos_context_get_store (context), &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_store_health (pos_context_get_store (context)), POS_STORE_CHECKING);
  wait_checked (context);
  assert_int_equal (pos_store_health (pos_context_get_store (context)), POS_STORE_HEALTHY);
  assert_null (pos_context_get_store_problem (context));
}

/* Fills a table over many pages, closes the store (checkpointing it) and
 * overwrites a page in the middle of the file. */
static void
damage_store (PosTestStore *t)
{
  g_autoptr (GError) error = NULL;
  guint8 junk[4096];
  off_t size;
  int fd;

  assert_true (
      pos_store_exec (t->store,
                      "CREATE TABLE filler (x TEXT);"
                      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                      "INSERT INTO filler SELECT printf ('%0200d', i) FROM n",
                      &error));
  pos_assert_no_error (error);
  g_clear_pointer (&t->store, pos_store_close);
  fd = open (t->path, O_WRONLY);
  assert_true (fd >= 0);
  size = lseek (fd, 0, SEEK_END);
  memset (junk, 0xa5, sizeof junk);
  assert_int_equal (pwrite (fd, junk, sizeof junk, (size / 2) & ~(off_t)4095), sizeof junk);
  close (fd);
}

static void
test_damaged_store_is_reported_and_refuses_sales (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosContext) context = NULL;

  damage_store (t);
  context = pos_context_new (t->path, &error);
  pos_assert_no_error (error);
  pos_context_check_store (context);
  wait_checked (context);
  assert_non_null (pos_context_get_store_problem (context));
  assert_non_null (strstr (pos_context_get_store_problem (context), "restore"));
  assert_int_equal (pos_store_health (pos_context_get_store (context)), POS_STORE_DAMAGED);
  assert_false (pos_store_require_healthy (pos_context_get_store (context), &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
}

static void
on_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  if (pos_context_check_finish (POS_CONTEXT (source), result, error))
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "sound");
}

/* Runs the check through the _async API and waits for its answer. */
static GError *
check_and_wait (PosContext *context)
{
  GError *error = NULL;

  pos_context_check_async (context, NULL, on_checked_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

static void
test_check_async_answers_every_time_without_touching_health (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) first = NULL;
  g_autoptr (GError) second = NULL;
  g_autoptr (PosContext) context = NULL;

  damage_store (t);
  context = pos_context_new (t->path, &error);
  pos_assert_no_error (error);
  first = check_and_wait (context);
  second = check_and_wait (context);
  pos_assert_error (first, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  pos_assert_error (second, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  /* What to make of the answer is the caller's: the context still sells. */
  assert_int_equal (pos_store_health (pos_context_get_store (context)), POS_STORE_UNCHECKED);
  assert_null (pos_context_get_store_problem (context));
}

/* The check runs on a thread of its own, which would speak the
 * environment's language: what it finds must reach the cashier in theirs. */
static void
test_check_speaks_the_cashiers_language (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) found = NULL;
  g_autoptr (PosContext) context = NULL;
  PosTender cash = pos_test_cash (1000);

  assert_true (pos_cart_add_code (cart, "MILK", &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  /* Someone edits the sale's event: the chain no longer holds. */
  pos_test_exec (shop->store, "DROP TRIGGER journal_no_update; "
                              "UPDATE journal SET payload = replace (payload, '\"total\":', '\"total\":1')");
  context = pos_context_new (shop->t->path, &error);
  pos_assert_no_error (error);
  if (!pos_i18n_use_language ("de"))
    skip ();
  found = check_and_wait (context);
  pos_i18n_use_language (NULL);
  pos_assert_error (found, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  assert_true (g_str_has_prefix (found->message, "Das Journal ist beschädigt"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sound_store_is_checked_in_the_background),
    cmocka_unit_test (test_damaged_store_is_reported_and_refuses_sales),
    cmocka_unit_test (test_check_async_answers_every_time_without_touching_health),
    cmocka_unit_test (test_check_speaks_the_cashiers_language),
  };

  pos_i18n_init ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
