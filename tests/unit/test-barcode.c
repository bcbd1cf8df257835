/* test-barcode.c — reading scanned codes: check digits, UPC-E, ISBN/ISSN,
 * in-store variable measure layouts, GS1 element strings, AIM identifiers. */
#include "pos-test-util.h"

#include <string.h>

#include "pos-barcode.h"
#include "pos-error.h"

/* Parses @code with @layouts (NULL: defaults) and fails on any error. */
static PosBarcode *
parse_ok (const char *code, const PosBarcodeLayouts *layouts)
{
  g_autoptr (GError) error = NULL;
  PosBarcode *barcode = pos_barcode_parse (code, layouts, &error);

  if (barcode == NULL)
    fail_msg ("\"%s\" did not parse: %s", code, error->message);
  return barcode;
}

/* Parses @code, expecting POS_ERROR_INVALID with @fragment in the message. */
static void
assert_rejected (const char *code, const PosBarcodeLayouts *layouts, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosBarcode) barcode = pos_barcode_parse (code, layouts, &error);

  if (barcode != NULL)
    fail_msg ("\"%s\" parsed as %s %s but should fail", code, pos_barcode_kind_to_string (barcode->kind),
              barcode->key);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    fail_msg ("error for \"%s\" was \"%s\", expected it to mention \"%s\"", code, error->message, fragment);
}

static void
assert_parsed (const char *code, PosBarcodeKind kind, const char *key)
{
  g_autoptr (PosBarcode) b = parse_ok (code, NULL);

  if (b->kind != kind)
    fail_msg ("\"%s\" is %s, expected %s", code, pos_barcode_kind_to_string (b->kind),
              pos_barcode_kind_to_string (kind));
  assert_string_equal (b->key, key);
}

static void
test_gtin_check_digits (void **state)
{
  assert_int_equal (pos_gtin_check_digit ("400638133393"), '1');
  assert_int_equal (pos_gtin_check_digit ("03600029145"), '2');
  assert_int_equal (pos_gtin_check_digit ("9638507"), '4');
  assert_int_equal (pos_gtin_check_digit ("0950110153000"), '3');
  assert_int_equal (pos_gtin_check_digit ("12a4"), '\0');
  assert_int_equal (pos_gtin_check_digit (""), '\0');
  assert_true (pos_gtin_check_digit_valid ("4006381333931"));
  assert_true (pos_gtin_check_digit_valid ("036000291452"));
  assert_true (pos_gtin_check_digit_valid ("96385074"));
  assert_true (pos_gtin_check_digit_valid ("09501101530003"));
  assert_false (pos_gtin_check_digit_valid ("4006381333932"));
  assert_false (pos_gtin_check_digit_valid ("96385075"));
  assert_false (pos_gtin_check_digit_valid ("400638133393")); /* 12 digits, wrong check */
  assert_false (pos_gtin_check_digit_valid ("1234567"));      /* no GTIN length */
  assert_false (pos_gtin_check_digit_valid ("400638133393X"));
}

static void
test_ean13_valid_and_invalid (void **state)
{
  assert_parsed ("4006381333931", POS_BARCODE_EAN13, "4006381333931");
  assert_parsed ("5901234123457", POS_BARCODE_EAN13, "5901234123457");
  assert_parsed ("  5901234123457 ", POS_BARCODE_EAN13, "5901234123457");
  assert_rejected ("4006381333932", NULL, "check digit is 2, expected 1");
  assert_rejected ("5901234123450", NULL, "check digit is 0, expected 7");
}

static void
test_upca_gets_leading_zero (void **state)
{
  assert_parsed ("036000291452", POS_BARCODE_UPCA, "0036000291452");
  assert_rejected ("036000291453", NULL, "UPC-A 036000291453: check digit is 3, expected 2");
}

static void
test_ean8_valid_and_invalid (void **state)
{
  assert_parsed ("96385074", POS_BARCODE_EAN8, "96385074");
  assert_parsed ("]E496385074", POS_BARCODE_EAN8, "96385074");
  assert_rejected ("]E496385075", NULL, "check digit is 5, expected 4");
  /* Neither a valid EAN-8 nor a valid UPC-E. */
  assert_rejected ("96385075", NULL, "expected 4");
}

