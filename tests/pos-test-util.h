/* pos-test-util.h — what most tests need: cmocka, a fresh store on disk. */
#pragma once

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

/* A new folder under $TMPDIR, removed with everything in it by
 * pos_test_tmpdir_free(). */
char *pos_test_tmpdir_new (void);
void pos_test_tmpdir_free (char *path);

/* A freshly created and migrated store file in its own temporary folder. */
typedef struct
{
  char *dir;
  char *path;
  PosStore *store;
} PosTestStore;

PosTestStore *pos_test_store_new (void);
void pos_test_store_free (PosTestStore *fixture);

/* Fails the test with the error's message when @error is set. */
#define pos_assert_no_error(error)                                                                           \
  do                                                                                                         \
    {                                                                                                        \
      if ((error) != NULL)                                                                                   \
        fail_msg ("unexpected error: %s", (error)->message);                                                 \
    }                                                                                                        \
  while (0)

#define pos_assert_error(error, domain, expected)                                                            \
  do                                                                                                         \
    {                                                                                                        \
      assert_non_null (error);                                                                               \
      if (!g_error_matches ((error), (domain), (expected)))                                                  \
        fail_msg ("expected error code %d, got %d: %s", (int)(expected), (int)(error)->code,                 \
                  (error)->message);                                                                         \
    }                                                                                                        \
  while (0)

/* Counts the rows of a query with no parameters, e.g. "SELECT count(*) FROM sale". */
gint64 pos_test_query_int (PosStore *store, const char *sql);
/* The first column of @sql's first row as text; NULL for no row or NULL. */
char *pos_test_query_text (PosStore *store, const char *sql);

/* Runs @sql (one or more statements with no parameters); fails the test
 * with the statement and the error when it fails. */
void pos_test_exec (PosStore *store, const char *sql);
/* Every event of @store waits for the hub again, as if no push had been answered. */
void pos_test_push_again (PosStore *store);
/* The schema version a new store has: the number of the last migration. */
#define POS_TEST_SCHEMA_LATEST 37

/* Takes away what the migrations after 007 added and sets user_version to 7:
 * the store as schema 7 left it, for the upgrade tests. A new migration
 * adds its undo here. */
void pos_test_make_schema_7 (PosStore *store);

/* Takes away what the migrations after @version (18 or later) added and
 * sets user_version to @version, newest first, as pos_test_make_schema_7()
 * does: for a test of one migration's upgrade. */
void pos_test_undo_migrations_after (PosStore *store, int version);

/* Fails the test unless @haystack (nullable) contains @needle. */
void pos_assert_contains (const char *haystack, const char *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosTestStore, pos_test_store_free)

G_END_DECLS
