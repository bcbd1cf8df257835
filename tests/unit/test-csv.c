/* test-csv.c — the streaming RFC 4180 reader and writer. */
#include "pos-test-util.h"

#include <string.h>

#include <gio/gio.h>

#include "pos-csv.h"
#include "pos-error.h"

/* Reads all of @data into "f1|f2\nf1|f2" and the start line of each record
 * into @lines ("1,3"); fails the test on an error. */
static char *
read_all (const char *data, gssize length, char **lines)
{
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_data (data, length);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) starts = g_string_new (NULL);

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) fields = NULL;

      if (!pos_csv_reader_next (reader, &fields, &error))
        fail_msg ("unexpected error: %s", error->message);
      if (fields == NULL)
        break;
      if (out->len > 0 || starts->len > 0)
        g_string_append_c (out, '\n');
      g_ptr_array_add (fields, NULL);
      g_string_append_printf (starts, "%s%u", starts->len > 0 ? "," : "", pos_csv_reader_line (reader));
      g_autofree char *joined = g_strjoinv ("|", (char **)fields->pdata);
      g_string_append (out, joined);
    }
  if (lines != NULL)
    *lines = g_strdup (starts->str);
  return g_strdup (out->str);
}

/* Reads @data until it fails; expects POS_ERROR_INVALID starting with @prefix
 * after @good_records good records. */
static void
assert_malformed (const char *data, guint good_records, const char *prefix)
{
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_data (data, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) again = NULL;
  g_autoptr (GPtrArray) after = NULL;
  guint n = 0;

  for (;;)
    {
      g_autoptr (GPtrArray) fields = NULL;

      if (!pos_csv_reader_next (reader, &fields, &error))
        break;
      if (fields == NULL)
        fail_msg ("\"%s\" was read without error", data);
      n++;
    }
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, prefix))
    fail_msg ("error was \"%s\", expected it to start with \"%s\"", error->message, prefix);
  assert_int_equal (n, good_records);
  /* A failed reader stays failed rather than resynchronising on garbage. */
  assert_false (pos_csv_reader_next (reader, &after, &again));
  assert_null (after);
  assert_non_null (again);
}

static void
test_simple_records_with_and_without_trailing_newline (void **state)
{
  g_autofree char *lines = NULL;
  g_autofree char *a = read_all ("sku,name,price\n1,Apple,0.50\n2,Pear,0.75\n", -1, &lines);
  g_autofree char *b = read_all ("sku,name,price\n1,Apple,0.50\n2,Pear,0.75", -1, NULL);
  g_autofree char *c = read_all ("sku,name,price\r\n1,Apple,0.50\r\n2,Pear,0.75\r\n", -1, NULL);
  g_autofree char *d = read_all ("sku,name,price\r1,Apple,0.50\r2,Pear,0.75", -1, NULL);

  assert_string_equal (a, "sku|name|price\n1|Apple|0.50\n2|Pear|0.75");
  assert_string_equal (lines, "1,2,3");
  assert_string_equal (b, a);
  assert_string_equal (c, a);
  assert_string_equal (d, a);
}

static void
test_bom_is_stripped (void **state)
{
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_data ("\xef\xbb\xbfname,price\nTea,2\n", -1);
  g_autoptr (GPtrArray) header = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *bom_only = read_all ("\xef\xbb\xbf", -1, NULL);
  g_autofree char *bom_inside = read_all ("a,\xef\xbb\xbf"
                                          "b\n",
                                          -1, NULL);

  assert_true (pos_csv_reader_next (reader, &header, &error));
  assert_string_equal (g_ptr_array_index (header, 0), "name");
  assert_int_equal (pos_csv_header_index (header, "name"), 0);
  assert_string_equal (bom_only, "");
  /* Only a leading mark is dropped. */
  assert_string_equal (bom_inside, "a|\xef\xbb\xbf"
                                   "b");
}

static void
test_empty_input_has_no_records (void **state)
{
  g_autofree char *empty = read_all ("", 0, NULL);
  g_autofree char *blank = read_all ("\n\r\n\n", -1, NULL);

  assert_string_equal (empty, "");
  assert_string_equal (blank, "");
}

static void
test_quoted_fields_with_commas_quotes_and_newlines (void **state)
{
  g_autofree char *lines = NULL;
  g_autofree char *text = read_all (
      "\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\"\nnext,\"\"\"\",\"x\r\ny\"\nlast,\"\",z\n", -1, &lines);

  assert_string_equal (text, "a,b|say \"hi\"|line1\nline2\nnext|\"|x\r\ny\nlast||z");
  assert_string_equal (lines, "1,3,5");
}

static void
test_empty_fields_are_kept (void **state)
{
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_data (",,\n\"\",x,\n\"\"\n", -1);
  g_autoptr (GError) error = NULL;
  guint expected_len[] = { 3, 3, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (expected_len); i++)
    {
      g_autoptr (GPtrArray) fields = NULL;

      assert_true (pos_csv_reader_next (reader, &fields, &error));
      assert_non_null (fields);
      assert_int_equal (fields->len, expected_len[i]);
      for (guint f = 0; f < fields->len; f++)
        if (!(i == 1 && f == 1))
          assert_string_equal (g_ptr_array_index (fields, f), "");
    }
}

