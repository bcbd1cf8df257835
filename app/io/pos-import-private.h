/* pos-import-private.h — what the parts of an import share: the running
 * import's context, the two kinds (products, customers), and reading the
 * cells of a row. For app/io/pos-import*.c only. */
#pragma once

#include "pos-barcode.h"
#include "pos-csv.h"
#include "pos-import.h"
#include "pos-money.h"
#include "pos-store-private.h"

G_BEGIN_DECLS

typedef struct _ImportContext ImportContext;

/* What differs between products and customers, native and OSPOS. */
typedef struct
{
  const char *what; /* "products" */
  gboolean (*read_header) (ImportContext *ctx, GPtrArray *header, GError **error);
  /* FALSE only for a failure that ends the import; row problems go to the report. */
  gboolean (*import_row) (ImportContext *ctx, GPtrArray *fields, guint line, GError **error);
} ImportKind;

struct _ImportContext
{
  PosStore *store;
  const PosUser *user; /* (nullable) who imports customers */
  PosImportFormat format;
  PosImportReport *report;
  const PosCurrency *currency;
  PosBarcodeLayouts *layouts;
  char *reference;         /* "import products.csv": stock moves name their origin */
  int columns[32];         /* column index per field of the kind, -1 when absent */
  GArray *stock_columns;   /* OSPOS: every location quantity column (int) */
  GHashTable *seen_keys;   /* SKU or card code → first line (GUINT_TO_POINTER) */
  GHashTable *seen_codes;  /* barcode key or phone → first line */
  GHashTable *categories;  /* name → gint64 * id */
  GHashTable *suppliers;   /* name → gint64 * id */
  GHashTable *tax_by_code; /* code → gint64 * id (0: unknown) */
  GHashTable *tax_by_bp;   /* "bp" → gint64 * id */
  gboolean decimal_comma;  /* amounts and quantities are written "2,49" */
  const char *encoding;    /* what the file is read as: "UTF-8", "WINDOWS-1252" */
};

/* Opens @path with the encoding and delimiter of @options (nullable: all
 * detected), converted to UTF-8, and says whether its numbers have a
 * decimal comma and which encoding it is read as (pos-import-source.c). */
PosCsvReader *pos_import_open (const char *path, const PosImportOptions *options, gboolean *decimal_comma,
                               const char **encoding, GError **error);
/* "1.234,56" → "1234.56"; text without a comma is returned as it is.
 * (transfer full) */
char *pos_import_decimal_point (const char *text);

extern const ImportKind pos_import_product_kind;
extern const ImportKind pos_import_customer_kind;

/* Reading cells: each records a problem of the row in the report and
 * returns FALSE; nothing is written for such a row. */
G_GNUC_PRINTF (3, 4)
gboolean pos_import_row_fail (ImportContext *ctx, guint line, const char *format, ...);
char *pos_import_cell (GPtrArray *fields, int index);
gboolean pos_import_read_amount (ImportContext *ctx, GPtrArray *fields, int index, guint line,
                                 const char *what, PosAmount *out);
gboolean pos_import_read_qty (ImportContext *ctx, GPtrArray *fields, int index, guint line, const char *what,
                              gboolean signed_ok, PosQty *out, gboolean *has);
gboolean pos_import_read_flag (ImportContext *ctx, GPtrArray *fields, int index, guint line, const char *what,
                               int *out);
gboolean pos_import_claim_once (ImportContext *ctx, GHashTable *seen, const char *key, guint line,
                                const char *what);
gint64 *pos_import_id_new (gint64 id);

G_END_DECLS
