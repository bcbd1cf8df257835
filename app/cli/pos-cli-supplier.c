/* pos-cli-supplier.c — `supplier`: who the shop buys from, and what. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pos-catalog.h"
#include "pos-shop.h"
#include "pos-supplier.h"

static const char usage[]
    = "supplier add NAME [--contact TEXT] [--phone TEXT] [--email TEXT] [--customer-number TEXT] "
      "[--lead-time DAYS] [--minimum-order AMOUNT] [--region TEXT] [--local|--not-local] | "
      "supplier edit NAME [--name NEW] [the options of add] | supplier list | supplier show NAME | "
      "supplier link NAME SKU|CODE [--order-code TEXT] [--cost AMOUNT]   "
      "(changes need --as NAME --as-pin PIN)";

typedef struct
{
  PosCliActor actor;
  char *name, *contact, *phone, *email, *customer_number, *lead_time, *minimum_order, *region;
  char *order_code, *cost;
  gboolean local, not_local;
} SupplierOptions;

static void
options_clear (SupplierOptions *o)
{
  pos_cli_actor_clear (&o->actor);
  g_free (o->name), g_free (o->contact), g_free (o->phone), g_free (o->email);
  g_free (o->customer_number), g_free (o->lead_time), g_free (o->minimum_order), g_free (o->region);
  g_free (o->order_code), g_free (o->cost);
}

static void
replace (char **field, const char *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = *value != '\0' ? g_strdup (value) : NULL; /* "" clears a field */
}

