/* test-names.c — an enum's stored names, read both ways from one table. */
#include "pos-test-util.h"

#include "pos-names.h"

static const char *const colours[] = { "red", "green", "blue" };

static void
test_get_names_each_value_and_refuses_past_the_table (void **state)
{
  (void)state;
  assert_string_equal (pos_names_get (colours, G_N_ELEMENTS (colours), 0), "red");
  assert_string_equal (pos_names_get (colours, G_N_ELEMENTS (colours), 2), "blue");
  assert_null (pos_names_get (colours, G_N_ELEMENTS (colours), 3));
  assert_null (pos_names_get (colours, G_N_ELEMENTS (colours), G_MAXUINT));
  assert_null (pos_names_get (NULL, 0, 0));
}

static void
test_parse_finds_each_name_and_leaves_out_alone_otherwise (void **state)
{
  guint value = 99;

  (void)state;
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    {
      assert_true (pos_names_parse (colours, G_N_ELEMENTS (colours), colours[i], &value));
      assert_int_equal (value, i);
    }
  value = 99;
  assert_false (pos_names_parse (colours, G_N_ELEMENTS (colours), "Red", &value));
  assert_false (pos_names_parse (colours, G_N_ELEMENTS (colours), "", &value));
  assert_false (pos_names_parse (colours, G_N_ELEMENTS (colours), NULL, &value));
  /* the table's length bounds the search: "blue" is past a table of two */
  assert_false (pos_names_parse (colours, 2, "blue", &value));
  assert_int_equal (value, 99);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_get_names_each_value_and_refuses_past_the_table),
    cmocka_unit_test (test_parse_finds_each_name_and_leaves_out_alone_otherwise),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
