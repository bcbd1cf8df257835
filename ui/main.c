/* main.c — starts the till. */
#include "pos-application.h"
#include "pos-i18n.h"

int
main (int argc, char *argv[])
{
  gint64 start_us = g_get_monotonic_time ();
  g_autoptr (PosApplication) app = NULL;

  /* GTK would set the locale again at its start and undo what
   * pos_i18n_init() made of LANGUAGE. */
  gtk_disable_setlocale ();
  pos_i18n_init ();
  app = pos_application_new (start_us);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
