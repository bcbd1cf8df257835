/* pos-nf525-archive.c — the signed archive of a period (see pos-nf525-archive.h). */
#include "pos-nf525-archive.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pos-error.h"
#include "pos-journal.h"
#include "pos-nf525-jet.h"
#include "pos-nf525-line.h"
#include "pos-store-private.h"
#include "pos-till-key.h"

#define HEADER "Mainstreet FR-NF525 archive 1"
#define MANIFEST "manifest.txt"
#define SIGNATURE "manifest.sig"

enum
{
  F_RECEIPTS,
  F_CLOSINGS,
  F_LINES,
  F_JET,
  N_FILES
};

static const char *const file_names[N_FILES]
    = { "receipts.jsonl", "closings.txt", "grand-totals.txt", "jet.txt" };

/* What each file holds: one text column a row, for the till ?1 and the
 * days ?2 to ?3. */
static const char *const file_sql[N_FILES] = {
  "SELECT json_object ('receipt', s.receipt_no, 'kind', s.kind, 'created_at', s.created_at, 'subtotal', "
  "s.subtotal, 'discount', s.discount_total, 'tax', s.tax_total, 'total', s.total, 'rounding', s.rounding, "
  "'lines', (SELECT json_group_array (json_object ('line', l.line_no, 'sku', l.sku, 'name', l.name, 'qty', "
  "l.qty, 'unit', l.unit, 'unit_price', l.unit_price, 'discount', l.discount, 'total', l.line_total, "
  "'tax_code', l.tax_code, 'tax_rate_bp', l.tax_rate_bp, 'tax', l.tax_amount)) FROM (SELECT * FROM sale_line "
  "WHERE sale_id = s.id ORDER BY line_no) l), 'nf525', f.fiscal_data) "
  "FROM fiscal_receipt f JOIN sale s ON s.id = f.sale_id WHERE f.till_id = ?1 AND f.profile = 'FR-NF525' "
  "AND f.kind IN ('sale', 'refund') AND substr (f.issued_at, 1, 10) BETWEEN ?2 AND ?3 ORDER BY f.id",
  "SELECT fiscal_data FROM fiscal_receipt WHERE till_id = ?1 AND profile = 'FR-NF525' AND kind IN ('day', "
  "'month', 'year') AND substr (issued_at, 1, 10) BETWEEN ?2 AND ?3 ORDER BY id",
  "SELECT fiscal_data FROM fiscal_receipt WHERE till_id = ?1 AND profile = 'FR-NF525' AND substr (issued_at, "
  "1, 10) BETWEEN ?2 AND ?3 ORDER BY id",
  "SELECT line FROM fiscal_event WHERE till_id = ?1 AND substr (occurred_at, 1, 10) BETWEEN ?2 AND ?3 ORDER "
  "BY id",
};

void
pos_nf525_archive_summary_clear (PosNf525ArchiveSummary *summary)
{
  g_clear_pointer (&summary->public_key, g_free);
}

static guint *
count_of (PosNf525ArchiveSummary *summary, int file)
{
  switch (file)
    {
      case F_RECEIPTS:
        return &summary->receipts;
      case F_CLOSINGS:
        return &summary->closings;
      case F_LINES:
        return &summary->lines;
      default:
        return &summary->events;
    }
}

static gboolean
is_day (const char *day)
{
  guint64 y, m, d;

  if (day == NULL || strlen (day) != 10 || day[4] != '-' || day[7] != '-' || !g_ascii_isdigit (day[0])
      || !g_ascii_isdigit (day[5]) || !g_ascii_isdigit (day[8]))
    return FALSE;
  y = g_ascii_strtoull (day, NULL, 10);
  m = g_ascii_strtoull (day + 5, NULL, 10);
  d = g_ascii_strtoull (day + 8, NULL, 10);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

static gboolean
check_range (const char *from_day, const char *to_day, GError **error)
{
  if (!is_day (from_day) || !is_day (to_day))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("A day is written YYYY-MM-DD (got “%s” to “%s”)"), from_day ? from_day : "",
                        to_day ? to_day : ""),
           FALSE;
  if (strcmp (from_day, to_day) > 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The first day %s is after the last day %s"),
                        from_day, to_day),
           FALSE;
  return TRUE;
}

/* The rows of @sql, one a line. */
static char *
collect (PosStore *store, const char *sql, const char *till_id, const char *from_day, const char *to_day,
         guint *count, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GString) out = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, from_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to_day, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_string_append (out, (const char *)sqlite3_column_text (stmt, 0));
      g_string_append_c (out, '\n');
      (*count)++;
    }
  return rc == SQLITE_DONE ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
