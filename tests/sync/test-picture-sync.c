/* test-picture-sync.c — product pictures between tills through a real PostgreSQL hub. */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pos-catalog.h"
#include "pos-hub.h"
#include "pos-product-image.h"
#include "pos-sync-apply.h"
#include "pos-sync.h"
#include "pos-test-hub.h"
#include "pos-test-pg.h"
#include "pos-store-private.h"

static PosTestPg *pg;

/* Fixtures ------------------------------------------------------------------- */

typedef struct
{
  PosTestStore *t;
  PosStore *store;
  char *till_id;
  char *conninfo; /* the till's own role */
} Till;

static void
till_free (Till *till)
{
  pos_test_store_free (till->t);
  g_free (till->till_id);
  g_free (till->conninfo);
  g_free (till);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Till, till_free)

/* A till with its own store and tax rates, registered on @hub. */
static Till *
till_new (PosTestHub *hub, const char *till_id)
{
  Till *till = g_new0 (Till, 1);

  till->till_id = g_strdup (till_id);
  till->t = pos_test_store_new ();
  till->store = till->t->store;
  assert_true (pos_store_set_setting (till->store, "till_id", till_id, NULL));
  assert_true (pos_store_set_setting (till->store, "currency", "EUR", NULL));
  assert_true (pos_store_exec (
      till->store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 2000)", NULL));
  till->conninfo = pos_test_hub_add_till (hub, till_id);
  return till;
}

static PosSyncStats
sync_ok (Till *till)
{
  g_autoptr (GError) error = NULL;
  PosSyncStats stats = { 0 };

  if (!pos_sync_run (till->store, till->conninfo, NULL, &stats, &error))
    fail_msg ("sync of %s failed: %s", till->till_id, error->message);
  return stats;
}

static void
add_product (Till *till, const char *sku)
{
  g_autoptr (PosProduct) p = pos_product_new ();
  g_autoptr (GError) error = NULL;

  p->sku = g_strdup (sku);
  p->name = g_strdup_printf ("Product %s", sku);
  p->price = 250;
  p->tax_rate_id = pos_catalog_tax_rate_id (till->store, "A", NULL);
  assert_true (pos_catalog_save (till->store, p, &error));
  pos_assert_no_error (error);
}

/* A picture as PNG bytes, one colour. */
static GBytes *
png_bytes (guint32 colour)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 48, 32);
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, colour);
  assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", NULL, NULL));
  return g_bytes_new_take (data, size);
}

/* Gives @sku at @till the picture @bytes (NULL: none), as the product
 * details do: the file is copied beside the store, then the product saved. */
static void
set_picture (Till *till, const char *sku, GBytes *bytes)
{
  g_autoptr (PosProduct) p = pos_catalog_lookup (till->store, sku, NULL);
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *file = g_build_filename (dir, "chosen.png", NULL);
  g_autoptr (GError) error = NULL;

  assert_non_null (p);
  g_clear_pointer (&p->image_path, g_free);
  if (bytes != NULL)
    {
      assert_true (
          g_file_set_contents (file, g_bytes_get_data (bytes, NULL), (gssize)g_bytes_get_size (bytes), NULL));
      p->image_path = pos_product_image_import (till->store, file, &error);
      pos_assert_no_error (error);
    }
  assert_true (pos_catalog_save (till->store, p, &error));
  pos_assert_no_error (error);
}

static char *
image_path (Till *till, const char *sku)
{
  g_autoptr (PosProduct) p = pos_catalog_lookup (till->store, sku, NULL);

  assert_non_null (p);
  return g_strdup (p->image_path);
}

/* The till shows @bytes for @sku: the product names the picture and the
 * file beside its store holds those bytes. */
static void
assert_shows (Till *till, const char *sku, GBytes *bytes)
{
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *want = g_strdup_printf ("images/%s.png", sha);
  g_autofree char *got = image_path (till, sku);
  g_autofree char *path = pos_product_image_resolve (till->store, want);
  g_autofree char *data = NULL;
  gsize size = 0;

  assert_string_equal (got, want);
  if (!g_file_get_contents (path, &data, &size, NULL))
    fail_msg ("%s lacks the picture of %s", till->till_id, sku);
  assert_int_equal (size, g_bytes_get_size (bytes));
  assert_memory_equal (data, g_bytes_get_data (bytes, NULL), size);
}

/* Tests ---------------------------------------------------------------------- */

