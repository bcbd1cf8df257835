/* pos-csv.c — a streaming RFC 4180 reader and writer. */
#include "pos-csv.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>

#include "pos-error.h"

#define BUFFER_SIZE 65536
#define END (-1) /* end of input (or an I/O error, kept in io_error) */

struct _PosCsvReader
{
  GInputStream *stream;
  guint8 *buffer;
  gsize pos, len;
  gboolean eof;
  gboolean started; /* the byte order mark has been looked for */
  gboolean failed;
  GError *io_error;
  guint line;        /* physical line of the next byte */
  guint record_line; /* where the record last returned started */
  gsize record_bytes;
  gsize max_record_bytes;
  char delimiter; /* ',' unless a spreadsheet wrote ';' or a tab */
};

PosCsvReader *
pos_csv_reader_new_for_stream (GInputStream *stream)
{
  PosCsvReader *reader;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  reader = g_new0 (PosCsvReader, 1);
  reader->stream = g_object_ref (stream);
  reader->buffer = g_malloc (BUFFER_SIZE);
  reader->line = 1;
  reader->max_record_bytes = POS_CSV_MAX_RECORD_BYTES;
  reader->delimiter = ',';
  return reader;
}

PosCsvReader *
pos_csv_reader_new_for_data (const char *data, gssize length)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GInputStream) stream = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize)length);
  stream = g_memory_input_stream_new_from_bytes (bytes);
  return pos_csv_reader_new_for_stream (stream);
}

PosCsvReader *
pos_csv_reader_new_for_path (const char *path, GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local);
  if (stream == NULL)
    {
      g_set_error (error, POS_ERROR,
                   g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? POS_ERROR_NOT_FOUND
                                                                             : POS_ERROR_FAILED,
                   _ ("cannot read %s: %s"), path, local->message);
      return NULL;
    }
  return pos_csv_reader_new_for_stream (G_INPUT_STREAM (stream));
}

void
pos_csv_reader_set_delimiter (PosCsvReader *reader, char delimiter)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n' && delimiter != '\0');

  reader->delimiter = delimiter;
}

void
pos_csv_reader_set_max_record_bytes (PosCsvReader *reader, gsize max_bytes)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (max_bytes > 0);
  reader->max_record_bytes = max_bytes;
}

void
pos_csv_reader_free (PosCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_object_unref (reader->stream);
  g_free (reader->buffer);
  g_clear_error (&reader->io_error);
  g_free (reader);
}

guint
pos_csv_reader_line (PosCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->record_line;
}

/* Refills the buffer; FALSE at the end of the input or on an I/O error. */
static gboolean
fill (PosCsvReader *r)
{
  gsize n = 0;

  if (r->eof)
    return FALSE;
  if (!g_input_stream_read_all (r->stream, r->buffer, BUFFER_SIZE, &n, NULL, &r->io_error))
    n = 0;
  r->pos = 0;
  r->len = n;
  if (n < BUFFER_SIZE)
    r->eof = TRUE;
  return n > 0;
}

/* The next byte without taking it, or END. */
static inline int
peek (PosCsvReader *r)
{
  if (r->pos == r->len && !fill (r))
    return END;
  return r->buffer[r->pos];
}

/* Takes the byte peek() returned, counting lines (LF, or a CR not followed by LF). */
static inline void
take (PosCsvReader *r)
{
  guint8 c = r->buffer[r->pos++];

  r->record_bytes++;
  if (c == '\n' || (c == '\r' && peek (r) != '\n'))
    r->line++;
}

/* Drops a UTF-8 byte order mark at the very start. A short read here only
 * happens at the end of the input, so three bytes are there if the file has
 * them. */
static void
skip_bom (PosCsvReader *r)
{
  r->started = TRUE;
  if (peek (r) == END)
    return;
  if (r->len - r->pos >= 3 && memcmp (r->buffer + r->pos, "\xef\xbb\xbf", 3) == 0)
    r->pos += 3;
}

static gboolean
fail (PosCsvReader *r, GError **error, guint line, const char *what)
{
  r->failed = TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("line %u: %s"), line, what);
  return FALSE;
}

/* Checks the record size limit after a byte was added. */
static gboolean
check_size (PosCsvReader *r, guint quote_line, GError **error)
{
  g_autofree char *what = NULL;

  if (r->record_bytes <= r->max_record_bytes)
    return TRUE;
  what = g_strdup_printf (_ ("record is longer than %zu bytes%s"), r->max_record_bytes,
                          quote_line != 0 ? " (is the quote opened here closed?)" : "");
  return fail (r, error, quote_line != 0 ? quote_line : r->record_line, what);
}

/* Reads a quoted field after its opening quote, up to and including the
 * closing quote; "" inside stands for one quote. */
static gboolean
read_quoted (PosCsvReader *r, GString *field, GError **error)
{
  guint opened = r->line;

  for (;;)
    {
      int c = peek (r);

      if (c == END)
        return r->io_error != NULL
               || fail (r, error, opened, "quoted field is not closed: a quote is missing");
      take (r);
      if (c == '"')
        {
          if (peek (r) != '"')
            return TRUE;
          take (r);
        }
      g_string_append_c (field, (char)c);
      if (!check_size (r, opened, error))
        return FALSE;
    }
}

