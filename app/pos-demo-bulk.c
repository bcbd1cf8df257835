/* pos-demo-bulk.c — big stores for benchmarks (see pos-demo.h). */
#include "pos-demo-private.h"

gboolean
pos_demo_bulk_catalog (PosDemo *demo, guint n_products, GError **error)
{
  g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "not yet");
  return FALSE;
}

gboolean
pos_demo_bulk_history (PosDemo *demo, gint64 n_lines, GError **error)
{
  g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "not yet");
  return FALSE;
}
