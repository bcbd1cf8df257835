/* pos-cli-report.c — `report` (X, Z, sales) and `shift` (open, cash moves, close). */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-report-text.h"
#include "pos-report.h"
#include "pos-shift.h"
#include "pos-shop.h"

/* Takes the error by reference: it is read after @node was made. */
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

int
pos_cli_report (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "report x | report z [--number N] | report sales [--from DAY] [--to DAY] "
                              "[--by day|product|category|hour|cashier|tax|payment]   "
                              "(a new Z needs --as NAME --as-pin PIN, optionally --approver …)";
  g_auto (PosCliActor) actor = { 0 };
  g_autofree char *from = NULL, *to = NULL, *by_text = NULL;
  gint number = 0;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, NULL, NULL },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_text, NULL, NULL },
    { "number", 0, 0, G_OPTION_ARG_INT, &number, NULL, NULL },
    POS_CLI_ACTOR_ENTRIES (actor, "as", "as-pin"),
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  PosReportBy by = POS_REPORT_BY_DAY;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 2)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  /* Reports anyone may read still check a name and PIN given with them:
   * a wrong PIN is refused, never silently ignored. */
  if ((actor.name != NULL || actor.pin != NULL) && !(g_str_equal (argv[1], "z") && number <= 0)
      && !pos_cli_actor_sign_in (cli, &actor, "a user's (--as, --as-pin)", &user, &approver, &error))
    return pos_cli_fail (error);
  if (g_str_equal (argv[1], "x"))
    return show (cli, pos_report_x (cli->store, &error), &error);
  if (g_str_equal (argv[1], "sales"))
    {
      if (by_text != NULL && !pos_report_by_parse (by_text, &by))
        return pos_cli_usage (usage, "--by is day, product, category, hour, cashier, tax or payment");
      return show (cli, pos_report_sales (cli->store, from, to, by, &error), &error);
    }
  if (!g_str_equal (argv[1], "z"))
    return pos_cli_usage (usage, NULL);
  if (number > 0)
    return show (cli, pos_report_z_get (cli->store, number, &error), &error);
  if (!pos_cli_actor_sign_in (cli, &actor, "a supervisor's (--as, --as-pin)", &user, &approver, &error))
    return pos_cli_fail (error);
  return show (cli, pos_report_z (cli->store, user, approver, &error), &error);
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
  if (!pos_amount_parse (parts[0], pos_shop_currency (cli->store), &out->denomination, error))
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
      if (!pos_amount_parse (float_text, pos_shop_currency (cli->store), &amount, &error)
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
      if (!pos_amount_parse (argv[2], pos_shop_currency (cli->store), &amount, &error)
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
