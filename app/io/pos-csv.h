/* pos-csv.h — RFC 4180 CSV, read and written as a stream.
 *
 * The reader takes one record at a time from a file, a string or any
 * GInputStream, so a million-row import never sits in memory. It accepts
 * quoted fields with commas, doubled quotes and line breaks, CRLF or LF line
 * ends (a lone CR too), and UTF-8 with or without a byte order mark (the mark
 * is dropped). Blank lines are skipped, so a trailing newline or two adds no
 * record. Malformed input is an error naming the line: invalid UTF-8, a quote
 * that is never closed (the line where it opened), a quote inside an unquoted
 * field, text after a closing quote, a record over the size limit.
 *
 * The writer quotes a field only when it must (comma, quote, CR or LF; and a
 * lone empty field, so the row survives a round trip) and ends rows with
 * CRLF.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The default limit on one record's size in bytes. */
#define POS_CSV_MAX_RECORD_BYTES (1024 * 1024)

typedef struct _PosCsvReader PosCsvReader;

/* Returns (transfer full) (nullable): NULL with POS_ERROR_NOT_FOUND or
 * POS_ERROR_FAILED when the file cannot be opened. */
PosCsvReader *pos_csv_reader_new_for_path (const char *path, GError **error);

/* Reads a copy of @length bytes of @data (-1: up to its NUL). (transfer full) */
PosCsvReader *pos_csv_reader_new_for_data (const char *data, gssize length);

/* Reads @stream from its current position; takes a reference. (transfer full) */
PosCsvReader *pos_csv_reader_new_for_stream (GInputStream *stream);

/* Reads fields separated by @delimiter instead of ',' (';' or a tab, as
 * spreadsheets in comma-decimal countries write them). */
void pos_csv_reader_set_delimiter (PosCsvReader *reader, char delimiter);

/* Limits one record (all its fields) to @max_bytes (default POS_CSV_MAX_RECORD_BYTES). */
void pos_csv_reader_set_max_record_bytes (PosCsvReader *reader, gsize max_bytes);

/* Reads the next record. On success returns TRUE and sets @fields to a
 * (transfer full) array of NUL-terminated UTF-8 strings, or to NULL at the
 * end of the input. On malformed input or an I/O error returns FALSE with
 * POS_ERROR_INVALID ("line 7: …") or POS_ERROR_FAILED; every later call fails
 * too. */
gboolean pos_csv_reader_next (PosCsvReader *reader, GPtrArray **fields, GError **error);

/* The physical line (1-based) where the record last returned started. */
guint pos_csv_reader_line (PosCsvReader *reader);

void pos_csv_reader_free (PosCsvReader *reader);

/* The index of the column called @name in @header, comparing trimmed and
 * case-insensitively (Unicode case folding), or -1. */
int pos_csv_header_index (GPtrArray *header, const char *name);

/* (nullable): field @index of @fields, or NULL when the record is shorter or
 * @index is negative (as pos_csv_header_index() returns for a missing column). */
const char *pos_csv_field (GPtrArray *fields, int index);

typedef struct _PosCsvWriter PosCsvWriter;

/* Writes to @stream (a reference is taken; the stream is flushed, not closed,
 * by pos_csv_writer_close()). (transfer full) */
PosCsvWriter *pos_csv_writer_new (GOutputStream *stream);

/* Writes to a temporary file next to @path that replaces @path only when pos_csv_writer_close()
 * succeeds; freed without closing, @path is left as it was. Returns
 * (transfer full) (nullable). */
PosCsvWriter *pos_csv_writer_new_for_path (const char *path, GError **error);

/*
 * A spreadsheet runs a cell starting with =, +, -, @, tab or CR as a
 * formula, so a product named "=HYPERLINK(…)" could act when an export is
 * opened. Returns @text with a ' in front when it starts so (OWASP's
 * advice), else @text itself. For text columns only: a price of "-1.00"
 * must stay a number. (transfer full)
 */
char *pos_csv_text_for_spreadsheet (char *text);

/* Writes one row of a NULL-terminated array of UTF-8 fields (at least one). */
gboolean pos_csv_writer_row (PosCsvWriter *writer, const char *const *fields, GError **error);

/* Writes one row of @n_fields fields (at least one); a NULL field is empty. */
gboolean pos_csv_writer_row_n (PosCsvWriter *writer, const char *const *fields, guint n_fields,
                               GError **error);

/* Writes for a spreadsheet: fields separated by @delimiter (';' where the
 * decimal mark is a comma) and the file begins with a UTF-8 byte order
 * mark, so Excel reads its accents right. Call before the first row. */
void pos_csv_writer_set_spreadsheet (PosCsvWriter *writer, char delimiter);

/* Writes out what is buffered and, for a file, closes it into place. */
gboolean pos_csv_writer_close (PosCsvWriter *writer, GError **error);

void pos_csv_writer_free (PosCsvWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosCsvReader, pos_csv_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosCsvWriter, pos_csv_writer_free)

G_END_DECLS
