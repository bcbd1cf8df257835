/* pos-cli-init.c — `init`: create a store, optionally the demo shop. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-demo.h"
#include "pos-setup.h"

static gboolean
populate_demo (PosStore *store, GError **error)
{
  return pos_demo_populate (store, NULL, error);
}

/* The same plan the app's first-run assistant makes. A plain store gets
 * one standard tax rate so products can be added at once; the owner
 * changes or adds rates with `settings add-tax-rate`. */
static PosSetupPlan *
init_plan (gboolean demo, char *till, char *shop, char *currency, char *owner, char *owner_pin)
{
  PosSetupPlan *plan = pos_setup_plan_new (demo ? POS_SETUP_DEMO_SHOP : POS_SETUP_NEW_SHOP);

  plan->till_id = till;
  plan->shop_id = shop;
  plan->currency = currency;
  plan->owner_name = owner;
  plan->owner_pin = owner_pin;
  plan->populate_demo = populate_demo;
  if (!demo)
    pos_setup_plan_add_tax_rate (plan, "A", "Standard", 2000);
  return plan;
}

int
pos_cli_init (PosCli *cli, int argc, char **argv)
{
  static const char usage[]
      = "init [--demo] [--till ID] [--shop ID] [--currency CODE] [--owner NAME --owner-pin PIN]";
  g_autofree char *till = NULL, *shop = NULL, *currency = NULL, *owner = NULL, *owner_pin = NULL;
  gboolean demo = FALSE;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, NULL, NULL },
    { "till", 0, 0, G_OPTION_ARG_STRING, &till, NULL, NULL },
    { "shop", 0, 0, G_OPTION_ARG_STRING, &shop, NULL, NULL },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, NULL, NULL },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, NULL, NULL },
    { "owner-pin", 0, 0, G_OPTION_ARG_STRING, &owner_pin, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSetupPlan) plan = NULL;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 1)
    return pos_cli_usage (usage, error ? error->message : "init takes no arguments");
  if ((owner == NULL) != (owner_pin == NULL))
    return pos_cli_usage (usage, "--owner and --owner-pin go together");
  if (g_file_test (cli->store_path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, _ ("mainstreet-admin: %s already exists; nothing was changed\n"), cli->store_path);
      return POS_EXIT_REFUSED;
    }

  if (owner_pin != NULL)
    {
      /* "-" reads the PIN from standard input, kept off the command line. */
      char *pin = pos_cli_read_secret (owner_pin, "Owner's PIN", &error);
      if (pin == NULL)
        return pos_cli_fail (error);
      g_free (owner_pin);
      owner_pin = pin;
    }

  plan = init_plan (demo, g_steal_pointer (&till), g_steal_pointer (&shop), g_steal_pointer (&currency),
                    g_steal_pointer (&owner), g_steal_pointer (&owner_pin));
  if (!pos_setup_apply (plan, cli->store_path, NULL, &error))
    return pos_cli_fail (error);
  if (!cli->json)
    printf (_ ("Created %s%s\n"), cli->store_path, demo ? _ (" with the demo shop") : "");
  return POS_EXIT_OK;
}
