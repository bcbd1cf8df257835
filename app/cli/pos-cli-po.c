/* pos-cli-po.c — `po`: purchase orders, from the suggestion to the delivery. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pos-catalog.h"
#include "pos-purchase-order.h"
#include "pos-shop.h"
#include "pos-supplier.h"

static const char usage[]
    = "po suggest SUPPLIER | po create SUPPLIER [SKU*QTY[@COST]]… [--suggested] | po show N | "
      "po send N [--pdf FILE] [--csv FILE] | po receive N [SKU*QTY]… [--note TEXT] | po close N   "
      "(changes need --as NAME --as-pin PIN)";

typedef struct
{
  PosCliActor actor;
  char *pdf, *csv, *note;
  gboolean suggested;
} PoOptions;

static gint64
supplier_id (PosCli *cli, const char *name, GError **error)
{
  g_auto (PosSupplier) s = { 0 };

  return pos_supplier_find (cli->store, name, &s, error) ? s.id : 0;
}

static gboolean
parse_number (const char *text, gint64 *out, GError **error)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &n, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a purchase order number"), text),
           FALSE;
  *out = (gint64)n;
  return TRUE;
}

/* "SKU*QTY[@COST]" → an item; cost -1 when not given. */
static gboolean
parse_item (PosCli *cli, const char *text, PosStockItem *item, GError **error)
{
  g_autofree char *copy = g_strdup (text);
  char *qty = strchr (copy, '*');
  char *cost = qty ? strchr (qty, '@') : NULL;
  g_autoptr (PosProduct) product = NULL;

  if (qty == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s”: write SKU*QTY"), text), FALSE;
  *qty++ = '\0';
  if (cost != NULL)
    *cost++ = '\0';
  item->unit_cost = -1;
  if (!pos_cli_read_delivery_code (cli, copy, item, error))
    return FALSE;
  return pos_qty_parse (qty, &item->qty, error)
         && (cost == NULL
             || pos_amount_parse (cost, pos_shop_currency (cli->store), &item->unit_cost, error));
}

static GArray *
parse_items (PosCli *cli, int argc, char **argv, GError **error)
{
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (PosStockItem));

  for (int i = 0; i < argc; i++)
    {
      PosStockItem item;

      if (!parse_item (cli, argv[i], &item, error))
        return NULL;
      g_array_append_val (items, item);
    }
  return g_steal_pointer (&items);
}

static void
member_qty (JsonBuilder *b, const char *name, PosQty qty)
{
  g_autofree char *text = pos_qty_to_string (qty);

  pos_cli_member_string (b, name, text);
}

static void
build_line (PosCli *cli, JsonBuilder *b, const PosOrderLine *l, gboolean suggestion)
{
  json_builder_begin_object (b);
  pos_cli_member_string (b, "sku", l->sku);
  pos_cli_member_string (b, "name", l->name);
  pos_cli_member_string (b, "order_code", l->order_code);
  member_qty (b, "qty", l->qty);
  pos_cli_member_cost (cli, b, "unit_cost", l->unit_cost);
  if (suggestion)
    {
      member_qty (b, "stock", l->level);
      member_qty (b, "reorder_level", l->reorder_level);
      member_qty (b, "on_order", l->on_order);
      member_qty (b, "sold_28_days", l->sold);
    }
  else
    {
      member_qty (b, "received", l->received);
      json_builder_set_member_name (b, "over_received");
      json_builder_add_boolean_value (b, l->over_received);
    }
  json_builder_end_object (b);
}

static int
suggest (PosCli *cli, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gboolean below = FALSE;
  gint64 id = supplier_id (cli, name, &error);

  if (id == 0 || (lines = pos_purchase_order_suggest (cli->store, id, &below, &error)) == NULL)
    return pos_cli_fail (error);
  json_builder_begin_object (b);
  pos_cli_member_string (b, "supplier", name);
  json_builder_set_member_name (b, "below_minimum_order");
  json_builder_add_boolean_value (b, below);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < lines->len; i++)
    {
      PosOrderLine *l = g_ptr_array_index (lines, i);
      g_autofree char *qty = pos_qty_to_string (l->qty);
      g_autofree char *level = pos_qty_to_string (l->level);
      g_autofree char *sold = pos_qty_to_string (l->sold);

      if (!cli->json)
        printf (_ ("%-16s %-32s order %8s  (stock %s, sold %s in %d days)\n"), l->sku, l->name, qty, level,
                sold, POS_ORDER_SALES_DAYS);
      build_line (cli, b, l, TRUE);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (!cli->json && below)
    printf (_ ("below %s's minimum order\n"), name);
  return pos_cli_print_listing (cli, b);
}

static void
print_order (PosCli *cli, const PosPurchaseOrder *o)
{
  g_autofree char *total = pos_cli_money (cli, o->total);

  printf (_ ("Purchase order %lld to %s: %s, total %s\n"), (long long)o->id, o->supplier, o->status, total);
  for (guint i = 0; i < o->lines->len; i++)
    {
      PosOrderLine *l = g_ptr_array_index (o->lines, i);
      g_autofree char *qty = pos_qty_to_string (l->qty);
      g_autofree char *received = pos_qty_to_string (l->received);
      g_autofree char *cost = l->unit_cost >= 0 ? pos_cli_money (cli, l->unit_cost) : g_strdup ("-");

      printf ("  %-16s %-32s %8s @ %8s  received %s%s\n", l->sku, l->name, qty, cost, received,
              l->over_received ? "  (more than ordered)" : "");
    }
}