static void
test_upce_expands_for_every_last_digit (void **state)
{
  static const struct
  {
    const char *upce, *upca;
  } cases[] = {
    { "01234505", "012000003455" }, { "01234514", "012100003454" }, { "01234523", "012200003453" },
    { "01234531", "012300000451" }, { "01234543", "012340000053" }, { "01234558", "012345000058" },
    { "01234565", "012345000065" }, { "01234572", "012345000072" }, { "01234589", "012345000089" },
    { "01234596", "012345000096" }, { "04252614", "042100005264" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *upca = pos_upce_expand (cases[i].upce);
      g_autofree char *key = g_strconcat ("0", cases[i].upca, NULL);
      g_autofree char *aim = g_strconcat ("]E0", cases[i].upce, NULL);
      g_autoptr (PosBarcode) b = parse_ok (aim, NULL);

      assert_string_equal (upca, cases[i].upca);
      assert_int_equal (b->kind, POS_BARCODE_UPCE);
      assert_string_equal (b->key, key);
      assert_string_equal (b->symbology, "]E0");
      assert_true (pos_gtin_check_digit_valid (cases[i].upca));
    }
  assert_null (pos_upce_expand ("21234565")); /* number system 2 has no UPC-E */
  assert_null (pos_upce_expand ("0123456"));
}

static void
test_upce_wrong_check_digit_is_rejected (void **state)
{
  assert_rejected ("]E001234566", NULL, "UPC-E 01234566: check digit is 6, expected 5");
  assert_rejected ("]E021234565", NULL, "number system");
}

static void
test_eight_digits_without_identifier (void **state)
{
  g_autoptr (PosBarcode) upce = parse_ok ("04252614", NULL);
  g_autoptr (PosBarcode) both = parse_ok ("01000009", NULL);

  /* Not a valid EAN-8, so the UPC-E reading. */
  assert_int_equal (upce->kind, POS_BARCODE_UPCE);
  assert_string_equal (upce->key, "0042100005264");
  assert_null (upce->alt_key);
  /* Valid both ways: EAN-8 first, the UPC-E key kept as second choice. */
  assert_int_equal (both->kind, POS_BARCODE_EAN8);
  assert_string_equal (both->key, "01000009");
  assert_string_equal (both->alt_key, "0010000000009");
}

static void
test_isbn_and_issn (void **state)
{
  g_autoptr (PosBarcode) isbn10 = parse_ok ("0306406152", NULL);
  g_autoptr (PosBarcode) issn = parse_ok ("0317-8471", NULL);

  assert_parsed ("9783161484100", POS_BARCODE_ISBN, "9783161484100");
  assert_parsed ("978-3-16-148410-0", POS_BARCODE_ISBN, "9783161484100");
  assert_parsed ("9790260000438", POS_BARCODE_ISBN, "9790260000438");
  assert_parsed ("316148410X", POS_BARCODE_ISBN, "9783161484100");
  assert_parsed ("3-16-148410-x", POS_BARCODE_ISBN, "9783161484100");
  assert_parsed ("9770317847001", POS_BARCODE_ISSN, "9770317847001");
  assert_rejected ("9783161484101", NULL, "check digit is 1, expected 0");
  assert_rejected ("978-3-16-148410-9", NULL, "check digit is 9, expected 0");
  assert_rejected ("9770317847002", NULL, "expected 1");
  assert_rejected ("316148411X", NULL, "ISBN-10");

  /* Ten digits may be an ISBN-10 or a SKU: both readings are kept. */
  assert_int_equal (isbn10->kind, POS_BARCODE_ISBN);
  assert_string_equal (isbn10->key, "9780306406157");
  assert_string_equal (isbn10->alt_key, "0306406152");
  assert_int_equal (issn->kind, POS_BARCODE_ISSN);
  assert_string_equal (issn->key, "9770317847001");
  /* A ten-digit number that is no ISBN, and NNNN-NNNN that is no ISSN, are plain. */
  assert_parsed ("0306406153", POS_BARCODE_PLAIN, "0306406153");
  assert_parsed ("0317-8472", POS_BARCODE_PLAIN, "0317-8472");
}

/* What a bookseller or newsagent reads on the item: the ISSN behind a 977
 * code, the ISBN-10 behind a 978 one (X for a check of 10); 979 has none. */
static void
test_issn_and_isbn10_are_derived (void **state)
{
  g_autoptr (PosBarcode) issn = parse_ok ("9770317847001", NULL);
  g_autoptr (PosBarcode) x_check = parse_ok ("9783161484100", NULL);
  g_autoptr (PosBarcode) digit_check = parse_ok ("9780306406157", NULL);
  g_autoptr (PosBarcode) music = parse_ok ("9790260000438", NULL);
  g_autoptr (PosBarcode) ean = parse_ok ("4006381333931", NULL);
  g_autofree char *issn_text = pos_barcode_issn (issn);
  g_autofree char *x_text = pos_barcode_isbn10 (x_check);
  g_autofree char *digit_text = pos_barcode_isbn10 (digit_check);
  g_autofree char *music_text = pos_barcode_isbn10 (music);
  g_autofree char *ean_issn = pos_barcode_issn (ean);
  g_autofree char *issn_isbn = pos_barcode_isbn10 (issn);

  assert_string_equal (issn_text, "0317-8471");
  assert_string_equal (x_text, "316148410X");
  assert_string_equal (digit_text, "0306406152");
  assert_null (music_text);
  assert_null (ean_issn);
  assert_null (issn_isbn);
}

static void
test_price_check_digit_examples (void **state)
{
  /* The worked examples of the GS1 General Specifications. */
  assert_int_equal (pos_price_check_digit ("2875", 4), 9);
  assert_int_equal (pos_price_check_digit ("14685", 5), 6);
  assert_int_equal (pos_price_check_digit ("01234", 5), 1);
  assert_int_equal (pos_price_check_digit ("123", 3), -1);
  assert_int_equal (pos_price_check_digit ("12a4", 4), -1);
}

static void
test_german_weight_with_price_check_digit (void **state)
{
  g_autoptr (PosBarcode) b = parse_ok ("2812341012349", NULL);
  g_autoptr (PosBarcode) b29 = parse_ok ("2998761015006", NULL);

  assert_int_equal (b->kind, POS_BARCODE_VARIABLE);
  assert_true (b->has_weight);
  assert_false (b->has_price);
  assert_int_equal (b->weight, 1234);
  assert_string_equal (b->key, "2812340000002");
  assert_true (pos_gtin_check_digit_valid (b->key));
  assert_int_equal (b29->weight, 1500);
  assert_string_equal (b29->key, "2998760000003");

  /* Same value, price check digit off by one: the EAN check digit is made
   * right so only the price check catches it. */
  assert_rejected ("2812342012348", NULL, "price check digit is 2, expected 1");
  assert_rejected ("2812341012340", NULL, "check digit is 0, expected 9");
}

static void
test_swedish_weight_and_uk_price (void **state)
{
  g_autoptr (PosBarcode) se = parse_ok ("2312345612342", NULL);
  g_autoptr (PosBarcode) uk = parse_ok ("2012345003996", NULL);
  g_autoptr (PosBarcode) other = parse_ok ("2012345999992", NULL);

  assert_int_equal (se->kind, POS_BARCODE_VARIABLE);
  assert_true (se->has_weight);
  assert_int_equal (se->weight, 1234);
  assert_string_equal (se->key, "2312345600004");
  assert_int_equal (uk->kind, POS_BARCODE_VARIABLE);
  assert_true (uk->has_price);
  assert_false (uk->has_weight);
  assert_int_equal (uk->price, 399);
  assert_string_equal (uk->key, "2012345000001");
  /* Every price of the same item finds the same product row. */
  assert_string_equal (other->key, uk->key);
  assert_int_equal (other->price, 99999);
}

static void
test_prefix_without_layout_is_a_fixed_code (void **state)
{
  assert_parsed ("2100042000001", POS_BARCODE_EAN13, "2100042000001");
  assert_parsed ("0212345003992", POS_BARCODE_EAN13, "0212345003992");
  assert_parsed ("212345003992", POS_BARCODE_UPCA, "0212345003992");
}

static void
test_custom_layouts (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosBarcodeLayouts) layouts = pos_barcode_layouts_parse (
      " 02=price:PPPPPPPCVVVV ; 21=weight:PPPPPPPVVVVV:2;22=price:PPPPPPPVVVVV:1", &error);
  g_autoptr (PosBarcode) price = NULL;
  g_autoptr (PosBarcode) upca = NULL;
  g_autoptr (PosBarcode) weight = NULL;
  g_autoptr (PosBarcode) tenths = NULL;
  g_autoptr (PosBarcode) fixed = NULL;

  pos_assert_no_error (error);
  price = parse_ok ("0212345203996", layouts);
  assert_int_equal (price->kind, POS_BARCODE_VARIABLE);
  assert_int_equal (price->price, 399);
  assert_string_equal (price->key, "0212345000007");
  /* The same code from a UPC-A scanner (number system 2). */
  upca = parse_ok ("212345203996", layouts);
  assert_int_equal (upca->kind, POS_BARCODE_VARIABLE);
  assert_int_equal (upca->price, 399);
  assert_rejected ("0212345303993", layouts, "price check digit is 3, expected 2");
  /* Weight in hundredths of a kg: 00123 → 1.23 kg → 1230 g. */
  weight = parse_ok ("2100042001237", layouts);
  assert_int_equal (weight->weight, 1230);
  /* A price with one decimal in a 2-decimal currency: 1234 → 123.4 → 12340 minor units. */
  tenths = parse_ok ("2212345012343", layouts);
  assert_true (tenths->has_price);
  assert_int_equal (tenths->price, 12340);
  /* 28 has no layout here: the whole code is the product number. */
  fixed = parse_ok ("2812341012349", layouts);
  assert_int_equal (fixed->kind, POS_BARCODE_EAN13);
  assert_string_equal (fixed->key, "2812341012349");
}

