/* fuzz-csv.c — the CSV reader and import row validation on any file.
 *
 * Input: a CSV file. The reader must take it apart record by record
 * (a small record limit, so long fields take the error path) without
 * crashing; then the same file goes through a dry-run import of products
 * and of customers, in both formats, on a small store, where every row is
 * checked and a bad one reported, never written.
 */
#include "pos-fuzz.h"

#include <string.h>

#include "pos-csv.h"
#include "pos-import.h"

static void
read_all (const uint8_t *data, size_t size)
{
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_data ((const char *)data, (gssize)size);
  GPtrArray *fields = NULL;
  g_autoptr (GError) error = NULL;

  pos_csv_reader_set_max_record_bytes (reader, 4096);
  while (pos_csv_reader_next (reader, &fields, &error) && fields != NULL)
    {
      for (guint i = 0; i < fields->len; i++)
        if (pos_csv_field (fields, (int)i) == NULL
            || !g_utf8_validate (pos_csv_field (fields, (int)i), -1, NULL))
          pos_fuzz_fail ("field %u of a record is missing or not UTF-8", i);
      g_clear_pointer (&fields, g_ptr_array_unref);
    }
}

static void
check_report (PosImportReport *report, GError *error)
{
  if (report == NULL && error == NULL)
    pos_fuzz_fail ("an import failed without saying why");
  if (report != NULL && report->added + report->updated + report->skipped > report->rows)
    pos_fuzz_fail ("an import counted %u rows but %u added, %u updated, %u skipped", report->rows,
                   report->added, report->updated, report->skipped);
}

static void
import_all (const uint8_t *data, size_t size)
{
  PosStore *store = pos_fuzz_store ();
  g_autofree char *path = g_build_filename (pos_fuzz_dir (), "input.csv", NULL);

  if (!g_file_set_contents (path, (const char *)data, (gssize)size, NULL))
    pos_fuzz_fail ("cannot write %s", path);
  for (PosImportFormat format = POS_IMPORT_NATIVE; format <= POS_IMPORT_OSPOS; format++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) customer_error = NULL;
      g_autoptr (PosImportReport) products = pos_import_products (store, path, format, TRUE, TRUE, &error);
      g_autoptr (PosImportReport) customers
          = pos_import_customers (store, pos_fuzz_owner (), path, format, TRUE, TRUE, &customer_error);
      check_report (products, error);
      check_report (customers, customer_error);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  read_all (data, size);
  import_all (data, size);
  return 0;
}
