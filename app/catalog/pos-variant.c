/* pos-variant.c — products sold in options (see pos-variant.h). */
#include "pos-variant.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pos-store-private.h"

static gboolean
check_part (const char *what, const char *text, GError **error)
{
  glong len = g_utf8_validate (text, -1, NULL) ? g_utf8_strlen (text, -1) : -1;

  if (len >= 1 && len <= POS_VARIANT_OPTION_MAX && strchr (text, '\n') == NULL)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("options: an option's %s is 1–%d characters on one line"), what, POS_VARIANT_OPTION_MAX);
  return FALSE;
}

/* Appends one "name=value" pair to @out, trimmed and checked. */
static gboolean
append_pair (GString *out, GPtrArray *names, const char *pair, GError **error)
{
  const char *equals = strchr (pair, '=');
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  if (equals == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("options: “%s” is not written name=value"),
                        pair),
           FALSE;
  name = g_strstrip (g_strndup (pair, equals - pair));
  value = g_strstrip (g_strdup (equals + 1));
  if (!check_part ("name", name, error) || !check_part ("value", value, error))
    return FALSE;
  if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("options: “%s” is given twice"), name), FALSE;
  g_string_append_printf (out, "%s%s=%s", out->len ? "\n" : "", name, value);
  g_ptr_array_add (names, g_steal_pointer (&name));
  return TRUE;
}

char *
pos_variant_options_from_pairs (const char *const *pairs, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n = pairs ? g_strv_length ((char **)pairs) : 0;

  if (n == 0 || n > POS_VARIANT_OPTIONS_MAX)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("options: a variant has 1–%d options"),
                        POS_VARIANT_OPTIONS_MAX),
           NULL;
  for (guint i = 0; i < n; i++)
    if (!append_pair (out, names, pairs[i], error))
      return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The names (@names TRUE) or the values of @options. */
static GStrv
options_parts (const char *options, gboolean names)
{
  g_auto (GStrv) lines = g_strsplit (options ? options : "", "\n", -1);
  g_autoptr (GStrvBuilder) parts = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *equals = strchr (lines[i], '=');

      if (equals == NULL)
        continue;
      if (names)
        {
          g_autofree char *name = g_strndup (lines[i], equals - lines[i]);
          g_strv_builder_add (parts, name);
        }
      else
        g_strv_builder_add (parts, equals + 1);
    }
  return g_strv_builder_end (parts);
}

char *
pos_variant_options_label (const char *options)
{
  g_auto (GStrv) values = options_parts (options, FALSE);

  return g_strjoinv (", ", values);
}

GStrv
pos_variant_options_names (const char *options)
{
  return options_parts (options, TRUE);
}

/* The options of another variant of @variant's product: NULL when it is
 * the first, "" on error. */
static char *
sibling_options (PosStore *store, const PosProduct *variant, GError **error)
{
  static const char sql[] = "SELECT variant_options FROM product WHERE parent_id = ?1 AND id IS NOT ?2 "
                            "ORDER BY id LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, variant->parent_id);
  pos_stmt_bind_int64_or_null (stmt, 2, variant->id, 0);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return g_strdup ("");
  return rc == SQLITE_ROW ? pos_stmt_dup_text (stmt, 0) : NULL;
}

/* Whether another variant of the product already has @variant's options:
 * 1 yes, 0 no, -1 on error. */
static int
options_taken (PosStore *store, const PosProduct *variant, char **sku, GError **error)
{
  static const char sql[] = "SELECT sku FROM product WHERE parent_id = ?1 AND variant_options = ?2 "
                            "AND id IS NOT ?3";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, variant->parent_id);
  sqlite3_bind_text (stmt, 2, variant->variant_options, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 3, variant->id, 0);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return -1;
  if (rc == SQLITE_ROW)
    *sku = pos_stmt_dup_text (stmt, 0);
  return rc == SQLITE_ROW;
}

static gboolean
fail (const char **field, const char *name)
{
  if (field != NULL)
    *field = name;
  return FALSE;
}

/* The options of @variant against those of its product's other variants. */
static gboolean
check_options (PosStore *store, const PosProduct *variant, const char **field, GError **error)
{
  g_autofree char *sibling = NULL;
  g_autofree char *taken_by = NULL;
  g_auto (GStrv) names = pos_variant_options_names (variant->variant_options);
  g_autoptr (GError) local = NULL;
  int taken;

  if (variant->variant_options == NULL || names[0] == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("options: a variant needs its options")),
           fail (field, "options");
  sibling = sibling_options (store, variant, &local);
  if (local != NULL)
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  if (sibling != NULL)
    {
      g_auto (GStrv) expected = pos_variant_options_names (sibling);
      g_autofree char *list = g_strjoinv (", ", expected);

      if (!g_strv_equal ((const char *const *)names, (const char *const *)expected))
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("options: the variants of this product have the options %s, in that order"),
                            list),
               fail (field, "options");
    }
  if ((taken = options_taken (store, variant, &taken_by, error)) < 0)
    return FALSE;
  if (taken)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("options: variant %s has these options already"), taken_by),
           fail (field, "options");
  return TRUE;
}

