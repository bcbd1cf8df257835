/* pos-import.h — bringing products and customers in from CSV files, ours or
 * those Open Source POS exports, so a shop can move over with its catalog.
 *
 * Every file has a header row; column names are matched trimmed and
 * case-insensitively, in any order; columns we do not know are ignored. An
 * empty cell means "not given": a new record gets the default, an existing
 * one keeps what it has.
 *
 * Native product columns (POS_IMPORT_NATIVE; what pos_export_products()
 * writes):
 *   sku            required; an existing SKU is updated, a new one added
 *   name           required for a new product
 *   barcode        codes separated by "|"; check digits are verified and the
 *                  normalised lookup key is stored; barcodes are only added
 *   price          decimal in major units ("12.50"), required for a new product
 *   cost           decimal in major units
 *   unit           "each", "kg", "l" or "m", any case (default each)
 *   tax            tax rate code ("A"), required for a new product
 *   category       category name, created when new
 *   supplier       supplier name, created when new
 *   supplier_local 0/1: marks that supplier local (or not)
 *   reorder_level  quantity decimal ("2.5")
 *   active         0/1 (default 1)
 *   stock          opening stock of a product this import adds: a 'receive'
 *                  stock move (an 'adjust' when negative); ignored for
 *                  existing products, whose stock moves by deliveries and counts
 *
 * Open Source POS items (POS_IMPORT_OSPOS, its import_items.csv):
 *   "Id", "Barcode" (older files: "UPC/EAN/ISBN"), "Item Name", "Category",
 *   "Supplier ID", "Cost Price", "Unit Price", "Tax 1 Name", "Tax 1 Percent",
 *   "Tax 2 Name", "Tax 2 Percent", "Reorder Level", "Description",
 *   "Allow Alt Description", "Item has Serial Number", "Image"/"item_image",
 *   "HSN", one "location_<name>" column per stock location (older files:
 *   "Quantity" or "quantity1"), "attribute_<name>" columns.
 *   The SKU is the barcode as written, or the Id when there is no barcode.
 *   The two tax percents are added up and matched to the active tax rate
 *   with that rate, or a rate with a new code is created. The location
 *   quantities, added up, are the opening stock. Supplier ID, description,
 *   serial number flag, image, HSN and attributes have nowhere to go here
 *   and are ignored. Every OSPOS item is counted ("each").
 *
 * Native customer columns:
 *   card_code, name, phone, email, consent (0/1), points (opening balance:
 *   one 'adjust' loyalty entry). A card code or a phone number is required.
 *
 * Open Source POS customers (its import_customers.csv):
 *   "First Name", "Last Name", "Gender", "Consent", "Email", "Phone Number",
 *   "Address 1", "Address2", "City", "State", "Zip", "Country", "Comments",
 *   "Company", "Account Number", "Discount", "Discount_Type", "Taxable".
 *   name = first + last name, card_code = account number; consent "1", "y",
 *   "yes" or "true" is consent. Addresses, discounts and tax flags are not
 *   kept.
 *
 * Every row is validated: a missing SKU or name, a price or cost that is not
 * a decimal or is negative, an unknown unit or tax code, a bad barcode check
 * digit, a barcode that belongs to another product, a SKU or barcode that
 * appears twice in the file, malformed CSV. Each problem is reported as
 * "line 7: price “-3” cannot be negative" with the file's physical line.
 *
 * The whole import is one transaction: unless every row is valid nothing is
 * written, and the import fails with POS_ERROR_INVALID listing the first
 * problems. With @skip_invalid the valid rows are written and the invalid
 * ones listed in the report. With @dry_run everything is checked and counted
 * as if imported, and nothing is written; row problems are then listed in
 * the report rather than failing. Malformed CSV or an unusable header stops
 * the import in every mode.
 */
#pragma once

#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef enum
{
  POS_IMPORT_NATIVE,
  POS_IMPORT_OSPOS,
} PosImportFormat;

typedef struct
{
  guint rows;            /* data rows read (the header not counted) */
  guint added;           /* records added (or, for a dry run, that would be) */
  guint updated;         /* existing records changed */
  guint skipped;         /* invalid rows not written */
  GPtrArray *row_errors; /* (element-type utf8): "line 7: price “-3” cannot be negative" */
} PosImportReport;

void pos_import_report_free (PosImportReport *report);

/* How a file from a spreadsheet is written. Each part left unset is
 * detected from the start of the file: UTF-8 when the text is valid UTF-8,
 * else Windows-1252; the delimiter the header line has most of (',', ';'
 * or tab); decimal commas ("2,49", "1.234,56") when the delimiter is ';',
 * as Excel writes CSV in Germany, France and most of Europe. */
typedef struct
{
  char delimiter;       /* 0: detect */
  const char *encoding; /* NULL: detect; any name iconv knows ("WINDOWS-1252") */
  int decimal_comma;    /* -1: detect, 0: "2.49", 1: "2,49" */
} PosImportOptions;

#define POS_IMPORT_OPTIONS_DETECT ((PosImportOptions){ 0, NULL, -1 })

/* "native" or "ospos" (ASCII case ignored). */
gboolean pos_import_format_parse (const char *text, PosImportFormat *out);

/*
 * Imports the products of the CSV file at @path. Returns (transfer full)
 * (nullable): the report, or NULL with @error set: POS_ERROR_INVALID for
 * malformed CSV, a header without the needed columns, or invalid rows
 * without @skip_invalid or @dry_run; POS_ERROR_NOT_FOUND when the file cannot
 * be opened; POS_ERROR_DISK_FULL and store errors as they come.
 */
PosImportReport *pos_import_products (PosStore *store, const char *path, PosImportFormat format,
                                      gboolean dry_run, gboolean skip_invalid, GError **error);

/* pos_import_products() with the file's encoding, delimiter and decimal
 * mark given in @options (nullable: all detected, as pos_import_products()
 * does). An unknown encoding, or a byte the encoding does not have, is
 * POS_ERROR_INVALID and nothing is written. */
PosImportReport *pos_import_products_with (PosStore *store, const char *path, PosImportFormat format,
                                           const PosImportOptions *options, gboolean dry_run,
                                           gboolean skip_invalid, GError **error);

/*
 * Imports customers, as pos_import_products() does products, on behalf of
 * @user, who needs POS_ACTION_CUSTOMER_DATA (POS_ERROR_PERMISSION
 * otherwise): each customer is added with pos_customer_add() (journal event
 * and audit row naming @user) and each opening balance with
 * pos_loyalty_adjust(). Customers are only added: a card code or phone
 * number the store already has is a row problem, so a file can be imported
 * again with @skip_invalid to add just the new ones.
 */
PosImportReport *pos_import_customers (PosStore *store, const PosUser *user, const char *path,
                                       PosImportFormat format, gboolean dry_run, gboolean skip_invalid,
                                       GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosImportReport, pos_import_report_free)

G_END_DECLS
