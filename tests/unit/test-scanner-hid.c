/* test-scanner-hid.c — decoding HID POS and boot-keyboard scanner reports. */
#include "pos-test-util.h"

#include "pos-scanner-hid.h"

/* A 64-byte HID POS scanned-data report carrying @data. */
static void
pos_report (guint8 report[64], const char *aim, const char *data, gboolean more)
{
  memset (report, 0, 64);
  report[0] = 0x02;
  report[1] = (guint8)strlen (data);
  if (aim)
    memcpy (report + 2, aim, 3);
  memcpy (report + 5, data, strlen (data));
  report[63] = more ? 0x01 : 0x00;
}

static void
test_hid_pos_report_gives_code_and_symbology (void **state)
{
  g_autoptr (PosHidDecoder) decoder = pos_hid_decoder_new (POS_HID_MODE_POS);
  guint8 report[64];
  g_autofree char *code = NULL;
  g_autofree char *symbology = NULL;

  pos_report (report, "]E0", "4006381333931", FALSE);
  assert_true (pos_hid_decoder_feed (decoder, report, sizeof report, &code, &symbology));
  assert_string_equal (code, "4006381333931");
  assert_string_equal (symbology, "]E0");
}

static void
test_hid_pos_long_code_spans_reports (void **state)
{
  g_autoptr (PosHidDecoder) decoder = pos_hid_decoder_new (POS_HID_MODE_POS);
  g_autofree char *first = g_strnfill (56, 'A');
  guint8 report[64];
  g_autofree char *code = NULL;
  g_autofree char *symbology = NULL;
  g_autofree char *expected = g_strconcat (first, "BCD", NULL);

  pos_report (report, "]Q1", first, TRUE);
  assert_false (pos_hid_decoder_feed (decoder, report, sizeof report, &code, &symbology));
  pos_report (report, "]Q1", "BCD", FALSE);
  assert_true (pos_hid_decoder_feed (decoder, report, sizeof report, &code, &symbology));
  assert_string_equal (code, expected);
  assert_string_equal (symbology, "]Q1");
}

static void
test_hid_pos_ignores_other_reports_and_bad_lengths (void **state)
{
  g_autoptr (PosHidDecoder) decoder = pos_hid_decoder_new (POS_HID_MODE_POS);
  guint8 status_report[8] = { 0x04, 1, 2, 3, 4, 5, 6, 7 };
  guint8 report[64];
  g_autofree char *code = NULL;
  g_autofree char *symbology = NULL;

  assert_false (pos_hid_decoder_feed (decoder, status_report, sizeof status_report, &code, &symbology));
  assert_false (pos_hid_decoder_feed (decoder, status_report, 3, &code, &symbology));
  /* A length byte larger than the report is clipped, never read past. */
  pos_report (report, NULL, "12345", FALSE);
  report[1] = 200;
  assert_true (pos_hid_decoder_feed (decoder, report, 10, &code, &symbology));
  assert_string_equal (code, "12345");
  assert_string_equal (symbology, "");
}

/* Presses then releases one key (usage code) with or without Shift. */
static gboolean
tap (PosHidDecoder *decoder, guint8 usage, gboolean shift, char **code, char **symbology)
{
  guint8 down[8] = { shift ? 0x02 : 0, 0, usage };
  guint8 up[8] = { 0 };
  gboolean complete = pos_hid_decoder_feed (decoder, down, 8, code, symbology);

  return pos_hid_decoder_feed (decoder, up, 8, code, symbology) || complete;
}

static void
test_boot_keyboard_reports_type_the_code (void **state)
{
  g_autoptr (PosHidDecoder) decoder = pos_hid_decoder_new (POS_HID_MODE_KEYBOARD);
  /* "Ab-1" then "1" again (same key twice needs the release between) then Enter. */
  static const struct
  {
    guint8 usage;
    gboolean shift;
  } keys[] = { { 0x04, TRUE }, { 0x05, FALSE }, { 0x2d, FALSE }, { 0x1e, FALSE }, { 0x1e, FALSE } };
  g_autofree char *code = NULL;
  g_autofree char *symbology = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    assert_false (tap (decoder, keys[i].usage, keys[i].shift, &code, &symbology));
  assert_true (tap (decoder, 0x28, FALSE, &code, &symbology));
  assert_string_equal (code, "Ab-11");
  assert_string_equal (symbology, "");
}

static void
test_boot_keyboard_held_key_counts_once (void **state)
{
  g_autoptr (PosHidDecoder) decoder = pos_hid_decoder_new (POS_HID_MODE_KEYBOARD);
  guint8 held[8] = { 0, 0, 0x1f };       /* '2' */
  guint8 both[8] = { 0, 0, 0x1f, 0x20 }; /* '2' still held, '3' pressed */
  guint8 enter[8] = { 0, 0, 0x28 };
  g_autofree char *code = NULL;
  g_autofree char *symbology = NULL;

  assert_false (pos_hid_decoder_feed (decoder, held, 8, &code, &symbology));
  assert_false (pos_hid_decoder_feed (decoder, held, 8, &code, &symbology));
  assert_false (pos_hid_decoder_feed (decoder, both, 8, &code, &symbology));
  assert_true (pos_hid_decoder_feed (decoder, enter, 8, &code, &symbology));
  assert_string_equal (code, "23");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_hid_pos_report_gives_code_and_symbology),
    cmocka_unit_test (test_hid_pos_long_code_spans_reports),
    cmocka_unit_test (test_hid_pos_ignores_other_reports_and_bad_lengths),
    cmocka_unit_test (test_boot_keyboard_reports_type_the_code),
    cmocka_unit_test (test_boot_keyboard_held_key_counts_once),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
