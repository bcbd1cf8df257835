/* pos-import-source.c — opening an import file as a spreadsheet wrote it:
 * its text encoding, its delimiter and its decimal mark, given or detected.
 *
 * Excel in Germany, France and most of Europe saves "CSV" with semicolons
 * (the comma is the decimal mark), in the Windows code page (Windows-1252
 * in Western Europe) and with amounts like "2,49".  Detection looks at the
 * first 64 KiB: text that is valid UTF-8 is UTF-8, anything else is read
 * as Windows-1252; the delimiter is whichever of ',' ';' and tab the
 * header line has most of; a ';' file has decimal commas.  The file is
 * still read as a stream, converted on the way, so a large file never sits
 * in memory; a byte the encoding does not have stops the import before
 * anything is written.
 */
#include "pos-import-private.h"

#include <glib/gi18n-lib.h>

#define SNIFF_BYTES 65536

/* Whether @data is UTF-8, allowing a character cut off at the sniff's end. */
static gboolean
looks_like_utf8 (const char *data, gsize len, gboolean complete)
{
  const char *end = NULL;

  if (g_utf8_validate_len (data, len, &end))
    return TRUE;
  return !complete && (gsize)(end - data) + 4 > len;
}

/* The delimiter the header line (outside quotes) uses most. */
static char
detect_delimiter (const char *data, gsize len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = 0; i < len && (quoted || (data[i] != '\n' && data[i] != '\r')); i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      for (guint c = 0; c < G_N_ELEMENTS (candidates) && !quoted; c++)
        if (data[i] == candidates[c])
          counts[c]++;
    }
  for (guint c = 1; c < G_N_ELEMENTS (candidates); c++)
    if (counts[c] > counts[best])
      best = c;
  return candidates[best];
}

static GInputStream *
open_file (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) local = NULL;
  GFileInputStream *stream = g_file_read (file, NULL, &local);

  if (stream == NULL)
    g_set_error (error, POS_ERROR,
                 g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? POS_ERROR_NOT_FOUND
                                                                           : POS_ERROR_FAILED,
                 _ ("cannot read %s: %s"), path, local->message);
  return G_INPUT_STREAM (stream);
}

/* @stream converted from @encoding to UTF-8 (itself for UTF-8). */
static GInputStream *
converted (GInputStream *stream, const char *encoding, GError **error)
{
  g_autoptr (GCharsetConverter) converter = NULL;
  g_autoptr (GError) local = NULL;

  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0)
    return g_object_ref (stream);
  converter = g_charset_converter_new ("UTF-8", encoding, &local);
  if (converter == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("Unknown encoding “%s”: try UTF-8, WINDOWS-1252 or ISO-8859-15"), encoding);
      return NULL;
    }
  return g_converter_input_stream_new (stream, G_CONVERTER (converter));
}

PosCsvReader *
pos_import_open (const char *path, const PosImportOptions *options, gboolean *decimal_comma,
                 const char **encoding_out, GError **error)
{
  g_autoptr (GInputStream) file = NULL;
  g_autoptr (GInputStream) buffered = NULL;
  g_autoptr (GInputStream) text = NULL;
  g_autoptr (GError) local = NULL;
  const char *encoding = options != NULL ? options->encoding : NULL;
  char delimiter = options != NULL ? options->delimiter : '\0';
  const char *head;
  gssize filled;
  gsize len;
  PosCsvReader *reader;

  if ((file = open_file (path, error)) == NULL)
    return NULL;
  buffered = g_buffered_input_stream_new_sized (file, SNIFF_BYTES);
  filled = g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), SNIFF_BYTES, NULL, &local);
  if (filled < 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("cannot read %s: %s"), path, local->message),
           NULL;
  head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &len);
  if (encoding == NULL)
    encoding = looks_like_utf8 (head, len, len < SNIFF_BYTES) ? "UTF-8" : "WINDOWS-1252";
  if (delimiter == '\0')
    delimiter = detect_delimiter (head, len);
  *decimal_comma = options != NULL && options->decimal_comma >= 0 ? options->decimal_comma : delimiter == ';';
  if ((text = converted (buffered, encoding, error)) == NULL)
    return NULL;
  *encoding_out = encoding;
  reader = pos_csv_reader_new_for_stream (text);
  pos_csv_reader_set_delimiter (reader, delimiter);
  return reader;
}

char *
pos_import_decimal_point (const char *text)
{
  GString *out;

  if (strchr (text, ',') == NULL)
    return g_strdup (text);
  /* "1.234,56" and "1 234,56": the grouping goes, the comma becomes the
   * point.  A second comma stays and is refused as not a number. */
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.' || c == ' ' || c == 0x00A0 || c == 0x202F || c == '\'')
        continue;
      g_string_append_c (out, c == ',' ? '.' : (char)c);
    }
  return g_string_free (out, FALSE);
}
