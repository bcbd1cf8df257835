/* pos-cli-stock-take.c — `stock-take`: counting the shop, the variance
 * report and its approval (the rule is in pos-stock-take.h). */
#include "pos-cli.h"

#include <stdio.h>
#include <string.h>

#include "pos-stock-take.h"

static const char usage[]
    = "stock-take start [--category NAME] | stock-take count CODE[*QTY]… | stock-take variance [N] | "
      "stock-take approve [N] [--reason TEXT] | stock-take cancel [N]   "
      "(changes need --as NAME --as-pin PIN; N is the open stock take when left out)";

typedef struct
{
  PosCliActor actor;
  char *category, *reason;
} TakeOptions;

/* Stock take N from the command line, or the open one. */
static gint64
take_id (PosCli *cli, int argc, char **argv, GError **error)
{
  guint64 n;
  gint64 open;

  if (argc > 2)
    {
      if (!g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXINT64, &n, NULL))
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "“%s” is not a stock take number", argv[2]),
               0;
      return (gint64)n;
    }
  open = pos_stock_take_open_id (cli->store, error);
  if (open == 0 && (error == NULL || *error == NULL))
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, "No stock take is open");
  return open;
}

static void
member_qty (JsonBuilder *b, const char *name, PosQty qty)
{
  g_autofree char *text = pos_qty_to_string (qty);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, text);
}

/* "CODE*QTY" or "CODE" (one). */
static gboolean
parse_scan (const char *text, char **code, PosQty *qty, GError **error)
{
  const char *star = strrchr (text, '*');

  *qty = POS_QTY_ONE;
  if (star == NULL)
    return *code = g_strdup (text), TRUE;
  *code = g_strndup (text, star - text);
  return pos_qty_parse (star + 1, qty, error);
}

static gboolean
count_one (PosCli *cli, const PosUser *user, gint64 id, const char *text, JsonBuilder *b, GError **error)
{
  g_autofree char *code = NULL;
  g_autoptr (PosStockTakeLine) line = NULL;
  gboolean unknown = FALSE;
  PosQty qty;

  if (!parse_scan (text, &code, &qty, error)
      || !pos_stock_take_count (cli->store, user, id, code, qty, &line, &unknown, error))
    return FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "unknown");
  json_builder_add_boolean_value (b, unknown);
  if (line != NULL)
    {
      g_autofree char *counted = pos_qty_to_string (line->counted);

      json_builder_set_member_name (b, "sku");
      json_builder_add_string_value (b, line->sku);
      member_qty (b, "counted", line->counted);
      if (!cli->json)
        printf ("%-16s %-32s counted %s\n", line->sku, line->name, counted);
    }
  else if (!cli->json)
    printf ("%-16s unknown code, noted for the variance report\n", code);
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
count (PosCli *cli, const PosUser *user, int argc, char **argv, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gint64 id = pos_stock_take_open_id (cli->store, error);

  if (id == 0)
    return (error == NULL || *error == NULL)
               ? (g_set_error (error, POS_ERROR, POS_ERROR_STATE, "No stock take is open: start one first"),
                  FALSE)
               : FALSE;
  json_builder_begin_array (b);
  for (int i = 2; i < argc; i++)
    if (!count_one (cli, user, id, argv[i], b, error))
      return FALSE;
  json_builder_end_array (b);
  pos_cli_print_listing (cli, b);
  return TRUE;
}

