/* pos-till-key.c — the keys tills sign their journal with (see pos-till-key.h). */
#include "pos-till-key.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <sodium.h>
#include <string.h>

#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-store-private.h"

struct _PosTillKey
{
  guint8 secret[crypto_sign_SECRETKEYBYTES];
  guint8 public[crypto_sign_PUBLICKEYBYTES];
};

/* Keys read once per process, by file path: a sale must not read a file. */
static GMutex cache_lock;
static GHashTable *cache;

G_STATIC_ASSERT (POS_TILL_KEY_PUBLIC_BYTES == crypto_sign_PUBLICKEYBYTES);
G_STATIC_ASSERT (POS_TILL_KEY_SIGNATURE_BYTES == crypto_sign_BYTES);

static void
till_key_free (PosTillKey *key)
{
  sodium_memzero (key, sizeof *key);
  g_free (key);
}

/* Drops the keys read so far, so the next use reads the file again. */
void
pos_till_key_forget_cached (void)
{
  g_mutex_lock (&cache_lock);
  g_clear_pointer (&cache, g_hash_table_unref);
  g_mutex_unlock (&cache_lock);
}

/* The store's own random id, made on first use: it names the key file, so
 * two stores of one till on one machine never share a key file. */
static char *
store_id (PosStore *store, GError **error)
{
  char *id = pos_store_dup_setting (store, "store_id");

  if (id != NULL)
    return id;
  id = pos_journal_new_event_id ();
  if (!pos_store_set_setting (store, "store_id", id, error))
    g_clear_pointer (&id, g_free);
  return id;
}

static char *
keys_folder (void)
{
  const char *base = g_getenv ("XDG_CONFIG_HOME");

  if (base == NULL || !g_path_is_absolute (base))
    base = g_get_user_config_dir ();
  return g_build_filename (base, "mainstreet", "keys", NULL);
}

/* A till id may hold characters a file name must not: keep it readable
 * but plain. */
static char *
file_safe (const char *text)
{
  char *safe = g_strdup (text);

  for (char *c = safe; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      *c = '_';
  return safe;
}

char *
pos_till_key_path (PosStore *store, const char *till_id, GError **error)
{
  g_autofree char *id = NULL;
  g_autofree char *folder = keys_folder ();
  g_autofree char *till = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (store != NULL && till_id != NULL, NULL);

  id = store_id (store, error);
  if (id == NULL)
    return NULL;
  till = file_safe (till_id);
  name = g_strdup_printf ("%s-%s.key", id, till);
  return g_build_filename (folder, name, NULL);
}

/* Reads the key pair from the hex seed in @path; NULL with no error when
 * there is no such file. */
static PosTillKey *
read_key (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  guint8 seed[crypto_sign_SEEDBYTES];
  size_t len = 0;
  PosTillKey *key;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_set_error (error, POS_ERROR, POS_ERROR_STORE, _ ("Cannot read the till's key %s: %s"), path,
                   local->message);
      return NULL;
    }
  g_strstrip (text);
  if (sodium_hex2bin (seed, sizeof seed, text, strlen (text), NULL, &len, NULL) != 0 || len != sizeof seed)
    {
      sodium_memzero (text, strlen (text));
      g_set_error (error, POS_ERROR, POS_ERROR_STORE, _ ("The till's key %s is not a key"), path);
      return NULL;
    }
  sodium_memzero (text, strlen (text));
  key = g_new0 (PosTillKey, 1);
  crypto_sign_seed_keypair (key->public, key->secret, seed);
  sodium_memzero (seed, sizeof seed);
  return key;
}

/* Makes a new key pair and writes its seed to @path, readable by the
 * owner only, in a folder only the owner can enter. */
static PosTillKey *
create_key (const char *path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr (GError) local = NULL;
  guint8 seed[crypto_sign_SEEDBYTES];
  char hex[2 * crypto_sign_SEEDBYTES + 2];
  PosTillKey *key;
  gboolean written;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE,
                   _ ("Cannot create the folder %s for the till's key: %s"), folder, g_strerror (errno));
      return NULL;
    }
  randombytes_buf (seed, sizeof seed);
  sodium_bin2hex (hex, sizeof hex - 1, seed, sizeof seed);
  strcat (hex, "\n");
  written = g_file_set_contents_full (path, hex, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local);
  sodium_memzero (hex, sizeof hex);
  if (!written)
    {
      sodium_memzero (seed, sizeof seed);
      g_set_error (error, POS_ERROR, POS_ERROR_STORE, _ ("Cannot write the till's key: %s"), local->message);
      return NULL;
    }
  key = g_new0 (PosTillKey, 1);
  crypto_sign_seed_keypair (key->public, key->secret, seed);
  sodium_memzero (seed, sizeof seed);
  return key;
}

