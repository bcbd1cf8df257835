/* pos-fuzz.c — what the libFuzzer targets share (see pos-fuzz.h). */
#include "pos-fuzz.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pos-store-private.h"

static char *dir;
static PosStore *store;
static PosUser *owner;

static void
on_trap (int sig)
{
  abort ();
}

/* GLib stops at a fatal critical with SIGTRAP, which libFuzzer does not
 * treat as a crash: turn it into an abort so the input is kept. */
int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  signal (SIGTRAP, on_trap);
  return 0;
}

char *
pos_fuzz_text (const uint8_t *data, size_t size)
{
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

static void
remove_dir (void)
{
  g_autoptr (GDir) listing = NULL;
  const char *name;

  g_clear_pointer (&store, pos_store_close);
  g_clear_pointer (&owner, pos_user_free);
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

const char *
pos_fuzz_dir (void)
{
  if (dir == NULL)
    {
      /* A tmpfs when there is one: thousands of small transactions a second. */
      char *tmpl = g_strdup ("/dev/shm/mainstreet-fuzz-XXXXXX");
      if (access ("/dev/shm", W_OK) == 0 && g_mkdtemp (tmpl) != NULL)
        dir = tmpl;
      else
        {
          g_free (tmpl);
          dir = g_dir_make_tmp ("mainstreet-fuzz-XXXXXX", NULL);
        }
      if (dir == NULL)
        pos_fuzz_fail ("cannot make a temporary folder");
      atexit (remove_dir);
    }
  return dir;
}

static void
must (gboolean ok, GError *error, const char *what)
{
  if (!ok)
    pos_fuzz_fail ("cannot %s: %s", what, error != NULL ? error->message : "?");
}

PosStore *
pos_fuzz_store (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (store != NULL)
    return store;
  path = g_build_filename (pos_fuzz_dir (), "store.db", NULL);
  store = pos_store_open (path, POS_STORE_OPEN_CREATE, &error);
  must (store != NULL, error, "create the store");
  /* Durability is the power-cut test's business; here it would only slow
   * every input down to the speed of the disk. */
  must (pos_store_exec (store, "PRAGMA synchronous = OFF", &error), error, "stop syncing");
  must (pos_store_set_setting (store, "till_id", "T1", &error), error, "set the till");
  must (pos_store_set_setting (store, "currency", "EUR", &error), error, "set the currency");
  must (pos_store_exec (store,
                        "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 2000), "
                        "('B', 'Reduced', 500)",
                        &error),
        error, "add tax rates");
  owner = pos_users_add (store, "olivia", POS_ROLE_OWNER, "4321", &error);
  must (owner != NULL, error, "add the owner");
  return store;
}

const PosUser *
pos_fuzz_owner (void)
{
  pos_fuzz_store ();
  return owner;
}

void
pos_fuzz_fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}
