/* pos-cli-voucher.c — `voucher`: gift cards, vouchers and store credit. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-checkout.h"
#include "pos-shop.h"
#include "pos-voucher.h"

static const char usage[]
    = "voucher issue AMOUNT [--kind mpv|spv] [--tax CODE] [--code CODE] [--expires DAY] "
      "--cashier NAME --pin PIN --pay … | voucher balance CODE | voucher list | voucher overdraws | "
      "voucher void CODE [--reason TEXT] --as NAME --as-pin PIN [--approver NAME --approver-pin PIN]";

typedef struct
{
  PosCliActor seller; /* --cashier/--pin, for issue */
  PosCliActor actor;  /* --as/--as-pin, for void */
  char *kind, *tax, *code, *expires, *reason;
  char **pays;
} VoucherOptions;

static void
options_clear (VoucherOptions *o)
{
  pos_cli_actor_clear (&o->seller);
  pos_cli_actor_clear (&o->actor);
  g_free (o->kind), g_free (o->tax), g_free (o->code), g_free (o->expires), g_free (o->reason);
  g_strfreev (o->pays);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VoucherOptions, options_clear)

static void
build_voucher (PosCli *cli, JsonBuilder *b, const PosVoucher *v)
{
  pos_cli_member_string (b, "code", v->code);
  pos_cli_member_string (b, "kind", pos_voucher_kind_to_string (v->kind));
  pos_cli_member_money (cli, b, "issued", v->issued);
  pos_cli_member_money (cli, b, "balance", v->balance);
  pos_cli_member_string (b, "expires_on", v->expires_on);
  json_builder_set_member_name (b, "expired");
  json_builder_add_boolean_value (b, pos_voucher_is_expired (v, g_get_real_time ()));
  json_builder_set_member_name (b, "voided");
  json_builder_add_boolean_value (b, v->voided);
  pos_cli_member_string (b, "issued_till", v->issued_till);
}

static void
print_voucher (PosCli *cli, const PosVoucher *v)
{
  g_autofree char *balance = pos_cli_money (cli, v->balance);
  g_autofree char *issued = pos_cli_money (cli, v->issued);
  const char *state = v->voided                                        ? _ ("voided")
                      : pos_voucher_is_expired (v, g_get_real_time ()) ? _ ("expired")
                                                                       : "";

  printf ("%s  %s  %s %s / %s  %s %s  %s\n", v->code, pos_voucher_kind_to_string (v->kind), _ ("balance"),
          balance, issued, _ ("expires"), v->expires_on ? v->expires_on : "-", state);
}