/* Reads an unquoted field up to the comma or line end (not taken). */
static gboolean
read_unquoted (PosCsvReader *r, GString *field, GError **error)
{
  for (;;)
    {
      int c = peek (r);

      if (c == END || c == r->delimiter || c == '\r' || c == '\n')
        return TRUE;
      if (c == '"')
        return fail (r, error, r->line,
                     "quote inside an unquoted field (put the whole field in quotes and double the quote)");
      take (r);
      g_string_append_c (field, (char)c);
      if (!check_size (r, 0, error))
        return FALSE;
    }
}

/* Takes the end of a line (CRLF, LF or CR) if there is one. */
static void
take_line_end (PosCsvReader *r)
{
  int c = peek (r);

  if (c == '\r')
    {
      take (r);
      c = peek (r);
    }
  if (c == '\n')
    take (r);
}

/* Moves the field into @fields after checking it is UTF-8; the error names
 * the line of the bad byte. */
static gboolean
add_field (PosCsvReader *r, GPtrArray *fields, GString *field, guint field_line, GError **error)
{
  const char *end = NULL;
  guint line = field_line;
  g_autofree char *what = NULL;

  if (g_utf8_validate_len (field->str, field->len, &end))
    {
      g_ptr_array_add (fields, g_strndup (field->str, field->len));
      g_string_truncate (field, 0);
      return TRUE;
    }
  for (const char *s = field->str; s < end; s++)
    if (*s == '\n')
      line++;
  what = g_strdup_printf (_ ("field %u is not valid UTF-8 text"), fields->len + 1);
  return fail (r, error, line, what);
}

/* Skips blank lines; FALSE when the input ends first. */
static gboolean
skip_blank_lines (PosCsvReader *r)
{
  for (;;)
    {
      int c = peek (r);

      if (c == END)
        return FALSE;
      if (c != '\r' && c != '\n')
        return TRUE;
      take_line_end (r);
    }
}

/* Reads the fields of one record that starts at the current byte. */
static gboolean
read_record (PosCsvReader *r, GPtrArray *fields, GError **error)
{
  g_autoptr (GString) field = g_string_new (NULL);

  r->record_line = r->line;
  r->record_bytes = 0;
  for (;;)
    {
      guint field_line = r->line;
      int c = peek (r);

      if (c == '"')
        {
          take (r);
          if (!read_quoted (r, field, error))
            return FALSE;
          c = peek (r);
          if (c != END && c != r->delimiter && c != '\r' && c != '\n')
            return fail (r, error, r->line,
                         "text after a closing quote (a quote inside a field is written \"\")");
        }
      else if (!read_unquoted (r, field, error))
        return FALSE;
      if (!add_field (r, fields, field, field_line, error))
        return FALSE;
      if (peek (r) != r->delimiter)
        break;
      take (r);
    }
  take_line_end (r);
  return TRUE;
}

gboolean
pos_csv_reader_next (PosCsvReader *reader, GPtrArray **fields, GError **error)
{
  g_autoptr (GPtrArray) record = NULL;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields = NULL;
  if (reader->failed)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("CSV reading stopped at an earlier error"));
      return FALSE;
    }
  if (!reader->started)
    skip_bom (reader);
  record = g_ptr_array_new_with_free_func (g_free);
  if (skip_blank_lines (reader) && !read_record (reader, record, error))
    return FALSE;
  if (reader->io_error != NULL)
    {
      reader->failed = TRUE;
      /* A converted stream (pos-import-source.c) reads ahead, so the line
       * would mislead: the file as a whole is not in that encoding. */
      if (g_error_matches (reader->io_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                     _ ("the file holds bytes that are not text in the encoding it was read as (%s)"),
                     reader->io_error->message);
      else
        g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("line %u: cannot read: %s"), reader->line,
                     reader->io_error->message);
      return FALSE;
    }
  if (record->len > 0)
    *fields = g_steal_pointer (&record);
  return TRUE;
}

/* Case-folded, trimmed copy for header comparison. */
static char *
header_key (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  return g_utf8_casefold (trimmed, -1);
}

int
pos_csv_header_index (GPtrArray *header, const char *name)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (header != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);
  wanted = header_key (name);
  for (guint i = 0; i < header->len && i <= G_MAXINT; i++)
    {
      g_autofree char *have = header_key (g_ptr_array_index (header, i));

      if (strcmp (have, wanted) == 0)
        return (int)i;
    }
  return -1;
}

const char *
pos_csv_field (GPtrArray *fields, int index)
{
  g_return_val_if_fail (fields != NULL, NULL);
  if (index < 0 || (guint)index >= fields->len)
    return NULL;
  return g_ptr_array_index (fields, index);
}

struct _PosCsvWriter
{
  GOutputStream *stream;
  GString *pending;
  char *path;     /* (nullable) the destination of a file writer */
  char *tmp_path; /* (nullable) where it is written until pos_csv_writer_close() */
  gboolean closed;
  char delimiter;
};

