/* test-sha256.c — SHA-256 through libcrypto gives the standard digests, in
 * the hex GChecksum gave, so no stored hash changes with it. */
#include "pos-test-util.h"

#include "pos-sha256.h"

static void
test_standard_vectors (void **state)
{
  g_autofree char *empty = pos_sha256_hex ("");
  g_autofree char *abc = pos_sha256_hex ("abc");
  g_autofree char *two_blocks = pos_sha256_hex ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");

  (void)state;
  assert_string_equal (empty, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert_string_equal (abc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert_string_equal (two_blocks, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* Pieces of every length up to 200 bytes, fed in turn, against GChecksum
 * over the whole: the journal hashes a chain's previous hash and the event
 * as two pieces. */
static void
test_pieces_hash_as_the_whole_and_as_gchecksum (void **state)
{
  guint8 data[600];

  (void)state;
  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8)(i * 131 + 7);
  for (gsize cut = 0; cut <= 200; cut++)
    {
      g_autoptr (PosSha256) sha = pos_sha256_new ();
      g_autofree char *ours = NULL;
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, sizeof data);

      pos_sha256_update (sha, data, (gssize)cut);
      pos_sha256_update (sha, data + cut, (gssize)(sizeof data - cut));
      ours = pos_sha256_end (sha);
      assert_string_equal (ours, glib);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_standard_vectors),
    cmocka_unit_test (test_pieces_hash_as_the_whole_and_as_gchecksum),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
