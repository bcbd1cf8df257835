/* pos-cli-settings.c — `settings`: the shop's settings and tax rates. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-shop.h"
#include "pos-tax-rate.h"

static const char usage[]
    = "settings [list] | settings get KEY | settings set KEY VALUE | settings tax-rates | "
      "settings add-tax-rate CODE NAME PERCENT   (changes need --as NAME --as-pin PIN)";

static int
list (PosCli *cli)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  for (const PosShopSetting *s = pos_shop_settings (); s->key != NULL; s++)
    {
      g_autofree char *shown = pos_shop_setting_get (cli->store, s->key);

      json_builder_set_member_name (b, s->key);
      json_builder_add_string_value (b, shown);
      if (!cli->json)
        printf ("%-24s %-28s %s\n", s->key, *shown ? shown : "\"\"", _ (s->description));
    }
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

static int
tax_rates (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rates = pos_tax_rate_list (cli->store, FALSE, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (rates == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < rates->len; i++)
    {
      const PosTaxRate *rate = g_ptr_array_index (rates, i);
      g_autofree char *percent = pos_qty_to_string (rate->rate_bp * 10);

      if (!cli->json)
        printf ("%-4s %-20s %s %%\n", rate->code, rate->name, percent);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, rate->code);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, rate->name);
      json_builder_set_member_name (b, "rate_bp");
      json_builder_add_int_value (b, rate->rate_bp);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

/* "7.7" → 770 basis points, through the quantity parser (3 decimals). */
static gboolean
parse_percent (const char *text, gint64 *rate_bp, GError **error)
{
  PosQty thousandths;

  if (!pos_qty_parse (text, &thousandths, error))
    return FALSE;
  if (thousandths % 10 != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tax rate has at most two decimals")),
           FALSE;
  *rate_bp = thousandths / 10;
  return TRUE;
}

int
pos_cli_settings (PosCli *cli, int argc, char **argv)
{
  g_autofree char *as = NULL, *as_pin = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, NULL, NULL },
    { "as-pin", 0, 0, G_OPTION_ARG_STRING, &as_pin, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) actor = NULL;
  const char *verb;
  gint64 rate_bp;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error))
    return pos_cli_usage (usage, error->message);
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  verb = argc > 1 ? argv[1] : "list";
  if (g_str_equal (verb, "list") && argc <= 2)
    return list (cli);
  if (g_str_equal (verb, "tax-rates") && argc == 2)
    return tax_rates (cli);
  if (g_str_equal (verb, "get") && argc == 3)
    {
      g_autofree char *value = pos_shop_setting_get (cli->store, argv[2]);
      if (value == NULL)
        return g_set_error (&error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no setting “%s”"), argv[2]),
               pos_cli_fail (error);
      printf ("%s\n", value);
      return POS_EXIT_OK;
    }
  if (!(g_str_equal (verb, "set") && argc == 4) && !(g_str_equal (verb, "add-tax-rate") && argc == 5))
    return pos_cli_usage (usage, NULL);

  actor = pos_cli_login (cli, as, as_pin, "an owner's (--as, --as-pin)", &error);
  if (actor == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (verb, "set")
          ? !pos_shop_setting_set (cli->store, actor, argv[2], argv[3], &error)
          : (!parse_percent (argv[4], &rate_bp, &error)
             || !pos_shop_add_tax_rate (cli->store, actor, argv[2], argv[3], rate_bp, &error)))
    return pos_cli_fail (error);
  return POS_EXIT_OK;
}
