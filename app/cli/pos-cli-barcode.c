/* pos-cli-barcode.c — `barcode CODE`: what a scanned code means. */
#include "pos-cli.h"

#include <stdio.h>

#include "pos-barcode.h"
#include "pos-catalog.h"
#include "pos-shop.h"

static JsonNode *
describe (PosCli *cli, const PosBarcode *code)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (PosProduct) product = NULL;
  g_autofree char *issn = pos_barcode_issn (code);
  g_autofree char *isbn10 = pos_barcode_isbn10 (code);
  PosStore *store = g_file_test (cli->store_path, G_FILE_TEST_EXISTS) ? pos_cli_store (cli, NULL) : NULL;

  json_builder_begin_object (b);
#define STR(name, value)                                                                                     \
  if ((value) != NULL)                                                                                       \
    {                                                                                                        \
      json_builder_set_member_name (b, name);                                                                \
      json_builder_add_string_value (b, value);                                                              \
    }
  STR ("kind", pos_barcode_kind_to_string (code->kind));
  STR ("symbology", code->symbology);
  STR ("text", code->text);
  STR ("key", code->key);
  STR ("issn", issn);
  STR ("isbn10", isbn10);
  STR ("batch", code->batch);
  STR ("expiry", code->expiry);
  STR ("serial", code->serial);
  if (code->has_price)
    {
      json_builder_set_member_name (b, "price");
      json_builder_add_int_value (b, code->price);
    }
  if (code->has_weight)
    {
      json_builder_set_member_name (b, "weight_g");
      json_builder_add_int_value (b, code->weight);
    }
  if (store != NULL && (product = pos_catalog_lookup (store, code->key, NULL)) != NULL)
    {
      STR ("product_sku", product->sku);
      STR ("product_name", product->name);
    }
#undef STR
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
pos_cli_barcode (PosCli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosBarcode) code = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (PosBarcodeLayouts) layouts = NULL;
  g_autoptr (GList) members = NULL;
  JsonObject *o;

  if (argc != 2)
    return pos_cli_usage ("barcode CODE", NULL);
  if (g_file_test (cli->store_path, G_FILE_TEST_EXISTS) && pos_cli_store (cli, NULL) != NULL)
    layouts = pos_shop_barcode_layouts (cli->store);
  code = pos_barcode_parse (argv[1], layouts, &error);
  if (code == NULL)
    return pos_cli_fail (error);
  node = describe (cli, code);
  if (cli->json)
    {
      pos_cli_print_json (node);
      return POS_EXIT_OK;
    }
  o = json_node_get_object (node);
  members = json_object_get_members (o);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (o, l->data);
      if (json_node_get_value_type (value) == G_TYPE_INT64)
        printf ("%-13s %" G_GINT64_FORMAT "\n", (char *)l->data, json_node_get_int (value));
      else
        printf ("%-13s %s\n", (char *)l->data, json_node_get_string (value));
    }
  return POS_EXIT_OK;
}
