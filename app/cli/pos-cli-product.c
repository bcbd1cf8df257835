/* pos-cli-product.c — `product`: create, edit, deactivate, show and list
 * products, and the open items sold at the till that still need one.
 *
 * Every check is the catalog's own (pos-product-edit.c), the one the app
 * and imports use, so bad input exits 4 (invalid) as an import does, with
 * the field at fault named first on the line.
 */
#include "pos-cli.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "pos-clock.h"
#include "pos-format.h"
#include "pos-open-item.h"
#include "pos-price-schedule.h"
#include "pos-product-image.h"
#include "pos-product-edit.h"
#include "pos-quick-key-page.h"
#include "pos-shop.h"
#include "pos-stock.h"
#include "pos-variant.h"

static const char usage[]
    = "product add SKU --name NAME --price AMOUNT --tax CODE [FIELDS] | product edit SKU|CODE [FIELDS] | "
      "product add SKU --parent SKU|CODE --option NAME=VALUE… [--price AMOUNT] [FIELDS] | "
      "product deactivate|activate SKU|CODE | product show SKU|CODE | product variants SKU|CODE | "
      "product list [--all] [--after SKU] "
      "[--limit N] | product open-items | product schedule-price SKU|CODE --price AMOUNT --from WHEN | "
      "product price-changes [--all]   (WHEN: 2026-12-24 or 2026-12-24T18:00, local time, or with a zone; "
      "FIELDS: --barcode CODE… --cost AMOUNT --unit piece|kg|l|m "
      "--content QTY --content-unit kg|l|m --unit-price-per QTY --category NAME --brand NAME --supplier NAME "
      "--reorder QTY --key-colour #rrggbb --key-position N [--key-page PAGE] --image PATH --open-price-limit "
      "AMOUNT; with quick-key pages the key goes to position N (1 the first, 0 off) of PAGE, by name or id, "
      "the first page unless given; changes need --as NAME --as-pin PIN)";

typedef struct
{
  PosCliActor actor;
  char *name, *price, *tax, *cost, *unit, *content, *content_unit, *unit_price_per;
  char *category, *supplier, *reorder, *colour, *position, *image, *after, *limit, *open_limit;
  char *parent, *from, *brand, *key_page;
  char **barcodes, **options;
  gboolean all;
} ProductOptions;

static void
options_clear (ProductOptions *o)
{
  pos_cli_actor_clear (&o->actor);
  g_free (o->name), g_free (o->price), g_free (o->tax), g_free (o->cost), g_free (o->unit);
  g_free (o->content), g_free (o->content_unit), g_free (o->unit_price_per), g_free (o->category);
  g_free (o->supplier), g_free (o->reorder), g_free (o->colour), g_free (o->position), g_free (o->image);
  g_free (o->after), g_free (o->limit), g_free (o->open_limit), g_free (o->parent), g_free (o->from);
  g_free (o->brand), g_free (o->key_page);
  g_strfreev (o->barcodes), g_strfreev (o->options);
}

static gboolean
invalid (GError **error, const char *field, const char *text, const GError *why)
{
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "%s: “%s” %s", field, text,
               why ? why->message : "is not valid");
  return FALSE;
}

static gboolean
read_amount (PosCli *cli, const char *field, const char *text, PosAmount *out, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (text == NULL)
    return TRUE;
  if (!pos_amount_parse_local (text, pos_shop_currency (cli->store), out, &local))
    return invalid (error, field, text, local);
  return TRUE;
}

static gboolean
read_qty (const char *field, const char *text, PosQty *out, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (text == NULL)
    return TRUE;
  if (!pos_qty_parse (text, out, &local))
    return invalid (error, field, text, local);
  if (*out < 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s: “%s” cannot be negative"), field, text),
           FALSE;
  return TRUE;
}

/* "piece" is what an owner says; the store keeps the older word "each". */
static gboolean
read_unit (const char *text, PosProduct *p, GError **error)
{
  if (text == NULL)
    return TRUE;
  g_autofree char *lower = g_ascii_strdown (text, -1);

  if (!g_str_equal (lower, "piece") && !pos_unit_is_valid (lower))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("unit: “%s” is not a unit products are sold by (piece, kg, l or m)"), text),
           FALSE;
  g_free (p->unit);
  p->unit = g_strdup (g_str_equal (lower, "piece") ? "each" : lower);
  return TRUE;
}

