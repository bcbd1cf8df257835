/* test-codepage.c — UTF-8 to printer code pages, with stand-ins for what a page lacks. */
#include "pos-test-util.h"

#include <string.h>

#include "pos-codepage.h"

/* Converts @utf8 and compares with the expected bytes (a C string). */
static void
assert_encodes (PosCodepage page, const char *utf8, const char *expected)
{
  g_autoptr (GBytes) bytes = pos_codepage_encode (page, utf8);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (len != strlen (expected) || memcmp (data, expected, len) != 0)
    {
      g_autofree char *got = g_strescape (len ? g_strndup ((const char *)data, len) : g_strdup (""), NULL);
      g_autofree char *want = g_strescape (expected, NULL);

      fail_msg ("%s of \"%s\": got \"%s\", expected \"%s\"", pos_codepage_name (page), utf8, got, want);
    }
}

static void
test_ascii_is_unchanged_on_every_page (void **state)
{
  for (PosCodepage page = 0; page < POS_CODEPAGE_N_PAGES; page++)
    assert_encodes (page, "Milk 1L x2 @ 1.25 = 2.50 #42 {ok} ~", "Milk 1L x2 @ 1.25 = 2.50 #42 {ok} ~");
}

static void
test_euro_sign_where_the_page_has_it (void **state)
{
  assert_encodes (POS_CODEPAGE_CP858, "5 €", "5 \xd5");
  assert_encodes (POS_CODEPAGE_CP1252, "5 €", "5 \x80");
  assert_encodes (POS_CODEPAGE_ISO8859_15, "5 €", "5 \xa4");
}

static void
test_euro_sign_is_spelled_out_where_missing (void **state)
{
  assert_encodes (POS_CODEPAGE_CP437, "Total €12.50", "Total EUR12.50");
  assert_encodes (POS_CODEPAGE_CP850, "€", "EUR");
  /* CP850 has the dotless i where CP858 has €. */
  assert_encodes (POS_CODEPAGE_CP850, "\xc4\xb1", "\xd5");
}

static void
test_accented_letters_use_the_page_bytes (void **state)
{
  assert_encodes (POS_CODEPAGE_CP437, "Café Straße",
                  "Caf\x82 Stra\xe1"
                  "e");
  assert_encodes (POS_CODEPAGE_CP850, "Ø ã", "\x9d \xc6");
  assert_encodes (POS_CODEPAGE_CP1252, "Crème brûlée",
                  "Cr\xe8me br\xfbl\xe9"
                  "e");
  assert_encodes (POS_CODEPAGE_ISO8859_15, "Œuvre š", "\xbcuvre \xa8");
}

static void
test_missing_letters_fall_back_to_their_base_letter (void **state)
{
  /* CP437 has no Ã, Ø or Œ; CP1252 has no ő or Ł. */
  assert_encodes (POS_CODEPAGE_CP437, "São Øl Œuf", "Sao Ol OEuf");
  assert_encodes (POS_CODEPAGE_CP1252, "Győr Łódź",
                  "Gyor L\xf3"
                  "dz");
  /* A letter and a combining accent print as the composed letter. */
  assert_encodes (POS_CODEPAGE_CP1252, "Cafe\xcc\x81", "Caf\xe9");
}

static void
test_typographic_punctuation_becomes_ascii (void **state)
{
  assert_encodes (POS_CODEPAGE_CP437, "“Deal” – ‘today’ — 50%…", "\"Deal\" - 'today' - 50%...");
  /* CP1252 has the real quotes and dashes. */
  assert_encodes (POS_CODEPAGE_CP1252, "“–”", "\x93\x96\x94");
}

static void
test_unknown_characters_become_question_marks (void **state)
{
  assert_encodes (POS_CODEPAGE_CP858, "Tea 茶 ok", "Tea ? ok");
  assert_encodes (POS_CODEPAGE_CP1252, "\xf0\x9f\x8d\x8e", "?");
  /* Invalid UTF-8: one '?' per bad byte, the rest kept. */
  assert_encodes (POS_CODEPAGE_CP437,
                  "a\xff"
                  "b",
                  "a?b");
}

