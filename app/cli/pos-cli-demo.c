/* pos-cli-demo.c — the demo shop behind `init --demo`. */
#include "pos-cli.h"

gboolean
pos_cli_init_demo (PosStore *store, GError **error)
{
  g_set_error (error, POS_ERROR, POS_ERROR_STATE, "The demo shop is not available in this build");
  return FALSE;
}