static const PosTillKey *
cached_key (const char *path, GError **error)
{
  PosTillKey *key;

  if (sodium_init () < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE, _ ("libsodium cannot start"));
      return NULL;
    }
  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)till_key_free);
  key = g_hash_table_lookup (cache, path);
  if (key == NULL)
    {
      key = read_key (path, error);
      if (key == NULL && (error == NULL || *error == NULL))
        key = create_key (path, error);
      if (key != NULL)
        g_hash_table_insert (cache, g_strdup (path), key);
    }
  g_mutex_unlock (&cache_lock);
  return key;
}

/* Stores @public_key as a key of @till_id unless it is known already. */
gboolean
pos_till_key_register (PosStore *store, const char *till_id, const guint8 *public_key, gboolean *added,
                       GError **error)
{
  static const char sql[] = "INSERT INTO till_key (till_id, public_key, created_at) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (till_id, public_key) DO NOTHING";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, public_key, POS_TILL_KEY_PUBLIC_BYTES, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  if (added != NULL)
    *added = sqlite3_changes (pos_store_db (store)) > 0;
  return TRUE;
}

/*
 * The key this till signs with in @store, read or made as needed. Sets
 * *announce when its public key was not yet in the store: the caller then
 * records it with a `till.key` event in the same transaction, so the key
 * and the first event it signs commit together. A key file made in a
 * transaction that is rolled back is simply announced the next time.
 */
const PosTillKey *
pos_till_key_for_signing (PosStore *store, const char *till_id, gboolean *announce, GError **error)
{
  g_autofree char *path = NULL;
  const PosTillKey *key;

  g_return_val_if_fail (store != NULL && till_id != NULL && announce != NULL, NULL);
  g_return_val_if_fail (pos_store_in_transaction (store), NULL);

  path = pos_till_key_path (store, till_id, error);
  if (path == NULL)
    return NULL;
  key = cached_key (path, error);
  if (key == NULL)
    return NULL;
  if (!pos_till_key_register (store, till_id, key->public, announce, error))
    return NULL;
  return key;
}

const guint8 *
pos_till_key_public (const PosTillKey *key)
{
  return key->public;
}

/* Ed25519 over the event's hash as written: its 64 hex characters. */
GBytes *
pos_till_key_sign (const PosTillKey *key, const char *hash)
{
  guint8 *sig = g_malloc (crypto_sign_BYTES);

  crypto_sign_detached (sig, NULL, (const guint8 *)hash, strlen (hash), key->secret);
  return g_bytes_new_take (sig, crypto_sign_BYTES);
}

gboolean
pos_till_key_check (const guint8 *public_key, const char *hash, GBytes *signature)
{
  gsize len = 0;
  const guint8 *sig = signature ? g_bytes_get_data (signature, &len) : NULL;

  if (sig == NULL || len != crypto_sign_BYTES)
    return FALSE;
  return crypto_sign_verify_detached (sig, (const guint8 *)hash, strlen (hash), public_key) == 0;
}

/* Whether @public_key is one of @keys (GBytes of public keys). */
gboolean
pos_till_key_among (GPtrArray *keys, const guint8 *public_key)
{
  for (guint i = 0; i < keys->len; i++)
    if (memcmp (g_bytes_get_data (keys->pdata[i], NULL), public_key, POS_TILL_KEY_PUBLIC_BYTES) == 0)
      return TRUE;
  return FALSE;
}

/* The index of the key of @keys that @signature of @hash verifies with,
 * or -1. */
int
pos_till_key_signer (GPtrArray *keys, const char *hash, GBytes *signature)
{
  for (guint i = 0; i < keys->len; i++)
    if (pos_till_key_check (g_bytes_get_data (keys->pdata[i], NULL), hash, signature))
      return (int)i;
  return -1;
}

/* Every public key the store knows: till id → GPtrArray of GBytes. */
GHashTable *
pos_till_key_load_public (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT till_id, public_key FROM till_key ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GHashTable) keys
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      const char *till = (const char *)sqlite3_column_text (stmt, 0);
      GPtrArray *list = g_hash_table_lookup (keys, till);

      if (sqlite3_column_bytes (stmt, 1) != POS_TILL_KEY_PUBLIC_BYTES)
        continue; /* the table's CHECK keeps these out */
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
          g_hash_table_insert (keys, g_strdup (till), list);
        }
      g_ptr_array_add (list, g_bytes_new (sqlite3_column_blob (stmt, 1), POS_TILL_KEY_PUBLIC_BYTES));
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&keys);
}
