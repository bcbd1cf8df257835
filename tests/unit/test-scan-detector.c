/* test-scan-detector.c — keyboard-wedge scans versus people typing, and AIM ids. */
#include "pos-test-util.h"

#include "pos-aim.h"
#include "pos-scan-detector.h"

#define MS 1000

typedef struct
{
  PosScanVerdict verdict;
  char *code;
  char *symbology;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->code, g_free);
  g_clear_pointer (&o->symbology, g_free);
}

/* Types @text at one key per @gap_us starting at *@now, then @terminator
 * after another @gap_us; returns what the terminator meant. */
static Outcome
type_keys (PosScanDetector *detector, const char *text, gint64 gap_us, gunichar terminator, gint64 *now)
{
  Outcome o = { 0 };

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      assert_int_equal (pos_scan_detector_feed (detector, g_utf8_get_char (p), *now, NULL, NULL),
                        POS_SCAN_KEY_NOTED);
      *now += gap_us;
    }
  o.verdict = pos_scan_detector_feed (detector, terminator, *now, &o.code, &o.symbology);
  *now += 2000 * MS;
  return o;
}

static void
test_fast_keys_ending_in_enter_are_a_scan (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;
  Outcome o = type_keys (d, "4006381333931", 4 * MS, '\r', &now);

  assert_int_equal (o.verdict, POS_SCAN_CODE);
  assert_string_equal (o.code, "4006381333931");
  assert_string_equal (o.symbology, "");
  outcome_clear (&o);
}

static void
test_human_typing_is_not_a_scan (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;
  Outcome o = type_keys (d, "4006381333931", 120 * MS, '\r', &now);

  assert_int_equal (o.verdict, POS_SCAN_KEY_PASS);
  assert_null (o.code);
}

static void
test_scan_after_typing_counts_only_the_fast_burst (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;
  Outcome o = { 0 };

  /* The cashier types "12" slowly, then scans without pressing Enter. */
  pos_scan_detector_feed (d, '1', now, NULL, NULL);
  now += 150 * MS;
  pos_scan_detector_feed (d, '2', now, NULL, NULL);
  now += 400 * MS;
  o = type_keys (d, "96385074", 3 * MS, '\r', &now);
  assert_int_equal (o.verdict, POS_SCAN_CODE);
  assert_string_equal (o.code, "96385074");
  outcome_clear (&o);
}

static void
test_slow_enter_after_fast_keys_is_not_a_scan (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;

  for (const char *p = "4006381333931"; *p; p++, now += 3 * MS)
    pos_scan_detector_feed (d, (gunichar)*p, now, NULL, NULL);
  assert_int_equal (pos_scan_detector_get_burst_length (d), 13);
  now += 200 * MS;
  assert_int_equal (pos_scan_detector_feed (d, '\r', now, NULL, NULL), POS_SCAN_KEY_PASS);
  assert_int_equal (pos_scan_detector_get_burst_length (d), 0);
}

static void
test_short_bursts_are_too_short_for_a_code (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;
  Outcome three = type_keys (d, "123", 2 * MS, '\r', &now);
  Outcome longer = { 0 };

  assert_int_equal (three.verdict, POS_SCAN_KEY_PASS);
  pos_scan_detector_set_min_length (d, 8);
  longer = type_keys (d, "1234567", 2 * MS, '\r', &now);
  assert_int_equal (longer.verdict, POS_SCAN_KEY_PASS);
}

static void
test_tab_and_newline_also_end_a_scan (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;
  Outcome tab = type_keys (d, "ABC-1234", 5 * MS, '\t', &now);
  Outcome newline = type_keys (d, "ABC-5678", 5 * MS, '\n', &now);

  assert_int_equal (tab.verdict, POS_SCAN_CODE);
  assert_string_equal (tab.code, "ABC-1234");
  assert_int_equal (newline.verdict, POS_SCAN_CODE);
  assert_string_equal (newline.code, "ABC-5678");
  outcome_clear (&tab);
  outcome_clear (&newline);
}

static void
test_keys_without_characters_are_ignored (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;
  Outcome o = { 0 };
  char *code = NULL;

  /* A scanner sends Shift around capitals: no character, no effect. */
  for (const char *p = "AB12CD"; *p; p++, now += 2 * MS)
    {
      pos_scan_detector_feed (d, 0, now, NULL, NULL);
      pos_scan_detector_feed (d, (gunichar)*p, now + MS, NULL, NULL);
    }
  o.verdict = pos_scan_detector_feed (d, '\r', now, &code, NULL);
  o.code = code;
  assert_int_equal (o.verdict, POS_SCAN_CODE);
  assert_string_equal (o.code, "AB12CD");
  outcome_clear (&o);
}