static void
test_currency_exponent_applies_to_prices_with_decimals (void **state)
{
  g_autoptr (PosBarcodeLayouts) layouts = pos_barcode_layouts_parse ("22=price:PPPPPPPVVVVV:2", NULL);
  g_autoptr (PosBarcode) yen = NULL;

  pos_barcode_layouts_set_currency_exponent (layouts, 0);
  assert_int_equal (pos_barcode_layouts_get_currency_exponent (layouts), 0);
  /* 01200 with 2 decimals is 12.00 → 12 yen; 01234 would be 12.34 yen, which does not exist. */
  yen = parse_ok ("2212345012008", layouts);
  assert_int_equal (yen->price, 12);
  assert_rejected ("2212345012343", layouts, "decimals");
}

static void
test_layout_strings_round_trip (void **state)
{
  static const char *const good[] = {
    "20=price:PPPPPPPVVVVV;23=weight:PPPPPPPPVVVV;28=weight:PPPPPPCVVVVV;29=weight:PPPPPPCVVVVV",
    "02=price:PPPPPPPCVVVV;21=weight:PPPPPPPVVVVV:2;22=price:PPPPPPPVVVVV:2",
    "",
  };
  g_autoptr (PosBarcodeLayouts) defaults = pos_barcode_layouts_new_default ();
  g_autofree char *default_text = pos_barcode_layouts_to_string (defaults);
  const PosBarcodeLayout *de;

  assert_string_equal (default_text, good[0]);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PosBarcodeLayouts) layouts = pos_barcode_layouts_parse (good[i], &error);
      g_autofree char *text = NULL;

      pos_assert_no_error (error);
      text = pos_barcode_layouts_to_string (layouts);
      assert_string_equal (text, good[i]);
    }
  de = pos_barcode_layouts_lookup (defaults, 28);
  assert_non_null (de);
  assert_int_equal (de->kind, POS_BARCODE_LAYOUT_WEIGHT);
  assert_string_equal (de->pattern, "PPPPPPCVVVVV");
  assert_int_equal (de->decimals, 3);
  assert_null (pos_barcode_layouts_lookup (defaults, 21));
  assert_null (pos_barcode_layouts_lookup (defaults, 30));
}

