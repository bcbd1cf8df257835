/* pos-cli-demo.c — the demo shop behind `init --demo`. */
#include "pos-cli.h"

#include "pos-demo.h"

/* The corner shop with 30 days of history (see pos-demo.h). */
gboolean
pos_cli_init_demo (PosStore *store, GError **error)
{
  return pos_demo_populate (store, NULL, error);
}
