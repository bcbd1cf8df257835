/* pos-cli.c — what every mainstreet-admin command shares (see pos-cli.h). */
#include "pos-cli.h"

#include <stdio.h>

#include "pos-shop.h"

/* Opens the store on first use; commands that do not need one never do. */
PosStore *
pos_cli_store (PosCli *cli, GError **error)
{
  if (cli->store == NULL)
    cli->store = pos_store_open (cli->store_path, POS_STORE_OPEN_DEFAULT, error);
  return cli->store;
}

static int
exit_code_for (const GError *error)
{
  if (error->domain != POS_ERROR)
    return POS_EXIT_FAILED;
  switch ((PosErrorCode)error->code)
    {
      case POS_ERROR_NOT_FOUND:
        return POS_EXIT_NOT_FOUND;
      case POS_ERROR_INVALID:
      case POS_ERROR_OVERFLOW:
        return POS_EXIT_INVALID;
      case POS_ERROR_AUTH:
      case POS_ERROR_LOCKED_OUT:
      case POS_ERROR_PERMISSION:
        return POS_EXIT_DENIED;
      case POS_ERROR_DISK_FULL:
        return POS_EXIT_DISK_FULL;
      case POS_ERROR_STORE_DAMAGED:
      case POS_ERROR_CHAIN_BROKEN:
        return POS_EXIT_DAMAGED;
      case POS_ERROR_TENDER_SHORT:
      case POS_ERROR_REFUND_EXCEEDS:
      case POS_ERROR_ALREADY_DONE:
      case POS_ERROR_STATE:
        return POS_EXIT_REFUSED;
      default:
        return POS_EXIT_FAILED;
    }
}

/* Prints the one line the contract promises and returns the exit code. */
int
pos_cli_fail (GError *error)
{
  g_return_val_if_fail (error != NULL, POS_EXIT_FAILED);

  fprintf (stderr, "mainstreet-admin: %s\n", error->message);
  return exit_code_for (error);
}

int
pos_cli_usage (const char *usage, const char *problem)
{
  if (problem != NULL)
    fprintf (stderr, "mainstreet-admin: %s\n", problem);
  fprintf (stderr, "usage: mainstreet-admin [--store PATH] [--json] %s\n", usage);
  return POS_EXIT_USAGE;
}

gboolean
pos_cli_parse (GOptionEntry *entries, int *argc, char ***argv, const char *usage, GError **error)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  return TRUE;
}

void
pos_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

int
pos_cli_print_listing (PosCli *cli, JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);

  if (cli->json)
    pos_cli_print_json (root);
  return POS_EXIT_OK;
}

/* An amount as the contract writes it: a plain decimal in major units. */
char *
pos_cli_money (PosCli *cli, PosAmount amount)
{
  return pos_amount_to_string (amount, pos_shop_currency (cli->store));
}

/* Signs a user in with their PIN for a command that acts on their behalf. */
PosUser *
pos_cli_login (PosCli *cli, const char *name, const char *pin, const char *role_needed, GError **error)
{
  PosStore *store = pos_cli_store (cli, error);

  if (store == NULL)
    return NULL;
  if (name == NULL || pin == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "This needs %s name and PIN", role_needed);
      return NULL;
    }
  return pos_users_authenticate (store, name, pin, error);
}

/* Signs in the acting user (@who says which flags, for the message) and,
 * when given, the approver; @approver may be NULL for commands that take
 * no approval. */
gboolean
pos_cli_actor_sign_in (PosCli *cli, PosCliActor *actor, const char *who, PosUser **user, PosUser **approver,
                       GError **error)
{
  *user = pos_cli_login (cli, actor->name, actor->pin, who, error);
  if (*user == NULL)
    return FALSE;
  if (actor->approver == NULL || approver == NULL)
    return TRUE;
  *approver = pos_cli_login (cli, actor->approver, actor->approver_pin, "the approver's", error);
  return *approver != NULL;
}

void
pos_cli_actor_clear (PosCliActor *actor)
{
  g_clear_pointer (&actor->name, g_free);
  g_clear_pointer (&actor->pin, g_free);
  g_clear_pointer (&actor->approver, g_free);
  g_clear_pointer (&actor->approver_pin, g_free);
}
