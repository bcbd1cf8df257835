/* mainstreet-admin — the shop's command line. */
#include <glib.h>
#include <stdio.h>

int
main (int argc, char **argv)
{
  fprintf (stderr, "mainstreet-admin: no command yet\n");
  return 2;
}