/* A picture chosen on a till with no hub in reach reaches the other till
 * at their next syncs; it goes up once however many products show it and
 * however often they sync, and never inside the product's event. A till
 * that lost the file fetches it again. */
static void
test_picture_set_offline_reaches_the_other_till_once (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "pictures");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (GBytes) tea = png_bytes (0xc08040ff);
  g_autofree char *path = NULL, *kept = NULL;
  PosSyncStats s1, s2;

  add_product (t1, "TEA");
  add_product (t1, "CHAI");
  sync_ok (t1);
  sync_ok (t2);
  set_picture (t1, "TEA", tea); /* offline: no sync in between */
  set_picture (t1, "CHAI", tea);
  assert_null (image_path (t2, "TEA"));

  s1 = sync_ok (t1);
  assert_int_equal (s1.pictures_sent, 1);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM picture"), 1);
  assert_true (pos_test_hub_int (hub, "SELECT max (length (payload)) FROM event WHERE type = 'product.saved'")
               < 1000);
  s2 = sync_ok (t2);
  assert_int_equal (s2.pictures_received, 1);
  assert_int_equal (s2.pictures_sent, 0);
  assert_shows (t2, "TEA", tea);
  assert_shows (t2, "CHAI", tea);

  for (int i = 0; i < 2; i++)
    {
      s1 = sync_ok (t1);
      s2 = sync_ok (t2);
      assert_int_equal (s1.pictures_sent + s1.pictures_received + s2.pictures_sent + s2.pictures_received, 0);
    }
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM picture WHERE on_hub = 1"), 1);

  /* A store put back without its picture folder fetches the pictures again. */
  path = image_path (t2, "TEA");
  kept = pos_product_image_resolve (t2->store, path);
  assert_int_equal (g_unlink (kept), 0);
  s2 = sync_ok (t2);
  assert_int_equal (s2.pictures_received, 1);
  assert_shows (t2, "TEA", tea);
}

/* Taking a picture away, or choosing another, reaches the other till too. */
static void
test_picture_removal_and_change_reach_the_other_till (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "pictures");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (GBytes) tea = png_bytes (0xc08040ff);
  g_autoptr (GBytes) green = png_bytes (0x40a040ff);
  g_autofree char *gone = NULL;

  add_product (t1, "TEA");
  set_picture (t1, "TEA", tea);
  sync_ok (t1);
  sync_ok (t2);
  assert_shows (t2, "TEA", tea);

  set_picture (t2, "TEA", green); /* the other way round this time */
  sync_ok (t2);
  sync_ok (t1);
  assert_shows (t1, "TEA", green);

  set_picture (t1, "TEA", NULL);
  sync_ok (t1);
  sync_ok (t2);
  gone = image_path (t2, "TEA");
  assert_null (gone);
}

/* A till set up after the pictures were chosen gets them with the
 * catalog at its first sync. */
static void
test_till_that_joins_later_gets_the_pictures (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "pictures");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t3 = NULL;
  g_autoptr (GBytes) tea = png_bytes (0xc08040ff);
  g_autoptr (GBytes) milk = png_bytes (0xf0f0f0ff);
  PosSyncStats stats;

  add_product (t1, "TEA");
  add_product (t1, "MILK");
  set_picture (t1, "TEA", tea);
  set_picture (t1, "MILK", milk);
  sync_ok (t1);

  t3 = till_new (hub, "T3");
  stats = sync_ok (t3);
  assert_int_equal (stats.pictures_received, 2);
  assert_shows (t3, "TEA", tea);
  assert_shows (t3, "MILK", milk);
}

/* The hub refuses a picture whose bytes do not hash to its name, and a
 * till never changes or removes one; a till refuses such a picture too,
 * should the hub hold one (its check taken away by hand), and keeps
 * nothing of it. */
