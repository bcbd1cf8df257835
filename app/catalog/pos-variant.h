/* pos-variant.h — products sold in options: a T-shirt in sizes and colours.
 *
 * A variant is a product of its own (own SKU, barcodes, stock, sale lines,
 * catalog versions) that names its product (parent_id) and its options,
 * "name=value" pairs kept as lines in the grid's order ("size=M\ncolour=red").
 * It has its product's tax rate and unit, and its price unless it has one of
 * its own; the store changes them with the product's (migration 013).
 *
 * The till offers the variants of a product as a grid: the first option's
 * values down the side, the other options' values across the top.
 */
#pragma once

#include "pos-catalog.h"

G_BEGIN_DECLS

#define POS_VARIANT_OPTION_MAX 40 /* characters of an option's name or value */
#define POS_VARIANT_OPTIONS_MAX 4 /* options per variant */

/* Turns "name=value" @pairs (as typed: spaces around the parts are trimmed)
 * into the stored form. Names are unique, 1–POS_VARIANT_OPTION_MAX
 * characters without "=", values 1–POS_VARIANT_OPTION_MAX characters.
 * Returns: (transfer full) (nullable): the options, or NULL with
 * POS_ERROR_INVALID. */
char *pos_variant_options_from_pairs (const char *const *pairs, GError **error);

/* The values of @options joined by ", " ("M, red"), for names and the grid.
 * Returns: (transfer full) */
char *pos_variant_options_label (const char *options);

/* The names of @options in order. Returns: (transfer full) */
GStrv pos_variant_options_names (const char *options);

/* Completes a variant (@variant->parent_id set, options given) before it is
 * checked and saved: its product's tax rate and unit, its price when it has
 * none of its own, and a name from the product's when it has none. Checks
 * that the product is not a variant itself, that the options have the names
 * of its other variants in the same order, and that no other variant has
 * the same ones. On bad input *@field (nullable) is "parent", "options" or
 * "tax". */
gboolean pos_variant_prepare (PosStore *store, PosProduct *variant, const char **field, GError **error);

typedef struct
{
  gint64 id;
  char *sku;
  char *label; /* "M, red" */
  PosAmount price;
  gboolean active;
  guint row, column;
} PosVariantCell;

typedef struct
{
  gint64 parent_id;
  char *parent_name;
  GStrv option_names;
  GPtrArray *rows;    /* (element-type utf8) the first option's values, as first added */
  GPtrArray *columns; /* (element-type utf8) the other options' values, "red" or "red, long"; one
                         "" when there is one option */
  GPtrArray *cells;   /* (element-type PosVariantCell) in the order they were added */
} PosVariantGrid;

/* The variants of product @parent_id as a grid (no cells when it has none).
 * Returns: (transfer full) (nullable) */
PosVariantGrid *pos_variant_grid_load (PosStore *store, gint64 parent_id, GError **error);
/* Returns: (transfer none) (nullable): the variant at @row, @column */
const PosVariantCell *pos_variant_grid_get (const PosVariantGrid *grid, guint row, guint column);
void pos_variant_grid_free (PosVariantGrid *grid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosVariantGrid, pos_variant_grid_free)

G_END_DECLS