static void
test_configured_prefix_and_suffix_are_stripped_and_required (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;
  Outcome framed = { 0 };
  Outcome bare = { 0 };

  pos_scan_detector_set_prefix (d, "%");
  pos_scan_detector_set_suffix (d, "$");
  framed = type_keys (d, "%4006381333931$", 2 * MS, '\r', &now);
  assert_int_equal (framed.verdict, POS_SCAN_CODE);
  assert_string_equal (framed.code, "4006381333931");
  /* A fast typist without the framing is not taken for the scanner. */
  bare = type_keys (d, "4006381333931", 2 * MS, '\r', &now);
  assert_int_equal (bare.verdict, POS_SCAN_KEY_PASS);
  outcome_clear (&framed);
}

static void
test_aim_identifier_is_split_off (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;
  Outcome o = type_keys (d, "]E04006381333931", 2 * MS, '\r', &now);

  assert_int_equal (o.verdict, POS_SCAN_CODE);
  assert_string_equal (o.code, "4006381333931");
  assert_string_equal (o.symbology, "]E0");
  outcome_clear (&o);
}

static void
test_aim_split_and_describe (void **state)
{
  char aim[POS_AIM_ID_LEN + 1];

  assert_string_equal (pos_aim_split ("]C10104012345678901", aim), "0104012345678901");
  assert_string_equal (aim, "]C1");
  assert_string_equal (pos_aim_describe (aim), "Code 128");
  assert_string_equal (pos_aim_split ("]Q3hello", aim), "hello");
  assert_string_equal (pos_aim_describe (aim), "QR Code");
  /* Not an identifier: text kept whole. */
  assert_string_equal (pos_aim_split ("]1abc", aim), "]1abc");
  assert_string_equal (aim, "");
  assert_string_equal (pos_aim_split ("]E", aim), "]E");
  assert_string_equal (pos_aim_split ("", aim), "");
  assert_null (pos_aim_describe ("E0"));
}

static void
test_clock_going_backwards_breaks_the_burst (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();

  pos_scan_detector_feed (d, '1', 5000 * MS, NULL, NULL);
  pos_scan_detector_feed (d, '2', 5001 * MS, NULL, NULL);
  pos_scan_detector_feed (d, '3', 5002 * MS, NULL, NULL);
  pos_scan_detector_feed (d, '4', 1000 * MS, NULL, NULL);
  assert_int_equal (pos_scan_detector_get_burst_length (d), 1);
}

static void
test_max_gap_is_configurable (void **state)
{
  g_autoptr (PosScanDetector) d = pos_scan_detector_new ();
  gint64 now = 1000 * MS;
  Outcome slow_scanner = type_keys (d, "12345678", 45 * MS, '\r', &now);
  Outcome allowed = { 0 };

  assert_int_equal (slow_scanner.verdict, POS_SCAN_KEY_PASS);
  pos_scan_detector_set_max_gap_us (d, 50 * MS);
  allowed = type_keys (d, "12345678", 45 * MS, '\r', &now);
  assert_int_equal (allowed.verdict, POS_SCAN_CODE);
  outcome_clear (&allowed);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_fast_keys_ending_in_enter_are_a_scan),
    cmocka_unit_test (test_human_typing_is_not_a_scan),
    cmocka_unit_test (test_scan_after_typing_counts_only_the_fast_burst),
    cmocka_unit_test (test_slow_enter_after_fast_keys_is_not_a_scan),
    cmocka_unit_test (test_short_bursts_are_too_short_for_a_code),
    cmocka_unit_test (test_tab_and_newline_also_end_a_scan),
    cmocka_unit_test (test_keys_without_characters_are_ignored),
    cmocka_unit_test (test_configured_prefix_and_suffix_are_stripped_and_required),
    cmocka_unit_test (test_aim_identifier_is_split_off),
    cmocka_unit_test (test_aim_split_and_describe),
    cmocka_unit_test (test_clock_going_backwards_breaks_the_burst),
    cmocka_unit_test (test_max_gap_is_configurable),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
