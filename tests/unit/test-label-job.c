/* test-label-job.c — a label run from the app: layouts, copies, PDF or
 * printer, and the record of what the shelf shows. */
#include "pos-test-util.h"

#include <string.h>

#include "pos-label-job.h"
#include "pos-label-source.h"

static PosTestStore *
store_with_products (void)
{
  PosTestStore *t = pos_test_store_new ();

  pos_test_exec (t->store, "INSERT INTO tax_rate (id, code, name, rate_bp) VALUES (1, 'A', 'Standard', 1900);"
                           "INSERT INTO product (id, sku, name, price, tax_rate_id, unit) VALUES "
                           "(1, 'TEA', 'Earl Grey', 349, 1, 'each'), (2, 'MILK', 'Milk', 119, 1, 'each');"
                           "INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1);");
  return t;
}

static GPtrArray *
labels_for (PosStore *store, const gint64 *ids, guint n)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *labels = pos_label_source_ids (store, ids, n, FALSE, &error);

  pos_assert_no_error (error);
  return labels;
}

static void
test_label_job_layout_follows_media_and_kind (void **state)
{
  assert_string_equal (pos_label_job_sheet (POS_LABEL_MEDIA_SHEET, POS_LABEL_KIND_SHELF)->name, "3x8");
  assert_string_equal (pos_label_job_sheet (POS_LABEL_MEDIA_SHEET, POS_LABEL_KIND_STICKER)->name, "4x10");
  assert_string_equal (pos_label_job_sheet (POS_LABEL_MEDIA_PRINTER, POS_LABEL_KIND_SHELF)->name,
                       "roll-58x40");
  assert_string_equal (pos_label_job_sheet (POS_LABEL_MEDIA_PRINTER, POS_LABEL_KIND_STICKER)->name,
                       "roll-40x30");
}

static void
test_label_source_ids_keeps_the_order_and_refuses_an_unknown_id (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  g_autoptr (GError) error = NULL;
  const gint64 ids[] = { 2, 1 }, unknown[] = { 1, 99 };
  g_autoptr (GPtrArray) labels = labels_for (t->store, ids, 2);

  assert_int_equal (labels->len, 2);
  assert_string_equal (((PosLabel *)labels->pdata[0])->code, "MILK");
  assert_string_equal (((PosLabel *)labels->pdata[1])->code, "4006381333931");
  assert_null (pos_label_source_ids (t->store, unknown, 2, FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

static void
test_label_job_copies_each_label_in_a_row (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  const gint64 ids[] = { 1, 2 };
  g_autoptr (GPtrArray) labels = labels_for (t->store, ids, 2);
  g_autoptr (GPtrArray) all = pos_label_job_expand (labels, 3);

  assert_int_equal (all->len, 6);
  for (guint i = 0; i < 6; i++)
    assert_ptr_equal (all->pdata[i], labels->pdata[i / 3]);
}

static guint
count_changed (PosStore *store)
{
  g_autoptr (GPtrArray) labels = pos_label_source_changed (store, FALSE, NULL);

  return labels->len;
}

/* A sheet layout goes to the printer as one PDF; the run is recorded. */
static void
test_label_job_prints_a_sheet_as_pdf_and_records_the_run (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  g_autoptr (GError) error = NULL;
  const gint64 ids[] = { 1 };
  g_autoptr (GPtrArray) labels = NULL;
  g_autofree char *path = g_build_filename (t->dir, "printer.bin", NULL);
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;

  pos_test_exec (t->store, "UPDATE product SET price = 379 WHERE sku = 'TEA'");
  assert_int_equal (count_changed (t->store), 1);
  labels = labels_for (t->store, ids, 1);
  assert_true (pos_label_job_run (t->store, labels, 2,
                                  pos_label_job_sheet (POS_LABEL_MEDIA_SHEET, POS_LABEL_KIND_SHELF), uri,
                                  NULL, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  assert_true (length > 4 && memcmp (bytes, "%PDF", 4) == 0);
  assert_int_equal (count_changed (t->store), 0);

  /* Not to the shop's receipt printer, which would print the PDF as text. */
  assert_false (pos_label_job_run (t->store, labels, 1,
                                   pos_label_job_sheet (POS_LABEL_MEDIA_SHEET, POS_LABEL_KIND_SHELF), NULL,
                                   NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
}

/* A label-printer layout goes as ESC/POS: an image and a cut per copy. */
static void
test_label_job_prints_a_roll_as_one_cut_per_copy (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  g_autoptr (GError) error = NULL;
  const gint64 ids[] = { 2 };
  g_autoptr (GPtrArray) labels = labels_for (t->store, ids, 1);
  g_autofree char *path = g_build_filename (t->dir, "printer.bin", NULL);
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  guint cuts = 0;

  assert_true (pos_label_job_run (t->store, labels, 3,
                                  pos_label_job_sheet (POS_LABEL_MEDIA_PRINTER, POS_LABEL_KIND_STICKER), uri,
                                  NULL, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  for (gsize i = 0; i + 2 < length; i++)
    if (bytes[i] == 0x1d && bytes[i + 1] == 'V' && bytes[i + 2] == 66)
      cuts++;
  assert_int_equal (cuts, 3);
}

typedef struct
{
  GMainLoop *loop;
  GError *error;
  gboolean ok;
} Wait;

static void
on_run_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->ok = pos_label_job_run_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Save PDF in a worker on its own connection; nothing to print is refused. */
static void
test_label_job_saves_a_pdf_off_the_calling_thread (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  const gint64 ids[] = { 1, 2 };
  g_autoptr (GPtrArray) labels = labels_for (t->store, ids, 2);
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autofree char *pdf = g_build_filename (t->dir, "labels.pdf", NULL);
  const PosLabelSheet *sheet = pos_label_job_sheet (POS_LABEL_MEDIA_SHEET, POS_LABEL_KIND_STICKER);
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL, FALSE };

  pos_label_job_run_async (t->store, labels, 1, sheet, NULL, pdf, NULL, on_run_done_cb, &wait);
  g_main_loop_run (wait.loop);
  pos_assert_no_error (wait.error);
  assert_true (wait.ok);
  assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  pos_label_job_run_async (t->store, none, 1, sheet, NULL, pdf, NULL, on_run_done_cb, &wait);
  g_main_loop_run (wait.loop);
  assert_false (wait.ok);
  pos_assert_error (wait.error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&wait.error);
  g_main_loop_unref (wait.loop);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_label_job_layout_follows_media_and_kind),
    cmocka_unit_test (test_label_source_ids_keeps_the_order_and_refuses_an_unknown_id),
    cmocka_unit_test (test_label_job_copies_each_label_in_a_row),
    cmocka_unit_test (test_label_job_prints_a_sheet_as_pdf_and_records_the_run),
    cmocka_unit_test (test_label_job_prints_a_roll_as_one_cut_per_copy),
    cmocka_unit_test (test_label_job_saves_a_pdf_off_the_calling_thread),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
