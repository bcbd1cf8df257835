/* pos-cli-fiscal.c — `fiscal`: the records fiscal law asks of a till.
 *
 *   fiscal setup-at --cash-box ID --key-id ID --module PKCS11.so --token LABEL
 *                   --key LABEL --pin PIN|- --as NAME --as-pin PIN
 *   fiscal receipt null|month|year|day --as NAME --as-pin PIN
 *   fiscal export dep DIR
 *   fiscal export dsfinvk --from DAY --to DAY DIR
 *   fiscal replay SCENARIO.json --out DIR --module PKCS11.so --token LABEL
 *                 --pin PIN|- --key LABEL…
 *   fiscal export archive --from DAY --to DAY FOLDER
 *   fiscal verify [DIR]
 *   fiscal verify-archive FOLDER
 *   fiscal training on|off|status [--as NAME --as-pin PIN
 *                   [--approver NAME --approver-pin PIN]]
 *
 * setup-at makes this till an Austrian cash box and signs its start
 * receipt; receipt issues a null, monthly or annual closing receipt
 * (AT-RKSV) or a signed daily, monthly or annual closing (FR-NF525);
 * export dep writes the till's DEP export and cryptographic material
 * container; export dsfinvk writes the DSFinV-K export of the Z reports
 * of those days (pos-dsfinvk.h). replay runs a BMF test-suite scenario through the same
 * receipt code and writes those two files for it. verify checks such a
 * folder, or with no folder the store's own receipts, and names the first
 * receipt that fails; under FR-NF525 also the event log (JET). export
 * archive writes FR-NF525's signed archive of a period, verify-archive
 * checks one offline. training switches this till's training mode
 * (pos-training.h) or says whether it is on.
 */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "pos-dsfinvk.h"
#include "pos-fiscal-profile.h"
#include "pos-nf525-archive.h"
#include "pos-nf525-jet.h"
#include "pos-nf525.h"
#include "pos-rksv-replay.h"
#include "pos-rksv-till.h"
#include "pos-rksv-verify.h"
#include "pos-training.h"

#define FISCAL_USAGE                                                                                         \
  "fiscal setup-at --cash-box ID --key-id ID --module PKCS11.so --token LABEL --key LABEL --pin PIN|- --as " \
  "NAME --as-pin PIN | fiscal receipt null|day|month|year --as NAME --as-pin PIN | fiscal export dep DIR | " \
  "fiscal export archive --from DAY --to DAY FOLDER | fiscal verify-archive FOLDER | "                       \
  "fiscal export dsfinvk --from DAY --to DAY DIR | "                                                         \
  "fiscal replay SCENARIO.json --out DIR --module PKCS11.so --token LABEL --pin PIN|- --key LABEL… | "     \
  "fiscal verify [DIR] | fiscal training on|off|status [--as NAME --as-pin PIN]"

static int
fiscal_setup_at (PosCli *cli, int argc, char **argv)
{
  g_autofree char *cash_box = NULL, *key_id = NULL, *module = NULL, *token = NULL, *key = NULL;
  g_autofree char *pin_option = NULL, *pin = NULL;
  g_auto (PosCliActor) actor = { 0 };
  GOptionEntry entries[] = {
    { "cash-box", 0, 0, G_OPTION_ARG_STRING, &cash_box, NULL, NULL },
    { "key-id", 0, 0, G_OPTION_ARG_STRING, &key_id, NULL, NULL },
    { "module", 0, 0, G_OPTION_ARG_FILENAME, &module, NULL, NULL },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, NULL, NULL },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, NULL, NULL },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin_option, NULL, NULL },
    POS_CLI_ACTOR_ENTRIES (actor, "as", "as-pin"),
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  PosRksvSetup setup;

  if (!pos_cli_parse (entries, &argc, &argv, FISCAL_USAGE, &error))
    return pos_cli_usage (FISCAL_USAGE, error->message);
  if (argc != 1 || !cash_box || !key_id || !module || !token || !key || !pin_option)
    return pos_cli_usage (FISCAL_USAGE,
                          "setup-at needs --cash-box, --key-id, --module, --token, --key and --pin");
  if (!pos_cli_actor_sign_in (cli, &actor, "the owner's (--as, --as-pin)", &user, NULL, &error)
      || (pin = pos_cli_read_secret (pin_option, "Token PIN", &error)) == NULL)
    return pos_cli_fail (error);
  setup = (PosRksvSetup){ cash_box, key_id, module, token, key, pin };
  if (!pos_rksv_till_setup (cli->store, user, &setup, &error))
    return pos_cli_fail (error);
  printf ("AT-RKSV: cash box %s set up, start receipt signed\n", cash_box);
  return POS_EXIT_OK;
}

