/* test-dsfinvk.c — the DSFinV-K file format: quoting, record ends, the
 * header rows and index.xml describing every file. */
#include "pos-test-util.h"

#include <string.h>

#include "pos-dsfinvk-tables.h"

static char *
record (const char *const *fields)
{
  GString *csv = g_string_new (NULL);

  pos_dsfinvk_csv_append (csv, fields);
  return g_string_free (csv, FALSE);
}

static void
test_text_is_quoted_only_when_it_must_be (void **state)
{
  const char *const plain[] = { "T1", "Milk 1,5 %", "", "12,50", NULL };
  const char *const special[] = { "a;b", "say \"hi\"", "two\nlines", " edge", "edge\t", NULL };
  g_autofree char *one = record (plain);
  g_autofree char *two = record (special);

  assert_string_equal (one, "T1;Milk 1,5 %;;12,50\r\n");
  assert_string_equal (two, "\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";\" edge\";\"edge\t\"\r\n");
}

static void
test_every_file_starts_with_its_header_row (void **state)
{
  for (guint i = 0; i < POS_DSFINVK_N_TABLES; i++)
    {
      const PosDsfinvkTable *table = pos_dsfinvk_table (i);
      GString *csv = pos_dsfinvk_csv_new (i);
      g_auto (GStrv) names = NULL;

      assert_true (g_str_has_suffix (csv->str, "\r\n"));
      g_string_truncate (csv, csv->len - 2);
      names = g_strsplit (csv->str, ";", -1);
      assert_int_equal (g_strv_length (names), table->n_columns);
      assert_string_equal (names[0], "Z_KASSE_ID");
      assert_string_equal (names[1], "Z_ERSTELLUNG");
      assert_string_equal (names[2], "Z_NR");
      for (guint c = 0; c < table->n_columns; c++)
        assert_string_equal (names[c], table->columns[c].name);
      g_string_free (csv, TRUE);
    }
}

static void
test_index_xml_describes_every_file_and_escapes_the_supplier (void **state)
{
  g_autofree char *xml = pos_dsfinvk_index_xml ("Müller & Söhne <GmbH>", "10115 Berlin", "DSFinV-K");

  assert_non_null (strstr (xml, "<!DOCTYPE DataSet SYSTEM \"gdpdu-01-09-2004.dtd\">\r\n"));
  assert_non_null (strstr (xml, "<Name>Müller &amp; Söhne &lt;GmbH&gt;</Name>"));
  assert_null (strstr (xml, "\n\n"));
  for (guint i = 0; i < POS_DSFINVK_N_TABLES; i++)
    {
      g_autofree char *url = g_strdup_printf ("<URL>%s</URL>", pos_dsfinvk_table (i)->file);
      assert_non_null (strstr (xml, url));
    }
  assert_non_null (strstr (pos_dsfinvk_dtd (), "<!ELEMENT DataSet (Extension*, Version, DataSupplier?"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_text_is_quoted_only_when_it_must_be),
    cmocka_unit_test (test_every_file_starts_with_its_header_row),
    cmocka_unit_test (test_index_xml_describes_every_file_and_escapes_the_supplier),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
