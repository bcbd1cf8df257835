/* pos-cli-layaway.c — `layaway`: goods reserved for a customer who pays in parts. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "pos-customer.h"
#include "pos-format.h"
#include "pos-cli-print.h"
#include "pos-layaway.h"
#include "pos-shop.h"

static const char usage[]
    = "layaway list [--all] | layaway show NUMBER | layaway open --name NAME [--customer CARD] "
      "--scan CODE[*QTY]… --deposit cash:AMOUNT|card:AMOUNT:REF|voucher:CODE:AMOUNT|points:N "
      "--cashier NAME --pin PIN | "
      "layaway pay NUMBER cash:AMOUNT|card:AMOUNT:REF|voucher:CODE:AMOUNT|points:N --cashier NAME "
      "--pin PIN | layaway collect NUMBER --cashier NAME --pin PIN | "
      "layaway cancel NUMBER [--give-back cash:AMOUNT|card:AMOUNT:REF] --as NAME --as-pin PIN "
      "[--approver NAME --approver-pin PIN] | layaway overdue [--today DAY] | "
      "layaway slip NUMBER [--printer URI] [--preview FILE.png]";

typedef struct
{
  PosCliActor seller; /* --cashier/--pin: open, pay, collect */
  PosCliActor actor;  /* --as/--as-pin: cancel */
  char *name, *customer, *deposit, *give_back, *today, *printer, *preview;
  char **scans;
  gboolean all;
} LayawayOptions;

static void
options_clear (LayawayOptions *o)
{
  pos_cli_actor_clear (&o->seller);
  pos_cli_actor_clear (&o->actor);
  g_free (o->name), g_free (o->customer), g_free (o->deposit), g_free (o->give_back), g_free (o->today);
  g_free (o->printer), g_free (o->preview);
  g_strfreev (o->scans);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LayawayOptions, options_clear)

static void
member_money (PosCli *cli, JsonBuilder *b, const char *name, PosAmount amount)
{
  g_autofree char *text = pos_cli_money (cli, amount);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, text);
}

static void
member_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
build_summary (PosCli *cli, JsonBuilder *b, const PosLayaway *l)
{
  member_string (b, "number", l->number);
  member_string (b, "customer", l->customer_name);
  member_string (b, "state", pos_layaway_state_to_string (l->state));
  member_money (cli, b, "total", l->total);
  member_money (cli, b, "min_deposit", l->min_deposit);
  member_money (cli, b, "paid", l->paid);
  member_money (cli, b, "due", pos_layaway_due (l));
  if (l->state == POS_LAYAWAY_CANCELLED)
    {
      member_money (cli, b, "given_back", l->given_back);
      member_money (cli, b, "fee_kept", l->paid - l->given_back);
    }
  member_string (b, "receipt", l->receipt_no);
  member_string (b, "expires_on", l->expires_on);
  member_string (b, "opened_at", l->created_at);
  member_string (b, "till", l->till_id);
}

static void
print_summary (PosCli *cli, const PosLayaway *l)
{
  g_autofree char *total = pos_cli_money (cli, l->total);
  g_autofree char *paid = pos_cli_money (cli, l->paid);
  g_autofree char *due = pos_cli_money (cli, pos_layaway_due (l));

  /* TRANSLATORS: number, customer, state, then "total", "paid", "due" with their amounts, the expiry day */
  printf (_ ("%-10s %-22s %-10s total %10s  paid %10s  due %10s  until %s\n"), l->number, l->customer_name,
          pos_layaway_state_label (l->state), total, paid, due, l->expires_on);
}

static void
build_details (PosCli *cli, JsonBuilder *b, const PosLayaway *l)
{
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < l->lines->len; i++)
    {
      PosLayawayLine *line = g_ptr_array_index (l->lines, i);
      g_autofree char *qty = pos_qty_to_string (line->qty);

      json_builder_begin_object (b);
      member_string (b, "sku", line->sku);
      member_string (b, "name", line->name);
      member_string (b, "qty", qty);
      member_money (cli, b, "amount", line->amount);
      json_builder_end_object (b);
      if (!cli->json)
        {
          g_autofree char *amount = pos_cli_money (cli, line->amount);
          printf ("  %8s × %-30s %10s\n", qty, line->name, amount);
        }
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "moves");
  json_builder_begin_array (b);
  for (guint i = 0; i < l->moves->len; i++)
    {
      PosLayawayMove *m = g_ptr_array_index (l->moves, i);

      json_builder_begin_object (b);
      member_string (b, "at", m->created_at);
      member_string (b, "kind", pos_layaway_move_kind_to_string (m->kind));
      member_money (cli, b, "amount", m->amount);
      member_string (b, "method", m->method);
      member_string (b, "receipt", m->receipt_no);
      member_string (b, "till", m->till_id);
      json_builder_end_object (b);
      if (!cli->json)
        {
          g_autofree char *amount = pos_cli_money (cli, m->amount);
          printf ("  %s  %-8s %10s  %s\n", m->created_at, pos_layaway_move_kind_to_string (m->kind), amount,
                  m->receipt_no ? m->receipt_no : (m->method ? m->method : ""));
        }
    }
  json_builder_end_array (b);
}