PosCsvWriter *
pos_csv_writer_new (GOutputStream *stream)
{
  PosCsvWriter *writer;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  writer = g_new0 (PosCsvWriter, 1);
  writer->stream = g_object_ref (stream);
  writer->pending = g_string_sized_new (BUFFER_SIZE);
  writer->delimiter = ',';
  return writer;
}

void
pos_csv_writer_set_spreadsheet (PosCsvWriter *writer, char delimiter)
{
  g_return_if_fail (writer != NULL && writer->pending->len == 0);
  g_return_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n' && delimiter != '\0');

  writer->delimiter = delimiter;
  /* The byte order mark tells Excel the file is UTF-8; without it Excel
   * reads it as the Windows code page and mangles every accent. */
  g_string_append (writer->pending, "\xEF\xBB\xBF");
}

/* The file is written next to @path under a temporary name and renamed into
 * place by pos_csv_writer_close(), so a failed export never leaves a
 * truncated file where the last good one was. */
PosCsvWriter *
pos_csv_writer_new_for_path (const char *path, GError **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  PosCsvWriter *writer;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600); /* like the store: sales are private */
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("cannot write %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  stream = g_unix_output_stream_new (fd, TRUE);
  writer = pos_csv_writer_new (stream);
  writer->path = g_strdup (path);
  writer->tmp_path = g_steal_pointer (&tmp_path);
  return writer;
}

/* Writes what is pending to the stream. */
static gboolean
write_pending (PosCsvWriter *w, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (w->pending->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (w->stream, w->pending->str, w->pending->len, NULL, NULL, &local))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("cannot write CSV: %s"), local->message);
      return FALSE;
    }
  g_string_truncate (w->pending, 0);
  return TRUE;
}

char *
pos_csv_text_for_spreadsheet (char *text)
{
  char *safe;

  if (text == NULL || strchr ("=+-@\t\r", text[0]) == NULL || text[0] == '\0')
    return text;
  safe = g_strconcat ("'", text, NULL);
  g_free (text);
  return safe;
}

/* Appends one field, in quotes when it holds the delimiter, a quote or a
 * line break. */
static void
append_field (GString *out, const char *field, char delimiter)
{
  const char specials[] = { delimiter, '"', '\r', '\n', '\0' };

  if (strpbrk (field, specials) == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *s = field; *s != '\0'; s++)
    {
      if (*s == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
}

gboolean
pos_csv_writer_row_n (PosCsvWriter *writer, const char *const *fields, guint n_fields, GError **error)
{
  gsize start;

  g_return_val_if_fail (writer != NULL && !writer->closed, FALSE);
  g_return_val_if_fail (fields != NULL && n_fields > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_fields; i++)
    if (fields[i] != NULL && !g_utf8_validate (fields[i], -1, NULL))
      {
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("CSV field %u is not valid UTF-8 text"), i + 1);
        return FALSE;
      }
  start = writer->pending->len;
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (writer->pending, writer->delimiter);
      append_field (writer->pending, fields[i] != NULL ? fields[i] : "", writer->delimiter);
    }
  /* A row of one empty field would read back as a blank line, which is skipped. */
  if (writer->pending->len == start)
    g_string_append (writer->pending, "\"\"");
  g_string_append (writer->pending, "\r\n");
  return writer->pending->len < BUFFER_SIZE || write_pending (writer, error);
}

gboolean
pos_csv_writer_row (PosCsvWriter *writer, const char *const *fields, GError **error)
{
  g_return_val_if_fail (fields != NULL, FALSE);
  return pos_csv_writer_row_n (writer, fields, g_strv_length ((char **)fields), error);
}

/* Makes a file writer's data durable and moves it into place. */
static gboolean
finish_file (PosCsvWriter *w, GError **error)
{
  int fd = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (w->stream));
  g_autoptr (GError) local = NULL;

  if (fsync (fd) != 0 || !g_output_stream_close (w->stream, NULL, &local)
      || g_rename (w->tmp_path, w->path) != 0)
    {
      int saved = errno;
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("cannot finish %s: %s"), w->path,
                   local != NULL ? local->message : g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&w->tmp_path, g_free);
  return TRUE;
}

gboolean
pos_csv_writer_close (PosCsvWriter *writer, GError **error)
{
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (writer != NULL && !writer->closed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!write_pending (writer, error))
    return FALSE;
  if (writer->path != NULL)
    {
      if (!finish_file (writer, error))
        return FALSE;
    }
  else if (!g_output_stream_flush (writer->stream, NULL, &local))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("cannot finish CSV: %s"), local->message);
      return FALSE;
    }
  writer->closed = TRUE;
  return TRUE;
}

void
pos_csv_writer_free (PosCsvWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->tmp_path != NULL)
    {
      /* Never closed (or failed): drop the unfinished file. */
      g_output_stream_close (writer->stream, NULL, NULL);
      g_unlink (writer->tmp_path);
    }
  g_object_unref (writer->stream);
  g_string_free (writer->pending, TRUE);
  g_free (writer->path);
  g_free (writer->tmp_path);
  g_free (writer);
}
