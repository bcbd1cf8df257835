/* pos-cli-report.c — `report` (X, Z, sales, resilience) and `shift` (open, cash moves, close). */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-backup-create.h"
#include "pos-format.h"
#include "pos-promo-report.h"
#include "pos-report-text.h"
#include "pos-report.h"
#include "pos-resilience.h"
#include "pos-shift.h"
#include "pos-shop.h"

/* Takes the error by reference: it is read after @node was made. */
/* What each promotion cost over the days asked for (pos-promo-report.h). */
static int
promotions (PosCli *cli, JsonNode *node, GError **error)
{
  g_autoptr (JsonNode) report = node;

  if (report == NULL)
    return pos_cli_fail (*error);
  if (cli->json)
    pos_cli_print_json (report);
  else
    {
      g_autofree char *text = pos_promo_report_text (cli->store, report);
      fputs (text, stdout);
    }
  return POS_EXIT_OK;
}

static int
show (PosCli *cli, JsonNode *node, GError **error)
{
  if (node == NULL)
    return pos_cli_fail (*error);
  if (cli->json)
    pos_cli_print_json (node);
  else
    {
      g_autofree char *text = pos_report_text (cli->store, node);
      fputs (text, stdout);
    }
  json_node_unref (node);
  return POS_EXIT_OK;
}

/* The folder the app backs up to (Settings → Backups), when this machine
 * has the app's settings installed and one is chosen; NULL otherwise. */
static char *
dup_app_backup_folder (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *folder = NULL;

  if (source == NULL
      || (schema = g_settings_schema_source_lookup (source, "org.mainstreet.Mainstreet", TRUE)) == NULL)
    return NULL;
  settings = g_settings_new ("org.mainstreet.Mainstreet");
  folder = g_strstrip (g_settings_get_string (settings, "backup-folder"));
  return *folder != '\0' ? g_steal_pointer (&folder) : NULL;
}

/* A Z report closes the day, so the day is backed up with it, through the
 * same checked backup as `backup`. The Z stays recorded whatever happens
 * here; what happened is added to @z as "backup" and said on stderr when
 * it is not a success, so a script and a person both see it. */
static gboolean
back_up_after_z (PosCli *cli, JsonNode *z, const char *folder, guint keep)
{
  JsonObject *object = json_node_get_object (z);
  g_autoptr (JsonObject) backup = json_object_new ();
  g_autofree char *app_folder = folder == NULL ? dup_app_backup_folder () : NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *written = NULL;
  gboolean ok;

  if (folder == NULL)
    folder = app_folder;
  if (folder == NULL)
    {
      fprintf (stderr, "mainstreet-admin: the Z report is recorded but not backed up: no backup folder "
                       "(give --backup-folder, or choose one in the app's Settings)\n");
      json_object_set_string_member (backup, "error", "no backup folder");
      ok = TRUE;
    }
  else if (pos_backup_create (cli->store, folder, keep, NULL, &written, &error))
    {
      json_object_set_string_member (backup, "path", written);
      ok = TRUE;
    }
  else
    {
      fprintf (stderr, "mainstreet-admin: the Z report is recorded but its backup failed: %s\n",
               error->message);
      json_object_set_string_member (backup, "error", error->message);
      ok = FALSE;
    }
  json_object_set_object_member (object, "backup", g_steal_pointer (&backup));
  return ok;
}

/* `report resilience`: the owner's page as text, JSON or a one-page PDF;
 * --drill first runs a restore drill of the newest backup in --backups. */
static int
resilience (PosCli *cli, const PosResilienceOptions *options, gboolean drill, const char *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autofree char *checked = NULL;

  if (drill && !pos_resilience_restore_drill (cli->store, options->backup_folder, NULL, &checked, &error))
    return pos_cli_fail (error);
  if (checked != NULL && !cli->json)
    printf ("Restore drill: %s restored into a scratch file and checked\n", checked);
  report = pos_resilience_report (cli->store, options, &error);
  if (report == NULL || (pdf != NULL && !pos_resilience_write_pdf (report, pdf, &error)))
    return pos_cli_fail (error);
  if (cli->json)
    pos_cli_print_json (report);
  else if (pdf == NULL)
    {
      g_autofree char *text = pos_resilience_format (report);
      fputs (text, stdout);
    }
  else
    printf ("Wrote %s\n", pdf);
  return POS_EXIT_OK;
}