/* The pages read from iconv print their letters as themselves and read
 * back as the same text. */
static void
test_central_european_cyrillic_and_greek_pages (void **state)
{
  const struct
  {
    PosCodepage page;
    const char *text;
  } cases[] = {
    { POS_CODEPAGE_CP852, "Zażółć gęślą jaźń, zł ą ő ř Ő Ř" },
    { POS_CODEPAGE_CP1250, "Zażółć gęślą jaźń, zł ą ő ř 2,50 €" },
    { POS_CODEPAGE_CP866, "Молоко и хлеб, ЁЖИК" },
    { POS_CODEPAGE_CP737, "Γάλα και ψωμί, ΚΑΦΕΣ" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = pos_codepage_encode (cases[i].page, cases[i].text);
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);
      g_autofree char *back = pos_codepage_decode (cases[i].page, data, len);

      assert_int_equal (pos_codepage_count_missing (cases[i].page, cases[i].text), 0);
      assert_int_equal (len, g_utf8_strlen (cases[i].text, -1));
      assert_string_equal (back, cases[i].text);
    }
  /* Known bytes, as the printers' code page charts give them. */
  assert_encodes (POS_CODEPAGE_CP852, "ł ą ő ř", "\x88 \xa5 \x8b \xfd");
  assert_encodes (POS_CODEPAGE_CP1250, "ł ą ő ř €", "\xb3 \xb9 \xf5 \xf8 \x80");
  assert_encodes (POS_CODEPAGE_CP866, "Мир", "\x8c\xa8\xe0");
  assert_encodes (POS_CODEPAGE_CP737, "Αβγ", "\x80\x99\x9a");
}

/* Where no page has them, Cyrillic and Greek are read out in Latin
 * letters, capitals kept, and counted as stand-ins. */
static void
test_cyrillic_and_greek_degrade_to_latin_letters (void **state)
{
  assert_encodes (POS_CODEPAGE_CP858, "Молоко Щи", "Moloko Shchi");
  assert_encodes (POS_CODEPAGE_CP1252, "Γάλα", "Gala");
  assert_encodes (POS_CODEPAGE_CP852, "Хлеб", "Khleb");
  assert_int_equal (pos_codepage_count_missing (POS_CODEPAGE_CP858, "Молоко"), 6);
}

/* ICU writes amounts with no-break and narrow no-break spaces. */
static void
test_no_break_spaces_print_as_spaces (void **state)
{
  assert_encodes (POS_CODEPAGE_CP858, "1\u202f234,56\u00a0€", "1 234,56 \xd5");
  assert_encodes (POS_CODEPAGE_CP852, "1\u00a0234,56\u00a0zł", "1 234,56 z\x88");
}

static void
test_control_characters_never_reach_the_printer (void **state)
{
  assert_encodes (POS_CODEPAGE_CP437, "A\x1b@B\x1dV\x01", "A?@B?V?");
  assert_encodes (POS_CODEPAGE_CP1252, "tab\there\nnext", "tab here next");
  assert_encodes (POS_CODEPAGE_CP1252, "soft\xc2\xadhyphen\xe2\x80\x8b", "softhyphen");
  /* C1 controls are not characters in any page. */
  assert_encodes (POS_CODEPAGE_ISO8859_15, "\xc2\x85", "?");
}

/* Every character up to U+2FFF, on every page: only printable, defined bytes come out. */
static void
test_no_page_produces_control_or_undefined_bytes (void **state)
{
  for (PosCodepage page = 0; page < POS_CODEPAGE_N_PAGES; page++)
    {
      g_autoptr (GByteArray) out = g_byte_array_new ();

      for (gunichar c = 1; c < 0x3000; c++)
        {
          char utf8[8] = { 0 };

          if (c >= 0xD800 && c <= 0xDFFF)
            continue;
          g_unichar_to_utf8 (c, utf8);
          pos_codepage_append (page, utf8, -1, out);
        }
      for (guint i = 0; i < out->len; i++)
        {
          guint8 b = out->data[i];

          if (b < 0x20 || b == 0x7f || (b >= 0x80 && pos_codepage_to_unichar (page, b) == 0))
            fail_msg ("%s produced byte 0x%02x", pos_codepage_name (page), b);
        }
    }
}

