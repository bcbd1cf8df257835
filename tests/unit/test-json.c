/* test-json.c — canonical JSON: one form for what parses, and a clear
 * refusal for text that has none. */
#include "pos-test-util.h"

#include "pos-json.h"

/* A lone surrogate escape leaves bytes that are no UTF-8 in the parsed
 * string: the canonical form would be text nothing reads back. */
static void
test_text_that_is_no_utf8_has_no_canonical_form (void **state)
{
  static const char *const inputs[] = {
    "\"\\u[d83d\\ude00 \\u0000\"",
    "{\"name\": \"\\ud83d\"}",
    "[\"ok\", \"\\udc00x\"]",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (JsonNode) node = pos_json_parse (inputs[i], NULL);
      g_autoptr (GError) error = NULL;
      g_autofree char *canonical = NULL;
      g_autoptr (JsonNode) again = NULL;

      if (node == NULL)
        continue;
      canonical = pos_json_canonical (node, &error);
      if (canonical == NULL)
        {
          pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
          continue;
        }
      again = pos_json_parse (canonical, NULL);
      if (again == NULL)
        fail_msg ("%s: canonical form %s does not parse", inputs[i], canonical);
    }
}

static void
test_surrogate_pairs_and_controls_round_trip (void **state)
{
  g_autoptr (JsonNode) node
      = pos_json_parse ("{\"b\": \"\\ud83d\\ude00\", \"a\": \"tab\\there\\u0001\"}", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *canonical = NULL;

  assert_non_null (node);
  canonical = pos_json_canonical (node, &error);
  pos_assert_no_error (error);
  assert_string_equal (canonical, "{\"a\":\"tab\\there\\u0001\",\"b\":\"\xf0\x9f\x98\x80\"}");
}

/* Every escape at the start, middle and end of a string and next to
 * another, and integers at both ends of their range, written as the
 * journal's hashes have always read them. */
static void
test_canonical_escapes_and_integers (void **state)
{
  g_autoptr (JsonNode) node = pos_json_parse (
      "{\"s\": \"\\\"q\\\"\\\\\\n\\u001f\\u007f\", \"e\": \"\", \"l\": -9223372036854775808, "
      "\"h\": 9223372036854775807, \"z\": 0, \"m\": -7, \"p\": \"a\\\"\"}",
      NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *canonical = NULL;

  assert_non_null (node);
  canonical = pos_json_canonical (node, &error);
  pos_assert_no_error (error);
  assert_string_equal (canonical, "{\"e\":\"\",\"h\":9223372036854775807,\"l\":-9223372036854775808,"
                                  "\"m\":-7,\"p\":\"a\\\"\",\"s\":\"\\\"q\\\"\\\\\\n\\u001f\x7f\",\"z\":0}");
}

/* Payloads come from other tills: a member of the wrong type reads as
 * missing, never as a critical (fatal under the tests' G_DEBUG). */
static void
test_readers_take_wrong_types_as_missing (void **state)
{
  g_autoptr (JsonNode) node = pos_json_parse ("{\"n\": [1], \"s\": 2, \"b\": \"yes\", \"t\": true, "
                                              "\"a\": {\"x\": 1}, \"l\": [\"x\", 3, [7, \"d\"], {}]}",
                                              NULL);
  JsonObject *o;
  JsonArray *l;

  assert_non_null (node);
  o = json_node_get_object (node);
  assert_int_equal (pos_json_get_int (o, "n", -1), -1);
  assert_null (pos_json_get_string (o, "s"));
  assert_false (pos_json_get_bool (o, "b", FALSE));
  assert_true (pos_json_get_bool (o, "t", FALSE));
  assert_true (pos_json_get_bool (o, "missing", TRUE));
  assert_null (pos_json_get_array (o, "a"));
  l = pos_json_get_array (o, "l");
  assert_non_null (l);
  assert_string_equal (pos_json_array_get_string (l, 0), "x");
  assert_null (pos_json_array_get_string (l, 1));
  assert_int_equal (pos_json_array_get_int (l, 1), 3);
  assert_int_equal (pos_json_array_get_int (l, 0), 0);
  assert_null (pos_json_array_get_array (l, 1));
  assert_int_equal (pos_json_array_get_int (pos_json_array_get_array (l, 2), 0), 7);
  assert_null (pos_json_array_get_string (pos_json_array_get_array (l, 2), 0));
  assert_non_null (pos_json_array_get_object (l, 3));
  assert_null (pos_json_array_get_object (l, 9));
  assert_null (pos_json_array_get_string (NULL, 0));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_text_that_is_no_utf8_has_no_canonical_form),
    cmocka_unit_test (test_surrogate_pairs_and_controls_round_trip),
    cmocka_unit_test (test_canonical_escapes_and_integers),
    cmocka_unit_test (test_readers_take_wrong_types_as_missing),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