/* Prints layaway @number as it stands now, with its lines and moves. */
static int
print_layaway (PosCli *cli, const char *number)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) l = pos_layaway_get (cli->store, number, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (l == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_summary (cli, l);
  json_builder_begin_object (b);
  build_summary (cli, b, l);
  build_details (cli, b, l);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

static int
print_list (PosCli *cli, GPtrArray *list, const char *none)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (!cli->json && list->len == 0)
    printf ("%s\n", none);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      if (!cli->json)
        print_summary (cli, g_ptr_array_index (list, i));
      json_builder_begin_object (b);
      build_summary (cli, b, g_ptr_array_index (list, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static int
list (PosCli *cli, LayawayOptions *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = pos_layaway_list (cli->store, o->all ? -1 : POS_LAYAWAY_OPEN, &error);

  if (all == NULL)
    return pos_cli_fail (error);
  return print_list (cli, all, _ ("No layaway is open"));
}

static int
overdue (PosCli *cli, LayawayOptions *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) late = pos_layaway_overdue (cli->store, o->today, &error);

  if (late == NULL)
    return pos_cli_fail (error);
  return print_list (cli, late, _ ("No layaway is overdue"));
}

/* "CODE" or "CODE*QTY", as `sell --scan` takes them. */
static gboolean
ring_up (PosCart *cart, const char *scan, GError **error)
{
  g_autofree char *code = g_strdup (scan);
  char *star = strrchr (code, '*');
  PosQty qty;

  if (star != NULL)
    {
      *star = '\0';
      if (!pos_qty_parse (star + 1, &qty, error))
        return FALSE;
      if (qty <= 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s”: the quantity must be more than 0"),
                            scan),
               FALSE;
      pos_cart_set_multiplier (cart, qty);
    }
  return pos_cart_add_code (cart, code, error);
}

/* A cash or card tender from "cash:AMOUNT" or "card:AMOUNT:REF". */
static gboolean
parse_money (PosCli *cli, const char *text, PosTender *out, GError **error)
{
  if (!pos_tender_parse (text, pos_shop_currency (cli->store), out, error))
    return FALSE;
  if (out->method != POS_TENDER_CASH && out->method != POS_TENDER_CARD)
    return pos_tender_clear (out),
           g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("“%s”: money towards a layaway is cash:AMOUNT or card:AMOUNT:REF"), text),
           FALSE;
  return TRUE;
}

static gboolean
fill_cart (PosCli *cli, LayawayOptions *o, PosCart *cart, GError **error)
{
  g_autoptr (PosCustomer) c = NULL;

  for (guint i = 0; o->scans[i] != NULL; i++)
    if (!ring_up (cart, o->scans[i], error))
      return FALSE;
  if (o->customer == NULL)
    return TRUE;
  if ((c = pos_customer_find (cli->store, o->customer, error)) == NULL)
    return FALSE;
  return pos_cart_set_customer_id (cart, c->id, error);
}

static int
open_layaway (PosCli *cli, LayawayOptions *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL, approver = NULL;
  g_autoptr (PosCart) cart = NULL;
  g_autoptr (PosLayaway) l = NULL;
  PosTender deposit = { 0 };
  PosLayawayOpening opening = { o->name, POS_TENDER_CASH, 0, NULL };

  if (o->name == NULL || o->scans == NULL || o->deposit == NULL)
    return pos_cli_usage (usage, "a layaway needs --name, at least one --scan and --deposit");
  if (!pos_cli_actor_sign_in (cli, &o->seller, "the cashier's", &user, &approver, &error))
    return pos_cli_fail (error);
  cart = pos_cart_new (cli->store);
  /* the deposit takes what a later payment takes, parsed the same way */
  if (!fill_cart (cli, o, cart, &error)
      || !pos_tender_parse (o->deposit, pos_shop_currency (cli->store), &deposit, &error))
    {
      pos_tender_clear (&deposit);
      return pos_cli_fail (error);
    }
  opening.method = deposit.method;
  opening.deposit = deposit.amount;
  opening.reference = deposit.reference;
  opening.points = deposit.points;
  l = pos_layaway_open (cli->store, cart, user, &opening, &error);
  pos_tender_clear (&deposit);
  if (l == NULL)
    return pos_cli_fail (error);
  return print_layaway (cli, l->number);
}

static int
pay (PosCli *cli, LayawayOptions *o, const char *number, const char *money)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL, approver = NULL;
  PosTender t = { 0 };
  gboolean ok;

  /* a payment may be a gift card or points as well as money: the layaway checks which it takes */
  if (!pos_cli_actor_sign_in (cli, &o->seller, "the cashier's", &user, &approver, &error)
      || !pos_tender_parse (money, pos_shop_currency (cli->store), &t, &error))
    {
      pos_tender_clear (&t);
      return pos_cli_fail (error);
    }
  ok = pos_layaway_pay_tender (cli->store, user, number, &t, &error);
  pos_tender_clear (&t);
  return ok ? print_layaway (cli, number) : pos_cli_fail (error);
}

static int
collect (PosCli *cli, LayawayOptions *o, const char *number)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL, approver = NULL;
  g_autoptr (PosSaleResult) sale = NULL;

  if (!pos_cli_actor_sign_in (cli, &o->seller, "the cashier's", &user, &approver, &error)
      || (sale = pos_layaway_collect (cli->store, user, number, &error)) == NULL)
    return pos_cli_fail (error);
  return print_layaway (cli, number);
}