hex_of (const guint8 *bytes, gsize length)
{
  GString *hex = g_string_sized_new (2 * length);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

/* Takes the folder's files away again, then the folder. */
static void
remove_folder (const char *dir)
{
  const char *const extra[] = { MANIFEST, SIGNATURE };

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *file = g_build_filename (dir, file_names[i], NULL);
      g_unlink (file);
    }
  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      g_autofree char *file = g_build_filename (dir, extra[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static gboolean
write_file (const char *dir, const char *name, const char *text, GError **error)
{
  g_autofree char *file = g_build_filename (dir, name, NULL);
  g_autoptr (GError) local = NULL;

  if (g_file_set_contents (file, text, -1, &local))
    return TRUE;
  return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Could not write the archive: %s"),
                      local->message),
         FALSE;
}

/* Writes every file of the archive into @dir; in the caller's transaction,
 * which holds the till's key. */
static gboolean
write_archive (PosStore *store, const char *dir, const char *from_day, const char *to_day,
               PosNf525ArchiveSummary *summary, GError **error)
{
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autoptr (GString) manifest = g_string_new (HEADER "\n");
  g_autofree char *signed_manifest = NULL;
  gboolean announce = FALSE;
  const PosTillKey *key = pos_till_key_for_signing (store, till_id, &announce, error);

  if (key == NULL)
    return FALSE;
  summary->public_key = hex_of (pos_till_key_public (key), POS_TILL_KEY_PUBLIC_BYTES);
  g_string_append_printf (manifest, "till %s\nfrom %s\nto %s\npublic_key %s\n", till_id, from_day, to_day,
                          summary->public_key);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *text
          = collect (store, file_sql[i], till_id, from_day, to_day, count_of (summary, i), error);
      g_autofree char *hash = NULL;

      if (text == NULL || !write_file (dir, file_names[i], text, error))
        return FALSE;
      hash = pos_nf525_sha256 (text);
      g_string_append_printf (manifest, "%s  %s\n", hash, file_names[i]);
    }
  if ((signed_manifest = pos_nf525_sign (store, till_id, manifest->str, error)) == NULL)
    return FALSE;
  return write_file (dir, MANIFEST, manifest->str, error)
         && write_file (dir, SIGNATURE, strrchr (signed_manifest, '|') + 1, error);
}

/* A new hidden folder beside @path, for the archive to be built in. */
static char *
make_work_folder (const char *path, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.partial-XXXXXX", base);
  g_autofree char *work = g_build_filename (parent, name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s already exists: name a new folder"),
                        path),
           NULL;
  if (g_mkdtemp (work) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot write the archive in %s: %s"), parent,
                        g_strerror (errno)),
           NULL;
  return g_steal_pointer (&work);
}

static gboolean
export_in (PosStore *store, const char *work, const char *from_day, const char *to_day, const char *path,
           PosNf525ArchiveSummary *summary, GError **error)
{
  if (!write_archive (store, work, from_day, to_day, summary, error)
      || !pos_nf525_jet_record (store, POS_JET_ARCHIVE, path, error))
    return FALSE;
  if (g_rename (work, path) != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Could not put the archive at %s: %s"), path,
                        g_strerror (errno)),
           FALSE;
  if (pos_store_commit (store, error))
    return TRUE;
  remove_folder (path);
  return FALSE;
}

gboolean
pos_nf525_archive_export (PosStore *store, const char *from_day, const char *to_day, const char *path,
                          PosNf525ArchiveSummary *summary, GError **error)
{
  g_autofree char *work = NULL;

  g_return_val_if_fail (store != NULL && path != NULL && summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  if (!check_range (from_day, to_day, error) || (work = make_work_folder (path, error)) == NULL)
    return FALSE;
  /* One transaction: the files agree with each other, and the export's
   * own event commits only with an archive in place. */
  if (!pos_journal_ensure_key (store, error) || !pos_store_begin (store, error))
    {
      remove_folder (work);
      return FALSE;
    }
  if (!export_in (store, work, from_day, to_day, path, summary, error))
    {
      if (pos_store_in_transaction (store))
        pos_store_rollback (store);
      remove_folder (work);
      return FALSE;
    }
  return TRUE;
}

/* ---- checking an archive ----------------------------------------------- */

static gboolean archive_fails (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
archive_fails (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN, message);
  return FALSE;
}

static char *
read_file (const char *dir, const char *name, GError **error)
{
  g_autofree char *file = g_build_filename (dir, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (file, &text, NULL, NULL))
    return archive_fails (error, _ ("%s is missing from the archive"), name), NULL;
  return text;
}

/* The public key the manifest names, once its signature is known good. */
static GPtrArray *
check_manifest (const char *manifest, const char *signature, GError **error)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_auto (GStrv) lines = g_strsplit (manifest, "\n", -1);
  g_autofree char *sig = g_strstrip (g_strdup (signature));
  guint8 key[POS_TILL_KEY_PUBLIC_BYTES];
  const char *hex = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "public_key "))
      hex = lines[i] + strlen ("public_key ");
  if (!g_str_equal (lines[0], HEADER) || hex == NULL || strlen (hex) != 2 * POS_TILL_KEY_PUBLIC_BYTES)
    return archive_fails (error, _ ("%s is not the manifest of a FR-NF525 archive"), MANIFEST), NULL;
  for (guint i = 0; i < POS_TILL_KEY_PUBLIC_BYTES; i++)
    key[i] = (guint8)(g_ascii_xdigit_value (hex[2 * i]) * 16 + g_ascii_xdigit_value (hex[2 * i + 1]));
  g_ptr_array_add (keys, g_bytes_new (key, sizeof key));
  if (!pos_nf525_signed_by (keys, manifest, sig))
    return archive_fails (error,
                          _ ("The manifest or its signature was altered: %s does not verify over %s with the "
                             "archive's public key"),
                          SIGNATURE, MANIFEST),
           NULL;
  return g_steal_pointer (&keys);
}

