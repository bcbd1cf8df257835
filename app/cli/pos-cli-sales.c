/* pos-cli-sales.c — `sales list|show`: the sales history. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "pos-catalog.h"
#include "pos-format.h"
#include "pos-sales-history.h"
#include "pos-shop.h"

static const char usage[]
    = "sales list [--from DAY] [--to DAY] [--receipt N] [--cashier NAME] [--customer CARD] "
      "[--product SKU|CODE] [--min AMOUNT] [--max AMOUNT] [--limit N] | sales show RECEIPT";

/* "2026-12-04T21:06:29.135Z" → "2026-12-04 22:06" in local time. */
static char *
local_time (const char *utc_text)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (utc_text, NULL);
  g_autoptr (GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (utc_text);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/* Amounts in minor units and quantities in thousandths, like the reports. */
static void
add_summary (JsonBuilder *b, const PosSaleSummary *s)
{
  json_builder_begin_object (b);
  add_string (b, "receipt", s->receipt_no);
  add_string (b, "kind", s->kind);
  add_string (b, "refund_of", s->refund_of);
  add_string (b, "till_id", s->till_id);
  add_string (b, "created_at", s->created_at);
  add_string (b, "business_day", s->business_day);
  add_string (b, "cashier", s->cashier);
  add_string (b, "customer", s->customer);
  add_int (b, "lines", s->n_lines);
  add_int (b, "total", s->total);
  add_int (b, "tax", s->tax);
  json_builder_end_object (b);
}

static void
print_summary_row (PosCli *cli, const PosSaleSummary *s)
{
  g_autofree char *when = local_time (s->created_at);
  g_autofree char *total = pos_cli_money (cli, s->total);
  g_autofree char *what
      = s->refund_of ? g_strdup_printf (_ ("refund of %s"), s->refund_of) : g_strdup (_ ("sale"));

  printf ("%-10s %-16s %-16s %-12s %-12s %5" G_GINT64_FORMAT " %12s\n", s->receipt_no, when, what,
          s->cashier ? s->cashier : "–", s->customer ? s->customer : "–", s->n_lines, total);
}

static gboolean
parse_amount (PosCli *cli, const char *text, gboolean *has, PosAmount *amount, GError **error)
{
  if (text == NULL)
    return TRUE;
  *has = TRUE;
  return pos_amount_parse_local (text, pos_shop_currency (cli->store), amount, error);
}

static int
list (PosCli *cli, PosSalesFilter *filter, const char *min, const char *max)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (!parse_amount (cli, min, &filter->has_min, &filter->min_total, &error)
      || !parse_amount (cli, max, &filter->has_max, &filter->max_total, &error)
      || (rows = pos_sales_history_list (cli->store, filter, &error)) == NULL)
    return pos_cli_fail (error);
  if (!cli->json && rows->len > 0)
    printf ("%-10s %-16s %-16s %-12s %-12s %5s %12s\n", _ ("Receipt"), _ ("Time"), _ ("Kind"), _ ("Cashier"),
            _ ("Customer"), _ ("Lines"), _ ("Total"));
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      if (!cli->json)
        print_summary_row (cli, rows->pdata[i]);
      add_summary (b, rows->pdata[i]);
    }
  json_builder_end_array (b);
  if (!cli->json && rows->len == 0)
    printf (_ ("No sales match.\n"));
  return pos_cli_print_listing (cli, b);
}

static void
print_detail (PosCli *cli, const PosSaleDetail *d)
{
  g_autofree char *when = local_time (d->sale->created_at);
  g_autofree char *total = pos_cli_money (cli, d->sale->total);

  printf (_ ("%s %s, till %s, %s"), d->sale->kind, d->sale->receipt_no, d->sale->till_id, when);
  printf ("%s%s%s%s\n", d->sale->cashier ? ", cashier " : "", d->sale->cashier ? d->sale->cashier : "",
          d->sale->customer ? ", customer " : "", d->sale->customer ? d->sale->customer : "");
  if (d->sale->refund_of != NULL)
    printf (_ ("refund of %s\n"), d->sale->refund_of);
  for (guint i = 0; i < d->lines->len; i++)
    {
      const PosSaleDetailLine *l = &g_array_index (d->lines, PosSaleDetailLine, i);
      g_autofree char *qty = pos_qty_to_string (l->qty);
      g_autofree char *price = pos_cli_money (cli, l->unit_price);
      g_autofree char *line_total = pos_cli_money (cli, l->total);
      g_autofree char *shown_qty
          = pos_unit_is_measured (l->unit) ? g_strdup_printf ("%s %s", qty, l->unit) : g_steal_pointer (&qty);

      printf ("%3" G_GINT64_FORMAT "  %-12s %-28s %10s x %8s %10s %s\n", l->line_no, l->sku, l->name,
              shown_qty, price, line_total, l->tax_code);
    }
  printf (_ ("total %s\n"), total);
  for (guint i = 0; i < d->taxes->len; i++)
    {
      const PosSaleDetailTax *t = &g_array_index (d->taxes, PosSaleDetailTax, i);
      g_autofree char *rate = pos_qty_to_string (t->rate_bp * 10);
      g_autofree char *tax = pos_cli_money (cli, t->tax);
      g_autofree char *net = pos_cli_money (cli, t->net);

      printf (_ ("tax %s %s %%: %s on %s\n"), t->code, rate, tax, net);
    }
  for (guint i = 0; i < d->payments->len; i++)
    {
      const PosSaleDetailPayment *p = &g_array_index (d->payments, PosSaleDetailPayment, i);
      g_autofree char *amount = pos_cli_money (cli, p->amount);

      printf (_ ("paid %s %s%s%s\n"), p->method, amount, p->reference ? _ (" ref ") : "",
              p->reference ? p->reference : "");
    }
  for (guint i = 0; i < d->refunds->len; i++)
    {
      const PosSaleSummary *r = d->refunds->pdata[i];
      g_autofree char *refund_when = local_time (r->created_at);
      g_autofree char *refund_total = pos_cli_money (cli, r->total);

      printf (_ ("refunded %s %s: %s\n"), r->receipt_no, refund_when, refund_total);
    }
}