static int
cancel (PosCli *cli, LayawayOptions *o, const char *number)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL, approver = NULL;
  PosTender back = { POS_TENDER_CASH, 0, NULL, 0 };
  gboolean ok;

  if (!pos_cli_actor_sign_in (cli, &o->actor, "a supervisor's (--as, --as-pin)", &user, &approver, &error)
      || (o->give_back != NULL && !parse_money (cli, o->give_back, &back, &error)))
    return pos_cli_fail (error);
  ok = pos_layaway_cancel (cli->store, user, approver, number, back.amount, back.method, back.reference,
                           &error);
  pos_tender_clear (&back);
  return ok ? print_layaway (cli, number) : pos_cli_fail (error);
}

/* The slip of the layaway's latest deposit, payment or cancellation: printed,
 * or drawn to a PNG with --preview. */
static int
slip (PosCli *cli, LayawayOptions *o, const char *number)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) slip = pos_layaway_receipt_build (cli->store, number, &error);
  g_autofree char *printed = NULL;

  if (slip == NULL)
    return pos_cli_fail (error);
  printed = g_strdup_printf (_ ("printed the slip of layaway %s\n"), number);
  return pos_cli_print_slip (cli, slip, o->printer, o->preview, printed);
}

int
pos_cli_layaway (PosCli *cli, int argc, char **argv)
{
  g_auto (LayawayOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "cashier", 0, 0, G_OPTION_ARG_STRING, &o.seller.name, NULL, NULL },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &o.seller.pin, NULL, NULL },
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name, NULL, NULL },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &o.customer, NULL, NULL },
    { "scan", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.scans, NULL, NULL },
    { "deposit", 0, 0, G_OPTION_ARG_STRING, &o.deposit, NULL, NULL },
    { "give-back", 0, 0, G_OPTION_ARG_STRING, &o.give_back, NULL, NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &o.today, NULL, NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &o.all, NULL, NULL },
    { "printer", 0, 0, G_OPTION_ARG_STRING, &o.printer, NULL, NULL },
    { "preview", 0, 0, G_OPTION_ARG_FILENAME, &o.preview, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  const char *verb;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    return pos_cli_usage (usage, error ? error->message : "which layaway command?");
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  verb = argv[1];
  if (g_str_equal (verb, "list") && argc == 2)
    return list (cli, &o);
  if (g_str_equal (verb, "overdue") && argc == 2)
    return overdue (cli, &o);
  if (g_str_equal (verb, "open") && argc == 2)
    return open_layaway (cli, &o);
  if (g_str_equal (verb, "show") && argc == 3)
    return print_layaway (cli, argv[2]);
  if (g_str_equal (verb, "collect") && argc == 3)
    return collect (cli, &o, argv[2]);
  if (g_str_equal (verb, "slip") && argc == 3)
    return slip (cli, &o, argv[2]);
  if (g_str_equal (verb, "cancel") && argc == 3)
    return cancel (cli, &o, argv[2]);
  if (g_str_equal (verb, "pay") && argc == 4)
    return pay (cli, &o, argv[2], argv[3]);
  return pos_cli_usage (usage, "unknown layaway command");
}