/* A whole number of days, >= 0. */
static gboolean
parse_days (const char *text, gint64 *out, GError **error)
{
  guint64 days;

  if (!g_ascii_string_to_unsigned (text, 10, 0, 3650, &days, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A lead time is a number of days, not “%s”"),
                        text),
           FALSE;
  *out = (gint64)days;
  return TRUE;
}

/* Applies the options given to @s; the others leave it as it is. */
static gboolean
apply_options (PosCli *cli, const SupplierOptions *o, PosSupplier *s, GError **error)
{
  replace (&s->name, o->name);
  replace (&s->contact, o->contact);
  replace (&s->phone, o->phone);
  replace (&s->email, o->email);
  replace (&s->customer_number, o->customer_number);
  replace (&s->region, o->region);
  if (o->local || o->not_local)
    s->is_local = o->local;
  if (o->lead_time != NULL && !parse_days (o->lead_time, &s->lead_time_days, error))
    return FALSE;
  return o->minimum_order == NULL
         || pos_amount_parse (o->minimum_order, pos_shop_currency (cli->store), &s->minimum_order, error);
}

static gboolean
save (PosCli *cli, SupplierOptions *o, const char *verb, const char *name, GError **error)
{
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_auto (PosSupplier) s = { .lead_time_days = -1, .minimum_order = -1 };

  if (!pos_cli_actor_sign_in (cli, &o->actor, "an owner's (--as, --as-pin)", &user, &approver, error))
    return FALSE;
  if (g_str_equal (verb, "edit") && !pos_supplier_find (cli->store, name, &s, error))
    return FALSE;
  if (g_str_equal (verb, "add"))
    s.name = g_strdup (name);
  return apply_options (cli, o, &s, error)
         && pos_supplier_save (cli->store, approver ? approver : user, &s, error);
}

static gboolean
link_product (PosCli *cli, SupplierOptions *o, const char *name, const char *key, GError **error)
{
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_auto (PosSupplier) s = { 0 };
  g_autoptr (PosProduct) product = NULL;
  PosAmount cost = -1;

  if (!pos_cli_actor_sign_in (cli, &o->actor, "an owner's (--as, --as-pin)", &user, &approver, error))
    return FALSE;
  if (!pos_supplier_find (cli->store, name, &s, error)
      || (product = pos_catalog_lookup (cli->store, key, error)) == NULL)
    return FALSE;
  if (o->cost != NULL && !pos_amount_parse (o->cost, pos_shop_currency (cli->store), &cost, error))
    return FALSE;
  return pos_supplier_link (cli->store, approver ? approver : user, s.id, product->id, o->order_code, cost,
                            error);
}

static void
build_supplier (PosCli *cli, JsonBuilder *b, const PosSupplier *s)
{
  pos_cli_member_string (b, "name", s->name);
  pos_cli_member_string (b, "contact", s->contact);
  pos_cli_member_string (b, "phone", s->phone);
  pos_cli_member_string (b, "email", s->email);
  pos_cli_member_string (b, "customer_number", s->customer_number);
  json_builder_set_member_name (b, "lead_time_days");
  if (s->lead_time_days >= 0)
    json_builder_add_int_value (b, s->lead_time_days);
  else
    json_builder_add_null_value (b);
  pos_cli_member_cost (cli, b, "minimum_order", s->minimum_order);
  pos_cli_member_string (b, "region", s->region);
  json_builder_set_member_name (b, "local");
  json_builder_add_boolean_value (b, s->is_local);
}

static int
list (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) suppliers = pos_supplier_list (cli->store, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (suppliers == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < suppliers->len; i++)
    {
      PosSupplier *s = g_ptr_array_index (suppliers, i);

      if (!cli->json)
        printf ("%-32s %-20s %s\n", s->name, s->region ? s->region : "", s->is_local ? "local" : "");
      json_builder_begin_object (b);
      build_supplier (cli, b, s);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static void
build_products (PosCli *cli, JsonBuilder *b, GPtrArray *products)
{
  json_builder_set_member_name (b, "products");
  json_builder_begin_array (b);
  for (guint i = 0; i < products->len; i++)
    {
      PosSupplierProduct *p = g_ptr_array_index (products, i);

      json_builder_begin_object (b);
      pos_cli_member_string (b, "sku", p->sku);
      pos_cli_member_string (b, "name", p->name);
      pos_cli_member_string (b, "order_code", p->order_code);
      pos_cli_member_cost (cli, b, "cost", p->cost);
      json_builder_set_member_name (b, "preferred");
      json_builder_add_boolean_value (b, p->preferred);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_supplier (PosCli *cli, const PosSupplier *s, GPtrArray *products)
{
  g_autofree char *minimum = s->minimum_order >= 0 ? pos_cli_money (cli, s->minimum_order) : g_strdup ("-");

  printf ("%s%s\n", s->name, s->is_local ? " (local)" : "");
  printf ("  contact %s, phone %s, email %s\n", s->contact ? s->contact : "-", s->phone ? s->phone : "-",
          s->email ? s->email : "-");
  printf ("  customer number %s, region %s\n", s->customer_number ? s->customer_number : "-",
          s->region ? s->region : "-");
  printf ("  lead time %" G_GINT64_FORMAT " days, minimum order %s\n", MAX (s->lead_time_days, 0), minimum);
  for (guint i = 0; i < products->len; i++)
    {
      PosSupplierProduct *p = g_ptr_array_index (products, i);
      g_autofree char *cost = p->cost >= 0 ? pos_cli_money (cli, p->cost) : g_strdup ("-");

      printf ("  %-16s %-32s %-12s %10s%s\n", p->sku, p->name, p->order_code ? p->order_code : "", cost,
              p->preferred ? " *" : "");
    }
}

static int
show (PosCli *cli, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_auto (PosSupplier) s = { 0 };
  g_autoptr (GPtrArray) products = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (!pos_supplier_find (cli->store, name, &s, &error)
      || (products = pos_supplier_products (cli->store, s.id, &error)) == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_supplier (cli, &s, products);
  json_builder_begin_object (b);
  build_supplier (cli, b, &s);
  build_products (cli, b, products);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

static int
run (PosCli *cli, SupplierOptions *o, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const char *verb = argv[1];

  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (verb, "list") && argc == 2)
    return list (cli);
  if (g_str_equal (verb, "show") && argc == 3)
    return show (cli, argv[2]);
  if ((g_str_equal (verb, "add") || g_str_equal (verb, "edit")) && argc == 3)
    return save (cli, o, verb, argv[2], &error) ? POS_EXIT_OK : pos_cli_fail (error);
  if (g_str_equal (verb, "link") && argc == 4)
    return link_product (cli, o, argv[2], argv[3], &error) ? POS_EXIT_OK : pos_cli_fail (error);
  return pos_cli_usage (usage, NULL);
}

int
pos_cli_supplier (PosCli *cli, int argc, char **argv)
{
  SupplierOptions o = { 0 };
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name, NULL, NULL },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &o.contact, NULL, NULL },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &o.phone, NULL, NULL },
    { "email", 0, 0, G_OPTION_ARG_STRING, &o.email, NULL, NULL },
    { "customer-number", 0, 0, G_OPTION_ARG_STRING, &o.customer_number, NULL, NULL },
    { "lead-time", 0, 0, G_OPTION_ARG_STRING, &o.lead_time, NULL, NULL },
    { "minimum-order", 0, 0, G_OPTION_ARG_STRING, &o.minimum_order, NULL, NULL },
    { "region", 0, 0, G_OPTION_ARG_STRING, &o.region, NULL, NULL },
    { "local", 0, 0, G_OPTION_ARG_NONE, &o.local, NULL, NULL },
    { "not-local", 0, 0, G_OPTION_ARG_NONE, &o.not_local, NULL, NULL },
    { "order-code", 0, 0, G_OPTION_ARG_STRING, &o.order_code, NULL, NULL },
    { "cost", 0, 0, G_OPTION_ARG_STRING, &o.cost, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  int status;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    status = pos_cli_usage (usage, error ? error->message : NULL);
  else if (o.local && o.not_local)
    status = pos_cli_usage (usage, "--local and --not-local cannot both be given");
  else
    status = run (cli, &o, argc, argv);
  options_clear (&o);
  return status;
}
