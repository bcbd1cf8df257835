/* pos-cli-sell.c — `sell` and `refund`: a sale or a refund from a script.
 *
 * They go through exactly the code the till uses (cart, checkout, refund),
 * so a scripted sale is a real sale: same checks, same records.
 */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-account.h"
#include "pos-catalog.h"
#include "pos-checkout.h"
#include "pos-format.h"
#include "pos-open-item.h"
#include "pos-price-schedule.h"
#include "pos-refund.h"
#include "pos-shop.h"
#include "pos-training.h"

/* "CODE@PRICE": an open-price key at the price the cashier typed. */
static gboolean
ring_up_open_price (PosCart *cart, char *code, const char *price_text, GError **error)
{
  g_autoptr (PosProduct) product = pos_catalog_lookup (pos_cart_get_store (cart), code, error);
  PosQty qty = pos_cart_get_multiplier (cart);
  PosAmount price;

  pos_cart_set_multiplier (cart, 0);
  return product != NULL && pos_amount_parse_local (price_text, pos_cart_get_currency (cart), &price, error)
         && pos_cart_add_open_price (cart, product->id, price, qty ? qty : POS_QTY_ONE, error);
}

/* "CODE", "CODE*QTY" or "CODE@PRICE" (an open-price key): the quantity goes
 * first, as a cashier types it. */
static gboolean
ring_up (PosCart *cart, const char *scan, GError **error)
{
  g_autofree char *code = g_strdup (scan);
  char *star = strrchr (code, '*');
  char *at = strrchr (code, '@');

  if (star != NULL)
    {
      PosQty qty;
      *star = '\0';
      if (!pos_qty_parse (star + 1, &qty, error))
        return FALSE;
      if (qty <= 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s”: the quantity must be more than 0"),
                            scan),
               FALSE;
      pos_cart_set_multiplier (cart, qty);
    }
  if (at != NULL)
    return *at = '\0', ring_up_open_price (cart, code, at + 1, error);
  return pos_cart_add_code (cart, code, error);
}

static gboolean
parse_tenders (PosCli *cli, char **pays, GArray *tenders, GError **error)
{
  for (guint i = 0; pays != NULL && pays[i] != NULL; i++)
    {
      PosTender tender;
      if (!pos_tender_parse (pays[i], pos_shop_currency (cli->store), &tender, error))
        return FALSE;
      g_array_append_val (tenders, tender);
    }
  return TRUE;
}

static void
print_result (PosCli *cli, const PosSaleResult *r)
{
  g_autofree char *total = pos_cli_money (cli, r->total);
  g_autofree char *rounding = pos_cli_money (cli, r->rounding);
  g_autofree char *due = pos_cli_money (cli, r->due);
  g_autofree char *tax = pos_cli_money (cli, r->tax_total);
  g_autofree char *tendered = pos_cli_money (cli, r->tendered);
  g_autofree char *change = pos_cli_money (cli, r->change);

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
#define MEMBER(name, value) (json_builder_set_member_name (b, name), json_builder_add_string_value (b, value))
      json_builder_begin_object (b);
      MEMBER ("receipt", r->receipt_no);
      MEMBER ("total", total);
      MEMBER ("rounding", rounding);
      MEMBER ("due", due);
      MEMBER ("tax", tax);
      MEMBER ("tendered", tendered);
      MEMBER ("change", change);
      json_builder_set_member_name (b, "points_earned");
      json_builder_add_int_value (b, r->points_earned);
      json_builder_set_member_name (b, "points_balance");
      json_builder_add_int_value (b, r->points_balance);
      json_builder_set_member_name (b, "training");
      json_builder_add_boolean_value (b, pos_training_is_receipt (r->receipt_no));
      json_builder_end_object (b);
#undef MEMBER
      root = json_builder_get_root (b);
      pos_cli_print_json (root);
      return;
    }
  /* TRANSLATORS: the labels of the lines below are padded to one width,
   * so that the amounts line up. */
  if (pos_training_is_receipt (r->receipt_no))
    printf ("%s\n", _ ("TRAINING: no sale was recorded"));
  printf (_ ("receipt  %s\ntotal    %s\n"), r->receipt_no, total);
  if (r->rounding != 0)
    printf (_ ("rounding %s\ndue      %s\n"), rounding, due);
  printf (_ ("tax      %s\ntendered %s\nchange   %s\n"), tax, tendered, change);
  if (r->points_earned != 0)
    printf (_ ("points   %+lld (balance %lld)\n"), (long long)r->points_earned, (long long)r->points_balance);
}

static void
clear_tender (gpointer data)
{
  pos_tender_clear (data);
}

