/* pos-cli-promo.c — `promo`: the shop's promotions (app/promo/). */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-clock.h"
#include "pos-product-edit.h"
#include "pos-promo-text.h"
#include "pos-promotion.h"
#include "pos-shop.h"

static const char usage[]
    = "promo add NAME --kind multibuy|multiprice|bundle|percent|amount|price [--buy N] [--pay M] "
      "[--price AMOUNT] [--percent P] [--amount AMOUNT] [--product SKU|CODE]… [--category NAME] [--brand "
      "NAME] "
      "[--members] "
      "[--coupon CODE] [--days mon-fri|sat,sun] [--hours HH:MM-HH:MM] [--from DAY] [--to DAY] | "
      "promo list [--all] | promo change NAME|UID --kind … [the options of add] [--name NEW] | "
      "promo end NAME|UID   (changes need --as NAME --as-pin PIN)";

typedef struct
{
  PosCliActor actor;
  char *kind, *price, *percent, *amount, *category, *brand, *coupon, *days, *hours, *from, *to, *name;
  char **products;
  gint buy, pay;
  gboolean members, all;
} PromoOptions;

static void
options_clear (PromoOptions *o)
{
  pos_cli_actor_clear (&o->actor);
  g_free (o->kind), g_free (o->price), g_free (o->percent), g_free (o->amount), g_free (o->category);
  g_free (o->brand), g_free (o->coupon), g_free (o->days), g_free (o->hours), g_free (o->from),
      g_free (o->to);
  g_free (o->name);
  g_strfreev (o->products);
}

static gboolean
parse_products (PosCli *cli, char **keys, GArray *out, GError **error)
{
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autoptr (PosProduct) product = pos_catalog_lookup (cli->store, keys[i], error);

      if (product == NULL)
        return FALSE;
      g_array_append_val (out, product->id);
    }
  return TRUE;
}