static void
test_bad_layout_strings_are_rejected (void **state)
{
  static const char *const bad[] = {
    "20=price",                                     /* no pattern */
    "20=price:PPPPPPPVVVV",                         /* 11 characters */
    "20=price:PPPPPPPVVVVVV",                       /* 13 characters */
    "20=price:PPPPPPPXVVVV",                        /* unknown letter */
    "20=price:VPPPPPPVVVVV",                        /* prefix is not item digits */
    "20=price:PPPPPPPPPPPP",                        /* no value digits */
    "20=price:PPPPPPCVVVVV;20=weight:PPPPPPPPVVVV", /* twice */
    "20=weight:PPPPPCVVVVVV",                       /* price check over 6 digits */
    "20=weight:PPPPCCVVVVVV",                       /* two check digits */
    "30=price:PPPPPPPVVVVV",                        /* not an in-store prefix */
    "2=price:PPPPPPPVVVVV",                         /* prefix must be two digits */
    "20=volume:PPPPPPPVVVVV",                       /* unknown kind */
    "20=weight:PPPPPPPVVVVV:9",                     /* too many decimals */
    "20=weight:PPPPPPPVVVVV:x",
    "20:price:PPPPPPPVVVVV",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PosBarcodeLayouts) layouts = pos_barcode_layouts_parse (bad[i], &error);

      if (layouts != NULL)
        fail_msg ("layout \"%s\" was accepted", bad[i]);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
    }
}