int
pos_cli_sell (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "sell --cashier NAME --pin PIN --scan CODE[@PRICE][*QTY]… --pay cash:AMOUNT|"
                              "card:AMOUNT:REF|points:N|voucher:CODE:AMOUNT|account:AMOUNT… [--customer "
                              "CARD] [--discount AMOUNT|N%] "
                              "[--coupon CODE]… [--approver NAME --approver-pin PIN]";
  g_auto (PosCliActor) actor = { 0 };
  g_autofree char *customer = NULL, *discount = NULL;
  g_auto (GStrv) scans = NULL, pays = NULL, coupons = NULL;
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (actor, "cashier", "pin"),
    { "scan", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scans, NULL, NULL },
    { "coupon", 0, 0, G_OPTION_ARG_STRING_ARRAY, &coupons, NULL, NULL },
    { "pay", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pays, NULL, NULL },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, NULL, NULL },
    { "discount", 0, 0, G_OPTION_ARG_STRING, &discount, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (PosCart) cart = NULL;
  g_autoptr (GArray) tenders = g_array_new (FALSE, TRUE, sizeof (PosTender));
  g_autoptr (PosSaleResult) result = NULL;

  g_array_set_clear_func (tenders, clear_tender);
  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 1)
    return pos_cli_usage (usage, error ? error->message : "unexpected arguments");
  if (scans == NULL || pays == NULL)
    return pos_cli_usage (usage, "a sale needs at least one --scan and one --pay");
  if (!pos_cli_actor_sign_in (cli, &actor, "the cashier's", &user, &approver, &error))
    return pos_cli_fail (error);

  /* Prices scheduled for now or before hold for this sale, as at the till. */
  if (!pos_price_schedule_apply_due (cli->store, NULL, &error))
    return pos_cli_fail (error);
  cart = pos_cart_new (cli->store);
  for (guint i = 0; coupons != NULL && coupons[i] != NULL; i++)
    if (!pos_cart_add_coupon (cart, coupons[i], &error))
      return pos_cli_fail (error);
  for (guint i = 0; scans[i] != NULL; i++)
    {
      pos_cli_warn_fefo (cli, scans[i]);
      if (!ring_up (cart, scans[i], &error))
        return pos_cli_fail (error);
    }
  if (customer != NULL && !pos_cart_set_customer (cart, customer, &error))
    return pos_cli_fail (error);
  /* the approver given also allows a sale on account over the credit limit */
  if (approver != NULL)
    pos_account_approve_over_limit (cart, approver);
  if (discount != NULL)
    {
      PosDiscount d;
      if (!pos_discount_parse (discount, pos_cart_get_currency (cart), &d, &error)
          || !pos_cart_set_cart_discount (cart, d, user, approver, &error))
        return pos_cli_fail (error);
    }
  if (!parse_tenders (cli, pays, tenders, &error))
    return pos_cli_fail (error);
  result = pos_checkout_commit (cli->store, cart, user, (PosTender *)tenders->data, tenders->len, &error);
  if (result == NULL)
    return pos_cli_fail (error);
  print_result (cli, result);
  return POS_EXIT_OK;
}

int
pos_cli_refund (PosCli *cli, int argc, char **argv)
{
  static const char usage[] = "refund RECEIPT --cashier NAME --pin PIN [--line N --qty Q]… "
                              "[--pay cash:AMOUNT|card:AMOUNT:REF|credit:AMOUNT|account:AMOUNT]… [--approver "
                              "NAME --approver-pin PIN]";
  g_auto (PosCliActor) actor = { 0 };
  g_auto (GStrv) line_args = NULL, qty_args = NULL, pays = NULL;
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (actor, "cashier", "pin"),
    { "line", 0, 0, G_OPTION_ARG_STRING_ARRAY, &line_args, NULL, NULL },
    { "qty", 0, 0, G_OPTION_ARG_STRING_ARRAY, &qty_args, NULL, NULL },
    { "pay", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pays, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) approver = NULL;
  g_autoptr (GArray) lines = g_array_new (FALSE, TRUE, sizeof (PosRefundLine));
  g_autoptr (GArray) tenders = g_array_new (FALSE, TRUE, sizeof (PosTender));
  g_autoptr (PosSaleResult) result = NULL;
  guint n_lines;

  g_array_set_clear_func (tenders, clear_tender);
  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc != 2)
    return pos_cli_usage (usage, error ? error->message : "which receipt?");
  n_lines = line_args ? g_strv_length (line_args) : 0;
  if (n_lines != (qty_args ? g_strv_length (qty_args) : n_lines))
    return pos_cli_usage (usage, "give one --qty for each --line, or none to refund the whole lines");
  if (!pos_cli_actor_sign_in (cli, &actor, "the cashier's", &user, &approver, &error))
    return pos_cli_fail (error);

  for (guint i = 0; i < n_lines; i++)
    {
      PosRefundLine line = { 0, 0 };
      guint64 number;
      /* a line number that is not one is bad input (4), like a bad quantity */
      if (!g_ascii_string_to_unsigned (line_args[i], 10, 1, G_MAXUINT, &number, NULL))
        return g_set_error (&error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a line number (1, 2, …)"),
                            line_args[i]),
               pos_cli_fail (error);
      if ((qty_args != NULL && !pos_qty_parse (qty_args[i], &line.qty, &error)))
        return pos_cli_fail (error);
      line.line_no = (guint)number;
      g_array_append_val (lines, line);
    }
  if (!parse_tenders (cli, pays, tenders, &error))
    return pos_cli_fail (error);
  result = pos_refund_commit (cli->store, argv[1], (PosRefundLine *)lines->data, lines->len, user, approver,
                              (PosTender *)tenders->data, tenders->len, &error);
  if (result == NULL)
    return pos_cli_fail (error);
  print_result (cli, result);
  return POS_EXIT_OK;
}
