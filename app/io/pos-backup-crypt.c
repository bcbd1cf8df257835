/* pos-backup-crypt.c — sealing and opening backups (see pos-backup-crypt.h). */
#include "pos-backup-crypt.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAGIC "MSPOSEC1"
#define MAGIC_LEN 8
#define CHUNK (64 * 1024)
#define KDF_PASSPHRASE 1
#define KDF_KEY_FILE 2

/* magic, kdf, 7 reserved bytes, opslimit, memlimit (little endian), salt;
 * then the secretstream header. The part before it is the chunks' AD. */
typedef struct
{
  guint8 bytes[MAGIC_LEN + 8 + 8 + 8 + crypto_pwhash_SALTBYTES];
  guint8 stream[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
} Header;

struct _PosBackupKey
{
  char *passphrase; /* NULL for a key file */
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
};

PosBackupKey *
pos_backup_key_new_passphrase (const char *passphrase)
{
  PosBackupKey *key = g_new0 (PosBackupKey, 1);

  g_return_val_if_fail (passphrase != NULL, NULL);
  key->passphrase = g_strdup (passphrase);
  return key;
}

PosBackupKey *
pos_backup_key_new_from_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  PosBackupKey *key;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  if (len != sizeof key->key)
    {
      sodium_memzero (data, len);
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("The key file %s must hold exactly %zu bytes, not %zu"), path, sizeof key->key, len);
      return NULL;
    }
  key = g_new0 (PosBackupKey, 1);
  memcpy (key->key, data, sizeof key->key);
  sodium_memzero (data, len);
  return key;
}

void
pos_backup_key_free (PosBackupKey *key)
{
  if (key == NULL)
    return;
  if (key->passphrase != NULL)
    {
      sodium_memzero (key->passphrase, strlen (key->passphrase));
      g_free (key->passphrase);
    }
  sodium_memzero (key->key, sizeof key->key);
  g_free (key);
}

static void
put_u64 (guint8 *p, guint64 v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (guint8)(v >> (8 * i));
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 v = 0;

  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

/* The stream key for @header: the key file's bytes, or Argon2id of the
 * passphrase with the header's salt and limits (bounded, so a forged
 * header cannot make opening take all memory). */
static gboolean
derive_key (PosBackupKey *key, const Header *header, guint8 *out, GError **error)
{
  const guint8 *p = header->bytes + MAGIC_LEN;
  guint64 ops = get_u64 (p + 8), mem = get_u64 (p + 16);

  if ((p[0] == KDF_KEY_FILE) != (key->passphrase == NULL))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_AUTH, _ ("This backup was encrypted with %s, not %s"),
                   p[0] == KDF_KEY_FILE ? "a key file" : "a passphrase",
                   p[0] == KDF_KEY_FILE ? "a passphrase" : "a key file");
      return FALSE;
    }
  if (key->passphrase == NULL)
    {
      memcpy (out, key->key, sizeof key->key);
      return TRUE;
    }
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE
      || mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                           _ ("The encrypted backup's header is damaged"));
      return FALSE;
    }
  if (crypto_pwhash (out, crypto_secretstream_xchacha20poly1305_KEYBYTES, key->passphrase,
                     strlen (key->passphrase), p + 24, ops, (size_t)mem, crypto_pwhash_ALG_ARGON2ID13)
      != 0)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_FAILED,
                           _ ("Not enough memory to derive the backup key"));
      return FALSE;
    }
  return TRUE;
}

/* A new header for @key: Argon2id at the "moderate" limits with a fresh
 * salt. No switch weakens them: a backup leaves the shop. */
static void
new_header (PosBackupKey *key, Header *header)
{
  guint8 *p = header->bytes + MAGIC_LEN;

  memset (header, 0, sizeof *header);
  memcpy (header->bytes, MAGIC, MAGIC_LEN);
  p[0] = key->passphrase != NULL ? KDF_PASSPHRASE : KDF_KEY_FILE;
  put_u64 (p + 8, crypto_pwhash_OPSLIMIT_MODERATE);
  put_u64 (p + 16, crypto_pwhash_MEMLIMIT_MODERATE);
  randombytes_buf (p + 24, crypto_pwhash_SALTBYTES);
}

gboolean
pos_backup_is_encrypted (const char *path)
{
  char magic[MAGIC_LEN];
  FILE *in = g_fopen (path, "rb");
  gboolean yes;

  if (in == NULL)
    return FALSE;
  yes = fread (magic, 1, MAGIC_LEN, in) == MAGIC_LEN && memcmp (magic, MAGIC, MAGIC_LEN) == 0;
  fclose (in);
  return yes;
}

static FILE *
create_private (const char *path, GError **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  FILE *out;

  if (fd < 0 || (out = fdopen (fd, "wb")) == NULL)
    {
      int err = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, POS_ERROR, err == ENOSPC ? POS_ERROR_DISK_FULL : POS_ERROR_FAILED,
                   _ ("Could not create %s: %s"), path, g_strerror (err));
      return NULL;
    }
  return out;
}

/* Flushes, syncs and closes @out; FALSE (a full disk named as such) when
 * any of it failed. */
static gboolean
finish_file (FILE *out, const char *path, GError **error)
{
  gboolean ok = fflush (out) == 0 && fsync (fileno (out)) == 0;
  int err = errno;

  ok = (fclose (out) == 0) && ok;
  if (!ok)
    g_set_error (error, POS_ERROR, err == ENOSPC ? POS_ERROR_DISK_FULL : POS_ERROR_FAILED,
                 _ ("Could not write %s: %s"), path, g_strerror (err));
  return ok;
}