static gboolean
read_tax (PosCli *cli, const char *code, PosProduct *p, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (code == NULL)
    return TRUE;
  if ((p->tax_rate_id = pos_catalog_tax_rate_id (cli->store, code, &local)) == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("tax: the shop has no tax rate “%s”"), code),
           FALSE;
  return TRUE;
}

static void
replace (char **field, const char *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = *value ? g_strdup (value) : NULL; /* "" clears */
}

/* A variant's price: "parent" has it follow its product's, an amount
 * gives it its own. */
static gboolean
read_variant_price (PosCli *cli, const char *text, PosProduct *p, GError **error)
{
  if (text == NULL || p->parent_id == 0)
    return TRUE;
  p->own_price = g_ascii_strcasecmp (text, "parent") != 0;
  return !p->own_price || read_amount (cli, "price", text, &p->price, error);
}

/* --option name=value…: all of a variant's options, in its product's grid
 * order. */
static gboolean
read_variant_options (ProductOptions *o, PosProduct *p, GError **error)
{
  char *options;

  if (o->options == NULL)
    return TRUE;
  if (p->parent_id == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("options: only a variant has options (give --parent when adding it)")),
           FALSE;
  if ((options = pos_variant_options_from_pairs ((const char *const *)o->options, error)) == NULL)
    return FALSE;
  g_free (p->variant_options);
  p->variant_options = options;
  return TRUE;
}

/* A picture file is copied beside the store, named by its hash, as the
 * app's product details do (pos-product-image.h), so that it reaches the
 * other tills; "" takes the picture away, and a picture the store holds
 * already stays as it is. */
static gboolean
read_image (PosCli *cli, const char *value, PosProduct *p, GError **error)
{
  char *imported;

  if (value == NULL || (pos_product_image_is_imported (value) && g_strcmp0 (value, p->image_path) == 0))
    return TRUE;
  if (*value == '\0')
    imported = NULL;
  else if ((imported = pos_product_image_import (cli->store, value, error)) == NULL)
    return FALSE;
  g_free (p->image_path);
  p->image_path = imported;
  return TRUE;
}

/* Applies the options given to @p; those not given leave it as it is. */
static gboolean
apply_options (PosCli *cli, ProductOptions *o, PosProduct *p, GError **error)
{
  if (o->name != NULL)
    g_free (p->name), p->name = g_strdup (o->name);
  if (!read_variant_price (cli, p->parent_id ? o->price : NULL, p, error)
      || !read_variant_options (o, p, error)
      || !read_amount (cli, "price", p->parent_id ? NULL : o->price, &p->price, error)
      || !read_amount (cli, "cost", o->cost, &p->cost, error)
      || !read_amount (cli, "open price limit", o->open_limit, &p->open_price_limit, error)
      || !read_unit (o->unit, p, error) || !read_tax (cli, o->tax, p, error)
      || !read_qty ("content", o->content, &p->content_qty, error)
      || !read_qty ("unit-price-per", o->unit_price_per, &p->unit_price_base, error)
      || !read_qty ("reorder", o->reorder, &p->reorder_level, error))
    return FALSE;
  replace (&p->content_unit, o->content_unit);
  replace (&p->quick_key_colour, o->colour);
  replace (&p->brand, o->brand);
  return read_image (cli, o->image, p, error);
}

/* --key-position N (0 takes the key off) and --key-page PAGE: a page alone
 * puts the key last on it. */
static gboolean
read_key_place (PosCli *cli, ProductOptions *o, PosProductLinks *links, GError **error)
{
  g_autoptr (GError) local = NULL;
  gint64 position = 1000;

  if (o->position != NULL && !g_ascii_string_to_signed (o->position, 10, 0, 1000, &position, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("key-position: “%s” is not a position from 1 to 1000"), o->position),
           FALSE;
  if (o->key_page != NULL
      && (links->key_page_id = pos_quick_key_page_find (cli->store, o->key_page, &local)) == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "key-page: %s", local->message), FALSE;
  if (o->position != NULL || o->key_page != NULL)
    links->key_position = position > 0 ? (gint)position : -1;
  return TRUE;
}

static gboolean
save (PosCli *cli, ProductOptions *o, PosProduct *p, GError **error)
{
  g_autoptr (PosUser) user = NULL;
  PosProductLinks links = {
    .barcodes = (const char *const *)o->barcodes,
    .category = o->category,
    .supplier = o->supplier,
  };

  if (!pos_cli_actor_sign_in (cli, &o->actor, "a supervisor's (--as, --as-pin)", &user, NULL, error))
    return FALSE;
  return apply_options (cli, o, p, error) && read_key_place (cli, o, &links, error)
         && pos_product_edit_save (cli->store, user, p, &links, NULL, error);
}

/* A variant names its product; it takes the product's name, price and
 * tax unless given its own. */
static int
add_variant (PosCli *cli, ProductOptions *o, PosProduct *p)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (PosProduct) parent = pos_catalog_lookup (cli->store, o->parent, &local);

  if (parent == NULL)
    {
      g_set_error (&error, POS_ERROR, POS_ERROR_INVALID, "parent: %s", local->message);
      return pos_cli_fail (error);
    }
  if (o->options == NULL)
    return pos_cli_usage (usage, "a variant needs its options: --option NAME=VALUE…");
  p->parent_id = parent->id;
  p->own_price = o->price != NULL;
  if (!save (cli, o, p, &error))
    return pos_cli_fail (error);
  return POS_EXIT_OK;
}

