/* pos-sha256.c — SHA-256 in lower-case hex, through libcrypto (see pos-sha256.h). */
#include "pos-sha256.h"

#include <openssl/evp.h>
#include <string.h>

struct _PosSha256
{
  EVP_MD_CTX *ctx;
};

/* Fetched once: looking the algorithm up by name at each hash would cost
 * as much as hashing a short event. */
static const EVP_MD *
sha256 (void)
{
  static gsize fetched = 0;
  static EVP_MD *md;

  if (g_once_init_enter (&fetched))
    {
      md = EVP_MD_fetch (NULL, "SHA256", NULL);
      if (md == NULL)
        g_error ("libcrypto has no SHA-256");
      g_once_init_leave (&fetched, 1);
    }
  return md;
}

PosSha256 *
pos_sha256_new (void)
{
  PosSha256 *self = g_new0 (PosSha256, 1);

  self->ctx = EVP_MD_CTX_new ();
  if (self->ctx == NULL || EVP_DigestInit_ex (self->ctx, sha256 (), NULL) != 1)
    g_error ("libcrypto cannot start a SHA-256 hash");
  return self;
}

void
pos_sha256_update (PosSha256 *self, const void *data, gssize len)
{
  g_return_if_fail (self != NULL && (data != NULL || len == 0));

  if (len < 0)
    len = (gssize)strlen (data);
  if (EVP_DigestUpdate (self->ctx, data, (size_t)len) != 1)
    g_error ("libcrypto cannot hash");
}

char *
pos_sha256_end (PosSha256 *self)
{
  static const char digits[] = "0123456789abcdef";
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  char *hex;

  g_return_val_if_fail (self != NULL, NULL);

  if (EVP_DigestFinal_ex (self->ctx, digest, &n) != 1 || n != 32)
    g_error ("libcrypto cannot finish a SHA-256 hash");
  hex = g_malloc (2 * n + 1);
  for (unsigned int i = 0; i < n; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[2 * n] = '\0';
  return hex;
}

void
pos_sha256_free (PosSha256 *self)
{
  if (self == NULL)
    return;
  EVP_MD_CTX_free (self->ctx);
  g_free (self);
}

char *
pos_sha256_hex (const char *text)
{
  g_autoptr (PosSha256) sha = pos_sha256_new ();

  pos_sha256_update (sha, text, -1);
  return pos_sha256_end (sha);
}