/* A signed line's text and signature: split at its last "|". */
static gboolean
line_signed (GPtrArray *keys, const char *line)
{
  const char *bar = strrchr (line, '|');
  g_autofree char *text = bar != NULL ? g_strndup (line, bar - line) : NULL;

  return text != NULL && pos_nf525_signed_by (keys, text, bar + 1);
}

/* Each line of @text is a signed NF525 line; grand-totals.txt's also chain. */
static gboolean
check_nf525_lines (GPtrArray *keys, const char *name, const char *text, gboolean chained, guint *count,
                   GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *prev = NULL;

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++, (*count)++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "|", -1);

      if (g_strv_length (f) != 9 || !line_signed (keys, lines[i]))
        return archive_fails (error, _ ("%s line %u: the signature does not verify"), name, i + 1);
      if (chained && prev != NULL && !g_str_equal (f[7], prev))
        return archive_fails (error, _ ("%s line %u: it does not chain to the line before it"), name, i + 1);
      g_free (prev);
      prev = pos_nf525_sha256 (lines[i]);
    }
  return TRUE;
}

static gboolean
check_receipts (GPtrArray *keys, const char *text, guint *count, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++, (*count)++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonNode *root;
      const char *nf525 = NULL;

      if (json_parser_load_from_data (parser, lines[i], -1, NULL) && (root = json_parser_get_root (parser))
          && JSON_NODE_HOLDS_OBJECT (root))
        nf525 = json_object_get_string_member_with_default (json_node_get_object (root), "nf525", NULL);
      if (nf525 == NULL || !line_signed (keys, nf525))
        return archive_fails (error, _ ("%s line %u: the receipt's signed line does not verify"),
                              file_names[F_RECEIPTS], i + 1);
    }
  return TRUE;
}

static gboolean
check_jet (GPtrArray *keys, const char *text, guint *count, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *prev = NULL;
  gint64 seq = 0;

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++, (*count)++)
    if (!pos_nf525_jet_check_line (lines[i], i, keys, &prev, &seq, error))
      return g_prefix_error (error, "%s: ", file_names[F_JET]), FALSE;
  return TRUE;
}

static gboolean
check_file (const char *dir, const char *line, GPtrArray *keys, PosNf525ArchiveSummary *summary,
            GError **error)
{
  g_auto (GStrv) f = g_strsplit (line, "  ", 2);
  g_autofree char *text = NULL, *hash = NULL;
  int file = -1;

  for (int i = 0; f[0] != NULL && f[1] != NULL && i < N_FILES; i++)
    if (g_str_equal (f[1], file_names[i]))
      file = i;
  if (file < 0)
    return TRUE; /* not a file line: till, from, to, public_key */
  if ((text = read_file (dir, f[1], error)) == NULL)
    return FALSE;
  hash = pos_nf525_sha256 (text);
  if (!g_str_equal (hash, f[0]))
    return archive_fails (error, _ ("%s was altered: its SHA-256 is not the one in the signed manifest"),
                          f[1]);
  switch (file)
    {
      case F_RECEIPTS:
        return check_receipts (keys, text, &summary->receipts, error);
      case F_JET:
        return check_jet (keys, text, &summary->events, error);
      default:
        return check_nf525_lines (keys, f[1], text, file == F_LINES, count_of (summary, file), error);
    }
}

gboolean
pos_nf525_archive_verify (const char *path, PosNf525ArchiveSummary *summary, GError **error)
{
  g_autofree char *manifest = NULL, *signature = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  g_auto (GStrv) lines = NULL;
  guint listed = 0;

  g_return_val_if_fail (path != NULL && summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no archive folder %s"), path),
           FALSE;
  if ((manifest = read_file (path, MANIFEST, error)) == NULL
      || (signature = read_file (path, SIGNATURE, error)) == NULL
      || (keys = check_manifest (manifest, signature, error)) == NULL)
    return FALSE;
  summary->public_key = g_strdup (strstr (manifest, "public_key ") + strlen ("public_key "));
  *strchr (summary->public_key, '\n') = '\0';
  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (!check_file (path, lines[i], keys, summary, error))
        return FALSE;
      listed += strstr (lines[i], "  ") != NULL;
    }
  if (listed != N_FILES)
    return archive_fails (error, _ ("%s does not list every file of the archive"), MANIFEST);
  return TRUE;
}
