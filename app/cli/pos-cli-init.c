/* pos-cli-init.c — `init`: create a store, optionally the demo shop. */
#include "pos-cli.h"

#include <stdio.h>

#include "pos-demo.h"
#include "pos-journal.h"
#include "pos-shop.h"
#include "pos-tax-rate.h"

static gboolean
write_settings (PosStore *store, const char *till, const char *currency, GError **error)
{
  return (currency == NULL || pos_shop_setting_init (store, "currency", currency, error))
         && (till == NULL || pos_shop_setting_init (store, "till_id", till, error));
}

/* A plain store gets one standard tax rate so products can be added at
 * once; the owner changes or adds rates with `settings add-tax-rate`. */
static gboolean
default_tax_rate (PosStore *store, GError **error)
{
  return pos_tax_rate_insert (store, "A", "Standard", 2000, TRUE, error) != 0;
}

int
pos_cli_init (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "init [--demo] [--till ID] [--currency CODE] [--owner NAME --owner-pin PIN]";
  g_autofree char *till = NULL, *currency = NULL, *owner = NULL, *owner_pin = NULL;
  gboolean demo = FALSE;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, NULL, NULL },
    { "till", 0, 0, G_OPTION_ARG_STRING, &till, NULL, NULL },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, NULL, NULL },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, NULL, NULL },
    { "owner-pin", 0, 0, G_OPTION_ARG_STRING, &owner_pin, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = NULL;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 1)
    return pos_cli_usage (usage, error ? error->message : "init takes no arguments");
  if ((owner == NULL) != (owner_pin == NULL))
    return pos_cli_usage (usage, "--owner and --owner-pin go together");
  if (g_file_test (cli->store_path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "mainstreet-admin: %s already exists; nothing was changed\n", cli->store_path);
      return POS_EXIT_REFUSED;
    }

  folder = g_path_get_dirname (cli->store_path);
  g_mkdir_with_parents (folder, 0700);
  cli->store = pos_store_open (cli->store_path, POS_STORE_OPEN_CREATE, &error);
  if (cli->store == NULL || !write_settings (cli->store, till, currency, &error))
    return pos_cli_fail (error);
  /* The till's signing key, before its first event. */
  if (!pos_journal_ensure_key (cli->store, &error))
    return pos_cli_fail (error);
  if (demo && !pos_demo_populate (cli->store, NULL, &error))
    return pos_cli_fail (error);
  if (!demo && !default_tax_rate (cli->store, &error))
    return pos_cli_fail (error);
  if (owner != NULL)
    {
      g_autofree char *pin = pos_cli_read_secret (owner_pin, "Owner's PIN", &error);
      g_autoptr (PosUser) user
          = pin != NULL ? pos_users_add (cli->store, owner, POS_ROLE_OWNER, pin, &error) : NULL;
      if (user == NULL)
        return pos_cli_fail (error);
    }
  if (!cli->json)
    printf ("Created %s%s\n", cli->store_path, demo ? " with the demo shop" : "");
  return POS_EXIT_OK;
}