static void
test_picture_not_matching_its_hash_is_refused (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "pictures");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PGconn) as_till = NULL;
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GBytes) tea = png_bytes (0xc08040ff);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, tea);
  g_autofree char *forged = NULL, *path = NULL, *file = NULL;
  PosSyncStats stats;

  as_till = pos_hub_connect (t1->conninfo, NULL);
  assert_non_null (as_till);
  forged = g_strdup_printf ("INSERT INTO picture (sha256, bytes) VALUES ('%s', '\\x89504e47')", sha);
  result = PQexec (as_till, forged);
  assert_int_equal (PQresultStatus (result), PGRES_FATAL_ERROR);
  assert_string_equal (PQresultErrorField (result, PG_DIAG_SQLSTATE), "23514"); /* check violation */
  g_clear_pointer (&result, PQclear);
  result = PQexec (as_till, "DELETE FROM picture");
  assert_int_equal (PQresultStatus (result), PGRES_FATAL_ERROR);

  add_product (t1, "TEA");
  set_picture (t1, "TEA", tea);
  pos_test_hub_exec (hub, "ALTER TABLE picture DROP CONSTRAINT picture_matches_its_hash");
  pos_test_hub_exec (hub, forged);
  stats = sync_ok (t1);
  assert_int_equal (stats.pictures_sent, 0); /* the hub claims to hold it */
  stats = sync_ok (t2);
  assert_int_equal (stats.pictures_received, 0);
  assert_int_equal (stats.pictures_refused, 1);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM picture"), 0);
  path = image_path (t2, "TEA");
  file = pos_product_image_resolve (t2->store, path);
  assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

/* A hub set up before pictures (schema 6) is upgraded by `hub init`
 * again; until then a till says what to do rather than losing pictures. */
static void
test_hub_of_before_pictures_is_upgraded (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "pictures");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (GBytes) tea = png_bytes (0xc08040ff);
  g_autoptr (GError) error = NULL;
  g_autofree char *version = NULL;
  PosSyncStats stats = { 0 };

  pos_test_hub_exec (hub, "DROP TABLE picture; UPDATE hub_meta SET value = '6' WHERE key = 'schema_version'");
  add_product (t1, "TEA");
  set_picture (t1, "TEA", tea);
  assert_false (pos_sync_run (t1->store, t1->conninfo, NULL, &stats, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB);
  pos_assert_contains (error->message, "hub init");

  pos_test_hub_init (hub);
  version = pos_test_hub_text (hub, "SELECT value FROM hub_meta WHERE key = 'schema_version'");
  assert_int_equal (g_ascii_strtoll (version, NULL, 10), POS_HUB_SCHEMA_VERSION);
  assert_int_equal (POS_HUB_SCHEMA_VERSION, 16);
  stats = sync_ok (t1);
  assert_int_equal (stats.pictures_sent, 1);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM picture"), 1);
}

/* A product event whose picture is not a picture's name (a path, say) is
 * refused naming the event; nothing is written. */
static void
test_event_with_a_malformed_picture_is_refused (void **state)
{
  static const char *const pictures[] = { "\"../../../etc/passwd\"", "\"cafe.png\"", "7" };
  g_autoptr (PosTestStore) t = pos_test_store_new ();

  pos_test_exec (t->store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 2000)");
  for (guint i = 0; i < G_N_ELEMENTS (pictures); i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"sku\":\"TEA\",\"name\":\"Tea\",\"unit\":\"each\","
                                                  "\"price\":250,\"tax_code\":\"A\",\"picture\":%s}",
                                                  pictures[i]);
      g_autoptr (GError) error = NULL;
      PosJournalEvent event = {
        .event_id = (char *)"01900000-0000-7000-8000-000000000001",
        .till_id = (char *)"T2",
        .till_seq = 1,
        .hlc = (char *)"000001764321000123:00002:T2",
        .type = (char *)"product.saved",
        .payload = payload,
        .prev_hash = (char *)POS_JOURNAL_GENESIS_HASH,
      };

      assert_true (pos_store_begin (t->store, NULL));
      assert_false (pos_sync_apply_event (t->store, &event, &error));
      pos_store_rollback (t->store);
      pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_APPLY);
      pos_assert_contains (error->message, "picture");
      assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM product"), 0);
    }
}

static int
start_hub_server (void **state)
{
  pg = pos_test_pg_start ();
  return pg == NULL ? -1 : 0;
}

static int
stop_hub_server (void **state)
{
  g_clear_pointer (&pg, pos_test_pg_free);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_picture_set_offline_reaches_the_other_till_once),
    cmocka_unit_test (test_picture_removal_and_change_reach_the_other_till),
    cmocka_unit_test (test_till_that_joins_later_gets_the_pictures),
    cmocka_unit_test (test_picture_not_matching_its_hash_is_refused),
    cmocka_unit_test (test_hub_of_before_pictures_is_upgraded),
    cmocka_unit_test (test_event_with_a_malformed_picture_is_refused),
  };

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, start_hub_server, stop_hub_server);
}
