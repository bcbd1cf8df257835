/* pos-ui-bench.c — the app's performance figures, from the command line.
 *
 *   pos-ui-bench MAINSTREET-BENCH DIR [SMALL BIG]
 *
 * makes (or reuses) two demo stores in DIR, SMALL and BIG products (1,000
 * and 1,000,000 by default) with a short sales history, then measures
 * figures 5–7 and 6b with pos_bench_ui() under the current DISPLAY and prints
 * them as JSON. Exit 0 only when every figure passes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "pos-bench-ui.h"
#include "pos-demo.h"
#include "pos-users-testing.h"

/* DIR/ui-bench-<products>.db, made when missing (under a temporary name
 * first, so an interrupted run is never reused). */
static char *
ensure_store (const char *dir, guint products, GError **error)
{
  g_autofree char *name = g_strdup_printf ("ui-bench-%u.db", products);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  PosDemoOptions options = { products, 7, 20000, 1 };
  g_autoptr (PosStore) store = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);
  g_unlink (partial);
  store = pos_store_open (partial, POS_STORE_OPEN_CREATE, error);
  if (store == NULL || !pos_demo_populate (store, &options, error))
    return NULL;
  g_clear_pointer (&store, pos_store_close);
  if (g_rename (partial, path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot rename %s", partial);
      return NULL;
    }
  return g_steal_pointer (&path);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) figures = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  g_autofree char *text = NULL;
  gboolean pass = TRUE;

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  if (argc != 3 && argc != 5)
    {
      fprintf (stderr, "usage: pos-ui-bench MAINSTREET-BENCH DIR [SMALL BIG]\n");
      return 2;
    }
  if (g_mkdir_with_parents (argv[2], 0700) != 0
      || (small = ensure_store (argv[2], argc == 5 ? (guint)atoi (argv[3]) : 1000, &error)) == NULL
      || (big = ensure_store (argv[2], argc == 5 ? (guint)atoi (argv[4]) : 1000000, &error)) == NULL
      || !pos_bench_ui (argv[1], small, big, figures, &error))
    {
      fprintf (stderr, "pos-ui-bench: %s\n", error ? error->message : "cannot make the folder");
      return 1;
    }
  json_node_set_object (node, figures);
  text = json_to_string (node, TRUE);
  puts (text);
  for (const char *const *id = (const char *const[]){ "5", "6", "6b", "7", NULL }; *id; id++)
    pass = pass && json_object_has_member (figures, *id)
           && json_object_get_boolean_member (json_object_get_object_member (figures, *id), "pass");
  return pass ? 0 : 1;
}