static int
add (PosCli *cli, ProductOptions *o, const char *sku)
{
  g_autoptr (PosProduct) p = pos_product_new ();
  g_autoptr (GError) error = NULL;
  int status;

  p->sku = g_strdup (sku);
  p->price = -1;
  if (o->parent != NULL)
    status = add_variant (cli, o, p);
  else if (o->name == NULL || o->price == NULL || o->tax == NULL)
    return pos_cli_usage (usage, "a new product needs --name, --price and --tax");
  else
    status = save (cli, o, p, &error) ? POS_EXIT_OK : pos_cli_fail (error);
  if (status != POS_EXIT_OK)
    return status;
  if (!cli->json)
    printf (_ ("added %s (version %lld)\n"), p->sku, (long long)p->version);
  return POS_EXIT_OK;
}

static int
edit (PosCli *cli, ProductOptions *o, const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = pos_catalog_lookup (cli->store, key, &error);

  if (p == NULL || !save (cli, o, p, &error))
    return pos_cli_fail (error);
  if (!cli->json)
    printf (_ ("saved %s (version %lld)\n"), p->sku, (long long)p->version);
  return POS_EXIT_OK;
}

static int
set_active (PosCli *cli, ProductOptions *o, const char *key, gboolean active)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = pos_catalog_lookup (cli->store, key, &error);
  g_autoptr (PosUser) user = NULL;

  if (p == NULL
      || !pos_cli_actor_sign_in (cli, &o->actor, "a supervisor's (--as, --as-pin)", &user, NULL, &error)
      || !pos_product_edit_set_active (cli->store, user, p->id, active, &error))
    return pos_cli_fail (error);
  if (!cli->json)
    printf ("%s %s\n", p->sku, active ? _ ("is on sale") : _ ("is no longer sold"));
  return POS_EXIT_OK;
}

static void
member_qty (JsonBuilder *b, const char *name, PosQty qty, gboolean given)
{
  g_autofree char *text = given ? pos_qty_to_string (qty) : NULL;

  pos_cli_member_string (b, name, text);
}

/* A variant's options as an object, in the grid's order. */
static void
build_options (JsonBuilder *b, const char *options)
{
  g_auto (GStrv) names = pos_variant_options_names (options);
  g_auto (GStrv) lines = g_strsplit (options ? options : "", "\n", -1);

  json_builder_set_member_name (b, "options");
  json_builder_begin_object (b);
  for (guint i = 0; names[i] != NULL && lines[i] != NULL; i++)
    pos_cli_member_string (b, names[i], lines[i] + strlen (names[i]) + 1);
  json_builder_end_object (b);
}

static void
build_variant_members (PosCli *cli, JsonBuilder *b, const PosProduct *p)
{
  g_autoptr (PosProduct) parent = pos_catalog_get (cli->store, p->parent_id, NULL);

  pos_cli_member_string (b, "parent", parent ? parent->sku : NULL);
  build_options (b, p->variant_options);
  json_builder_set_member_name (b, "own_price");
  json_builder_add_boolean_value (b, p->own_price);
}

/* Where its quick key is: on a page (its name, and 1 for the first key)
 * when the shop has pages, else its own position (0: none). */
static void
build_key_place (PosCli *cli, JsonBuilder *b, const PosProduct *p)
{
  g_auto (PosQuickKeyPlace) place = { 0 };
  gint64 position = p->quick_key_position;

  if (pos_quick_key_pages_exist (cli->store, NULL) > 0)
    position = pos_quick_key_find_product (cli->store, p->id, &place, NULL) > 0 ? place.position + 1 : 0;
  pos_cli_member_string (b, "key_page", place.page_name);
  json_builder_set_member_name (b, "key_position");
  json_builder_add_int_value (b, position);
}