static void
test_gs1_with_group_separators (void **state)
{
  g_autoptr (PosBarcode) b = parse_ok ("]C10109501101530003171407041012A-B\x1d"
                                       "21XYZ789",
                                       NULL);
  g_autoptr (PosBarcode) fnc1 = parse_ok ("]C1\x1d"
                                          "0109501101530003"
                                          "3103001250\x1d",
                                          NULL);

  assert_int_equal (b->kind, POS_BARCODE_GS1);
  assert_string_equal (b->symbology, "]C1");
  assert_string_equal (b->key, "9501101530003");
  assert_string_equal (b->expiry, "140704");
  assert_string_equal (b->batch, "12A-B");
  assert_string_equal (b->serial, "XYZ789");
  assert_false (b->has_weight);
  assert_int_equal (fnc1->kind, POS_BARCODE_GS1);
  assert_true (fnc1->has_weight);
  assert_int_equal (fnc1->weight, 1250);
  assert_null (fnc1->batch);
}

static void
test_gs1_human_readable_form (void **state)
{
  g_autoptr (PosBarcode) b = parse_ok ("(01)09501101530003(17)140704(10)AB-123(21)S1", NULL);
  g_autoptr (PosBarcode) price = parse_ok ("(01)19501101530000(3922)599(3102)001255", NULL);
  g_autoptr (PosBarcode) no_gtin = parse_ok ("(10)LOT7(21)42", NULL);

  assert_int_equal (b->kind, POS_BARCODE_GS1);
  assert_null (b->symbology);
  assert_string_equal (b->key, "9501101530003");
  assert_string_equal (b->batch, "AB-123");
  assert_string_equal (b->expiry, "140704");
  assert_string_equal (b->serial, "S1");
  /* An indicator digit other than 0 keeps all 14 digits. */
  assert_string_equal (price->key, "19501101530000");
  assert_true (price->has_price);
  assert_int_equal (price->price, 599);
  assert_int_equal (price->weight, 12550);
  assert_string_equal (no_gtin->key, "(10)LOT7(21)42");
}

static void
test_gs1_weight_needs_exact_grams (void **state)
{
  g_autoptr (PosBarcode) kg = parse_ok ("(01)09501101530003(3100)000012", NULL);
  g_autoptr (PosBarcode) five = parse_ok ("(01)09501101530003(3105)012000", NULL);

  assert_int_equal (kg->weight, 12000);
  assert_int_equal (five->weight, 120);
  assert_rejected ("(01)09501101530003(3105)012345", NULL, "decimals");
  assert_rejected ("(01)09501101530003(3106)000001", NULL, "weight");
  assert_rejected ("(01)09501101530003(3103)12345", NULL, "length");
}

static void
test_gs1_errors_are_named (void **state)
{
  assert_rejected ("(01)09501101530004", NULL, "GTIN 09501101530004: check digit is 4, expected 3");
  assert_rejected ("]C10109501101530004", NULL, "check digit is 4, expected 3");
  assert_rejected ("(01)09501101530003(17)141304", NULL, "not a date");
  assert_rejected ("(01)09501101530003(17)150230", NULL, "not a date");
  assert_rejected ("(26)123", NULL, "application identifier");
  assert_rejected ("]C1261234", NULL, "application identifier");
  assert_rejected ("(01)0950110153000", NULL, "length");
  assert_rejected ("(10)123456789012345678901", NULL, "20 characters");
  assert_rejected ("(10)AB(10)CD", NULL, "twice");
  assert_rejected ("(01)09501101530003(01)09501101530003", NULL, "twice");
  assert_rejected ("(01)09501101530003(10)A B", NULL, "not allowed");
  assert_rejected ("(01)09501101530003(1", NULL, "GS1");
  assert_parsed ("(01", POS_BARCODE_PLAIN, "(01");
  assert_rejected ("(01)", NULL, "length");
  assert_rejected ("]C1", NULL, "empty");
  assert_rejected ("]e0", NULL, "empty");
}