static void
test_blank_lines_are_skipped_but_counted (void **state)
{
  g_autofree char *lines = NULL;
  g_autofree char *text = read_all ("a\n\n\r\nb\n\n", -1, &lines);

  assert_string_equal (text, "a\nb");
  assert_string_equal (lines, "1,4");
}

static void
test_unterminated_quote_names_the_line_it_opened (void **state)
{
  assert_malformed ("a,b\n1,\"open\n2,3\n4,5\n", 1, "line 2: quoted field is not closed");
  assert_malformed ("\"", 0, "line 1: quoted field is not closed");
}

static void
test_stray_quotes_are_errors (void **state)
{
  assert_malformed ("a,b\n1,x\"y\n", 1, "line 2: quote inside an unquoted field");
  assert_malformed ("a, \"b\"\n", 0, "line 1: quote inside an unquoted field");
  assert_malformed ("x\n\"ab\"c\n", 1, "line 2: text after a closing quote");
  assert_malformed ("\"multi\nline\" x\n", 0, "line 2: text after a closing quote");
}

static void
test_invalid_utf8_names_the_line (void **state)
{
  assert_malformed ("ok\n\xff\n", 1, "line 2: field 1 is not valid UTF-8");
  assert_malformed ("ok\nfine,\"multi\nline\xc3\"\n", 1, "line 3: field 2 is not valid UTF-8");
}

static void
test_invalid_utf8_with_nul_inside_data (void **state)
{
  static const char data[] = "a,b\nc,d\0e\n";
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_data (data, sizeof data - 1);
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GError) error = NULL;

  assert_true (pos_csv_reader_next (reader, &first, &error));
  assert_false (pos_csv_reader_next (reader, &second, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "line 2"));
}

static void
test_record_size_is_limited (void **state)
{
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_data ("short\n\"this quote is never closed\n"
                                                                 "and goes on\n",
                                                                 -1);
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GError) error = NULL;

  pos_csv_reader_set_max_record_bytes (reader, 16);
  assert_true (pos_csv_reader_next (reader, &first, &error));
  assert_false (pos_csv_reader_next (reader, &second, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_string_equal (error->message,
                       "line 2: record is longer than 16 bytes (is the quote opened here closed?)");
}

static void
test_header_lookup_is_trimmed_and_case_insensitive (void **state)
{
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_data ("  Name ,PRICE,Straße,\nTea,2.50\n", -1);
  g_autoptr (GPtrArray) header = NULL;
  g_autoptr (GPtrArray) row = NULL;
  g_autoptr (GError) error = NULL;

  assert_true (pos_csv_reader_next (reader, &header, &error));
  assert_true (pos_csv_reader_next (reader, &row, &error));
  assert_int_equal (pos_csv_header_index (header, "name"), 0);
  assert_int_equal (pos_csv_header_index (header, " Price"), 1);
  assert_int_equal (pos_csv_header_index (header, "STRASSE"), 2);
  assert_int_equal (pos_csv_header_index (header, "sku"), -1);
  assert_int_equal (pos_csv_header_index (header, ""), 3);
  assert_string_equal (pos_csv_field (row, pos_csv_header_index (header, "price")), "2.50");
  assert_null (pos_csv_field (row, pos_csv_header_index (header, "straße"))); /* short row */
  assert_null (pos_csv_field (row, pos_csv_header_index (header, "sku")));
}

static void
test_missing_file_is_not_found (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_path ("/nonexistent/products.csv", &error);

  assert_null (reader);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

/* Writes @rows (NULL-terminated arrays) into memory and returns the bytes. */
static char *
write_rows (const char *const *const *rows)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (PosCsvWriter) writer = pos_csv_writer_new (stream);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; rows[i] != NULL; i++)
    {
      assert_true (pos_csv_writer_row (writer, rows[i], &error));
      pos_assert_no_error (error);
    }
  assert_true (pos_csv_writer_close (writer, &error));
  g_output_stream_write (stream, "", 1, NULL, NULL); /* NUL-terminate */
  assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_writer_quotes_only_when_needed (void **state)
{
  const char *const r1[] = { "plain", "with,comma", "with \"quote\"", "line\nbreak", "", " spaced ", NULL };
  const char *const r2[] = { "", NULL };
  const char *const r3[] = { "cr\r", "Ünïcödé", NULL };
  const char *const *rows[] = { r1, r2, r3, NULL };
  g_autofree char *out = write_rows (rows);

  assert_string_equal (out, "plain,\"with,comma\",\"with \"\"quote\"\"\",\"line\nbreak\",, spaced \r\n"
                            "\"\"\r\n"
                            "\"cr\r\",Ünïcödé\r\n");
}

static void
test_writer_refuses_invalid_utf8 (void **state)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (PosCsvWriter) writer = pos_csv_writer_new (stream);
  g_autoptr (GError) error = NULL;
  const char *const bad[] = { "ok", "\xff", NULL };
  const char *const with_null[] = { "a", NULL, "c" };

  assert_false (pos_csv_writer_row (writer, bad, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "field 2"));
  g_clear_error (&error);
  assert_true (pos_csv_writer_row_n (writer, with_null, 3, &error));
  assert_true (pos_csv_writer_close (writer, &error));
  assert_int_equal (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), 6);
  assert_memory_equal (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)), "a,,c\r\n", 6);
}

