/* pos-cli-account.c — `account`: customers' accounts (a tab). */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-account.h"
#include "pos-cli-print.h"
#include "pos-customer.h"
#include "pos-format.h"
#include "pos-shop.h"

static const char usage[]
    = "account list | account show CARD [--from DAY] [--to DAY] | account pay CARD AMOUNT [--method "
      "cash|card] "
      "[--reference REF] [--deposit] [--note TEXT] --cashier NAME --pin PIN | account limit CARD AMOUNT --as "
      "NAME --as-pin PIN | account adjust CARD AMOUNT [--credit] --note TEXT --as NAME --as-pin PIN "
      "[--approver NAME "
      "--approver-pin PIN] | account statement CARD --pdf FILE [--from DAY] [--to DAY] | account slip CARD "
      "[--printer URI] [--preview FILE.png] | account overdrawn";

typedef struct
{
  PosCliActor seller; /* --cashier/--pin, for pay */
  PosCliActor actor;  /* --as/--as-pin, for limit and adjust */
  char *from, *to, *method, *reference, *note, *pdf, *printer, *preview;
  gboolean deposit, credit;
} AccountOptions;

static void
options_clear (AccountOptions *o)
{
  pos_cli_actor_clear (&o->seller);
  pos_cli_actor_clear (&o->actor);
  g_free (o->from), g_free (o->to), g_free (o->method), g_free (o->reference), g_free (o->note);
  g_free (o->pdf), g_free (o->printer), g_free (o->preview);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountOptions, options_clear)

static void
build_account (PosCli *cli, JsonBuilder *b, const PosAccount *a)
{
  pos_cli_member_string (b, "customer", a->customer_name);
  pos_cli_member_string (b, "card", a->card_code);
  pos_cli_member_money (cli, b, "balance", a->balance);
  pos_cli_member_money (cli, b, "credit_limit", a->credit_limit);
  json_builder_set_member_name (b, "over_limit");
  json_builder_add_boolean_value (b, a->balance > a->credit_limit);
}

/* A balance below zero is money the shop holds for the customer, so the
 * line says "in credit" and the amount rather than a negative debt (--json
 * keeps the signed balance). */
static void
print_account (PosCli *cli, const PosAccount *a)
{
  gboolean in_credit = a->balance < 0;
  g_autofree char *balance = pos_cli_money (cli, in_credit ? -a->balance : a->balance);
  g_autofree char *limit = pos_cli_money (cli, a->credit_limit);

  printf ("%-14s %-24s %s %12s  %s %12s%s\n", a->card_code ? a->card_code : "-",
          a->customer_name ? a->customer_name : "-",
          /* TRANSLATORS: before the amount the shop holds for a customer on their account */
          in_credit ? _ ("in credit") : _ ("owes"), balance, _ ("limit"), limit,
          a->balance > a->credit_limit ? _ ("  OVER LIMIT") : "");
}

static void
build_move (PosCli *cli, JsonBuilder *b, const PosAccountMove *m)
{
  json_builder_begin_object (b);
  pos_cli_member_string (b, "at", m->created_at);
  pos_cli_member_string (b, "kind", pos_account_move_kind_to_string (m->kind));
  pos_cli_member_money (cli, b, "amount", m->amount);
  pos_cli_member_string (b, "method", m->method);
  pos_cli_member_string (b, "receipt", m->receipt_no);
  pos_cli_member_string (b, "note", m->note);
  pos_cli_member_string (b, "till", m->till_id);
  json_builder_end_object (b);
}

static void
print_move (PosCli *cli, const PosAccountMove *m)
{
  g_autofree char *amount = pos_cli_money (cli, m->amount);

  printf ("  %s  %-16s %12s  %s  %s\n", m->created_at, pos_account_move_kind_label (m->kind), amount,
          m->receipt_no ? m->receipt_no : (m->method ? m->method : ""), m->note ? m->note : "");
}

static PosCustomer *
find_customer (PosCli *cli, const char *card, GError **error)
{
  return pos_customer_find (cli->store, card, error);
}

