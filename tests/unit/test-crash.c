/* test-crash.c — a till killed mid-sale loses nothing it acknowledged.
 *
 * A child process rings up sales as fast as it can and reports each
 * receipt number on a pipe only after pos_checkout_commit() returned. The
 * parent kills it with SIGKILL at random moments, many times, and after
 * each kill checks that every acknowledged sale is there and whole, that
 * nothing half-written exists, and that the journal chain verifies.
 */
#include "pos-test-shop.h"
#include "pos-users-testing.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pos-journal.h"
#include "pos-stock.h"

#define ROUNDS 25

static G_GNUC_NORETURN void
sell_forever (const char *path, int ack_fd)
{
  g_autoptr (PosStore) store = pos_store_open (path, POS_STORE_OPEN_DEFAULT, NULL);
  g_autoptr (PosUser) cashier = pos_users_authenticate (store, "casey", "1234", NULL);
  g_autoptr (PosCart) cart = pos_cart_new (store);
  PosTender cash = pos_test_cash (5000);

  for (;;)
    {
      g_autoptr (PosSaleResult) result = NULL;
      g_autoptr (GError) error = NULL;
      pos_cart_add_code (cart, "TEA", NULL);
      pos_cart_add_code (cart, "MILK", NULL);
      pos_cart_add_code (cart, "BREAD", NULL);
      result = pos_checkout_commit (store, cart, cashier, &cash, 1, &error);
      if (result == NULL)
        {
          /* Tell the parent: a healthy till must never refuse this sale. */
          g_autofree char *line = g_strdup_printf ("!%s\n", error->message);
          if (write (ack_fd, line, strlen (line)) < 0)
            _exit (1);
          pos_cart_clear (cart);
        }
      else
        {
          g_autofree char *line = g_strdup_printf ("%s\n", result->receipt_no);
          if (write (ack_fd, line, strlen (line)) < 0)
            _exit (1);
        }
    }
}

static void
wait_for_first_ack (int fd, GHashTable *acked)
{
  g_autoptr (GString) line = g_string_new (NULL);
  char c;

  while (read (fd, &c, 1) == 1 && c != '\n')
    g_string_append_c (line, c);
  assert_true (line->len > 0 && line->str[0] != '!');
  g_hash_table_add (acked, g_strdup (line->str));
}

static void
read_acks (int fd, GHashTable *acked)
{
  char buffer[4096];
  g_autoptr (GString) text = g_string_new (NULL);
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  {
    g_auto (GStrv) lines = g_strsplit (text->str, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      if (*lines[i] == '!')
        fail_msg ("the till refused a sale: %s", lines[i] + 1);
      else if (*lines[i] != '\0')
        g_hash_table_add (acked, g_strdup (lines[i]));
  }
}

static void
check_store (const char *path, GHashTable *acked)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store = pos_store_open (path, POS_STORE_OPEN_DEFAULT, &error);
  GHashTableIter iter;
  gpointer receipt;

  pos_assert_no_error (error);
  g_hash_table_iter_init (&iter, acked);
  while (g_hash_table_iter_next (&iter, &receipt, NULL))
    {
      g_autofree char *sql
          = g_strdup_printf ("SELECT count(*) FROM sale WHERE receipt_no = '%s'", (char *)receipt);
      if (pos_test_query_int (store, sql) != 1)
        fail_msg ("acknowledged sale %s is missing", (char *)receipt);
    }
  /* Every sale is whole: three lines, a payment, a journal event. */
  assert_int_equal (pos_test_query_int (store,
                                        "SELECT count(*) FROM sale s WHERE (SELECT count(*) FROM sale_line "
                                        "l WHERE l.sale_id = s.id) != 3 OR NOT EXISTS (SELECT 1 FROM payment "
                                        "p WHERE p.sale_id = s.id)"),
                    0);
  assert_int_equal (pos_test_query_int (store, "SELECT count(*) FROM sale"),
                    pos_test_query_int (store, "SELECT count(*) FROM journal WHERE type = 'sale'"));
  assert_int_equal (pos_test_query_int (store, "SELECT max(till_number) - count(*) FROM sale"), 0);
  assert_true (pos_journal_verify (store, NULL, &error));
  assert_true (pos_stock_verify (store, NULL, &error));
  pos_assert_no_error (error);
}

static void
test_sigkill_loses_no_acknowledged_sale (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GHashTable) acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = g_strdup (shop->t->path);
  GRand *rand = g_rand_new_with_seed (42);

  for (int round = 0; round < ROUNDS; round++)
    {
      int fds[2];
      pid_t child;
      int status;

      assert_int_equal (pipe (fds), 0);
      child = fork ();
      assert_true (child >= 0);
      if (child == 0)
        {
          /* Never outlive the test, even when it fails half-way. */
          prctl (PR_SET_PDEATHSIG, SIGKILL);
          close (fds[0]);
          sell_forever (path, fds[1]);
        }
      close (fds[1]);
      /* Kill at a random moment after the till has got going, whatever the
       * machine's speed: wait for its first acknowledgement, then a while. */
      wait_for_first_ack (fds[0], acked);
      g_usleep (g_rand_int_range (rand, 0, 60000));
      kill (child, SIGKILL);
      waitpid (child, &status, 0);
      assert_true (WIFSIGNALED (status));
      read_acks (fds[0], acked);
      close (fds[0]);
      check_store (path, acked);
    }
  g_rand_free (rand);
  assert_true (g_hash_table_size (acked) >= ROUNDS);
  print_message ("%u acknowledged sales survived %d kills\n", g_hash_table_size (acked), ROUNDS);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sigkill_loses_no_acknowledged_sale),
  };
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
