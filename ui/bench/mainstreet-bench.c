/* mainstreet-bench.c — the till measuring itself (see pos-bench-mode.h).
 *
 * The same application and window as `mainstreet`, driven by the bench
 * code, which the shipped app does not contain. Its own options come
 * first; the rest (--store PATH) go to the application.
 */
#include <stdio.h>

#include "pos-application.h"
#include "pos-bench-mode.h"
#include "pos-i18n.h"

typedef struct
{
  PosBenchModeOptions options;
  gint64 start_us;
  gboolean started;
} BenchRun;

static void
on_activated_cb (GApplication *app, BenchRun *run)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr (GError) error = NULL;

  if (run->started || window == NULL)
    return;
  run->started = TRUE;
  if (!pos_bench_mode_start (POS_APPLICATION (app), POS_WINDOW (window), &run->options, run->start_us,
                             &error))
    {
      g_printerr ("mainstreet-bench: %s\n", error->message);
      g_application_quit (app);
    }
}

int
main (int argc, char *argv[])
{
  BenchRun run = { .start_us = g_get_monotonic_time () };
  g_autofree char *mode = NULL;
  g_autofree char *user = NULL;
  g_autofree char *pin = NULL;
  int scans = 0;
  int lines = 0;
  const GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode, "What to measure: startup, scan or scroll", "MODE" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Who signs in", "NAME" },
    { "pin", 0, 0, G_OPTION_ARG_STRING, &pin, "Their PIN", "PIN" },
    { "scans", 0, 0, G_OPTION_ARG_INT, &scans, "Scan mode: how many scans (default 100)", "N" },
    { "lines", 0, 0, G_OPTION_ARG_INT, &lines, "Scan mode: lines in a basket (default 10)", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;

  /* The till it drives speaks as the app does (ui/main.c). */
  gtk_disable_setlocale ();
  pos_i18n_init ();
  context = g_option_context_new ("[--store PATH]");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosApplication) app = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mainstreet-bench: %s\n", error->message);
      return 2;
    }
  run.options = (PosBenchModeOptions){ mode, user, pin, (guint)MAX (scans, 0), (guint)MAX (lines, 0) };
  app = pos_application_new (run.start_us);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activated_cb), &run);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