/* What a variant takes from its product. */
static void
inherit (PosProduct *variant, const PosProduct *parent)
{
  if (variant->name == NULL || *g_strstrip (variant->name) == '\0')
    {
      g_autofree char *label = pos_variant_options_label (variant->variant_options);

      g_free (variant->name);
      variant->name = g_strdup_printf ("%s (%s)", parent->name, label);
    }
  if (!variant->own_price)
    variant->price = parent->price;
  g_free (variant->unit);
  variant->unit = g_strdup (parent->unit);
  variant->tax_rate_id = parent->tax_rate_id;
  if (variant->category_id == 0)
    variant->category_id = parent->category_id;
  if (variant->supplier_id == 0)
    variant->supplier_id = parent->supplier_id;
}

gboolean
pos_variant_prepare (PosStore *store, PosProduct *variant, const char **field, GError **error)
{
  g_autoptr (PosProduct) parent = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (store != NULL && variant != NULL && variant->parent_id != 0, FALSE);

  if ((parent = pos_catalog_get (store, variant->parent_id, &local)) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("parent: %s"), local->message),
           fail (field, "parent");
  if (parent->parent_id != 0 || parent->id == variant->id)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("parent: %s is a variant itself; give the product it is a variant of"),
                        parent->sku),
           fail (field, "parent");
  if (variant->tax_rate_id != 0 && variant->tax_rate_id != parent->tax_rate_id)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("tax: a variant has its product's tax rate (%s)"), parent->tax_code),
           fail (field, "tax");
  if (!check_options (store, variant, field, error))
    return FALSE;
  inherit (variant, parent);
  return TRUE;
}

/* Grid ---------------------------------------------------------------------- */

static void
cell_free (PosVariantCell *cell)
{
  g_free (cell->sku);
  g_free (cell->label);
  g_free (cell);
}

void
pos_variant_grid_free (PosVariantGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->parent_name);
  g_strfreev (grid->option_names);
  g_ptr_array_unref (grid->rows);
  g_ptr_array_unref (grid->columns);
  g_ptr_array_unref (grid->cells);
  g_free (grid);
}

/* The index of @key in @keys, added at the end when it is new. */
static guint
key_index (GPtrArray *keys, const char *key)
{
  guint index;

  if (g_ptr_array_find_with_equal_func (keys, key, g_str_equal, &index))
    return index;
  g_ptr_array_add (keys, g_strdup (key));
  return keys->len - 1;
}

/* Places the variant of the current row of @stmt in @grid. */
static void
add_cell (PosVariantGrid *grid, PosStmt *stmt)
{
  PosVariantCell *cell = g_new0 (PosVariantCell, 1);
  g_auto (GStrv) values = options_parts ((const char *)sqlite3_column_text (stmt, 2), FALSE);
  g_autofree char *column = values[0] ? g_strjoinv (", ", values + 1) : g_strdup ("");

  cell->id = sqlite3_column_int64 (stmt, 0);
  cell->sku = pos_stmt_dup_text (stmt, 1);
  cell->label = g_strjoinv (", ", values);
  cell->price = sqlite3_column_int64 (stmt, 3);
  cell->active = sqlite3_column_int (stmt, 4);
  cell->row = key_index (grid->rows, values[0] ? values[0] : "");
  cell->column = key_index (grid->columns, column);
  if (grid->option_names == NULL)
    grid->option_names = options_parts ((const char *)sqlite3_column_text (stmt, 2), TRUE);
  g_ptr_array_add (grid->cells, cell);
}

PosVariantGrid *
pos_variant_grid_load (PosStore *store, gint64 parent_id, GError **error)
{
  static const char sql[] = "SELECT id, sku, variant_options, price, active FROM product "
                            "WHERE parent_id = ?1 ORDER BY id";
  g_autoptr (PosProduct) parent = pos_catalog_get (store, parent_id, error);
  g_autoptr (PosVariantGrid) grid = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  if (parent == NULL || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  grid = g_new0 (PosVariantGrid, 1);
  grid->parent_id = parent_id;
  grid->parent_name = g_strdup (parent->name);
  grid->rows = g_ptr_array_new_with_free_func (g_free);
  grid->columns = g_ptr_array_new_with_free_func (g_free);
  grid->cells = g_ptr_array_new_with_free_func ((GDestroyNotify)cell_free);
  sqlite3_bind_int64 (stmt, 1, parent_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    add_cell (grid, stmt);
  if (rc < 0)
    return NULL;
  if (grid->option_names == NULL)
    grid->option_names = g_new0 (char *, 1);
  return g_steal_pointer (&grid);
}

const PosVariantCell *
pos_variant_grid_get (const PosVariantGrid *grid, guint row, guint column)
{
  g_return_val_if_fail (grid != NULL, NULL);

  for (guint i = 0; i < grid->cells->len; i++)
    {
      const PosVariantCell *cell = g_ptr_array_index (grid->cells, i);

      if (cell->row == row && cell->column == column)
        return cell;
    }
  return NULL;
}
