/* pos-cli-transfer.c — `transfer`: stock sent from one shop to another. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-catalog.h"
#include "pos-transfer.h"

static const char usage[] = "transfer send SHOP SKU*QTY… [--note TEXT] | transfer receive ID | "
                            "transfer list [--open]   (send and receive need --as NAME --as-pin PIN)";

/* "SKU*QTY" → a line of the transfer. */
static gboolean
parse_line (PosCli *cli, const char *text, PosStockItem *item, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, "*", 2);
  g_autoptr (PosProduct) product = NULL;

  if (parts[0] == NULL || parts[1] == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s”: write SKU*QTY"), text), FALSE;
  product = pos_catalog_lookup (cli->store, parts[0], error);
  if (product == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No product %s"), parts[0]);
      return FALSE;
    }
  item->product_id = product->id;
  item->unit_cost = -1;
  return pos_qty_parse (parts[1], &item->qty, error);
}

static gboolean
send (PosCli *cli, const PosUser *user, int argc, char **argv, const char *note, GError **error)
{
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (PosStockItem));
  g_autofree char *id = NULL;

  for (int i = 3; i < argc; i++)
    {
      PosStockItem item;

      if (!parse_line (cli, argv[i], &item, error))
        return FALSE;
      g_array_append_val (items, item);
    }
  id = pos_transfer_send (cli->store, user, argv[2], (PosStockItem *)items->data, items->len, note, error);
  if (id == NULL)
    return FALSE;
  if (cli->json)
    printf ("{\"id\":\"%s\"}\n", id);
  else
    printf (_ ("Transfer %s sent to shop %s\n"), id, argv[2]);
  return TRUE;
}

static int
list (PosCli *cli, gboolean open_only)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) transfers = pos_transfer_list (cli->store, open_only, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (transfers == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < transfers->len; i++)
    {
      PosTransfer *t = transfers->pdata[i];
      g_autofree char *qty = pos_qty_to_string (t->qty);

      if (!cli->json)
        printf ("%-16s %-10s → %-10s %s %s %s\n", t->id, t->from_shop, t->to_shop, qty,
                t->received ? C_ ("transfer", "received") : C_ ("transfer", "on the way"), t->created_at);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, t->id);
      json_builder_set_member_name (b, "from_shop");
      json_builder_add_string_value (b, t->from_shop);
      json_builder_set_member_name (b, "to_shop");
      json_builder_add_string_value (b, t->to_shop);
      json_builder_set_member_name (b, "qty");
      json_builder_add_string_value (b, qty);
      json_builder_set_member_name (b, "lines");
      json_builder_add_int_value (b, t->n_lines);
      json_builder_set_member_name (b, "received");
      json_builder_add_boolean_value (b, t->received);
      json_builder_set_member_name (b, "created_at");
      json_builder_add_string_value (b, t->created_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static gboolean
change (PosCli *cli, PosCliActor *actor, int argc, char **argv, const char *note, GError **error)
{
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;

  if (!pos_cli_actor_sign_in (cli, actor, "a supervisor's (--as, --as-pin)", &user, &approver, error))
    return FALSE;
  if (g_str_equal (argv[1], "send"))
    return send (cli, user, argc, argv, note, error);
  if (!pos_transfer_receive (cli->store, user, argv[2], error))
    return FALSE;
  if (!cli->json)
    printf (_ ("Transfer %s received\n"), argv[2]);
  return TRUE;
}

int
pos_cli_transfer (PosCli *cli, int argc, char **argv)
{
  PosCliActor actor = { 0 };
  g_autofree char *note = NULL;
  gboolean open_only = FALSE;
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (actor, "as", "as-pin"),
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, NULL, NULL },
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  int status;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    status = pos_cli_usage (usage, error ? error->message : NULL);
  else if (pos_cli_store (cli, &error) == NULL)
    status = pos_cli_fail (error);
  else if (g_str_equal (argv[1], "list") && argc == 2)
    status = list (cli, open_only);
  else if ((g_str_equal (argv[1], "send") && argc > 3) || (g_str_equal (argv[1], "receive") && argc == 3))
    status = change (cli, &actor, argc, argv, note, &error) ? POS_EXIT_OK : pos_cli_fail (error);
  else
    status = pos_cli_usage (usage, NULL);
  pos_cli_actor_clear (&actor);
  return status;
}