int
pos_cli_report (PosCli *cli, int argc, char **argv)
{
  static const char usage[]
      = "report x | report z [--number N] [--backup-folder DIR] [--keep N] | "
        "report sales [--from DAY] [--to DAY] "
        "[--by day|product|category|hour|cashier|tax|payment|supplier|line|day-margin] | "
        "report stock-value [--at DAY] | report promotions [--from DAY] [--to DAY] | "
        "report accounting --day DAY --format datev|csv FOLDER | "
        "report resilience [--today DAY] [--drop PCT] [--dead-days N] [--backups DIR] [--drill] [--pdf FILE] "
        "  "
        "(a new Z needs --as NAME --as-pin PIN, optionally --approver …)";
  g_auto (PosCliActor) actor = { 0 };
  g_autofree char *from = NULL, *to = NULL, *by_text = NULL, *today = NULL, *backups = NULL, *pdf = NULL,
                  *backup_folder = NULL, *at = NULL, *day = NULL, *format = NULL;
  gint number = 0, drop = 20, keep = 14, dead_days = 60;
  gboolean drill = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, NULL, NULL },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_text, NULL, NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, NULL, NULL },
    { "number", 0, 0, G_OPTION_ARG_INT, &number, NULL, NULL },
    { "backup-folder", 0, 0, G_OPTION_ARG_FILENAME, &backup_folder, NULL, NULL },
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, NULL, NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, NULL, NULL },
    { "drop", 0, 0, G_OPTION_ARG_INT, &drop, NULL, NULL },
    { "dead-days", 0, 0, G_OPTION_ARG_INT, &dead_days, NULL, NULL },
    { "backups", 0, 0, G_OPTION_ARG_FILENAME, &backups, NULL, NULL },
    { "drill", 0, 0, G_OPTION_ARG_NONE, &drill, NULL, NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, NULL, NULL },
    { "day", 0, 0, G_OPTION_ARG_STRING, &day, NULL, NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    POS_CLI_ACTOR_ENTRIES (actor, "as", "as-pin"),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (JsonNode) z = NULL;
  PosReportBy by = POS_REPORT_BY_DAY;
  gboolean backed_up;
  int status;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2 || keep < 1)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if (g_str_equal (argv[1], "accounting"))
    return pos_cli_report_accounting (cli, argc, argv, day, format, usage);
  if (argc != 2)
    return pos_cli_usage (usage, NULL);
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  /* Reports anyone may read still check a name and PIN given with them:
   * a wrong PIN is refused, never silently ignored. */
  if ((actor.name != NULL || actor.pin != NULL) && !(g_str_equal (argv[1], "z") && number <= 0)
      && !pos_cli_actor_sign_in (cli, &actor, "a user's (--as, --as-pin)", &user, &approver, &error))
    return pos_cli_fail (error);
  if (g_str_equal (argv[1], "x"))
    return show (cli, pos_report_x (cli->store, &error), &error);
  if (g_str_equal (argv[1], "resilience"))
    {
      PosResilienceOptions options = { today, drop, backups, dead_days };

      if (drop < 1 || drop > 100)
        return pos_cli_usage (usage, "--drop is a share of sales from 1 to 100");
      if (dead_days < 1 || dead_days > 3650)
        return pos_cli_usage (usage, "--dead-days is a number of days from 1 to 3650");
      return resilience (cli, &options, drill, pdf);
    }
  if (g_str_equal (argv[1], "sales"))
    {
      if (by_text != NULL && !pos_report_by_parse (by_text, &by))
        return pos_cli_usage (
            usage,
            "--by is day, product, category, hour, cashier, tax, payment, supplier, line or day-margin");
      return show (cli, pos_report_sales (cli->store, from, to, by, &error), &error);
    }
  if (g_str_equal (argv[1], "promotions"))
    return promotions (cli, pos_promo_report (cli->store, from, to, &error), &error);
  if (g_str_equal (argv[1], "stock-value"))
    return show (cli, pos_report_stock_value (cli->store, at, &error), &error);
  if (!g_str_equal (argv[1], "z"))
    return pos_cli_usage (usage, NULL);
  if (number > 0)
    return show (cli, pos_report_z_get (cli->store, number, &error), &error);
  if (!pos_cli_actor_sign_in (cli, &actor, "a supervisor's (--as, --as-pin)", &user, &approver, &error))
    return pos_cli_fail (error);
  if ((z = pos_report_z (cli->store, user, approver, &error)) == NULL)
    return pos_cli_fail (error);
  backed_up = back_up_after_z (cli, z, backup_folder, (guint)keep);
  status = show (cli, json_node_ref (z), &error);
  return status == POS_EXIT_OK && !backed_up ? POS_EXIT_FAILED : status;
}

