/* pos-cli-io.c — `import`, `export`, `backup` and `restore`. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "pos-backup-create.h"
#include "pos-backup-manifest.h"
#include "pos-restore.h"
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
      printf (_ ("%u rows: %u added, %u updated, %u skipped%s\n"), report->rows, report->added,
              report->updated, report->skipped, dry_run ? " (dry run: nothing written)" : "");
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

/* "," ";" "|", or "tab" (a tab is hard to type in a shell). */
static gboolean
parse_delimiter (const char *text, char *out)
{
  if (g_ascii_strcasecmp (text, "tab") == 0 || g_str_equal (text, "\t"))
    return *out = '\t', TRUE;
  if (strlen (text) != 1 || *text == '"' || g_ascii_isalnum (*text) || *text == '\n' || *text == '\r')
    return FALSE;
  *out = *text;
  return TRUE;
}

int
pos_cli_import (PosCli *cli, int argc, char **argv)
{
  static const char usage[]
      = "import products|customers FILE [--format native|ospos] [--dry-run] "
        "[--skip-invalid] [--delimiter ';'] [--encoding WINDOWS-1252] [--decimal-comma] "
        "--as NAME --as-pin PIN";
  g_autofree char *format_text = NULL, *as = NULL, *as_pin = NULL, *delimiter = NULL, *encoding = NULL;
  gboolean dry_run = FALSE, skip_invalid = FALSE, decimal_comma = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, NULL, NULL },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter, NULL, NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, NULL, NULL },
    { "decimal-comma", 0, 0, G_OPTION_ARG_NONE, &decimal_comma, NULL, NULL },
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
  PosImportOptions options = POS_IMPORT_OPTIONS_DETECT;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 3)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if (format_text != NULL && !pos_import_format_parse (format_text, &format))
    return pos_cli_usage (usage, "--format is native or ospos");
  if (delimiter != NULL && !parse_delimiter (delimiter, &options.delimiter))
    return pos_cli_usage (usage, "--delimiter is one character: ',', ';' or 'tab'");
  options.encoding = encoding;
  options.decimal_comma = decimal_comma ? 1 : -1;
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (argv[1], "products"))
    report = (user = sign_in_for (cli, as, as_pin, POS_ACTION_EDIT_CATALOG, &error))
                 ? pos_import_products_with (cli->store, argv[2], format, &options, dry_run, skip_invalid,
                                             &error)
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
      = "export products FILE | export sales FILE [--from DAY] [--to DAY]  [--spreadsheet]  "
        "(needs --as NAME --as-pin PIN)";
  g_autofree char *from = NULL, *to = NULL, *as = NULL, *as_pin = NULL;
  gboolean spreadsheet = FALSE;
  GOptionEntry entries[] = {
    { "spreadsheet", 0, 0, G_OPTION_ARG_NONE, &spreadsheet, NULL, NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, NULL, NULL },
    AS_ENTRIES (as, as_pin),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  PosExportStyle style;
  gboolean ok;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 3)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if ((user = sign_in_for (cli, as, as_pin, POS_ACTION_SETTINGS, &error)) == NULL)
    return pos_cli_fail (error);
  style = spreadsheet ? POS_EXPORT_SPREADSHEET : POS_EXPORT_PLAIN;
  if (g_str_equal (argv[1], "products"))
    ok = pos_export_products_as (cli->store, argv[2], style, &error);
  else if (g_str_equal (argv[1], "sales"))
    ok = pos_export_sales_as (cli->store, argv[2], from, to, style, &error);
  else
    return pos_cli_usage (usage, NULL);
  return ok ? POS_EXIT_OK : pos_cli_fail (error);
}

/* The key of --passphrase - (one line read from stdin, so it never shows
 * in the process list) or --key-file F; NULL with no error when neither. */
static PosBackupKey *
read_key (const char *passphrase, const char *key_file, GError **error)
{
  char line[1024];
  size_t len;

  if (passphrase != NULL && key_file != NULL)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("give --passphrase or --key-file, not both")),
           NULL;
  if (key_file != NULL)
    return pos_backup_key_new_from_file (key_file, error);
  if (passphrase == NULL)
    return NULL;
  if (!g_str_equal (passphrase, "-"))
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("--passphrase takes - and reads the passphrase from standard input")),
           NULL;
  if (fgets (line, sizeof line, stdin) == NULL)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("no passphrase on standard input")),
           NULL;
  len = strcspn (line, "\r\n");
  line[len] = '\0';
  if (len == 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("the passphrase is empty")), NULL;
  {
    PosBackupKey *key = pos_backup_key_new_passphrase (line);
    sodium_memzero (line, sizeof line);
    return key;
  }
}

