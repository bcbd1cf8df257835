/* test-clock.c — the fixed test clock, stored timestamps, the business day. */
#include "pos-test-util.h"

#include "pos-clock.h"

static int
reset_clock (void **state)
{
  pos_clock_set_fixed_for_testing (0);
  g_setenv ("TZ", "UTC", TRUE);
  return 0;
}

static void
test_fixed_clock_is_returned_until_cleared (void **state)
{
  gint64 real_before = g_get_real_time ();

  pos_clock_set_fixed_for_testing (1234567890123456);
  assert_int_equal (pos_clock_now_us (), 1234567890123456);
  pos_clock_set_fixed_for_testing (0);
  assert_true (pos_clock_now_us () >= real_before);
}

static void
test_iso_utc_has_milliseconds_and_round_trips (void **state)
{
  gint64 us = 0;
  g_autofree char *text = NULL;
  g_autofree char *epoch = pos_clock_iso_utc (0);
  g_autofree char *before_epoch = pos_clock_iso_utc (-1);

  assert_true (pos_clock_parse_iso ("2026-11-28T09:15:02.120Z", &us));
  text = pos_clock_iso_utc (us + 999); /* sub-millisecond part is truncated */
  assert_string_equal (text, "2026-11-28T09:15:02.120Z");
  assert_string_equal (epoch, "1970-01-01T00:00:00.000Z");
  assert_string_equal (before_epoch, "1969-12-31T23:59:59.999Z");

  assert_true (pos_clock_parse_iso ("2026-11-28T10:15:02.120+01:00", &us));
  g_free (text);
  text = pos_clock_iso_utc (us);
  assert_string_equal (text, "2026-11-28T09:15:02.120Z");
  assert_false (pos_clock_parse_iso ("yesterday", &us));
  assert_false (pos_clock_parse_iso (NULL, &us));
}

/* A late sale in New York belongs to the local day, not the UTC one. */
static void
test_business_day_is_the_local_date (void **state)
{
  gint64 us = 0;
  g_autofree char *utc_day = NULL;
  g_autofree char *new_york_day = NULL;
  g_autofree char *new_york_time = NULL;

  assert_true (pos_clock_parse_iso ("2026-11-28T03:30:00Z", &us));
  utc_day = pos_clock_business_day (us);
  assert_string_equal (utc_day, "2026-11-28");

  g_setenv ("TZ", "America/New_York", TRUE);
  new_york_day = pos_clock_business_day (us);
  new_york_time = pos_clock_local_hhmm (us);
  assert_string_equal (new_york_day, "2026-11-27");
  assert_string_equal (new_york_time, "22:30");
}

/* The local zone is kept between calls (no look at /etc/localtime for
 * every scan) and read again as soon as $TZ names another. */
static void
test_local_zone_is_kept_until_tz_changes (void **state)
{
  g_autoptr (GTimeZone) first = NULL, again = NULL, other = NULL;
  g_autoptr (GDateTime) local = NULL;
  gint64 us = 0;

  first = pos_clock_local_zone ();
  again = pos_clock_local_zone ();
  assert_ptr_equal (first, again);
  assert_string_equal (g_time_zone_get_identifier (first), "UTC");

  g_setenv ("TZ", "Europe/Vienna", TRUE);
  other = pos_clock_local_zone ();
  assert_ptr_not_equal (other, first);
  assert_string_equal (g_time_zone_get_identifier (other), "Europe/Vienna");
  assert_true (pos_clock_parse_iso ("2026-07-01T10:00:00Z", &us));
  local = pos_clock_local (us);
  assert_int_equal (g_date_time_get_hour (local), 12); /* summer time, UTC+2 */
  g_setenv ("TZ", "UTC", TRUE);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_teardown (test_fixed_clock_is_returned_until_cleared, reset_clock),
    cmocka_unit_test_teardown (test_iso_utc_has_milliseconds_and_round_trips, reset_clock),
    cmocka_unit_test_teardown (test_local_zone_is_kept_until_tz_changes, reset_clock),
    cmocka_unit_test_teardown (test_business_day_is_the_local_date, reset_clock),
  };

  g_setenv ("TZ", "UTC", TRUE);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
