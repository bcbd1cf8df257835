/* pos-cli-fiscal.c — `fiscal`: the records fiscal law asks of a till.
 *
 *   fiscal replay SCENARIO.json --out DIR --module PKCS11.so --token LABEL
 *                 --pin PIN|- --key LABEL…
 *   fiscal verify DIR
 *
 * replay runs an Austrian BMF test-suite scenario through the till's own
 * receipt code, signing on the PKCS#11 token, and writes dep-export.json
 * and cryptographicMaterialContainer.json into DIR. verify checks such a
 * folder on its own and names the first receipt that fails.
 */
#include "pos-cli.h"

#include <stdio.h>

#include "pos-rksv-replay.h"
#include "pos-rksv-verify.h"

#define FISCAL_USAGE                                                                                         \
  "fiscal replay SCENARIO.json --out DIR --module PKCS11.so --token LABEL --pin PIN|- --key LABEL… | "     \
  "fiscal verify DIR"

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

static int
fiscal_verify (PosCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  guint checked = 0;

  if (argc != 2)
    return pos_cli_usage (FISCAL_USAGE, "verify needs the folder of a DEP export");
  if (!pos_rksv_verify_dir (argv[1], &checked, &error))
    return pos_cli_fail (error);
  if (cli->json)
    printf ("{\"ok\":true,\"receipts\":%u}\n", checked);
  else
    printf ("ok: %u receipts: signatures, chain, receipt numbers, dates and turnover counter check\n",
            checked);
  return POS_EXIT_OK;
}

int
pos_cli_fiscal (PosCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "replay"))
    return fiscal_replay (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "verify"))
    return fiscal_verify (cli, argc - 1, argv + 1);
  return pos_cli_usage (FISCAL_USAGE, NULL);
}