int
pos_cli_backup (PosCli *cli, int argc, char **argv)
{
  static const char usage[]
      = "backup FOLDER [--keep N] [--encrypt --passphrase -|--key-file FILE] --as NAME --as-pin PIN";
  g_autofree char *passphrase = NULL, *key_file = NULL, *as = NULL, *as_pin = NULL;
  gint keep = 14;
  gboolean encrypt = FALSE;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, NULL, NULL },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt, NULL, NULL },
    { "passphrase", 0, 0, G_OPTION_ARG_STRING, &passphrase, NULL, NULL },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, NULL, NULL },
    AS_ENTRIES (as, as_pin),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosBackupKey) key = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autofree char *written = NULL;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 2 || keep < 0)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if (encrypt != (passphrase != NULL || key_file != NULL))
    return pos_cli_usage (usage, "--encrypt needs --passphrase - or --key-file, and they need --encrypt");
  cli->check_store = TRUE; /* a backup of a damaged file is no backup */
  /* The PIN is read before the passphrase when both come from stdin. */
  if ((user = sign_in_for (cli, as, as_pin, POS_ACTION_SETTINGS, &error)) == NULL)
    return pos_cli_fail (error);
  if (encrypt && (key = read_key (passphrase, key_file, &error)) == NULL)
    return pos_cli_fail (error);
  if (!pos_backup_create (cli->store, argv[1], keep, key, &written, &error))
    return pos_cli_fail (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *manifest = pos_backup_manifest_path (written);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "backup");
      json_builder_add_string_value (b, written);
      json_builder_set_member_name (b, "manifest");
      json_builder_add_string_value (b, manifest);
      json_builder_set_member_name (b, "encrypted");
      json_builder_add_boolean_value (b, key != NULL);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pos_cli_print_json (root);
    }
  else
    printf ("%s\n", written);
  return POS_EXIT_OK;
}

static void
print_restore (PosCli *cli, const char *backup, const PosRestoreReport *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (!cli->json)
    {
      printf (_ ("Restored %s from %s%s%s%s\n"), cli->store_path, backup,
              r->kept_path ? " (the previous store is kept as " : "", r->kept_path ? r->kept_path : "",
              r->kept_path ? ")" : "");
      if (r->merged_events > 0)
        printf ("%" G_GINT64_FORMAT " newer events of the previous store merged back\n", r->merged_events);
      if (r->skipped_to > 0)
        printf ("Receipt numbers continue after %" G_GINT64_FORMAT "; journal seqs %" G_GINT64_FORMAT
                "-%" G_GINT64_FORMAT " are skipped\n",
                r->receipt_floor, r->skipped_from, r->skipped_to);
      return;
    }
  json_builder_begin_object (b);
#define STR(name, value) (json_builder_set_member_name (b, name), json_builder_add_string_value (b, value))
#define INT(name, value) (json_builder_set_member_name (b, name), json_builder_add_int_value (b, value))
  STR ("restored", cli->store_path);
  STR ("from", backup);
  STR ("kept_as", r->kept_path);
  INT ("events_after_backup", r->newer_events);
  INT ("merged_events", r->merged_events);
  INT ("receipt_number_floor", r->receipt_floor);
  INT ("skipped_seq_from", r->skipped_from);
  INT ("skipped_seq_to", r->skipped_to);
#undef STR
#undef INT
  json_builder_set_member_name (b, "manifest_checked");
  json_builder_add_boolean_value (b, r->manifest_checked);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  pos_cli_print_json (root);
}

/* Restores over the store at --store, signed in as an owner of that store
 * (a machine without a store has nothing to protect), once the backup
 * passed its manifest and every check of `verify`; the store it replaces
 * is kept beside it. Close the app before restoring. Events the replaced
 * store held beyond the backup are merged back with --merge-newer;
 * otherwise they are named, so that no sale is left behind unnoticed in
 * the kept file. */
int
pos_cli_restore (PosCli *cli, int argc, char **argv)
{
  static const char usage[]
      = "restore BACKUP [--merge-newer] [--no-manifest] [--passphrase -|--key-file FILE] "
        "--as NAME --as-pin PIN";
  g_autofree char *passphrase = NULL, *key_file = NULL, *as = NULL, *as_pin = NULL;
  PosRestoreOptions options = { 0 };
  GOptionEntry entries[] = {
    { "merge-newer", 0, 0, G_OPTION_ARG_NONE, &options.merge_newer, NULL, NULL },
    { "no-manifest", 0, 0, G_OPTION_ARG_NONE, &options.no_manifest, NULL, NULL },
    { "passphrase", 0, 0, G_OPTION_ARG_STRING, &passphrase, NULL, NULL },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, NULL, NULL },
    AS_ENTRIES (as, as_pin),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosBackupKey) key = NULL;
  g_autoptr (PosUser) user = NULL;
  g_auto (PosRestoreReport) report = { 0 };

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 2)
    return pos_cli_usage (usage, error ? error->message : NULL);
  cli->check_store = TRUE;
  /* The PIN is read before the passphrase when both come from stdin. */
  if (g_file_test (cli->store_path, G_FILE_TEST_EXISTS)
      && (user = sign_in_for (cli, as, as_pin, POS_ACTION_SETTINGS, &error)) == NULL)
    return pos_cli_fail (error);
  g_clear_pointer (&cli->store, pos_store_close); /* the file is about to be replaced */
  key = read_key (passphrase, key_file, &error);
  if (error != NULL)
    return pos_cli_fail (error);
  options.key = key;
  if (!pos_restore_run (argv[1], cli->store_path, &options, &report, &error))
    return pos_cli_fail (error);
  if (report.newer_events > report.merged_events && report.kept_path != NULL)
    {
      gint64 left = report.newer_events - report.merged_events;
      fprintf (stderr,
               "mainstreet-admin: %" G_GINT64_FORMAT " %s recorded after that backup; not in the restored "
               "store, %s kept only in %s (sync or export from it before removing it)\n",
               left, left == 1 ? "event was" : "events were", left == 1 ? "it is" : "they are",
               report.kept_path);
    }
  print_restore (cli, argv[1], &report);
  return POS_EXIT_OK;
}