/* "50.00=2" (denomination in major units = count) → a cash count line. */
static gboolean
parse_count (PosCli *cli, const char *text, PosCashCount *out, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, "=", 2);

  if (g_strv_length (parts) != 2)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("“%s”: write DENOMINATION=COUNT, e.g. 20.00=3"), text),
           FALSE;
  if (!pos_amount_parse_local (parts[0], pos_shop_currency (cli->store), &out->denomination, error))
    return FALSE;
  if (!g_ascii_string_to_signed (parts[1], 10, 0, G_MAXINT32, &out->count, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a count"), parts[1]), FALSE;
  return TRUE;
}

int
pos_cli_shift (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "shift open --float AMOUNT | shift close --count DENOMINATION=N… | "
                              "shift paid-in|paid-out AMOUNT --reason TEXT | shift no-sale --reason TEXT   "
                              "(with --cashier NAME --pin PIN, and --approver … where needed)";
  g_auto (PosCliActor) actor = { 0 };
  g_autofree char *float_text = NULL, *reason = NULL;
  g_auto (GStrv) counts = NULL;
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (actor, "cashier", "pin"),
    { "float", 0, 0, G_OPTION_ARG_STRING, &float_text, NULL, NULL },
    { "count", 0, 0, G_OPTION_ARG_STRING_ARRAY, &counts, NULL, NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (GArray) counted = g_array_new (FALSE, TRUE, sizeof (PosCashCount));
  const char *verb;
  PosAmount amount = 0;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    return pos_cli_usage (usage, error ? error->message : NULL);
  verb = argv[1];
  if (!pos_cli_actor_sign_in (cli, &actor, "the cashier's", &user, &approver, &error))
    return pos_cli_fail (error);

  if (g_str_equal (verb, "open") && argc == 2 && float_text != NULL)
    {
      g_autoptr (PosShift) shift = NULL;
      if (!pos_amount_parse_local (float_text, pos_shop_currency (cli->store), &amount, &error)
          || !(shift = pos_shift_open (cli->store, user, amount, &error)))
        return pos_cli_fail (error);
      if (!cli->json)
        printf ("Shift %" G_GINT64_FORMAT " open on till %s\n", shift->id, shift->till_id);
      return POS_EXIT_OK;
    }
  if (g_str_equal (verb, "close") && argc == 2)
    {
      for (guint i = 0; counts != NULL && counts[i] != NULL; i++)
        {
          PosCashCount c;
          if (!parse_count (cli, counts[i], &c, &error))
            return pos_cli_fail (error);
          g_array_append_val (counted, c);
        }
      return show (cli,
                   pos_shift_close (cli->store, user, (PosCashCount *)counted->data, counted->len, &error),
                   &error);
    }
  if ((g_str_equal (verb, "paid-in") || g_str_equal (verb, "paid-out")) && argc == 3)
    {
      if (!pos_amount_parse_local (argv[2], pos_shop_currency (cli->store), &amount, &error)
          || !pos_shift_cash_move (cli->store, user, approver,
                                   g_str_equal (verb, "paid-in") ? "paid_in" : "paid_out", amount, reason,
                                   &error))
        return pos_cli_fail (error);
      return POS_EXIT_OK;
    }
  if (g_str_equal (verb, "no-sale") && argc == 2)
    return pos_shift_cash_move (cli->store, user, approver, "no_sale", 0, reason, &error)
               ? POS_EXIT_OK
               : pos_cli_fail (error);
  return pos_cli_usage (usage, NULL);
}
