/* pos-cli-bench.c — `bench` (the performance budgets, measured) and
 * `demo-shop` (a shop of any size to try or to measure).
 */
#include "pos-cli.h"

#include <stdio.h>

#include "pos-bench.h"
#include "pos-demo.h"

/*
 * bench [--quick] [--json] [--dir DIR] [--hub CONNINFO] [--app PATH]
 * [--products N [--sales-lines M]]: exit 0 only when every figure measured
 * passes. --products measures a store of that size (and M sale lines,
 * default 10,000) with the full run's samples: a big catalog without the
 * hour it takes to ring up ten million lines. Sync push (figure 8) needs
 * --hub, a PostgreSQL admin role the benchmark may make a scratch schema
 * with; the app's figures (5-7) need --app, the `mainstreet` executable,
 * and a display.
 */
int
pos_cli_bench (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "bench [--quick] [--json] [--dir DIR] [--hub CONNINFO] [--app PATH] "
                              "[--products N [--sales-lines M]]";
  gboolean quick = FALSE;
  gint products = 0;
  gint64 lines = 0;
  g_autofree char *dir = NULL;
  g_autofree char *hub = NULL;
  g_autofree char *app = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, NULL, NULL },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, NULL, NULL },
    { "hub", 0, 0, G_OPTION_ARG_STRING, &hub, NULL, NULL },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, NULL, NULL },
    { "products", 0, 0, G_OPTION_ARG_INT, &products, NULL, NULL },
    { "sales-lines", 0, 0, G_OPTION_ARG_INT64, &lines, NULL, NULL },
    { NULL },
  };
  PosBenchOptions options = { 0 };
  PosBenchSize size;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) result = NULL;
  JsonArray *figures;
  gboolean all_pass = TRUE;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 1)
    return pos_cli_usage (usage, error ? error->message : "bench takes no arguments");
  if (dir == NULL)
    dir = g_build_filename (g_get_user_cache_dir (), "mainstreet", "bench", NULL);
  if (hub != NULL && *hub == '\0')
    return pos_cli_usage (usage, "--hub needs a PostgreSQL connection string");
  options.quick = quick;
  options.hub = hub;
  options.mainstreet = app;
  options.admin = self; /* figure 9 times this program's own start */
  if (products < 0 || lines < 0 || (lines > 0 && products == 0))
    return pos_cli_usage (usage, "--products is a whole number > 0, and --sales-lines needs it");
  pos_bench_size_for (quick, &size);
  if (products > 0)
    size.products = (guint)products, size.sale_lines = lines > 0 ? lines : 10000, size.days = 30;
  result = pos_bench_run_sized (dir, &size, &options, &error);
  if (result == NULL)
    return pos_cli_fail (error);

  if (cli->json)
    pos_cli_print_json (result);
  else
    {
      g_autofree char *text = pos_bench_format (result);
      fputs (text, stdout);
    }
  figures = json_object_get_array_member (json_node_get_object (result), "figures");
  for (guint i = 0; i < json_array_get_length (figures); i++)
    all_pass
        = all_pass && json_object_get_boolean_member (json_array_get_object_element (figures, i), "pass");
  return all_pass ? POS_EXIT_OK : POS_EXIT_FAILED;
}

static JsonNode *
summary (PosStore *store, double seconds)
{
  JsonNode *node = pos_demo_summary (store);

  json_object_set_double_member (json_node_get_object (node), "seconds", seconds);
  return node;
}

/*
 * demo-shop [--products N] [--sales-lines M] [--days D] [--seed S]: a new
 * store at the --store path. Without --products it is the corner shop;
 * with them, or with --sales-lines, the bulk benchmark shop.
 */
int
pos_cli_demo_shop (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "demo-shop --products N --sales-lines M [--days D] [--seed S]";
  gint products = 0, days = 0;
  gint64 lines = 0, seed = 0;
  GOptionEntry entries[] = {
    { "products", 0, 0, G_OPTION_ARG_INT, &products, NULL, NULL },
    { "sales-lines", 0, 0, G_OPTION_ARG_INT64, &lines, NULL, NULL },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, NULL, NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) result = NULL;
  PosDemoOptions options;
  gint64 started = g_get_monotonic_time ();

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 1)
    return pos_cli_usage (usage, error ? error->message : "demo-shop takes no arguments");
  if (products < 0 || days < 0 || lines < 0 || seed < 0)
    return pos_cli_usage (usage, "--products, --sales-lines, --days and --seed are whole numbers ≥ 0");
  if (g_file_test (cli->store_path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "mainstreet-admin: %s already exists; nothing was changed\n", cli->store_path);
      return POS_EXIT_REFUSED;
    }
  options = (PosDemoOptions){ (guint)products, (guint)days, lines, (guint64)seed };
  cli->store = pos_store_open (cli->store_path, POS_STORE_OPEN_CREATE, &error);
  if (cli->store == NULL || !pos_demo_populate (cli->store, &options, &error))
    return pos_cli_fail (error);

  result = summary (cli->store, (double)(g_get_monotonic_time () - started) / G_USEC_PER_SEC);
  if (cli->json)
    pos_cli_print_json (result);
  else
    {
      JsonObject *o = json_node_get_object (result);
      printf ("Created %s: %" G_GINT64_FORMAT " products, %" G_GINT64_FORMAT " sales with %" G_GINT64_FORMAT
              " lines in %.1f s\n",
              cli->store_path, json_object_get_int_member (o, "products"),
              json_object_get_int_member (o, "sales"), json_object_get_int_member (o, "sale_lines"),
              json_object_get_double_member (o, "seconds"));
    }
  return POS_EXIT_OK;
}