static int
show (PosCli *cli, const char *number)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosPurchaseOrder) o = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gint64 id;

  if (!parse_number (number, &id, &error) || (o = pos_purchase_order_get (cli->store, id, &error)) == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_order (cli, o);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "number");
  json_builder_add_int_value (b, o->id);
  pos_cli_member_string (b, "supplier", o->supplier);
  pos_cli_member_string (b, "status", o->status);
  pos_cli_member_string (b, "created_at", o->created_at);
  pos_cli_member_string (b, "sent_at", o->sent_at);
  pos_cli_member_string (b, "closed_at", o->closed_at);
  pos_cli_member_cost (cli, b, "total", o->total);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->lines->len; i++)
    build_line (cli, b, g_ptr_array_index (o->lines, i), FALSE);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

/* The suggestion's lines as items to order. */
static GArray *
suggested_items (PosCli *cli, gint64 supplier, GError **error)
{
  g_autoptr (GPtrArray) lines = pos_purchase_order_suggest (cli->store, supplier, NULL, error);
  GArray *items;

  if (lines == NULL)
    return NULL;
  items = g_array_new (FALSE, TRUE, sizeof (PosStockItem));
  for (guint i = 0; i < lines->len; i++)
    {
      PosOrderLine *l = g_ptr_array_index (lines, i);
      PosStockItem item = { l->product_id, l->qty, l->unit_cost };

      g_array_append_val (items, item);
    }
  return items;
}

static gboolean
create (PosCli *cli, PoOptions *o, const PosUser *user, int argc, char **argv, GError **error)
{
  gint64 supplier = supplier_id (cli, argv[2], error);
  g_autoptr (GArray) items = NULL;
  gint64 id;

  if (supplier == 0)
    return FALSE;
  if ((items
       = o->suggested ? suggested_items (cli, supplier, error) : parse_items (cli, argc - 3, argv + 3, error))
      == NULL)
    return FALSE;
  if (o->suggested && argc > 3)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Give lines or --suggested, not both")),
           FALSE;
  id = pos_purchase_order_create (cli->store, user, supplier, (PosStockItem *)items->data, items->len, error);
  if (id == 0)
    return FALSE;
  if (cli->json)
    printf ("{\"number\": %" G_GINT64_FORMAT "}\n", id);
  else
    printf (_ ("purchase order %lld\n"), (long long)id);
  return TRUE;
}

/* Writes the order's documents, then marks it sent: a document that cannot
 * be written leaves the order as it was. */
static gboolean
send (PosCli *cli, PoOptions *o, const PosUser *user, gint64 id, GError **error)
{
  g_autoptr (PosPurchaseOrder) order = pos_purchase_order_get (cli->store, id, error);

  if (order == NULL)
    return FALSE;
  if (o->pdf != NULL && !pos_purchase_order_write_pdf (cli->store, order, o->pdf, error))
    return FALSE;
  if (o->csv != NULL && !pos_purchase_order_write_csv (cli->store, order, o->csv, error))
    return FALSE;
  return pos_purchase_order_mark_sent (cli->store, user, id, error);
}

static gboolean
change (PosCli *cli, PoOptions *o, int argc, char **argv, GError **error)
{
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (GArray) items = NULL;
  const char *verb = argv[1];
  gint64 id = 0;

  if (!pos_cli_actor_sign_in (cli, &o->actor, "a supervisor's (--as, --as-pin)", &user, &approver, error))
    return FALSE;
  if (g_str_equal (verb, "create"))
    return create (cli, o, approver ? approver : user, argc, argv, error);
  if (!parse_number (argv[2], &id, error))
    return FALSE;
  if (g_str_equal (verb, "send"))
    return send (cli, o, approver ? approver : user, id, error);
  if (g_str_equal (verb, "close"))
    return pos_purchase_order_close (cli->store, approver ? approver : user, id, error);
  if ((items = parse_items (cli, argc - 3, argv + 3, error)) == NULL)
    return FALSE;
  return pos_purchase_order_receive (cli->store, approver ? approver : user, id, (PosStockItem *)items->data,
                                     items->len, o->note, error);
}

static int
run (PosCli *cli, PoOptions *o, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const char *verb = argv[1];

  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (verb, "suggest") && argc == 3)
    return suggest (cli, argv[2]);
  if (g_str_equal (verb, "show") && argc == 3)
    return show (cli, argv[2]);
  if (g_str_equal (verb, "create") || g_str_equal (verb, "receive")
      || ((g_str_equal (verb, "send") || g_str_equal (verb, "close")) && argc == 3))
    return change (cli, o, argc, argv, &error) ? POS_EXIT_OK : pos_cli_fail (error);
  return pos_cli_usage (usage, NULL);
}

int
pos_cli_po (PosCli *cli, int argc, char **argv)
{
  PoOptions o = { 0 };
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &o.pdf, NULL, NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &o.csv, NULL, NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &o.note, NULL, NULL },
    { "suggested", 0, 0, G_OPTION_ARG_NONE, &o.suggested, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  int status;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 3)
    status = pos_cli_usage (usage, error ? error->message : NULL);
  else
    status = run (cli, &o, argc, argv);
  pos_cli_actor_clear (&o.actor);
  g_free (o.pdf), g_free (o.csv), g_free (o.note);
  return status;
}