static int
fiscal_receipt (PosCli *cli, int argc, char **argv)
{
  g_auto (PosCliActor) actor = { 0 };
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (actor, "as", "as-pin"),
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autofree char *receipt_id = NULL;
  gboolean failed = FALSE;

  if (!pos_cli_parse (entries, &argc, &argv, FISCAL_USAGE, &error))
    return pos_cli_usage (FISCAL_USAGE, error->message);
  if (argc != 2)
    return pos_cli_usage (FISCAL_USAGE, "receipt is null, month or year");
  if (!pos_cli_actor_sign_in (cli, &actor, "a supervisor's (--as, --as-pin)", &user, NULL, &error))
    return pos_cli_fail (error);
  if (pos_fiscal_profile_get (cli->store) == POS_FISCAL_FR_NF525)
    {
      g_autofree char *total = NULL;
      gint64 period = 0;

      if (!pos_nf525_close (cli->store, user, argv[1], &receipt_id, &period, &error))
        return pos_cli_fail (error);
      total = pos_cli_money (cli, period);
      printf ("%s %s\n", receipt_id, total);
      return POS_EXIT_OK;
    }
  if (!pos_rksv_till_null_receipt (cli->store, user, argv[1], &receipt_id, &failed, &error))
    return pos_cli_fail (error);
  printf ("%s%s\n", receipt_id,
          failed ? ": "
                   "Sicherheitseinrichtung ausgefallen"
                 : "");
  return POS_EXIT_OK;
}

static void
print_dsfinvk (PosCli *cli, const PosDsfinvkSummary *summary, const char *dir)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (!cli->json)
    {
      g_autofree char *closings = g_strdup_printf (
          dngettext (GETTEXT_PACKAGE, "%u Z report", "%u Z reports", summary->closings), summary->closings);
      g_autofree char *receipts = g_strdup_printf (
          dngettext (GETTEXT_PACKAGE, "%u receipt", "%u receipts", summary->receipts), summary->receipts);

      /* TRANSLATORS: "DSFinV-K export of 2 Z reports (7 receipts) written to FOLDER" */
      printf (_ ("DSFinV-K export of %s (%s) written to %s\n"), closings, receipts, dir);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "closings");
  json_builder_add_int_value (b, summary->closings);
  json_builder_set_member_name (b, "receipts");
  json_builder_add_int_value (b, summary->receipts);
  json_builder_set_member_name (b, "dir");
  json_builder_add_string_value (b, dir);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  pos_cli_print_json (root);
}

static int
fiscal_export_dsfinvk (PosCli *cli, int argc, char **argv)
{
  g_autofree char *from = NULL, *to = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GError) error = NULL;
  PosDsfinvkSummary summary = { 0 };

  if (!pos_cli_parse (entries, &argc, &argv, FISCAL_USAGE, &error))
    return pos_cli_usage (FISCAL_USAGE, error->message);
  if (argc != 2 || from == NULL || to == NULL)
    return pos_cli_usage (FISCAL_USAGE, _ ("export dsfinvk needs --from, --to and a folder"));
  if (pos_cli_store (cli, &error) == NULL
      || !pos_dsfinvk_export (cli->store, from, to, argv[1], &summary, &error))
    return pos_cli_fail (error);
  print_dsfinvk (cli, &summary, argv[1]);
  return POS_EXIT_OK;
}