static int
balance (PosCli *cli, const char *code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *upper = g_ascii_strup (code, -1);
  g_autoptr (PosVoucher) v = pos_voucher_lookup (cli->store, upper, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (v == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_voucher (cli, v);
  json_builder_begin_object (b);
  build_voucher (cli, b, v);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

static int
list (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) vouchers = pos_voucher_list (cli->store, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (vouchers == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < vouchers->len; i++)
    {
      if (!cli->json)
        print_voucher (cli, g_ptr_array_index (vouchers, i));
      json_builder_begin_object (b);
      build_voucher (cli, b, g_ptr_array_index (vouchers, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static void
overdraw_out (PosCli *cli, JsonBuilder *b, const PosVoucherOverdraw *o)
{
  g_autofree char *over = pos_cli_money (cli, -o->balance);

  if (!cli->json)
    printf (_ ("%s overdrawn by %s:\n"), o->code, over);
  json_builder_begin_object (b);
  pos_cli_member_string (b, "code", o->code);
  pos_cli_member_money (cli, b, "overdrawn", -o->balance);
  json_builder_set_member_name (b, "redemptions");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->redemptions->len; i++)
    {
      PosVoucherMove *m = g_ptr_array_index (o->redemptions, i);
      g_autofree char *amount = pos_cli_money (cli, m->amount);

      if (!cli->json)
        printf ("  %s  %s  %s  %s\n", m->receipt_no ? m->receipt_no : "-", m->till_id, m->created_at, amount);
      json_builder_begin_object (b);
      pos_cli_member_string (b, "receipt", m->receipt_no);
      pos_cli_member_string (b, "till", m->till_id);
      pos_cli_member_string (b, "at", m->created_at);
      pos_cli_member_money (cli, b, "amount", m->amount);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
overdraws (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = pos_voucher_overdraws (cli->store, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (list == NULL)
    return pos_cli_fail (error);
  if (!cli->json && list->len == 0)
    printf ("%s\n", _ ("No card was overdrawn"));
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    overdraw_out (cli, b, g_ptr_array_index (list, i));
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static void
clear_tender (gpointer data)
{
  pos_tender_clear (data);
}

static gboolean
fill_cart (PosCli *cli, VoucherOptions *o, const char *amount_text, PosCart *cart, char **code,
           GError **error)
{
  PosVoucherSale sale = { o->code, POS_VOUCHER_MPV, 0, o->tax, o->expires };

  if (o->kind != NULL && !pos_voucher_kind_parse (o->kind, &sale.kind))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A voucher is of kind mpv or spv, not “%s”"),
                        o->kind),
           FALSE;
  if (o->code != NULL)
    {
      char *upper = g_ascii_strup (o->code, -1);
      g_free (o->code);
      sale.code = o->code = upper;
    }
  return pos_amount_parse (amount_text, pos_shop_currency (cli->store), &sale.amount, error)
         && pos_voucher_add_to_cart (cart, &sale, code, error);
}

/* A voucher is sold like anything else: a sale with its line, paid. */
static int
issue (PosCli *cli, VoucherOptions *o, const char *amount_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (PosCart) cart = pos_cart_new (cli->store);
  g_autoptr (GArray) tenders = g_array_new (FALSE, TRUE, sizeof (PosTender));
  g_autoptr (PosSaleResult) result = NULL;
  g_autofree char *code = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_array_set_clear_func (tenders, clear_tender);
  if (o->pays == NULL)
    return pos_cli_usage (usage, "a voucher is paid for: give --pay");
  if (!pos_cli_actor_sign_in (cli, &o->seller, "the cashier's", &user, &approver, &error)
      || !fill_cart (cli, o, amount_text, cart, &code, &error))
    return pos_cli_fail (error);
  for (guint i = 0; o->pays[i] != NULL; i++)
    {
      PosTender tender;
      if (!pos_tender_parse (o->pays[i], pos_shop_currency (cli->store), &tender, &error))
        return pos_cli_fail (error);
      g_array_append_val (tenders, tender);
    }
  result = pos_checkout_commit (cli->store, cart, user, (PosTender *)tenders->data, tenders->len, &error);
  if (result == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    printf (_ ("voucher  %s\nreceipt  %s\n"), code, result->receipt_no);
  json_builder_begin_object (b);
  pos_cli_member_string (b, "code", code);
  pos_cli_member_string (b, "receipt", result->receipt_no);
  pos_cli_member_money (cli, b, "change", result->change);
  json_builder_end_object (b);
  return pos_cli_print_listing (cli, b);
}

static int
void_voucher (PosCli *cli, VoucherOptions *o, const char *code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autofree char *upper = g_ascii_strup (code, -1);

  if (!pos_cli_actor_sign_in (cli, &o->actor, "a supervisor's (--as, --as-pin)", &user, &approver, &error)
      || !pos_voucher_void (cli->store, user, approver, upper, o->reason, &error))
    return pos_cli_fail (error);
  if (!cli->json)
    printf (_ ("voucher %s voided\n"), upper);
  return POS_EXIT_OK;
}

int
pos_cli_voucher (PosCli *cli, int argc, char **argv)
{
  g_auto (VoucherOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "cashier", 0, 0, G_OPTION_ARG_STRING, &o.seller.name, NULL, NULL },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &o.seller.pin, NULL, NULL },
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o.kind, NULL, NULL },
    { "tax", 0, 0, G_OPTION_ARG_STRING, &o.tax, NULL, NULL },
    { "code", 0, 0, G_OPTION_ARG_STRING, &o.code, NULL, NULL },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &o.expires, NULL, NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason, NULL, NULL },
    { "pay", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.pays, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  const char *verb;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    return pos_cli_usage (usage, error ? error->message : "which voucher command?");
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  verb = argv[1];
  if (g_str_equal (verb, "issue") && argc == 3)
    return issue (cli, &o, argv[2]);
  if (g_str_equal (verb, "balance") && argc == 3)
    return balance (cli, argv[2]);
  if (g_str_equal (verb, "list") && argc == 2)
    return list (cli);
  if (g_str_equal (verb, "overdraws") && argc == 2)
    return overdraws (cli);
  if (g_str_equal (verb, "void") && argc == 3)
    return void_voucher (cli, &o, argv[2]);
  return pos_cli_usage (usage, "unknown voucher command");
}
