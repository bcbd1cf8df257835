/* pos-cli-batch.c — delivery codes that carry a batch and expiry, and
 * `stock expiring`. */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "pos-batch.h"
#include "pos-catalog.h"

/* The batch and expiry texts the items point at live as long as the
 * command. */
static GPtrArray *kept;

static const char *
keep (char *text)
{
  if (text == NULL)
    return NULL;
  if (kept == NULL)
    kept = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (kept, text);
  return text;
}

/* A GS1 element string as typed "(01)…(17)…" or scanned with GS. */
static gboolean
looks_gs1 (const char *code)
{
  return code[0] == '(' || code[0] == ']' || strchr (code, 0x1d) != NULL;
}

gboolean
pos_cli_read_delivery_code (PosCli *cli, const char *code, PosStockItem *item, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GError) scanned = NULL;
  g_autoptr (PosProduct) product = pos_catalog_lookup (cli->store, code, &local);
  char *batch = NULL, *expiry = NULL;

  item->batch = item->expiry = NULL;
  if (product != NULL)
    {
      item->product_id = product->id;
      return TRUE;
    }
  if (!g_error_matches (local, POS_ERROR, POS_ERROR_NOT_FOUND))
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  /* Not a SKU or a known barcode as written: a code with AIs names its
   * product by its GTIN and may carry the batch and expiry. */
  if (!pos_batch_read_code (cli->store, code, &item->product_id, &batch, &expiry, &scanned))
    {
      g_propagate_error (error, looks_gs1 (code) ? g_steal_pointer (&scanned) : g_steal_pointer (&local));
      return FALSE;
    }
  item->batch = keep (batch);
  item->expiry = keep (expiry);
  return TRUE;
}

int
pos_cli_stock_expiring (PosCli *cli, guint days)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = pos_batch_expiring (cli->store, days, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (rows == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      PosBatchRow *row = rows->pdata[i];
      g_autofree char *qty = pos_qty_to_string (row->remaining);

      if (!cli->json)
        printf ("%s %-16s %-32s %-20s %10s%s\n", row->expiry, row->sku, row->name,
                row->batch ? row->batch : "-", qty, row->expired ? _ ("  expired") : "");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sku");
      json_builder_add_string_value (b, row->sku);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, row->name);
      json_builder_set_member_name (b, "batch");
      if (row->batch)
        json_builder_add_string_value (b, row->batch);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "expiry");
      json_builder_add_string_value (b, row->expiry);
      json_builder_set_member_name (b, "qty");
      json_builder_add_string_value (b, qty);
      json_builder_set_member_name (b, "expired");
      json_builder_add_boolean_value (b, row->expired);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

void
pos_cli_warn_fefo (PosCli *cli, const char *scan)
{
  g_autofree char *warning = pos_batch_fefo_warning_for_code (cli->store, scan);

  if (warning != NULL)
    fprintf (stderr, _ ("Warning: %s\n"), warning);
}
