/* pos-cli-io.c — `import`, `export`, `backup` and `restore`. */
#include "pos-cli.h"

#include <stdio.h>

#include "pos-backup.h"
#include "pos-export.h"
#include "pos-import.h"
#include "pos-permission.h"

#define AS_ENTRIES(as, as_pin)                                                                               \
  { "as", 0, 0, G_OPTION_ARG_STRING, &(as), NULL, NULL },                                                    \
  {                                                                                                          \
    "as-pin", 0, 0, G_OPTION_ARG_STRING, &(as_pin), NULL, NULL                                               \
  }

/* Signs in the user named by --as and checks they may do @action: what
 * leaves the store (exports, backups) or replaces it is the owner's. */
static PosUser *
sign_in_for (PosCli *cli, const char *as, const char *as_pin, PosAction action, GError **error)
{
  g_autoptr (PosUser) user = pos_cli_login (cli, as, as_pin, "an owner's (--as, --as-pin)", error);

  if (user == NULL || !pos_permission_check (user, action, NULL, error))
    return NULL;
  return g_steal_pointer (&user);
}

static void
print_import (PosCli *cli, const PosImportReport *report, gboolean dry_run)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (!cli->json)
    {
      printf ("%u rows: %u added, %u updated, %u skipped%s\n", report->rows, report->added, report->updated,
              report->skipped, dry_run ? " (dry run: nothing written)" : "");
      for (guint i = 0; i < report->row_errors->len; i++)
        printf ("%s\n", (char *)g_ptr_array_index (report->row_errors, i));
      return;
    }
  json_builder_begin_object (b);
#define INT(name, value) (json_builder_set_member_name (b, name), json_builder_add_int_value (b, value))
  INT ("rows", report->rows);
  INT ("added", report->added);
  INT ("updated", report->updated);
  INT ("skipped", report->skipped);
#undef INT
  json_builder_set_member_name (b, "dry_run");
  json_builder_add_boolean_value (b, dry_run);
  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->row_errors->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (report->row_errors, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  pos_cli_print_json (root);
}

int
pos_cli_import (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "import products|customers FILE [--format native|ospos] [--dry-run] "
                              "[--skip-invalid] --as NAME --as-pin PIN";
  g_autofree char *format_text = NULL, *as = NULL, *as_pin = NULL;
  gboolean dry_run = FALSE, skip_invalid = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, NULL, NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, NULL, NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid, NULL, NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, NULL, NULL },
    { "as-pin", 0, 0, G_OPTION_ARG_STRING, &as_pin, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  g_autoptr (PosUser) user = NULL;
  PosImportFormat format = POS_IMPORT_NATIVE;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 3)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if (format_text != NULL && !pos_import_format_parse (format_text, &format))
    return pos_cli_usage (usage, "--format is native or ospos");
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (argv[1], "products"))
    report = (user = sign_in_for (cli, as, as_pin, POS_ACTION_EDIT_CATALOG, &error))
                 ? pos_import_products (cli->store, argv[2], format, dry_run, skip_invalid, &error)
                 : NULL;
  else if (g_str_equal (argv[1], "customers"))
    report = (user = pos_cli_login (cli, as, as_pin, "a supervisor's (--as, --as-pin)", &error))
                 ? pos_import_customers (cli->store, user, argv[2], format, dry_run, skip_invalid, &error)
                 : NULL;
  else
    return pos_cli_usage (usage, NULL);
  if (report == NULL)
    return pos_cli_fail (error);
  print_import (cli, report, dry_run);
  return report->row_errors->len > 0 && !skip_invalid ? POS_EXIT_INVALID : POS_EXIT_OK;
}

int
pos_cli_export (PosCli *cli, int argc, char **argv)
{
  static const char usage[]
      = "export products FILE | export sales FILE [--from DAY] [--to DAY]   (needs --as NAME --as-pin PIN)";
  g_autofree char *from = NULL, *to = NULL, *as = NULL, *as_pin = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, NULL, NULL },
    AS_ENTRIES (as, as_pin),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  gboolean ok;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 3)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if ((user = sign_in_for (cli, as, as_pin, POS_ACTION_SETTINGS, &error)) == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (argv[1], "products"))
    ok = pos_export_products (cli->store, argv[2], &error);
  else if (g_str_equal (argv[1], "sales"))
    ok = pos_export_sales (cli->store, argv[2], from, to, &error);
  else
    return pos_cli_usage (usage, NULL);
  return ok ? POS_EXIT_OK : pos_cli_fail (error);
}

int
pos_cli_backup (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "backup FOLDER [--keep N] --as NAME --as-pin PIN";
  g_autofree char *as = NULL, *as_pin = NULL;
  gint keep = 14;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, NULL, NULL },
    AS_ENTRIES (as, as_pin),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autofree char *written = NULL;
  g_autoptr (JsonBuilder) b = NULL;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 2 || keep < 0)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if ((user = sign_in_for (cli, as, as_pin, POS_ACTION_SETTINGS, &error)) == NULL
      || !pos_backup_to_folder (cli->store, argv[1], keep, &written, &error))
    return pos_cli_fail (error);
  if (!cli->json)
    {
      printf ("%s\n", written);
      return POS_EXIT_OK;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "backup");
  json_builder_add_string_value (b, written);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

/* Restores over the store at --store, signed in as an owner of that store
 * (a machine without a store has nothing to protect): the copy is checked
 * first, and the store it replaces is kept beside it. Close the app before restoring.
 * Events the replaced store held beyond the backup are named, so that no
 * sale is left behind unnoticed in the kept file. */
int
pos_cli_restore (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "restore BACKUP --as NAME --as-pin PIN";
  g_autofree char *as = NULL, *as_pin = NULL;
  GOptionEntry entries[] = {
    AS_ENTRIES (as, as_pin),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autofree char *kept = NULL;
  gint64 newer;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 2)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if (g_file_test (cli->store_path, G_FILE_TEST_EXISTS)
      && (user = sign_in_for (cli, as, as_pin, POS_ACTION_SETTINGS, &error)) == NULL)
    return pos_cli_fail (error);
  g_clear_pointer (&cli->store, pos_store_close); /* the file is about to be replaced */
  newer = pos_backup_count_newer_events (argv[1], cli->store_path);
  if (!pos_backup_restore (argv[1], cli->store_path, &kept, &error))
    return pos_cli_fail (error);
  if (newer > 0 && kept != NULL)
    fprintf (stderr,
             "mainstreet-admin: %" G_GINT64_FORMAT " %s recorded after that backup; not in the restored "
             "store, %s kept only in %s (sync or export from it before removing it)\n",
             newer, newer == 1 ? "event was" : "events were", newer == 1 ? "it is" : "they are", kept);
  if (!cli->json && kept != NULL)
    printf ("Restored %s from %s (the previous store is kept as %s)\n", cli->store_path, argv[1], kept);
  else if (!cli->json)
    printf ("Restored %s from %s\n", cli->store_path, argv[1]);
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "restored");
  json_builder_add_string_value (b, cli->store_path);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, argv[1]);
  json_builder_set_member_name (b, "kept_as");
  json_builder_add_string_value (b, kept);
  json_builder_set_member_name (b, "events_after_backup");
  json_builder_add_int_value (b, newer);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}