static void
build_product (PosCli *cli, JsonBuilder *b, const PosProduct *p)
{
  g_autofree char *price = pos_cli_money (cli, p->price);
  g_autofree char *cost = p->cost >= 0 ? pos_cli_money (cli, p->cost) : NULL;
  g_autofree char *open_limit = p->open_price_limit > 0 ? pos_cli_money (cli, p->open_price_limit) : NULL;
  g_autofree char *category = pos_catalog_category_name (cli->store, p->category_id);
  g_autofree char *supplier = pos_catalog_supplier_name (cli->store, p->supplier_id);
  g_autoptr (GPtrArray) codes = pos_catalog_barcodes (cli->store, p->id, NULL);

  json_builder_begin_object (b);
  pos_cli_member_string (b, "sku", p->sku);
  pos_cli_member_string (b, "name", p->name);
  pos_cli_member_string (b, "price", price);
  pos_cli_member_string (b, "cost", cost);
  pos_cli_member_string (b, "tax", p->tax_code);
  pos_cli_member_string (b, "unit", pos_product_is_measured (p) ? p->unit : "piece");
  member_qty (b, "content", p->content_qty, p->content_qty > 0);
  pos_cli_member_string (b, "content_unit", p->content_unit);
  member_qty (b, "unit_price_per", p->unit_price_base, p->unit_price_base > 0);
  pos_cli_member_string (b, "category", category);
  pos_cli_member_string (b, "brand", p->brand);
  pos_cli_member_string (b, "supplier", supplier);
  member_qty (b, "reorder_level", p->reorder_level, p->reorder_level >= 0);
  pos_cli_member_string (b, "key_colour", p->quick_key_colour);
  build_key_place (cli, b, p);
  pos_cli_member_string (b, "image", p->image_path);
  pos_cli_member_string (b, "open_price_limit", open_limit);
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, p->active);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, p->version);
  json_builder_set_member_name (b, "barcodes");
  json_builder_begin_array (b);
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (codes, i));
  json_builder_end_array (b);
  if (p->parent_id != 0)
    build_variant_members (cli, b, p);
  json_builder_end_object (b);
}

/* The product as "field: value" lines, from the JSON it would print. */
static void
print_fields (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  JsonObject *o = json_node_get_object (root);
  g_autoptr (GList) names = json_object_get_members (o);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (o, l->data);
      g_autofree char *text = NULL;

      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          g_autoptr (GString) list = g_string_new (NULL);
          JsonArray *array = json_node_get_array (value);
          for (guint i = 0; i < json_array_get_length (array); i++)
            g_string_append_printf (list, "%s%s", i ? " " : "", json_array_get_string_element (array, i));
          text = g_string_free (g_steal_pointer (&list), FALSE);
        }
      else if (json_node_get_value_type (value) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (value));
      else
        text = json_to_string (value, FALSE);
      printf ("%-15s %s\n", (char *)l->data, text);
    }
}

