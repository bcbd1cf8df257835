/* pos-dsfinvk-tables.h — the files of a DSFinV-K export and their format.
 *
 * The DSFinV-K (Digitale Schnittstelle der Finanzverwaltung für
 * Kassensysteme, 2.x) is a set of CSV files described by an index.xml in
 * the GDPdU description standard, whose DTD (gdpdu-01-09-2004.dtd) goes
 * with it. Every file shares the format index.xml declares: UTF-8, a
 * header row of the column names, ";" between fields, CR LF after each
 * record, "," as the decimal symbol and no digit grouping; text is put in
 * double quotes (doubled inside) only when it holds a ";", a quote, a line
 * break or spaces at either end. Each table begins with the closing's key
 * columns Z_KASSE_ID, Z_ERSTELLUNG and Z_NR.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* master data module (Stammdatenmodul) */
  POS_DSFINVK_CASHPOINTCLOSING,
  POS_DSFINVK_LOCATION,
  POS_DSFINVK_CASHREGISTER,
  POS_DSFINVK_SLAVES,
  POS_DSFINVK_PA,
  POS_DSFINVK_TSE,
  POS_DSFINVK_VAT,
  /* cash-point-closing module (Kassenabschlussmodul) */
  POS_DSFINVK_BUSINESSCASES,
  POS_DSFINVK_PAYMENT,
  POS_DSFINVK_CASH_PER_CURRENCY,
  /* single-record module (Einzelaufzeichnungsmodul) */
  POS_DSFINVK_TRANSACTIONS,
  POS_DSFINVK_DATAPAYMENT,
  POS_DSFINVK_LINES,
  POS_DSFINVK_ITEMAMOUNTS,
  POS_DSFINVK_SUBITEMS,
  POS_DSFINVK_TRANSACTIONS_TSE,
  POS_DSFINVK_TRANSACTIONS_VAT,
  POS_DSFINVK_LINES_VAT,
  POS_DSFINVK_ALLOCATION_GROUPS,
  POS_DSFINVK_REFERENCES,
  POS_DSFINVK_N_TABLES
} PosDsfinvkTableId;

#define POS_DSFINVK_TAXONOMY_VERSION "2.3"
#define POS_DSFINVK_DTD_FILE "gdpdu-01-09-2004.dtd"

typedef struct
{
  const char *name;
  const char *description;
  int accuracy;   /* decimal places of a Numeric column; -1: AlphaNumeric */
  int max_length; /* AlphaNumeric only */
} PosDsfinvkColumn;

typedef struct
{
  const char *file; /* "transactions.csv" */
  const char *name; /* "Bonkopf" */
  const PosDsfinvkColumn *columns;
  guint n_columns;
} PosDsfinvkTable;

const PosDsfinvkTable *pos_dsfinvk_table (PosDsfinvkTableId id);

/* The CSV text of one table: its header row, then records. */
GString *pos_dsfinvk_csv_new (PosDsfinvkTableId id);
/* Appends one record of @fields (as many as the table has columns), text
 * quoted as needed. */
void pos_dsfinvk_csv_append (GString *csv, const char *const *fields);

/* index.xml for all tables, with the data supplier's @name, @place
 * and @comment. (transfer full) */
char *pos_dsfinvk_index_xml (const char *name, const char *place, const char *comment);
/* The GDPdU DTD index.xml refers to, as published. */
const char *pos_dsfinvk_dtd (void);

G_END_DECLS