static void
build_report (JsonBuilder *b, const PosStockTakeReport *r)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "number");
  json_builder_add_int_value (b, r->id);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, r->status);
  json_builder_set_member_name (b, "category");
  r->category ? json_builder_add_string_value (b, r->category) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->lines->len; i++)
    {
      PosStockTakeLine *l = g_ptr_array_index (r->lines, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sku");
      json_builder_add_string_value (b, l->sku);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, l->name);
      member_qty (b, "counted", l->counted);
      member_qty (b, "expected", l->expected);
      member_qty (b, "variance", l->variance);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "unknown_codes");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->unknown->len; i++)
    {
      PosStockTakeUnknown *u = g_ptr_array_index (r->unknown, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, u->code);
      member_qty (b, "counted", u->qty);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_report (const PosStockTakeReport *r)
{
  printf ("Stock take %" G_GINT64_FORMAT " (%s): %s\n", r->id, r->category ? r->category : "whole shop",
          r->status);
  for (guint i = 0; i < r->lines->len; i++)
    {
      PosStockTakeLine *l = g_ptr_array_index (r->lines, i);
      g_autofree char *counted = pos_qty_to_string (l->counted);
      g_autofree char *expected = pos_qty_to_string (l->expected);
      g_autofree char *variance = pos_qty_to_string (l->variance);

      printf ("  %-16s %-32s counted %8s  expected %8s  variance %s\n", l->sku, l->name, counted, expected,
              variance);
    }
  for (guint i = 0; i < r->unknown->len; i++)
    {
      PosStockTakeUnknown *u = g_ptr_array_index (r->unknown, i);
      g_autofree char *counted = pos_qty_to_string (u->qty);

      printf ("  unknown code %s counted %s: create the product, then count it again\n", u->code, counted);
    }
}

static int
variance (PosCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStockTakeReport) r = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gint64 id = take_id (cli, argc, argv, &error);

  if (id == 0 || (r = pos_stock_take_report (cli->store, id, &error)) == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_report (r);
  build_report (b, r);
  return pos_cli_print_listing (cli, b);
}

static gboolean
start (PosCli *cli, TakeOptions *o, const PosUser *user, GError **error)
{
  gint64 id = pos_stock_take_start (cli->store, user, o->category, error);

  if (id == 0)
    return FALSE;
  if (cli->json)
    printf ("{\"number\": %" G_GINT64_FORMAT "}\n", id);
  else
    printf ("stock take %" G_GINT64_FORMAT "\n", id);
  return TRUE;
}

static gboolean
change (PosCli *cli, TakeOptions *o, int argc, char **argv, GError **error)
{
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  const char *verb = argv[1];
  const PosUser *actor;
  gint64 id;

  if (!pos_cli_actor_sign_in (cli, &o->actor, "the counter's (--as, --as-pin)", &user, &approver, error))
    return FALSE;
  actor = approver ? approver : user;
  if (g_str_equal (verb, "start"))
    return start (cli, o, actor, error);
  if (g_str_equal (verb, "count"))
    return count (cli, user, argc, argv, error);
  if ((id = take_id (cli, argc, argv, error)) == 0)
    return FALSE;
  if (g_str_equal (verb, "approve"))
    return pos_stock_take_approve (cli->store, actor, id, o->reason, error);
  return pos_stock_take_cancel (cli->store, actor, id, error);
}

static int
run (PosCli *cli, TakeOptions *o, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const char *verb = argv[1];

  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (verb, "variance") && argc <= 3)
    return variance (cli, argc, argv);
  if ((g_str_equal (verb, "start") && argc == 2) || (g_str_equal (verb, "count") && argc > 2)
      || ((g_str_equal (verb, "approve") || g_str_equal (verb, "cancel")) && argc <= 3))
    return change (cli, o, argc, argv, &error) ? POS_EXIT_OK : pos_cli_fail (error);
  return pos_cli_usage (usage, NULL);
}

int
pos_cli_stock_take (PosCli *cli, int argc, char **argv)
{
  TakeOptions o = { 0 };
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "category", 0, 0, G_OPTION_ARG_STRING, &o.category, NULL, NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  int status;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    status = pos_cli_usage (usage, error ? error->message : NULL);
  else
    status = run (cli, &o, argc, argv);
  pos_cli_actor_clear (&o.actor);
  g_free (o.category), g_free (o.reason);
  return status;
}
