/* pos-import.c — CSV imports of products and customers (see pos-import.h):
 * running one. Products: pos-import-product-*.c; customers:
 * pos-import-customers.c; reading cells: pos-import-cells.c.
 *
 * One pass over the file, one transaction over the whole import. Each row is
 * first read into a plain record and checked completely (against the file
 * so far and against the store) before anything is written for it, so a
 * row is either written whole or reported; a write that still fails after
 * that is the store's problem (disk full…) and ends the import with
 * nothing written. Whether the transaction commits is decided at the end:
 * a dry run or an invalid row without skip_invalid rolls everything back.
 */
#include "pos-import-private.h"

#include <glib/gi18n-lib.h>

#include "pos-permission.h"

/* How many row problems the error of a refused import quotes. */
#define QUOTED_ROW_ERRORS 5

void
pos_import_report_free (PosImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->row_errors, g_ptr_array_unref);
  g_free (report);
}

gboolean
pos_import_format_parse (const char *text, PosImportFormat *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (text != NULL && g_ascii_strcasecmp (text, "native") == 0)
    *out = POS_IMPORT_NATIVE;
  else if (text != NULL && g_ascii_strcasecmp (text, "ospos") == 0)
    *out = POS_IMPORT_OSPOS;
  else
    return FALSE;
  return TRUE;
}

/* ---- Running an import ------------------------------------------------- */

static const PosCurrency *
store_currency (PosStore *store)
{
  g_autofree char *code = pos_store_dup_setting (store, "currency");
  const PosCurrency *currency = code ? pos_currency_lookup (code) : NULL;

  return currency ? currency : pos_currency_lookup ("EUR");
}

static ImportContext *
context_new (PosStore *store, const char *path, PosImportFormat format)
{
  ImportContext *ctx = g_new0 (ImportContext, 1);
  g_autofree char *base = g_path_get_basename (path);

  ctx->store = store;
  ctx->format = format;
  ctx->report = g_new0 (PosImportReport, 1);
  ctx->report->row_errors = g_ptr_array_new_with_free_func (g_free);
  ctx->currency = store_currency (store);
  ctx->layouts = pos_barcode_layouts_new_default ();
  ctx->reference = g_strdup_printf ("import %s", base);
  for (guint i = 0; i < G_N_ELEMENTS (ctx->columns); i++)
    ctx->columns[i] = -1;
  ctx->stock_columns = g_array_new (FALSE, FALSE, sizeof (int));
  ctx->seen_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->seen_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->suppliers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->tax_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->tax_by_bp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return ctx;
}

static void
context_free (ImportContext *ctx)
{
  pos_import_report_free (ctx->report);
  pos_barcode_layouts_free (ctx->layouts);
  g_free (ctx->reference);
  g_array_unref (ctx->stock_columns);
  g_hash_table_unref (ctx->seen_keys);
  g_hash_table_unref (ctx->seen_codes);
  g_hash_table_unref (ctx->categories);
  g_hash_table_unref (ctx->suppliers);
  g_hash_table_unref (ctx->tax_by_code);
  g_hash_table_unref (ctx->tax_by_bp);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportContext, context_free)

/* Reads the header row and lets the kind find its columns. */
static gboolean
read_header (ImportContext *ctx, const ImportKind *kind, PosCsvReader *reader, GError **error)
{
  g_autoptr (GPtrArray) header = NULL;

  if (!pos_csv_reader_next (reader, &header, error))
    return FALSE;
  if (header == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("line 1: the file is empty; expected a header row"));
      return FALSE;
    }
  return kind->read_header (ctx, header, error);
}

/* The error of an import refused for its invalid rows: how many, and the
 * first few of them, so one line on a terminal says what to fix. */