static int
fiscal_export_archive (PosCli *cli, int argc, char **argv)
{
  g_autofree char *from = NULL, *to = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GError) error = NULL;
  g_auto (PosNf525ArchiveSummary) summary = { 0 };

  if (!pos_cli_parse (entries, &argc, &argv, FISCAL_USAGE, &error))
    return pos_cli_usage (FISCAL_USAGE, error->message);
  if (argc != 2 || from == NULL || to == NULL)
    return pos_cli_usage (FISCAL_USAGE, "export archive needs --from DAY, --to DAY and a new folder");
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if (pos_fiscal_profile_get (cli->store) != POS_FISCAL_FR_NF525)
    {
      g_set_error_literal (&error, POS_ERROR, POS_ERROR_STATE,
                           _ ("The archive export is for a shop under FR-NF525"));
      return pos_cli_fail (error);
    }
  if (!pos_nf525_archive_export (cli->store, from, to, argv[1], &summary, &error))
    return pos_cli_fail (error);
  printf (_ ("%u receipts, %u closings, %u events; signed archive in %s (public key %s)\n"), summary.receipts,
          summary.closings, summary.events, argv[1], summary.public_key);
  return POS_EXIT_OK;
}

static int
fiscal_export (PosCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  guint count = 0;

  if (argc >= 2 && g_str_equal (argv[1], "archive"))
    return fiscal_export_archive (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "dsfinvk"))
    return fiscal_export_dsfinvk (cli, argc - 1, argv + 1);
  if (argc != 3 || !g_str_equal (argv[1], "dep"))
    return pos_cli_usage (FISCAL_USAGE, "export dep needs a folder");
  if (pos_cli_store (cli, &error) == NULL || !pos_rksv_till_export (cli->store, argv[2], &count, &error))
    return pos_cli_fail (error);
  printf ("%u receipts; dep-export.json and cryptographicMaterialContainer.json in %s\n", count, argv[2]);
  return POS_EXIT_OK;
}

/* Needs no store: the archive carries the public key it is checked with. */
static int
fiscal_verify_archive (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_auto (PosNf525ArchiveSummary) summary = { 0 };

  if (argc != 2)
    return pos_cli_usage (FISCAL_USAGE, "verify-archive takes the archive's folder");
  if (!pos_nf525_archive_verify (argv[1], &summary, &error))
    return pos_cli_fail (error);
  printf (_ ("ok: %u receipts, %u closings, %u events; signed with public key %s\n"), summary.receipts,
          summary.closings, summary.events, summary.public_key);
  return POS_EXIT_OK;
}

static int
fiscal_replay (PosCli *cli, int argc, char **argv)
{
  g_autofree char *out = NULL, *module = NULL, *token = NULL, *pin_option = NULL, *pin = NULL;
  g_auto (GStrv) keys = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL },
    { "module", 0, 0, G_OPTION_ARG_FILENAME, &module, NULL, NULL },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, NULL, NULL },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin_option, NULL, NULL },
    { "key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &keys, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GError) error = NULL;
  PosRksvDevices devices = { 0 };
  guint issued = 0;

  if (!pos_cli_parse (entries, &argc, &argv, FISCAL_USAGE, &error))
    return pos_cli_usage (FISCAL_USAGE, error->message);
  if (argc != 2 || out == NULL || module == NULL || token == NULL || keys == NULL)
    return pos_cli_usage (FISCAL_USAGE, "replay needs a scenario, --out, --module, --token and --key");
  if (pin_option != NULL && (pin = pos_cli_read_secret (pin_option, "Token PIN", &error)) == NULL)
    return pos_cli_fail (error);
  devices = (PosRksvDevices){ module, token, pin, (const char *const *)keys };
  if (!pos_rksv_replay (argv[1], &devices, out, &issued, &error))
    return pos_cli_fail (error);
  if (!cli->json)
    printf ("%u receipts issued; dep-export.json and cryptographicMaterialContainer.json in %s\n", issued,
            out);
  else
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "receipts");
      json_builder_add_int_value (b, issued);
      json_builder_set_member_name (b, "out");
      json_builder_add_string_value (b, out);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      pos_cli_print_json (root);
    }
  return POS_EXIT_OK;
}