static int
show (PosCli *cli, const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = pos_catalog_lookup (cli->store, key, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (p == NULL)
    return pos_cli_fail (error);
  build_product (cli, b, p);
  if (!cli->json)
    return print_fields (b), POS_EXIT_OK;
  root = json_builder_get_root (b);
  pos_cli_print_json (root);
  return POS_EXIT_OK;
}

static int
list (PosCli *cli, ProductOptions *o)
{
  g_autoptr (GError) error = NULL;
  gint64 limit = 100;
  g_autoptr (GPtrArray) products = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (o->limit != NULL && !g_ascii_string_to_signed (o->limit, 10, 1, 100000, &limit, NULL))
    return pos_cli_usage (usage, "--limit is a number from 1 to 100000");
  if ((products = pos_catalog_list (cli->store, o->after, o->all, (guint)limit, &error)) == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < products->len; i++)
    {
      PosProduct *p = g_ptr_array_index (products, i);
      g_autofree char *price = pos_cli_money (cli, p->price);

      if (!cli->json)
        printf ("%-16s %-40s %10s %s%s\n", p->sku, p->name, price, p->tax_code ? p->tax_code : "",
                p->active ? "" : "  (not sold)");
      build_product (cli, b, p);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static void
build_variant (PosCli *cli, JsonBuilder *b, const PosVariantCell *cell, PosQty stock)
{
  g_autoptr (PosProduct) variant = pos_catalog_get (cli->store, cell->id, NULL);
  g_autofree char *price = pos_cli_money (cli, cell->price);
  g_autofree char *level = pos_qty_to_string (stock);

  json_builder_begin_object (b);
  pos_cli_member_string (b, "sku", cell->sku);
  if (variant != NULL)
    build_options (b, variant->variant_options);
  pos_cli_member_string (b, "price", price);
  json_builder_set_member_name (b, "own_price");
  json_builder_add_boolean_value (b, variant == NULL || variant->own_price);
  pos_cli_member_string (b, "stock", level);
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, cell->active);
  json_builder_end_object (b);
}

/* The variants of a product, as the till's grid offers them: SKU,
 * options, price and stock. */
static int
variants (PosCli *cli, const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = pos_catalog_lookup (cli->store, key, &error);
  g_autoptr (PosVariantGrid) grid = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (p == NULL
      || (grid = pos_variant_grid_load (cli->store, p->parent_id ? p->parent_id : p->id, &error)) == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < grid->cells->len; i++)
    {
      const PosVariantCell *cell = g_ptr_array_index (grid->cells, i);
      PosQty stock = pos_stock_level (cli->store, cell->id);
      g_autofree char *price = pos_cli_money (cli, cell->price);
      g_autofree char *level = pos_qty_to_string (stock);

      if (!cli->json)
        printf ("%-16s %-30s %10s %8s%s\n", cell->sku, cell->label, price, level,
                cell->active ? "" : "  (not sold)");
      build_variant (cli, b, cell, stock);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static int
open_items (PosCli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = pos_open_items_list (cli->store, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (items == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      PosOpenItem *item = g_ptr_array_index (items, i);
      g_autofree char *price = pos_cli_money (cli, item->price);

      if (!cli->json)
        printf (_ ("%-14s %-30s %4lld× last at %s (tax %s)\n"), item->code, item->department,
                (long long)item->times, price, item->tax_code);
      json_builder_begin_object (b);
      pos_cli_member_string (b, "code", item->code);
      pos_cli_member_string (b, "department", item->department);
      json_builder_set_member_name (b, "times");
      json_builder_add_int_value (b, item->times);
      pos_cli_member_string (b, "price", price);
      pos_cli_member_string (b, "tax", item->tax_code);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

/* A start as an owner types it: a local date ("2026-12-24", midnight), a
 * local date and time, or an ISO 8601 time with a zone. */
static gboolean
read_start (const char *text, gint64 *us, GError **error)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *full = strchr (text, 'T') ? g_strdup (text) : g_strconcat (text, "T00:00:00", NULL);
  g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (full, local);

  if (when == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("from: “%s” is not a date (2026-12-24) or a date and time (2026-12-24T18:00)"),
                        text),
           FALSE;
  *us = g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
  return TRUE;
}

static int
schedule_price (PosCli *cli, ProductOptions *o, const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = pos_catalog_lookup (cli->store, key, &error);
  g_autoptr (PosUser) user = NULL;
  g_autofree char *when = NULL;
  PosAmount price = -1;
  gint64 us;

  if (o->price == NULL || o->from == NULL)
    return pos_cli_usage (usage, "a scheduled price needs --price and --from");
  if (p == NULL || !read_amount (cli, "price", o->price, &price, &error) || !read_start (o->from, &us, &error)
      || !pos_cli_actor_sign_in (cli, &o->actor, "a supervisor's (--as, --as-pin)", &user, NULL, &error)
      || !pos_price_schedule_add (cli->store, user, p->id, price, us, NULL, &error))
    return pos_cli_fail (error);
  when = pos_clock_iso_utc (us);
  if (!cli->json)
    printf (_ ("%s at %s from %s\n"), p->sku, o->price, when);
  return POS_EXIT_OK;
}

/* The scheduled changes not applied yet (all with --all). */
static int
price_changes (PosCli *cli, ProductOptions *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = pos_price_schedule_list (cli->store, o->all, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (changes == NULL)
    return pos_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < changes->len; i++)
    {
      PosPriceChange *c = g_ptr_array_index (changes, i);
      g_autofree char *price = pos_cli_money (cli, c->price);
      g_autofree char *now = pos_cli_money (cli, c->old_price);
      g_autofree char *from = pos_clock_iso_utc (c->starts_us);

      if (!cli->json)
        printf ("%-16s %-30s %10s → %10s from %s%s\n", c->sku, c->name, now, price, from,
                c->applied ? "  (applied)" : "");
      json_builder_begin_object (b);
      pos_cli_member_string (b, "sku", c->sku);
      pos_cli_member_string (b, "price", price);
      pos_cli_member_string (b, "current_price", now);
      pos_cli_member_string (b, "from", from);
      json_builder_set_member_name (b, "applied");
      json_builder_add_boolean_value (b, c->applied);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return pos_cli_print_listing (cli, b);
}

static int
dispatch (PosCli *cli, ProductOptions *o, int argc, char **argv)
{
  const char *verb = argv[1];

  if (g_str_equal (verb, "add") && argc == 3)
    return add (cli, o, argv[2]);
  if (g_str_equal (verb, "variants") && argc == 3)
    return variants (cli, argv[2]);
  if (g_str_equal (verb, "schedule-price") && argc == 3)
    return schedule_price (cli, o, argv[2]);
  if (g_str_equal (verb, "price-changes") && argc == 2)
    return price_changes (cli, o);
  if (g_str_equal (verb, "edit") && argc == 3)
    return edit (cli, o, argv[2]);
  if ((g_str_equal (verb, "deactivate") || g_str_equal (verb, "activate")) && argc == 3)
    return set_active (cli, o, argv[2], g_str_equal (verb, "activate"));
  if (g_str_equal (verb, "show") && argc == 3)
    return show (cli, argv[2]);
  if (g_str_equal (verb, "list") && argc == 2)
    return list (cli, o);
  if (g_str_equal (verb, "open-items") && argc == 2)
    return open_items (cli);
  return pos_cli_usage (usage, NULL);
}

int
pos_cli_product (PosCli *cli, int argc, char **argv)
{
  ProductOptions o = { 0 };
  GOptionEntry entries[] = {
    POS_CLI_ACTOR_ENTRIES (o.actor, "as", "as-pin"),
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name, NULL, NULL },
    { "price", 0, 0, G_OPTION_ARG_STRING, &o.price, NULL, NULL },
    { "tax", 0, 0, G_OPTION_ARG_STRING, &o.tax, NULL, NULL },
    { "barcode", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.barcodes, NULL, NULL },
    { "cost", 0, 0, G_OPTION_ARG_STRING, &o.cost, NULL, NULL },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &o.unit, NULL, NULL },
    { "content", 0, 0, G_OPTION_ARG_STRING, &o.content, NULL, NULL },
    { "content-unit", 0, 0, G_OPTION_ARG_STRING, &o.content_unit, NULL, NULL },
    { "unit-price-per", 0, 0, G_OPTION_ARG_STRING, &o.unit_price_per, NULL, NULL },
    { "category", 0, 0, G_OPTION_ARG_STRING, &o.category, NULL, NULL },
    { "supplier", 0, 0, G_OPTION_ARG_STRING, &o.supplier, NULL, NULL },
    { "reorder", 0, 0, G_OPTION_ARG_STRING, &o.reorder, NULL, NULL },
    { "key-colour", 0, 0, G_OPTION_ARG_STRING, &o.colour, NULL, NULL },
    { "key-position", 0, 0, G_OPTION_ARG_STRING, &o.position, NULL, NULL },
    { "key-page", 0, 0, G_OPTION_ARG_STRING, &o.key_page, NULL, NULL },
    { "image", 0, 0, G_OPTION_ARG_STRING, &o.image, NULL, NULL },
    { "brand", 0, 0, G_OPTION_ARG_STRING, &o.brand, NULL, NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &o.all, NULL, NULL },
    { "after", 0, 0, G_OPTION_ARG_STRING, &o.after, NULL, NULL },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &o.limit, NULL, NULL },
    { "open-price-limit", 0, 0, G_OPTION_ARG_STRING, &o.open_limit, NULL, NULL },
    { "parent", 0, 0, G_OPTION_ARG_STRING, &o.parent, NULL, NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, NULL, NULL },
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.options, NULL, NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  int status;

  if (!pos_cli_parse (entries, &argc, &argv, usage, &error) || argc < 2)
    status = pos_cli_usage (usage, error ? error->message : NULL);
  else if (pos_cli_store (cli, &error) == NULL)
    status = pos_cli_fail (error);
  else
    status = dispatch (cli, &o, argc, argv);
  options_clear (&o);
  return status;
}