static void
test_gs1_without_identifier_and_gtin14 (void **state)
{
  g_autoptr (PosBarcode) digits = parse_ok ("010950110153000317140704", NULL);
  g_autoptr (PosBarcode) gs = parse_ok ("0109501101530003"
                                        "10L1\x1d"
                                        "17140704",
                                        NULL);
  g_autoptr (PosBarcode) itf = parse_ok ("]I009501101530003", NULL);
  g_autoptr (PosBarcode) gtin8 = parse_ok ("00000096385074", NULL);
  g_autoptr (PosBarcode) databar = parse_ok ("]e00109501101530003", NULL);

  assert_int_equal (digits->kind, POS_BARCODE_GS1);
  assert_string_equal (digits->key, "9501101530003");
  assert_string_equal (digits->expiry, "140704");
  assert_string_equal (digits->alt_key, "010950110153000317140704");
  assert_string_equal (digits->text, "010950110153000317140704");
  assert_string_equal (gs->batch, "L1");
  assert_string_equal (gs->expiry, "140704");
  assert_int_equal (itf->kind, POS_BARCODE_GS1);
  assert_string_equal (itf->key, "9501101530003");
  assert_string_equal (gtin8->key, "96385074");
  assert_string_equal (databar->symbology, "]e0");
  assert_string_equal (databar->key, "9501101530003");
  /* A 16-digit number starting with 01 that is no element string stays plain. */
  assert_parsed ("0109501101530004", POS_BARCODE_PLAIN, "0109501101530004");
  assert_parsed ("09501101530004", POS_BARCODE_PLAIN, "09501101530004");
}

static void
test_aim_identifiers_are_stripped_and_kept (void **state)
{
  g_autoptr (PosBarcode) ean = parse_ok ("]E04006381333931", NULL);
  g_autoptr (PosBarcode) upca = parse_ok ("]E0036000291452", NULL);
  g_autoptr (PosBarcode) addon = parse_ok ("]E3977031784700103", NULL);
  g_autoptr (PosBarcode) code128 = parse_ok ("]C04006381333931", NULL);
  g_autoptr (PosBarcode) receipt = parse_ok ("]C0T1-42", NULL);
  g_autoptr (PosBarcode) qr = parse_ok ("]Q1https://example.org/x", NULL);

  assert_int_equal (ean->kind, POS_BARCODE_EAN13);
  assert_string_equal (ean->symbology, "]E0");
  assert_string_equal (ean->text, "4006381333931");
  assert_int_equal (upca->kind, POS_BARCODE_UPCA);
  assert_string_equal (upca->key, "0036000291452");
  assert_int_equal (addon->kind, POS_BARCODE_ISSN);
  assert_string_equal (addon->key, "9770317847001");
  /* Digits in a Code 128 are not an EAN: no check digit rule applies. */
  assert_int_equal (code128->kind, POS_BARCODE_PLAIN);
  assert_string_equal (code128->key, "4006381333931");
  assert_int_equal (receipt->kind, POS_BARCODE_PLAIN);
  assert_string_equal (receipt->symbology, "]C0");
  assert_string_equal (receipt->key, "T1-42");
  assert_string_equal (qr->key, "https://example.org/x");
  assert_rejected ("]E04006381333932", NULL, "expected 1");
  assert_rejected ("]E0ABC", NULL, "non-digits");
  assert_rejected ("]E012345", NULL, "5 digits");
}

