/* test-context-format.c — money on the till's screen follows the shop's
 * locale setting, and amounts typed there are read the same way. */
#include "pos-test-util.h"

#include "pos-context.h"
#include "pos-format.h"
#include "pos-store-private.h"

static void
test_screen_amounts_follow_the_shop_locale (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosContext) context = NULL;
  g_autofree char *shown = NULL;
  PosAmount typed = 0;

  assert_true (pos_store_set_setting (t->store, "currency", "EUR", &error));
  assert_true (pos_store_set_setting (t->store, "locale", "nl_NL", &error));
  pos_assert_no_error (error);
  context = pos_context_new (t->path, &error);
  pos_assert_no_error (error);

  shown = pos_context_format_amount (context, 123456);
  assert_string_equal (shown, "€\u00a01.234,56");
  assert_true (pos_amount_parse_local ("12,50", pos_context_get_currency (context), &typed, &error));
  pos_assert_no_error (error);
  assert_int_equal (typed, 1250);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_screen_amounts_follow_the_shop_locale),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
