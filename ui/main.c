/* main.c — starts the till. */
#include "pos-application.h"

int
main (int argc, char *argv[])
{
  gint64 start_us = g_get_monotonic_time ();
  g_autoptr (PosApplication) app = pos_application_new (start_us);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
