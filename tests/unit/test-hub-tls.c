/* test-hub-tls.c — which hub connections a till accepts without checked TLS. */
#include "pos-test-util.h"

#include <string.h>

#include "pos-hub.h"

static gboolean
accepted (const char *conninfo, gboolean allow_insecure)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = pos_hub_check_tls (conninfo, allow_insecure, &error);

  if (ok)
    pos_assert_no_error (error);
  else
    pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_INSECURE);
  return ok;
}

static void
test_remote_hub_without_verified_tls_is_refused (void **state)
{
  g_autoptr (GError) error = NULL;

  assert_false (accepted ("host=hub.example.com dbname=shop user=t1", FALSE));
  assert_false (accepted ("host=hub.example.com dbname=shop sslmode=require", FALSE));
  assert_false (accepted ("host=hub.example.com dbname=shop sslmode=verify-ca", FALSE));
  assert_false (accepted ("postgresql://t1@10.0.0.5:5432/shop?sslmode=disable", FALSE));
  assert_false (accepted ("host=hub.example.com hostaddr=192.0.2.7 dbname=shop", FALSE));
  /* One remote host in a list is enough to need TLS. */
  assert_false (accepted ("host=localhost,hub.example.com dbname=shop", FALSE));
  assert_false (pos_hub_check_tls ("host=hub.example.com dbname=shop", FALSE, &error));
  assert_non_null (strstr (error->message, "verify-full"));
  assert_non_null (strstr (error->message, "--insecure-hub"));
}

static void
test_remote_hub_with_verified_tls_is_accepted (void **state)
{
  assert_true (
      accepted ("host=hub.example.com dbname=shop sslmode=verify-full sslrootcert=/etc/ca.crt", FALSE));
  assert_true (accepted ("postgresql://t1@hub.example.com/shop?sslmode=verify-full", FALSE));
}

static void
test_loopback_and_unix_socket_need_no_tls (void **state)
{
  assert_true (accepted ("dbname=shop", FALSE));
  assert_true (accepted ("host=/var/run/postgresql dbname=shop", FALSE));
  assert_true (accepted ("host=localhost dbname=shop sslmode=disable", FALSE));
  assert_true (accepted ("host=127.0.0.1 port=5433 dbname=shop sslmode=disable", FALSE));
  assert_true (accepted ("host=::1 dbname=shop", FALSE));
  assert_true (accepted ("postgresql://t1@localhost/shop", FALSE));
  /* hostaddr is where libpq really connects. */
  assert_true (accepted ("host=hub.example.com hostaddr=127.0.0.1 dbname=shop", FALSE));
}

static void
test_owner_can_opt_out_explicitly (void **state)
{
  assert_true (accepted ("host=hub.example.com dbname=shop sslmode=disable", TRUE));
}

static void
test_malformed_conninfo_is_a_clear_error (void **state)
{
  g_autoptr (GError) error = NULL;

  assert_false (pos_hub_check_tls ("host=hub.example.com nonsense", FALSE, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB);
  assert_non_null (strstr (error->message, "connection string"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_remote_hub_without_verified_tls_is_refused),
    cmocka_unit_test (test_remote_hub_with_verified_tls_is_accepted),
    cmocka_unit_test (test_loopback_and_unix_socket_need_no_tls),
    cmocka_unit_test (test_owner_can_opt_out_explicitly),
    cmocka_unit_test (test_malformed_conninfo_is_a_clear_error),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