static void
add_detail (JsonBuilder *b, const PosSaleDetail *d)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sale");
  add_summary (b, d->sale);
  add_int (b, "discount", d->discount);
  add_int (b, "rounding", d->rounding);
  add_int (b, "tendered", d->tendered);
  add_int (b, "change", d->change);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->lines->len; i++)
    {
      const PosSaleDetailLine *l = &g_array_index (d->lines, PosSaleDetailLine, i);
      json_builder_begin_object (b);
      add_int (b, "line", l->line_no);
      add_string (b, "sku", l->sku);
      add_string (b, "name", l->name);
      add_string (b, "unit", l->unit);
      add_int (b, "qty", l->qty);
      add_int (b, "unit_price", l->unit_price);
      add_int (b, "discount", l->discount);
      add_int (b, "total", l->total);
      add_int (b, "tax", l->tax);
      add_string (b, "tax_code", l->tax_code);
      add_int (b, "tax_rate_bp", l->tax_rate_bp);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "taxes");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->taxes->len; i++)
    {
      const PosSaleDetailTax *t = &g_array_index (d->taxes, PosSaleDetailTax, i);
      json_builder_begin_object (b);
      add_string (b, "code", t->code);
      add_int (b, "rate_bp", t->rate_bp);
      add_int (b, "net", t->net);
      add_int (b, "tax", t->tax);
      add_int (b, "gross", t->gross);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "payments");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->payments->len; i++)
    {
      const PosSaleDetailPayment *p = &g_array_index (d->payments, PosSaleDetailPayment, i);
      json_builder_begin_object (b);
      add_string (b, "method", p->method);
      add_int (b, "amount", p->amount);
      add_string (b, "reference", p->reference);
      add_int (b, "points", p->points);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "refunds");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->refunds->len; i++)
    add_summary (b, d->refunds->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
show (PosCli *cli, const char *receipt)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleDetail) detail = pos_sales_history_get (cli->store, receipt, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (detail == NULL)
    return pos_cli_fail (error);
  if (!cli->json)
    print_detail (cli, detail);
  add_detail (b, detail);
  return pos_cli_print_listing (cli, b);
}

int
pos_cli_sales (PosCli *cli, int argc, char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *receipt = NULL, *cashier = NULL, *customer = NULL;
  g_autofree char *product = NULL, *min = NULL, *max = NULL;
  gint limit = 100;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, NULL, NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, NULL, NULL },
    { "receipt", 0, 0, G_OPTION_ARG_STRING, &receipt, NULL, NULL },
    { "cashier", 0, 0, G_OPTION_ARG_STRING, &cashier, NULL, NULL },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, NULL, NULL },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product, NULL, NULL },
    { "min", 0, 0, G_OPTION_ARG_STRING, &min, NULL, NULL },
    { "max", 0, 0, G_OPTION_ARG_STRING, &max, NULL, NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  PosSalesFilter filter = { 0 };

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2 || limit < 1)
    return pos_cli_usage (usage, error ? error->message : NULL);
  if (pos_cli_store (cli, &error) == NULL)
    return pos_cli_fail (error);
  if (g_str_equal (argv[1], "show") && argc == 3)
    return show (cli, argv[2]);
  if (!g_str_equal (argv[1], "list") || argc != 2)
    return pos_cli_usage (usage, NULL);
  filter = (PosSalesFilter){ .from_day = from,
                             .to_day = to,
                             .receipt = receipt,
                             .cashier = cashier,
                             .customer = customer,
                             .product = product,
                             .limit = (guint)limit };
  return list (cli, &filter, min, max);
}