static void
set_rows_invalid_error (PosImportReport *report, const char *what, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint n = report->row_errors->len;

  g_string_printf (text, "Nothing was imported: %u of %u rows of %s are invalid: ", n, report->rows, what);
  for (guint i = 0; i < n && i < QUOTED_ROW_ERRORS; i++)
    g_string_append_printf (text, "%s%s", i ? "; " : "", (char *)g_ptr_array_index (report->row_errors, i));
  if (n > QUOTED_ROW_ERRORS)
    g_string_append_printf (text, "; and %u more", n - QUOTED_ROW_ERRORS);
  g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, text->str);
}

/* Reads every row into the open transaction; FALSE ends the import. */
static gboolean
import_rows (ImportContext *ctx, const ImportKind *kind, PosCsvReader *reader, GError **error)
{
  for (;;)
    {
      g_autoptr (GPtrArray) fields = NULL;

      if (!pos_csv_reader_next (reader, &fields, error))
        return FALSE;
      if (fields == NULL)
        return TRUE;
      ctx->report->rows++;
      if (!kind->import_row (ctx, fields, pos_csv_reader_line (reader), error))
        return FALSE;
    }
}

/* Names the encoding when the file's bytes did not fit it. */
static void
encoding_hint (ImportContext *ctx, GError **error)
{
  if (error != NULL && *error != NULL && strstr ((*error)->message, "not text in the encoding") != NULL)
    g_prefix_error (error, _ ("Read as %s, "), ctx->encoding);
}

static PosImportReport *
run_import (PosStore *store, const PosUser *user, const char *path, PosImportFormat format,
            const PosImportOptions *options, const ImportKind *kind, gboolean dry_run, gboolean skip_invalid,
            GError **error)
{
  g_autoptr (ImportContext) ctx = NULL;
  g_autoptr (PosCsvReader) reader = NULL;
  gboolean keep;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (format == POS_IMPORT_NATIVE || format == POS_IMPORT_OSPOS, NULL);
  g_return_val_if_fail (!pos_store_in_transaction (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx = context_new (store, path, format);
  ctx->user = user;
  if ((reader = pos_import_open (path, options, &ctx->decimal_comma, &ctx->encoding, error)) == NULL)
    return NULL;
  if (!read_header (ctx, kind, reader, error))
    return encoding_hint (ctx, error), NULL;
  if (!pos_store_require_healthy (store, error) || !pos_store_begin (store, error))
    return NULL;
  if (!import_rows (ctx, kind, reader, error))
    {
      pos_store_rollback (store);
      encoding_hint (ctx, error);
      return NULL;
    }
  keep = !dry_run && (skip_invalid || ctx->report->row_errors->len == 0);
  if (!keep)
    pos_store_rollback (store);
  else if (!pos_store_commit (store, error))
    return NULL;
  if (!dry_run && !skip_invalid && ctx->report->row_errors->len > 0)
    {
      set_rows_invalid_error (ctx->report, kind->what, error);
      return NULL;
    }
  return g_steal_pointer (&ctx->report);
}

PosImportReport *
pos_import_products (PosStore *store, const char *path, PosImportFormat format, gboolean dry_run,
                     gboolean skip_invalid, GError **error)
{
  return run_import (store, NULL, path, format, NULL, &pos_import_product_kind, dry_run, skip_invalid, error);
}

PosImportReport *
pos_import_products_with (PosStore *store, const char *path, PosImportFormat format,
                          const PosImportOptions *options, gboolean dry_run, gboolean skip_invalid,
                          GError **error)
{
  return run_import (store, NULL, path, format, options, &pos_import_product_kind, dry_run, skip_invalid,
                     error);
}

PosImportReport *
pos_import_customers (PosStore *store, const PosUser *user, const char *path, PosImportFormat format,
                      gboolean dry_run, gboolean skip_invalid, GError **error)
{
  g_return_val_if_fail (user != NULL, NULL);

  if (!pos_permission_check (user, POS_ACTION_CUSTOMER_DATA, NULL, error))
    return NULL;
  return run_import (store, user, path, format, NULL, &pos_import_customer_kind, dry_run, skip_invalid,
                     error);
}