/* The tables are one-to-one: every defined byte converts back to itself. */
static void
test_tables_round_trip (void **state)
{
  for (PosCodepage page = 0; page < POS_CODEPAGE_N_PAGES; page++)
    {
      guint defined = 0;

      for (guint b = 0x20; b <= 0xff; b++)
        {
          gunichar c = pos_codepage_to_unichar (page, (guint8)b);

          if (c == 0)
            continue;
          defined++;
          if (pos_codepage_lookup (page, c) != b)
            fail_msg ("%s: U+%04X maps to 0x%02x, not 0x%02x", pos_codepage_name (page), c,
                      pos_codepage_lookup (page, c), b);
        }
      /* 95 printable ASCII plus the defined upper half. */
      assert_true (defined >= 95 + 96);
    }
  assert_int_equal (pos_codepage_to_unichar (POS_CODEPAGE_CP858, 0xd5), 0x20ac);
  assert_int_equal (pos_codepage_to_unichar (POS_CODEPAGE_CP1252, 0x81), 0);
  assert_int_equal (pos_codepage_to_unichar (POS_CODEPAGE_CP437, 0x1b), 0);
}

static void
test_decode_shows_what_the_printer_prints (void **state)
{
  g_autoptr (GBytes) bytes = pos_codepage_encode (POS_CODEPAGE_CP437, "Ça coûte 3 € “net”");
  g_autofree char *text
      = pos_codepage_decode (POS_CODEPAGE_CP437, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  assert_string_equal (text, "Ça coûte 3 EUR \"net\"");
}

static void
test_missing_count_prefers_pages_with_the_euro (void **state)
{
  const char *text = "Espresso 2,50 € — merci";

  assert_int_equal (pos_codepage_count_missing (POS_CODEPAGE_CP1252, text), 0);
  assert_int_equal (pos_codepage_count_missing (POS_CODEPAGE_CP858, text), 1); /* the dash */
  assert_int_equal (pos_codepage_count_missing (POS_CODEPAGE_CP437, text), 2);
}

static void
test_names_parse_and_print (void **state)
{
  PosCodepage page;

  for (PosCodepage p = 0; p < POS_CODEPAGE_N_PAGES; p++)
    {
      assert_true (pos_codepage_from_name (pos_codepage_name (p), &page));
      assert_int_equal (page, p);
    }
  assert_true (pos_codepage_from_name ("latin9", &page));
  assert_int_equal (page, POS_CODEPAGE_ISO8859_15);
  assert_true (pos_codepage_from_name ("windows-1252", &page));
  assert_int_equal (page, POS_CODEPAGE_CP1252);
  assert_false (pos_codepage_from_name ("CP999", &page));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_ascii_is_unchanged_on_every_page),
    cmocka_unit_test (test_euro_sign_where_the_page_has_it),
    cmocka_unit_test (test_euro_sign_is_spelled_out_where_missing),
    cmocka_unit_test (test_accented_letters_use_the_page_bytes),
    cmocka_unit_test (test_missing_letters_fall_back_to_their_base_letter),
    cmocka_unit_test (test_typographic_punctuation_becomes_ascii),
    cmocka_unit_test (test_unknown_characters_become_question_marks),
    cmocka_unit_test (test_control_characters_never_reach_the_printer),
    cmocka_unit_test (test_no_page_produces_control_or_undefined_bytes),
    cmocka_unit_test (test_tables_round_trip),
    cmocka_unit_test (test_decode_shows_what_the_printer_prints),
    cmocka_unit_test (test_missing_count_prefers_pages_with_the_euro),
    cmocka_unit_test (test_names_parse_and_print),
    cmocka_unit_test (test_central_european_cyrillic_and_greek_pages),
    cmocka_unit_test (test_cyrillic_and_greek_degrade_to_latin_letters),
    cmocka_unit_test (test_no_break_spaces_print_as_spaces),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