/* The amount or percentage the kind needs: --price, --amount, --percent. */
static gboolean
parse_value (PosCli *cli, const PromoOptions *o, PosPromotion *p, GError **error)
{
  const PosCurrency *currency = pos_shop_currency (cli->store);

  if (p->kind == POS_PROMO_PERCENT)
    /* A percentage with two decimals is a number of basis points, read as
     * an amount of a currency with two decimals. */
    return o->percent != NULL
               ? pos_amount_parse (o->percent, pos_currency_lookup ("EUR"), &p->value, error)
               : (g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Give the --percent")), FALSE);
  if (p->kind == POS_PROMO_AMOUNT)
    return o->amount != NULL
               ? pos_amount_parse (o->amount, currency, &p->value, error)
               : (g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Give the --amount")), FALSE);
  if (p->kind == POS_PROMO_MULTIBUY)
    return TRUE;
  return o->price != NULL
             ? pos_amount_parse (o->price, currency, &p->value, error)
             : (g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Give the --price")), FALSE);
}

static gboolean
build (PosCli *cli, const PromoOptions *o, const char *name, PosPromotion *p, GError **error)
{
  p->name = g_strdup (name);
  if (o->kind == NULL || !pos_promo_kind_from_string (o->kind, &p->kind))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("--kind is multibuy, multiprice, bundle, percent, amount or price")),
           FALSE;
  p->buy_qty = o->buy;
  p->pay_qty = o->pay;
  p->members_only = o->members;
  p->coupon = g_strdup (o->coupon);
  p->brand = g_strdup (o->brand);
  if (o->category != NULL
      && (p->category_id = pos_catalog_ensure_category (cli->store, o->category, error)) <= 0)
    return FALSE;
  return parse_value (cli, o, p, error) && parse_products (cli, o->products, p->products, error)
         && (o->days == NULL || pos_promo_parse_days (o->days, &p->weekdays, error))
         && (o->hours == NULL || pos_promo_parse_hours (o->hours, &p->minute_from, &p->minute_to, error))
         && (o->from == NULL || pos_promo_parse_day (o->from, FALSE, &p->starts_us, error))
         && (o->to == NULL || pos_promo_parse_day (o->to, TRUE, &p->ends_us, error));
}

static int
add (PosCli *cli, PromoOptions *o, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (PosPromotion) p = pos_promotion_new ();

  if (!pos_cli_actor_sign_in (cli, &o->actor, "an owner's (--as, --as-pin)", &user, &approver, &error)
      || !build (cli, o, name, p, &error)
      || !pos_promotion_add (cli->store, approver ? approver : user, p, &error))
    return pos_cli_fail (error);
  if (cli->json)
    {
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr (JsonObject) obj = json_object_new ();
      json_object_set_string_member (obj, "uid", p->uid);
      json_node_set_object (node, obj);
      pos_cli_print_json (node);
    }
  else
    printf (_ ("Promotion “%s” added (%s)\n"), p->name, p->uid);
  return POS_EXIT_OK;
}

/* The running or coming promotion @key names (its uid or its name). */
static PosPromotion *
find (PosCli *cli, const char *key, GError **error)
{
  g_autoptr (GPtrArray) promotions = pos_promotion_list (cli->store, FALSE, pos_clock_now_us (), error);

  if (promotions == NULL)
    return NULL;
  for (guint i = 0; i < promotions->len; i++)
    {
      PosPromotion *p = g_ptr_array_index (promotions, i);

      if (g_str_equal (p->uid, key) || g_strcmp0 (p->name, key) == 0)
        return g_ptr_array_steal_index (promotions, i);
    }
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No running promotion is called %s"), key);
  return NULL;
}

/* Every field anew, as for add (the name kept unless --name): a coming
 * promotion gets a new version, a running one ends now and its successor
 * starts now, in one transaction (pos_promotion_change). */
static int
change (PosCli *cli, PromoOptions *o, const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (PosPromotion) old = NULL;
  g_autoptr (PosPromotion) p = pos_promotion_new ();
  gboolean successor;

  if (!pos_cli_actor_sign_in (cli, &o->actor, "an owner's (--as, --as-pin)", &user, &approver, &error)
      || (old = find (cli, key, &error)) == NULL || !build (cli, o, o->name ? o->name : old->name, p, &error)
      || !pos_promotion_change (cli->store, approver ? approver : user, old->uid, p, &error))
    return pos_cli_fail (error);
  successor = !g_str_equal (p->uid, old->uid);
  if (cli->json)
    {
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr (JsonObject) obj = json_object_new ();
      g_autofree char *starts = p->starts_us ? pos_clock_iso_utc (p->starts_us) : NULL;

      json_object_set_string_member (obj, "uid", p->uid);
      json_object_set_string_member (obj, "changed", old->uid);
      json_object_set_boolean_member (obj, "successor", successor);
      if (starts != NULL)
        json_object_set_string_member (obj, "starts_at", starts);
      else
        json_object_set_null_member (obj, "starts_at");
      json_node_set_object (node, obj);
      pos_cli_print_json (node);
    }
  else if (successor)
    printf (_ ("Promotion “%s” ended; its change runs from now as “%s” (%s)\n"), old->name, p->name, p->uid);
  else
    printf (_ ("Promotion “%s” changed before it starts (%s)\n"), p->name, p->uid);
  return POS_EXIT_OK;
}

static int
end (PosCli *cli, PromoOptions *o, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;

  if (!pos_cli_actor_sign_in (cli, &o->actor, "an owner's (--as, --as-pin)", &user, &approver, &error)
      || !pos_promotion_end (cli->store, approver ? approver : user, name, &error))
    return pos_cli_fail (error);
  if (!cli->json)
    printf (_ ("Promotion “%s” ended\n"), name);
  return POS_EXIT_OK;
}

static char *
value_text (PosCli *cli, const PosPromotion *p)
{
  g_autofree char *money = pos_cli_money (cli, p->value);

  switch (p->kind)
    {
      case POS_PROMO_MULTIBUY:
        return g_strdup_printf ("%lld for %lld", (long long)p->buy_qty, (long long)p->pay_qty);
      case POS_PROMO_MULTIPRICE:
        return g_strdup_printf ("%lld for %s", (long long)p->buy_qty, money);
      case POS_PROMO_PERCENT:
        return g_strdup_printf ("%lld.%02lld %%", (long long)p->value / 100, (long long)p->value % 100);
      case POS_PROMO_AMOUNT:
        return g_strdup_printf ("-%s", money);
      case POS_PROMO_BUNDLE:
      case POS_PROMO_PRICE:
      default:
        return g_steal_pointer (&money);
    }
}

static void
build_row (PosCli *cli, JsonBuilder *b, const PosPromotion *p)
{
  g_autofree char *starts = p->starts_us ? pos_clock_iso_utc (p->starts_us) : NULL;
  g_autofree char *ends = p->ends_us ? pos_clock_iso_utc (p->ends_us) : NULL;
  g_autofree char *value = value_text (cli, p);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uid");
  json_builder_add_string_value (b, p->uid);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, p->name);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, pos_promo_kind_to_string (p->kind));
  json_builder_set_member_name (b, "value");
  json_builder_add_int_value (b, p->value);
  json_builder_set_member_name (b, "buy_qty");
  json_builder_add_int_value (b, p->buy_qty);
  json_builder_set_member_name (b, "pay_qty");
  json_builder_add_int_value (b, p->pay_qty);
  json_builder_set_member_name (b, "products");
  json_builder_add_int_value (b, p->products->len);
  json_builder_set_member_name (b, "brand");
  p->brand ? json_builder_add_string_value (b, p->brand) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "members_only");
  json_builder_add_boolean_value (b, p->members_only);
  json_builder_set_member_name (b, "coupon");
  p->coupon ? json_builder_add_string_value (b, p->coupon) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "starts_at");
  starts ? json_builder_add_string_value (b, starts) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "ends_at");
  ends ? json_builder_add_string_value (b, ends) : json_builder_add_null_value (b);
  json_builder_end_object (b);
  if (!cli->json)
    printf ("%-32s %-10s %-14s %s%s\n", p->name, pos_promo_kind_to_string (p->kind), value,
            p->coupon ? p->coupon : "", ends ? " (ends)" : "");
}