/* The store's own fiscal records, as its profile made them. */
static gboolean
verify_store (PosCli *cli, guint *checked, guint *events, GError **error)
{
  if (pos_cli_store (cli, error) == NULL)
    return FALSE;
  switch (pos_fiscal_profile_get (cli->store))
    {
      case POS_FISCAL_AT_RKSV:
        return pos_rksv_till_verify (cli->store, checked, error);
      case POS_FISCAL_FR_NF525:
        return pos_nf525_verify (cli->store, checked, error)
               && pos_nf525_jet_verify (cli->store, events, error);
      case POS_FISCAL_DE_KASSENSICHV:
        return g_set_error (
                   error, POS_ERROR, POS_ERROR_STATE,
                   _ ("DE-KassenSichV: no TSE signatures to check (no certified TSE driver is set up)")),
               FALSE;
      case POS_FISCAL_NONE:
        break;
    }
  return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("The shop has no fiscal profile")), FALSE;
}

static int
fiscal_verify (PosCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  guint checked = 0, events = 0;

  if (argc > 2)
    return pos_cli_usage (FISCAL_USAGE, "verify takes the folder of a DEP export, or nothing");
  if (argc == 2 ? !pos_rksv_verify_dir (argv[1], &checked, &error)
                : !verify_store (cli, &checked, &events, &error))
    return pos_cli_fail (error);
  if (cli->json)
    printf ("{\"ok\":true,\"receipts\":%u,\"events\":%u}\n", checked, events);
  else if (events > 0)
    printf (
        _ ("ok: %u receipts and closings, %u events of the event log (JET): signatures, chains and totals "
           "check\n"),
        checked, events);
  else
    printf ("ok: %u receipts: signatures, chain, receipt numbers, dates and turnover counter check\n",
            checked);
  return POS_EXIT_OK;
}

static int
fiscal_training (PosCli *cli, int argc, char **argv)
{
  g_auto (PosCliActor) actor = { 0 };
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (actor, "as", "as-pin"),
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL, approver = NULL;
  gboolean on;

  if (!pos_cli_parse (entries, &argc, &argv, FISCAL_USAGE, &error))
    return pos_cli_usage (FISCAL_USAGE, error->message);
  if (argc != 2
      || (!g_str_equal (argv[1], "on") && !g_str_equal (argv[1], "off") && !g_str_equal (argv[1], "status")))
    return pos_cli_usage (FISCAL_USAGE, "training is on, off or status");
  if (g_str_equal (argv[1], "status"))
    {
      printf ("%s\n", pos_training_is_on (cli->store) ? "on" : "off");
      return POS_EXIT_OK;
    }
  on = g_str_equal (argv[1], "on");
  if (!pos_cli_actor_sign_in (cli, &actor, "a supervisor's (--as, --as-pin)", &user, &approver, &error)
      || !pos_training_set (cli->store, user, approver, on, &error))
    return pos_cli_fail (error);
  printf ("%s\n", on ? _ ("Training mode is on: sales are not recorded") : _ ("Training mode is off"));
  return POS_EXIT_OK;
}

int
pos_cli_fiscal (PosCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "training"))
    return fiscal_training (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "replay"))
    return fiscal_replay (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "verify"))
    return fiscal_verify (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "verify-archive"))
    return fiscal_verify_archive (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "setup-at"))
    return fiscal_setup_at (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "receipt"))
    return fiscal_receipt (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return fiscal_export (cli, argc - 1, argv + 1);
  return pos_cli_usage (FISCAL_USAGE, NULL);
}
