/* pos-cli-stock.c — `stock`: levels, deliveries, adjustments, counts. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-catalog.h"
#include "pos-format.h"
#include "pos-layaway.h"
#include "pos-shop.h"
#include "pos-stock-shop.h"
#include "pos-stock.h"

static const char usage[]
    = "stock level SKU [--shop ID] | stock low | stock shop | stock expiring [--days N] | stock receive "
      "SKU*QTY[@COST]… [--supplier "
      "NAME] [--ref NOTE] | "
      "stock adjust SKU DELTA [--reason adjust|waste] [--note TEXT] | stock count SKU=QTY… [--ref NOTE]   "
      "(changes need --as NAME --as-pin PIN, optionally --approver NAME --approver-pin PIN)";

static gint64
product_id (PosCli *cli, const char *sku, GError **error)
{
  g_autoptr (PosProduct) product = pos_catalog_lookup (cli->store, sku, error);

  return product ? product->id : 0;
}

/* The supplier named @name, 0 for none given, -1 on error. */
static gint64
supplier_id (PosCli *cli, const char *name, GError **error)
{
  gint64 id;

  if (name == NULL)
    return 0;
  id = pos_catalog_supplier_id (cli->store, name, error);
  return id != 0 ? id : -1;
}

/* "SKU*QTY[@COST]" (receive) or "SKU=QTY" (count) → a stock item. */
static gboolean
parse_item (PosCli *cli, const char *text, char separator, PosStockItem *item, GError **error)
{
  g_autofree char *copy = g_strdup (text);
  char *qty = strchr (copy, separator);
  char *cost = qty ? strchr (qty, '@') : NULL;

  if (qty == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s”: write SKU%cQTY"), text, separator),
           FALSE;
  *qty++ = '\0';
  if (cost != NULL)
    *cost++ = '\0';
  item->unit_cost = -1;
  if (separator == '*')
    {
      if (!pos_cli_read_delivery_code (cli, copy, item, error))
        return FALSE;
    }
  else if ((item->product_id = product_id (cli, copy, error)) == 0)
    return FALSE;
  return pos_qty_parse (qty, &item->qty, error)
         && (cost == NULL
             || pos_amount_parse_local (cost, pos_shop_currency (cli->store), &item->unit_cost, error));
}

/* A product's level in this till's shop, or in @shop, and what layaways
 * taken there hold back of it. */
static int
show_level (PosCli *cli, const char *sku, const char *shop)
{
  g_autoptr (GError) error = NULL;
  gint64 id = product_id (cli, sku, &error);
  g_autofree char *level = NULL, *reserved = NULL, *available = NULL, *here = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  PosQty qty = 0, held = 0;

  if (id == 0)
    return pos_cli_fail (error);
  here = shop == NULL ? pos_stock_shop_local (cli->store) : g_strdup (shop);
  if (!pos_stock_shop_check_id (here, &error)
      || !pos_layaway_stock_in (cli->store, here, id, &qty, &held, &error))
    return pos_cli_fail (error);
  level = pos_qty_to_string (qty);
  /* goods held for layaways are on the shelf but not for sale */
  reserved = pos_qty_to_string (held);
  available = pos_qty_to_string (qty - held);
  if (!cli->json && held == 0)
    printf ("%s %s\n", sku, level);
  else if (!cli->json)
    printf (_ ("%s %s (%s reserved, %s available)\n"), sku, level, reserved, available);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sku");
  json_builder_add_string_value (b, sku);
  json_builder_set_member_name (b, "level");
  json_builder_add_string_value (b, level);
  json_builder_set_member_name (b, "reserved");
  json_builder_add_string_value (b, reserved);
  json_builder_set_member_name (b, "available");
  json_builder_add_string_value (b, available);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

/* This till's shop, and the shops it knows of. */
static int
show_shops (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *here = pos_stock_shop_local (cli->store);
  g_autoptr (GPtrArray) shops = pos_stock_shop_list (cli->store, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (shops == NULL)
    return pos_cli_fail (error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "shop");
  json_builder_add_string_value (b, here);
  json_builder_set_member_name (b, "shops");
  json_builder_begin_array (b);
  for (guint i = 0; i < shops->len; i++)
    json_builder_add_string_value (b, shops->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (!cli->json)
    {
      printf (_ ("This till is in shop %s\n"), here);
      for (guint i = 0; i < shops->len; i++)
        printf ("  %s\n", (const char *)shops->pdata[i]);
    }
  return pos_cli_print_listing (cli, b);
}

static int
show_low (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = pos_stock_low_list (cli->store, 0, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (rows == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      PosStockRow *row = g_ptr_array_index (rows, i);
      g_autofree char *level = pos_qty_to_string (row->level);
      g_autofree char *reorder = pos_qty_to_string (row->reorder_level);

      if (!cli->json)
        printf (_ ("%-16s %-40s %10s (reorder at %s)\n"), row->sku, row->name, level, reorder);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sku");
      json_builder_add_string_value (b, row->sku);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, row->name);
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, level);
      json_builder_set_member_name (b, "reorder_level");
      json_builder_add_string_value (b, reorder);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

typedef struct
{
  PosCliActor actor;
  char *supplier, *ref, *reason, *note, *shop;
  int days;
} StockOptions;

static gboolean
change (PosCli *cli, StockOptions *o, int argc, char **argv, GError **error)
{
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (PosStockItem));
  gboolean receiving = g_str_equal (argv[1], "receive");

  if (!pos_cli_actor_sign_in (cli, &o->actor, "a supervisor's (--as, --as-pin)", &user, &approver, error))
    return FALSE;
  if (g_str_equal (argv[1], "adjust"))
    {
      PosStockReason reason = POS_STOCK_ADJUST;
      PosQty delta;
      gint64 id = product_id (cli, argv[2], error);
      if (o->reason && !pos_stock_reason_parse (o->reason, &reason))
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The reason is adjust or waste")), FALSE;
      return id != 0 && pos_qty_parse (argv[3], &delta, error)
             && pos_stock_adjust (cli->store, user, approver, id, delta, reason, o->note, error);
    }
  for (int i = 2; i < argc; i++)
    {
      PosStockItem item;
      if (!parse_item (cli, argv[i], receiving ? '*' : '=', &item, error))
        return FALSE;
      g_array_append_val (items, item);
    }
  if (receiving)
    {
      gint64 supplier = supplier_id (cli, o->supplier, error);
      return supplier >= 0
             && pos_stock_receive (cli->store, user, supplier, o->ref, (PosStockItem *)items->data,
                                   items->len, error);
    }
  return pos_stock_count (cli->store, user, (PosStockItem *)items->data, items->len, o->ref, error);
}

int
pos_cli_stock (PosCli *cli, int argc, char **argv)
{
  StockOptions o = { .days = 7 };
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "supplier", 0, 0, G_OPTION_ARG_STRING, &o.supplier, NULL, NULL },
    { "ref", 0, 0, G_OPTION_ARG_STRING, &o.ref, NULL, NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason, NULL, NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &o.note, NULL, NULL },
    { "shop", 0, 0, G_OPTION_ARG_STRING, &o.shop, NULL, NULL },
    { "days", 0, 0, G_OPTION_ARG_INT, &o.days, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  const char *verb;
  int status;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    status = pos_cli_usage (usage, error ? error->message : NULL);
  else if (pos_cli_store (cli, &error) == NULL)
    status = pos_cli_fail (error);
  else if (g_str_equal ((verb = argv[1]), "level") && argc == 3)
    status = show_level (cli, argv[2], o.shop);
  else if (g_str_equal (verb, "shop") && argc == 2)
    status = show_shops (cli);
  else if (g_str_equal (verb, "expiring") && argc == 2 && o.days >= 0 && o.days <= 3660)
    status = pos_cli_stock_expiring (cli, (guint)o.days);
  else if (g_str_equal (verb, "low") && argc == 2)
    status = show_low (cli);
  else if ((g_str_equal (verb, "adjust") && argc == 4)
           || ((g_str_equal (verb, "receive") || g_str_equal (verb, "count")) && argc > 2))
    status = change (cli, &o, argc, argv, &error) ? POS_EXIT_OK : pos_cli_fail (error);
  else
    status = pos_cli_usage (usage, NULL);

  pos_cli_actor_clear (&o.actor);
  g_free (o.supplier), g_free (o.ref), g_free (o.reason), g_free (o.note), g_free (o.shop);
  return status;
}