static int
list (PosCli *cli, gboolean all)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) promotions = pos_promotion_list (cli->store, all, pos_clock_now_us (), &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (promotions == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < promotions->len; i++)
    build_row (cli, b, g_ptr_array_index (promotions, i));
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

int
pos_cli_promo (PosCli *cli, int argc, char **argv)
{
  PromoOptions o = { 0 };
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o.kind, NULL, NULL },
    { "buy", 0, 0, G_OPTION_ARG_INT, &o.buy, NULL, NULL },
    { "pay", 0, 0, G_OPTION_ARG_INT, &o.pay, NULL, NULL },
    { "price", 0, 0, G_OPTION_ARG_STRING, &o.price, NULL, NULL },
    { "percent", 0, 0, G_OPTION_ARG_STRING, &o.percent, NULL, NULL },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &o.amount, NULL, NULL },
    { "product", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.products, NULL, NULL },
    { "category", 0, 0, G_OPTION_ARG_STRING, &o.category, NULL, NULL },
    { "brand", 0, 0, G_OPTION_ARG_STRING, &o.brand, NULL, NULL },
    { "members", 0, 0, G_OPTION_ARG_NONE, &o.members, NULL, NULL },
    { "coupon", 0, 0, G_OPTION_ARG_STRING, &o.coupon, NULL, NULL },
    { "days", 0, 0, G_OPTION_ARG_STRING, &o.days, NULL, NULL },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &o.hours, NULL, NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, NULL, NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &o.all, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  int status;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    status = pos_cli_usage (usage, error ? error->message : NULL);
  else if (pos_cli_store (cli, &error) == NULL)
    status = pos_cli_fail (error);
  else if (g_str_equal (argv[1], "list") && argc == 2)
    status = list (cli, o.all);
  else if (g_str_equal (argv[1], "add") && argc == 3)
    status = add (cli, &o, argv[2]);
  else if (g_str_equal (argv[1], "change") && argc == 3)
    status = change (cli, &o, argv[2]);
  else if (g_str_equal (argv[1], "end") && argc == 3)
    status = end (cli, &o, argv[2]);
  else
    status = pos_cli_usage (usage, NULL);
  options_clear (&o);
  return status;
}