static int
list (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) accounts = pos_account_list (cli->store, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (accounts == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < accounts->len; i++)
    {
      if (!cli->json)
        print_account (cli, g_ptr_array_index (accounts, i));
      json_builder_begin_object (b);
      build_account (cli, b, g_ptr_array_index (accounts, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static int
show (PosCli *cli, AccountOptions *o, const char *card)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCustomer) c = find_customer (cli, card, &error);
  g_autoptr (PosAccount) a = c ? pos_account_get (cli->store, c->id, &error) : NULL;
  g_autoptr (GPtrArray) moves = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  PosAmount opening = 0;

  if (a == NULL || (moves = pos_account_moves (cli->store, c->id, o->from, o->to, &opening, &error)) == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_account (cli, a);
  json_builder_begin_object (b);
  build_account (cli, b, a);
  pos_cli_member_money (cli, b, "opening", opening);
  json_builder_set_member_name (b, "moves");
  json_builder_begin_array (b);
  for (guint i = 0; i < moves->len; i++)
    {
      if (!cli->json)
        print_move (cli, g_ptr_array_index (moves, i));
      build_move (cli, b, g_ptr_array_index (moves, i));
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

static gboolean
parse_method (const char *text, PosTenderMethod *out, GError **error)
{
  if (text == NULL || g_str_equal (text, "cash"))
    return *out = POS_TENDER_CASH, TRUE;
  if (g_str_equal (text, "card"))
    return *out = POS_TENDER_CARD, TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("An account is paid in cash or by card, not “%s”"),
               text);
  return FALSE;
}

static int
pay (PosCli *cli, AccountOptions *o, const char *card, const char *amount_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (PosCustomer) c = NULL;
  g_autoptr (PosAccount) after = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  PosAccountPayment p = { 0 };

  if (!pos_cli_actor_sign_in (cli, &o->seller, "the cashier's", &user, &approver, &error)
      || (c = find_customer (cli, card, &error)) == NULL || !parse_method (o->method, &p.method, &error)
      || !pos_amount_parse_local (amount_text, pos_shop_currency (cli->store), &p.amount, &error))
    return pos_cli_fail (error);
  p.customer_id = c->id;
  p.kind = o->deposit ? POS_ACCOUNT_DEPOSIT : POS_ACCOUNT_PAYMENT;
  p.reference = o->reference;
  p.note = o->note;
  if (!pos_account_pay (cli->store, user, &p, &error)
      || (after = pos_account_get (cli->store, c->id, &error)) == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_account (cli, after);
  json_builder_begin_object (b);
  build_account (cli, b, after);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

static int
limit (PosCli *cli, AccountOptions *o, const char *card, const char *amount_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (PosCustomer) c = NULL;
  g_autoptr (PosAccount) after = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  PosAmount amount;

  if (!pos_cli_actor_sign_in (cli, &o->actor, "the owner's (--as, --as-pin)", &user, &approver, &error)
      || (c = find_customer (cli, card, &error)) == NULL
      || !pos_amount_parse_local (amount_text, pos_shop_currency (cli->store), &amount, &error)
      || !pos_account_set_limit (cli->store, user, approver, c->id, amount, &error)
      || (after = pos_account_get (cli->store, c->id, &error)) == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_account (cli, after);
  json_builder_begin_object (b);
  build_account (cli, b, after);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

/* A correction adds to what the customer owes; with --credit it takes off. */
static gboolean
parse_signed (PosCli *cli, const char *text, gboolean credit, PosAmount *out, GError **error)
{
  if (!pos_amount_parse_local (text, pos_shop_currency (cli->store), out, error))
    return FALSE;
  if (credit)
    *out = -*out;
  return TRUE;
}

static int
adjust (PosCli *cli, AccountOptions *o, const char *card, const char *amount_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (PosCustomer) c = NULL;
  g_autoptr (PosAccount) after = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  PosAmount amount;

  if (!pos_cli_actor_sign_in (cli, &o->actor, "a supervisor's (--as, --as-pin)", &user, &approver, &error)
      || (c = find_customer (cli, card, &error)) == NULL
      || !parse_signed (cli, amount_text, o->credit, &amount, &error)
      || !pos_account_adjust (cli->store, user, approver, c->id, amount, o->note, &error)
      || (after = pos_account_get (cli->store, c->id, &error)) == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_account (cli, after);
  json_builder_begin_object (b);
  build_account (cli, b, after);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

static int
statement (PosCli *cli, AccountOptions *o, const char *card)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCustomer) c = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (o->pdf == NULL)
    return pos_cli_usage (usage, "where to? give --pdf FILE");
  if ((c = find_customer (cli, card, &error)) == NULL
      || !pos_account_statement_pdf (cli->store, c->id, o->from, o->to, o->pdf, &error))
    return pos_cli_fail (error);
  if (!cli->json)
    printf (_ ("statement written to %s\n"), o->pdf);
  json_builder_begin_object (b);
  pos_cli_member_string (b, "pdf", o->pdf);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

/* The slip of the account's latest payment or deposit: printed, or drawn
 * to a PNG with --preview. */
static int
slip (PosCli *cli, AccountOptions *o, const char *card)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCustomer) c = find_customer (cli, card, &error);
  g_autoptr (PosReceipt) slip = c ? pos_account_receipt_build (cli->store, c->id, 0, &error) : NULL;
  g_autofree char *printed = NULL;

  if (slip == NULL)
    return pos_cli_fail (error);
  printed = g_strdup_printf (_ ("printed the slip of the account of %s\n"), card);
  return pos_cli_print_slip (cli, slip, o->printer, o->preview, printed);
}

static void
overdrawn_out (PosCli *cli, JsonBuilder *b, const PosAccountOverdrawn *o)
{
  json_builder_begin_object (b);
  build_account (cli, b, o->account);
  json_builder_set_member_name (b, "charges");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->charges->len; i++)
    {
      if (!cli->json)
        print_move (cli, g_ptr_array_index (o->charges, i));
      build_move (cli, b, g_ptr_array_index (o->charges, i));
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
overdrawn (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = pos_account_overdrawn (cli->store, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (list == NULL)
    return pos_cli_fail (error);
  if (!cli->json && list->len == 0)
    printf ("%s\n", _ ("No account is over its limit"));
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      if (!cli->json)
        print_account (cli, ((PosAccountOverdrawn *)g_ptr_array_index (list, i))->account);
      overdrawn_out (cli, b, g_ptr_array_index (list, i));
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

int
pos_cli_account (PosCli *cli, int argc, char **argv)
{
  g_auto (AccountOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "cashier", 0, 0, G_OPTION_ARG_STRING, &o.seller.name, NULL, NULL },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &o.seller.pin, NULL, NULL },
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, NULL, NULL },
    { "method", 0, 0, G_OPTION_ARG_STRING, &o.method, NULL, NULL },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &o.reference, NULL, NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &o.note, NULL, NULL },
    { "deposit", 0, 0, G_OPTION_ARG_NONE, &o.deposit, NULL, NULL },
    { "credit", 0, 0, G_OPTION_ARG_NONE, &o.credit, NULL, NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &o.pdf, NULL, NULL },
    { "printer", 0, 0, G_OPTION_ARG_STRING, &o.printer, NULL, NULL },
    { "preview", 0, 0, G_OPTION_ARG_FILENAME, &o.preview, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  const char *verb;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    return pos_cli_usage (usage, error ? error->message : "which account command?");
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  verb = argv[1];
  if (g_str_equal (verb, "list") && argc == 2)
    return list (cli);
  if (g_str_equal (verb, "overdrawn") && argc == 2)
    return overdrawn (cli);
  if (g_str_equal (verb, "show") && argc == 3)
    return show (cli, &o, argv[2]);
  if (g_str_equal (verb, "slip") && argc == 3)
    return slip (cli, &o, argv[2]);
  if (g_str_equal (verb, "statement") && argc == 3)
    return statement (cli, &o, argv[2]);
  if (g_str_equal (verb, "pay") && argc == 4)
    return pay (cli, &o, argv[2], argv[3]);
  if (g_str_equal (verb, "limit") && argc == 4)
    return limit (cli, &o, argv[2], argv[3]);
  if (g_str_equal (verb, "adjust") && argc == 4)
    return adjust (cli, &o, argv[2], argv[3]);
  return pos_cli_usage (usage, "unknown account command");
}