static gboolean
seal_stream (FILE *in, FILE *out, crypto_secretstream_xchacha20poly1305_state *state, const Header *header)
{
  g_autofree guint8 *plain = g_malloc (CHUNK);
  g_autofree guint8 *sealed = g_malloc (CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES);
  size_t n;

  do
    {
      unsigned long long len;
      n = fread (plain, 1, CHUNK, in);
      if (ferror (in))
        return FALSE;
      guint8 tag = n < CHUNK ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
      crypto_secretstream_xchacha20poly1305_push (state, sealed, &len, plain, n, header->bytes,
                                                  sizeof header->bytes, tag);
      if (fwrite (sealed, 1, (size_t)len, out) != len)
        return FALSE;
    }
  while (n == CHUNK);
  sodium_memzero (plain, CHUNK);
  return TRUE;
}

gboolean
pos_backup_encrypt_file (const char *plain_path, const char *sealed_path, PosBackupKey *key, GError **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 k[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  Header header;
  FILE *in, *out;
  gboolean ok;

  g_return_val_if_fail (plain_path != NULL && sealed_path != NULL && key != NULL, FALSE);
  if (sodium_init () < 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_FAILED, _ ("libsodium cannot start")), FALSE;
  new_header (key, &header);
  if (!derive_key (key, &header, k, error))
    return FALSE;
  if ((in = g_fopen (plain_path, "rb")) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Could not read %s: %s"), plain_path,
                        g_strerror (errno)),
           FALSE;
  if ((out = create_private (sealed_path, error)) == NULL)
    return fclose (in), FALSE;
  crypto_secretstream_xchacha20poly1305_init_push (&state, header.stream, k);
  sodium_memzero (k, sizeof k);
  ok = fwrite (&header, 1, sizeof header, out) == sizeof header && seal_stream (in, out, &state, &header);
  fclose (in);
  if (!ok)
    {
      fclose (out);
      g_unlink (sealed_path);
      g_set_error (error, POS_ERROR, errno == ENOSPC ? POS_ERROR_DISK_FULL : POS_ERROR_FAILED,
                   _ ("Could not write %s: %s"), sealed_path, g_strerror (errno));
      return FALSE;
    }
  if (!finish_file (out, sealed_path, error))
    return g_unlink (sealed_path), FALSE;
  return TRUE;
}

static gboolean
damaged (GError **error, const char *what)
{
  g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED, _ ("The encrypted backup is damaged: %s"), what);
  return FALSE;
}

/* Opens the chunks after the header. The first chunk that does not
 * authenticate is a wrong key when it is the first, damage otherwise. */
static gboolean
open_stream (FILE *in, FILE *out, crypto_secretstream_xchacha20poly1305_state *state, const Header *header,
             GError **error)
{
  const size_t sealed_size = CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES;
  g_autofree guint8 *plain = g_malloc (CHUNK);
  g_autofree guint8 *sealed = g_malloc (sealed_size);
  guint8 tag = 0;

  for (guint64 i = 0; tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL; i++)
    {
      size_t n = fread (sealed, 1, sealed_size, in);
      unsigned long long len;

      if (n < crypto_secretstream_xchacha20poly1305_ABYTES)
        return damaged (error, "it ends early");
      if (crypto_secretstream_xchacha20poly1305_pull (state, plain, &len, &tag, sealed, n, header->bytes,
                                                      sizeof header->bytes)
          != 0)
        {
          if (i > 0)
            return damaged (error, "a part of it was changed");
          g_set_error_literal (error, POS_ERROR, POS_ERROR_AUTH,
                               _ ("Wrong passphrase or key file for this backup (or its start is damaged)"));
          return FALSE;
        }
      if (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL && n < sealed_size)
        return damaged (error, "it ends early");
      if (fwrite (plain, 1, (size_t)len, out) != len)
        return g_set_error (error, POS_ERROR, errno == ENOSPC ? POS_ERROR_DISK_FULL : POS_ERROR_FAILED,
                            _ ("Could not write the decrypted copy: %s"), g_strerror (errno)),
               FALSE;
    }
  if (fgetc (in) != EOF)
    return damaged (error, "there is data after its end");
  return TRUE;
}

gboolean
pos_backup_decrypt_file (const char *sealed_path, const char *plain_path, PosBackupKey *key, GError **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 k[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  Header header;
  FILE *in, *out;
  gboolean ok;

  g_return_val_if_fail (sealed_path != NULL && plain_path != NULL && key != NULL, FALSE);
  if (sodium_init () < 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_FAILED, _ ("libsodium cannot start")), FALSE;
  if ((in = g_fopen (sealed_path, "rb")) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Could not read %s: %s"), sealed_path,
                        g_strerror (errno)),
           FALSE;
  if (fread (&header, 1, sizeof header, in) != sizeof header || memcmp (header.bytes, MAGIC, MAGIC_LEN) != 0)
    return fclose (in), damaged (error, "its header is missing");
  if (!derive_key (key, &header, k, error))
    return fclose (in), FALSE;
  ok = crypto_secretstream_xchacha20poly1305_init_pull (&state, header.stream, k) == 0;
  sodium_memzero (k, sizeof k);
  if (!ok)
    return fclose (in), damaged (error, "its header is damaged");
  if ((out = create_private (plain_path, error)) == NULL)
    return fclose (in), FALSE;
  ok = open_stream (in, out, &state, &header, error);
  fclose (in);
  if (!ok)
    {
      fclose (out);
      g_unlink (plain_path);
      return FALSE;
    }
  if (!finish_file (out, plain_path, error))
    return g_unlink (plain_path), FALSE;
  return TRUE;
}