static void
test_plain_codes (void **state)
{
  assert_parsed ("T1-42", POS_BARCODE_PLAIN, "T1-42");
  assert_parsed ("SKU-0001", POS_BARCODE_PLAIN, "SKU-0001");
  assert_parsed ("12345", POS_BARCODE_PLAIN, "12345");
  assert_parsed ("1234567", POS_BARCODE_PLAIN, "1234567");
  assert_parsed ("123456789012345", POS_BARCODE_PLAIN, "123456789012345");
  assert_parsed ("Äpfel lose", POS_BARCODE_PLAIN, "Äpfel lose");
  assert_parsed ("]X", POS_BARCODE_PLAIN, "]X");
  assert_parsed ("(sale) 42", POS_BARCODE_PLAIN, "(sale) 42");
  assert_parsed ("(12345)", POS_BARCODE_PLAIN, "(12345)");
}

static void
test_bad_input_is_rejected (void **state)
{
  g_autofree char *long_code = g_strnfill (POS_BARCODE_MAX_LENGTH + 1, '7');
  g_autofree char *max_code = g_strnfill (POS_BARCODE_MAX_LENGTH, 'A');
  g_autoptr (PosBarcode) max = parse_ok (max_code, NULL);

  assert_rejected ("", NULL, "empty");
  assert_rejected ("   ", NULL, "empty");
  assert_rejected ("4006381333931\n", NULL, "control character 0x0A");
  assert_rejected ("ab\tc", NULL, "control");
  assert_rejected ("ab\x7f", NULL, "control");
  assert_rejected ("\xff\xfe", NULL, "UTF-8");
  assert_rejected (long_code, NULL, "too long");
  assert_rejected ("]C0AB\x1d"
                   "CD",
                   NULL, "GS");
  assert_int_equal (max->kind, POS_BARCODE_PLAIN);
}

static void
test_kind_names (void **state)
{
  assert_string_equal (pos_barcode_kind_to_string (POS_BARCODE_EAN13), "ean13");
  assert_string_equal (pos_barcode_kind_to_string (POS_BARCODE_EAN8), "ean8");
  assert_string_equal (pos_barcode_kind_to_string (POS_BARCODE_UPCA), "upca");
  assert_string_equal (pos_barcode_kind_to_string (POS_BARCODE_UPCE), "upce");
  assert_string_equal (pos_barcode_kind_to_string (POS_BARCODE_ISBN), "isbn");
  assert_string_equal (pos_barcode_kind_to_string (POS_BARCODE_ISSN), "issn");
  assert_string_equal (pos_barcode_kind_to_string (POS_BARCODE_VARIABLE), "variable");
  assert_string_equal (pos_barcode_kind_to_string (POS_BARCODE_GS1), "gs1");
  assert_string_equal (pos_barcode_kind_to_string (POS_BARCODE_PLAIN), "plain");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_gtin_check_digits),
    cmocka_unit_test (test_ean13_valid_and_invalid),
    cmocka_unit_test (test_upca_gets_leading_zero),
    cmocka_unit_test (test_ean8_valid_and_invalid),
    cmocka_unit_test (test_upce_expands_for_every_last_digit),
    cmocka_unit_test (test_upce_wrong_check_digit_is_rejected),
    cmocka_unit_test (test_eight_digits_without_identifier),
    cmocka_unit_test (test_isbn_and_issn),
    cmocka_unit_test (test_issn_and_isbn10_are_derived),
    cmocka_unit_test (test_price_check_digit_examples),
    cmocka_unit_test (test_german_weight_with_price_check_digit),
    cmocka_unit_test (test_swedish_weight_and_uk_price),
    cmocka_unit_test (test_prefix_without_layout_is_a_fixed_code),
    cmocka_unit_test (test_custom_layouts),
    cmocka_unit_test (test_currency_exponent_applies_to_prices_with_decimals),
    cmocka_unit_test (test_layout_strings_round_trip),
    cmocka_unit_test (test_bad_layout_strings_are_rejected),
    cmocka_unit_test (test_gs1_with_group_separators),
    cmocka_unit_test (test_gs1_human_readable_form),
    cmocka_unit_test (test_gs1_weight_needs_exact_grams),
    cmocka_unit_test (test_gs1_errors_are_named),
    cmocka_unit_test (test_gs1_without_identifier_and_gtin14),
    cmocka_unit_test (test_aim_identifiers_are_stripped_and_kept),
    cmocka_unit_test (test_plain_codes),
    cmocka_unit_test (test_bad_input_is_rejected),
    cmocka_unit_test (test_kind_names),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