/* The tricky rows of a round trip, the i-th field of row n. */
static char *
tricky_field (guint n, guint i)
{
  switch ((n + i) % 7)
    {
      case 0:
        return g_strdup_printf ("%u", n);
      case 1:
        return g_strdup ("");
      case 2:
        return g_strdup_printf ("\"quoted\" %u, with comma", n);
      case 3:
        return g_strdup_printf ("two\r\nlines %u\nthree", n);
      case 4:
        return g_strdup ("Grüße €");
      case 5:
        return g_strdup (" ");
      default:
        return g_strnfill (n % 100, 'x');
    }
}

static void
test_round_trip_through_a_file_larger_than_the_buffer (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "round.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCsvWriter) writer = pos_csv_writer_new_for_path (path, &error);
  g_autoptr (PosCsvReader) reader = NULL;
  const guint n_rows = 20000, n_fields = 5;
  guint line = 1;

  pos_assert_no_error (error);
  for (guint n = 0; n < n_rows; n++)
    {
      char *fields[5];
      for (guint i = 0; i < n_fields; i++)
        fields[i] = tricky_field (n, i);
      assert_true (pos_csv_writer_row_n (writer, (const char *const *)fields, n_fields, &error));
      for (guint i = 0; i < n_fields; i++)
        g_free (fields[i]);
    }
  assert_true (pos_csv_writer_close (writer, &error));
  pos_assert_no_error (error);

  reader = pos_csv_reader_new_for_path (path, &error);
  pos_assert_no_error (error);
  for (guint n = 0; n < n_rows; n++)
    {
      g_autoptr (GPtrArray) fields = NULL;
      guint breaks = 0;

      assert_true (pos_csv_reader_next (reader, &fields, &error));
      assert_non_null (fields);
      assert_int_equal (fields->len, n_fields);
      assert_int_equal (pos_csv_reader_line (reader), line);
      for (guint i = 0; i < n_fields; i++)
        {
          g_autofree char *expected = tricky_field (n, i);
          assert_string_equal (g_ptr_array_index (fields, i), expected);
          for (const char *s = expected; *s != '\0'; s++)
            breaks += *s == '\n';
        }
      line += breaks + 1;
    }
  {
    g_autoptr (GPtrArray) end = NULL;
    assert_true (pos_csv_reader_next (reader, &end, &error));
    assert_null (end);
  }
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_unfinished_file_leaves_destination_alone (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *old_path = g_build_filename (dir, "old.csv", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.csv", NULL);
  g_autoptr (GError) error = NULL;
  const char *const row[] = { "new", "data", NULL };
  g_autofree char *content = NULL;
  g_autoptr (GDir) listing = NULL;
  guint n_files = 0;

  assert_true (g_file_set_contents (old_path, "old\r\n", -1, &error));
  for (guint i = 0; i < 2; i++)
    {
      PosCsvWriter *writer = pos_csv_writer_new_for_path (i == 0 ? old_path : new_path, &error);
      pos_assert_no_error (error);
      assert_true (pos_csv_writer_row (writer, row, &error));
      pos_csv_writer_free (writer); /* e.g. an export that failed half way */
    }
  assert_true (g_file_get_contents (old_path, &content, NULL, &error));
  assert_string_equal (content, "old\r\n");
  assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, &error);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  assert_int_equal (n_files, 1); /* no temporary copies left behind */
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_simple_records_with_and_without_trailing_newline),
    cmocka_unit_test (test_bom_is_stripped),
    cmocka_unit_test (test_empty_input_has_no_records),
    cmocka_unit_test (test_quoted_fields_with_commas_quotes_and_newlines),
    cmocka_unit_test (test_empty_fields_are_kept),
    cmocka_unit_test (test_blank_lines_are_skipped_but_counted),
    cmocka_unit_test (test_unterminated_quote_names_the_line_it_opened),
    cmocka_unit_test (test_stray_quotes_are_errors),
    cmocka_unit_test (test_invalid_utf8_names_the_line),
    cmocka_unit_test (test_invalid_utf8_with_nul_inside_data),
    cmocka_unit_test (test_record_size_is_limited),
    cmocka_unit_test (test_header_lookup_is_trimmed_and_case_insensitive),
    cmocka_unit_test (test_missing_file_is_not_found),
    cmocka_unit_test (test_writer_quotes_only_when_needed),
    cmocka_unit_test (test_writer_refuses_invalid_utf8),
    cmocka_unit_test (test_round_trip_through_a_file_larger_than_the_buffer),
    cmocka_unit_test (test_unfinished_file_leaves_destination_alone),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
