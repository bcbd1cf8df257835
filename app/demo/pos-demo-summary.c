/* pos-demo-summary.c — counting what a demo shop holds (see pos-demo.h). */
#include "pos-demo.h"

#include "pos-store-private.h"

JsonNode *
pos_demo_summary (PosStore *store)
{
  static const char *const counts[][2] = {
    { "products", "SELECT count(*) FROM product" },     { "barcodes", "SELECT count(*) FROM barcode" },
    { "customers", "SELECT count(*) FROM customer" },   { "sales", "SELECT count(*) FROM sale" },
    { "sale_lines", "SELECT count(*) FROM sale_line" }, { "journal_events", "SELECT count(*) FROM journal" },
  };
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (store != NULL, NULL);

  json_object_set_string_member (o, "store", pos_store_path (store));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, counts[i][1], NULL);

      json_object_set_int_member (
          o, counts[i][0],
          stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0);
    }
  json_node_take_object (node, o);
  return node;
}
