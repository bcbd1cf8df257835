/* pos-receiving.c — a delivery gathered by scan, then booked (see
 * pos-receiving.h). */
#include "pos-receiving.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pos-batch.h"
#include "pos-catalog.h"
#include "pos-purchase-order.h"
#include "pos-stock.h"

struct _PosReceiving
{
  PosPurchaseOrder *order; /* (nullable): free receiving */
  GPtrArray *lines;        /* PosReceivingLine */
};

void
pos_receiving_line_free (PosReceivingLine *line)
{
  if (line == NULL)
    return;
  g_free (line->sku);
  g_free (line->name);
  g_free (line->batch);
  g_free (line->expiry);
  g_free (line);
}

PosReceiving *
pos_receiving_new (PosStore *store, gint64 order_id, GError **error)
{
  g_autoptr (PosPurchaseOrder) order = NULL;
  PosReceiving *r;

  g_return_val_if_fail (store != NULL && order_id >= 0, NULL);
  if (order_id != 0 && (order = pos_purchase_order_get (store, order_id, error)) == NULL)
    return NULL;
  if (order != NULL && (g_str_equal (order->status, "closed") || g_str_equal (order->status, "received")))
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                        _ ("Purchase order %lld is received or closed already"), (long long)order_id),
           NULL;
  r = g_new0 (PosReceiving, 1);
  r->order = g_steal_pointer (&order);
  r->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_receiving_line_free);
  return r;
}

void
pos_receiving_free (PosReceiving *receiving)
{
  if (receiving == NULL)
    return;
  g_clear_pointer (&receiving->order, pos_purchase_order_free);
  g_clear_pointer (&receiving->lines, g_ptr_array_unref);
  g_free (receiving);
}

gint64
pos_receiving_order_id (const PosReceiving *receiving)
{
  g_return_val_if_fail (receiving != NULL, 0);
  return receiving->order != NULL ? receiving->order->id : 0;
}

static PosOrderLine *
order_line (const PosReceiving *r, gint64 product_id)
{
  for (guint i = 0; r->order != NULL && i < r->order->lines->len; i++)
    if (((PosOrderLine *)g_ptr_array_index (r->order->lines, i))->product_id == product_id)
      return g_ptr_array_index (r->order->lines, i);
  return NULL;
}

/* The line of the product and batch, added when it is first scanned. */
static PosReceivingLine *
line_for (PosReceiving *r, const PosProduct *product, const PosOrderLine *ordered, char **batch,
          char **expiry)
{
  PosReceivingLine *line;

  for (guint i = 0; i < r->lines->len; i++)
    {
      line = g_ptr_array_index (r->lines, i);
      if (line->product_id == product->id && g_strcmp0 (line->batch, *batch) == 0
          && g_strcmp0 (line->expiry, *expiry) == 0)
        return line;
    }
  line = g_new0 (PosReceivingLine, 1);
  line->product_id = product->id;
  line->sku = g_strdup (product->sku);
  line->name = g_strdup (product->name);
  line->batch = g_steal_pointer (batch);
  line->expiry = g_steal_pointer (expiry);
  line->ordered = ordered != NULL ? ordered->qty : -1;
  line->before = ordered != NULL ? ordered->received : 0;
  g_ptr_array_add (r->lines, line);
  return line;
}

/* All of @product_id this delivery brings so far, over its batches. */
static PosQty
product_total (const PosReceiving *r, gint64 product_id)
{
  PosQty total = 0;

  for (guint i = 0; i < r->lines->len; i++)
    {
      const PosReceivingLine *line = g_ptr_array_index (r->lines, i);

      if (line->product_id == product_id)
        total += line->qty; /* each line is sane, and so is their sum */
    }
  return total;
}

/* The product @code stands for, with the batch and expiry a GS1 code
 * names (each NULL when none). */
static PosProduct *
read_code (PosStore *store, const char *code, char **batch, char **expiry, GError **error)
{
  g_autoptr (GError) local = NULL;
  PosProduct *product = pos_catalog_lookup (store, code, &local);
  gint64 id = 0;

  if (product != NULL || !g_error_matches (local, POS_ERROR, POS_ERROR_NOT_FOUND)
      || !(code[0] == '(' || code[0] == ']' || strchr (code, 0x1d) != NULL))
    {
      if (product == NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return product;
    }
  if (!pos_batch_read_code (store, code, &id, batch, expiry, error))
    return NULL;
  return pos_catalog_get (store, id, error);
}

const PosReceivingLine *
pos_receiving_scan (PosReceiving *receiving, PosStore *store, const char *code, PosQty qty, GError **error)
{
  g_autoptr (PosProduct) product = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *expiry = NULL;
  const PosOrderLine *ordered;
  PosReceivingLine *line;
  PosQty total;

  g_return_val_if_fail (receiving != NULL && store != NULL && code != NULL, NULL);
  if (qty <= 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A received quantity must be more than 0")),
           NULL;
  if (!pos_qty_check_sane (qty, _ ("A received quantity"), error)
      || (product = read_code (store, code, &batch, &expiry, error)) == NULL)
    return NULL;
  ordered = order_line (receiving, product->id);
  if (receiving->order != NULL && ordered == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s is not on purchase order %lld"),
                        product->name, (long long)receiving->order->id),
           NULL;
  line = line_for (receiving, product, ordered, &batch, &expiry);
  if (__builtin_add_overflow (line->qty, qty, &total)
      || !pos_qty_check_sane (total, _ ("A received quantity"), NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW, _ ("%s: the quantity is out of range"),
                        line->sku),
           NULL;
  line->qty = total;
  line->over = line->ordered >= 0 && product_total (receiving, product->id) > line->ordered - line->before;
  return line;
}

GPtrArray *
pos_receiving_lines (const PosReceiving *receiving)
{
  g_return_val_if_fail (receiving != NULL, NULL);
  return receiving->lines;
}

guint
pos_receiving_n_over (const PosReceiving *receiving)
{
  guint n = 0;

  g_return_val_if_fail (receiving != NULL, 0);
  for (guint i = 0; i < receiving->lines->len; i++)
    n += ((PosReceivingLine *)g_ptr_array_index (receiving->lines, i))->over;
  return n;
}

gboolean
pos_receiving_commit (PosReceiving *receiving, PosStore *store, const PosUser *user, const char *note,
                      GError **error)
{
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (PosStockItem));

  g_return_val_if_fail (receiving != NULL && store != NULL && user != NULL, FALSE);
  if (receiving->lines->len == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Scan what was delivered first")), FALSE;
  for (guint i = 0; i < receiving->lines->len; i++)
    {
      PosReceivingLine *l = g_ptr_array_index (receiving->lines, i);
      PosStockItem item = { l->product_id, l->qty, -1, l->batch, l->expiry };

      g_array_append_val (items, item);
    }
  if (receiving->order != NULL)
    return pos_purchase_order_receive (store, user, receiving->order->id, (PosStockItem *)(void *)items->data,
                                       items->len, note, error);
  return pos_stock_receive (store, user, 0, note, (PosStockItem *)(void *)items->data, items->len, error);
}
