/* pos-application.c — the till application: options, the store, windows. */
#include "pos-application.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "pos-context.h"
#include "pos-setup.h"
#include "pos-version.h"
#include "pos-window.h"
#include "setup/pos-setup-window.h"

GResource *pos_ui_get_resource (void);

struct _PosApplication
{
  AdwApplication parent_instance;

  gint64 start_us;
  gboolean ready_reported;
  int ready_fd; /* -1: nobody asked */
  char *store_path;
  PosContext *context;
};

G_DEFINE_FINAL_TYPE (PosApplication, pos_application, ADW_TYPE_APPLICATION)

void
pos_application_register_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      g_resources_register (pos_ui_get_resource ());
      g_once_init_leave (&registered, 1);
    }
}

/* $XDG_DATA_HOME/mainstreet/store.db, the same default as mainstreet-admin. */
static char *
default_store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "mainstreet", "store.db", NULL);
}

static int
pos_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  PosApplication *self = POS_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("mainstreet %s\n", pos_version ());
      return 0;
    }
  if (!g_variant_dict_lookup (options, "report-ready-fd", "i", &self->ready_fd))
    self->ready_fd = -1;
  if (g_variant_dict_lookup (options, "store", "^&ay", &path))
    self->store_path = g_strdup (path);
  else
    self->store_path = default_store_path ();
  return -1;
}

/* The till window on the store; FALSE (and the app quits) when the store
 * cannot be opened. */
static gboolean
open_till_window (PosApplication *self)
{
  g_autoptr (GError) error = NULL;

  if (self->context == NULL)
    self->context = pos_context_new (self->store_path, &error);
  if (self->context == NULL)
    {
      g_printerr ("mainstreet: %s: %s\n", self->store_path, error->message);
      g_application_quit (G_APPLICATION (self));
      return FALSE;
    }
  gtk_window_present (GTK_WINDOW (pos_window_new (self, self->context)));
  return TRUE;
}

/* The store is set up: the sign-in screen replaces the assistant. */
static void
on_setup_finished_cb (PosSetupWindow *setup, gpointer user_data)
{
  if (open_till_window (POS_APPLICATION (user_data)))
    gtk_window_destroy (GTK_WINDOW (setup));
}

static void
pos_application_activate (GApplication *app)
{
  PosApplication *self = POS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  /* A new store, or one no one can sign in to: the assistant first. */
  if (self->context == NULL && pos_setup_needed (self->store_path))
    {
      PosSetupWindow *setup = pos_setup_window_new (GTK_APPLICATION (app), self->store_path);
      g_signal_connect (setup, "finished", G_CALLBACK (on_setup_finished_cb), self);
      gtk_window_present (GTK_WINDOW (setup));
      return;
    }
  open_till_window (self);
}

static void
pos_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (pos_application_parent_class)->startup (app);
  pos_application_register_resources ();
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]){ "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", (const char *[]){ "F1", NULL });
}

static void
pos_application_finalize (GObject *object)
{
  PosApplication *self = POS_APPLICATION (object);

  g_clear_object (&self->context);
  g_free (self->store_path);
  G_OBJECT_CLASS (pos_application_parent_class)->finalize (object);
}

static void
pos_application_class_init (PosApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pos_application_finalize;
  app_class->handle_local_options = pos_application_handle_local_options;
  app_class->startup = pos_application_startup;
  app_class->activate = pos_application_activate;
}

static void
on_quit_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

/* The manual's page for each screen of the window (help/C/<page>.page). */
static const struct
{
  const char *screen;
  const char *page;
} help_pages[] = {
  { "login", "getting-started" }, { "sale", "selling" },      { "payment", "selling" },
  { "refund", "refunds" },        { "stock", "stock" },       { "customers", "customers" },
  { "reports", "day-close" },     { "settings", "settings" }, { "history", "history" },
};

char *
pos_application_help_uri (const char *screen)
{
  for (guint i = 0; screen != NULL && i < G_N_ELEMENTS (help_pages); i++)
    if (g_str_equal (help_pages[i].screen, screen))
      return g_strconcat ("help:mainstreet/", help_pages[i].page, NULL);
  return g_strdup ("help:mainstreet");
}

/* Without a help viewer (Yelp) the till says so instead of doing nothing. */
static void
on_help_shown_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) && POS_IS_WINDOW (source))
    pos_window_add_toast (POS_WINDOW (source),
                          adw_toast_new (_ ("The manual could not be opened: is Yelp installed?")));
}

/* F1 and the menu: the manual in Yelp, on the page for the screen in front. */
static void
on_help_activated_cb (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *screen = POS_IS_WINDOW (window) ? pos_window_get_screen (POS_WINDOW (window)) : NULL;
  g_autofree char *uri = pos_application_help_uri (screen);

  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, on_help_shown_cb, NULL);
}

static void
pos_application_init (PosApplication *self)
{
  /* GApplication translates the descriptions in the program's domain. */
  static const GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_FILENAME, NULL, N_ ("The shop's store file"), N_ ("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
    /* For automation (scripts and tests that drive the till): they learn
     * when it takes scans without watching the screen. */
    { "report-ready-fd", 0, 0, G_OPTION_ARG_INT, NULL,
      N_ ("Write \"ready <ms>\" to file descriptor FD once the sale screen takes scans (for automation)"),
      "FD" },
    { NULL },
  };
  static const GActionEntry actions[] = {
    { .name = "quit", .activate = on_quit_activated_cb },
    { .name = "help", .activate = on_help_activated_cb },
  };

  self->ready_fd = -1;
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}

/* Run from the build tree, the app uses the schema compiled next to it
 * (ui/schemas), so "This till" and "Backups" work without installing.
 * GSettings reads GSETTINGS_SCHEMA_DIR once, when first used: this runs
 * before that. An installed app has no such folder and is left alone. */
static void
use_build_tree_schemas (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe ? g_path_get_dirname (exe) : NULL;
  g_autofree char *dir = exe_dir ? g_build_filename (exe_dir, "schemas", NULL) : NULL;
  g_autoptr (GSettingsSchemaSource) source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  const char *current = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autofree char *value = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR)
      || (source = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, NULL)) == NULL
      || (schema = g_settings_schema_source_lookup (source, "org.mainstreet.Mainstreet", FALSE)) == NULL)
    return;
  value = current && *current ? g_strconcat (current, G_SEARCHPATH_SEPARATOR_S, dir, NULL) : g_strdup (dir);
  g_setenv ("GSETTINGS_SCHEMA_DIR", value, TRUE);
}

PosApplication *
pos_application_new (gint64 start_us)
{
  PosApplication *self;

  use_build_tree_schemas ();
  self = g_object_new (POS_TYPE_APPLICATION, "application-id", "org.mainstreet.Mainstreet", "flags",
                       G_APPLICATION_NON_UNIQUE, NULL);

  self->start_us = start_us;
  return self;
}

/* Writes "ready <ms>\n" to @fd without stdio buffering surprises. */
static void
write_ready (int fd, gint64 ms)
{
  g_autofree char *line = g_strdup_printf ("ready %" G_GINT64_FORMAT "\n", ms);
  gsize len = strlen (line);
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = write (fd, line + done, len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      done += (gsize)n;
    }
}

void
pos_application_report_ready (PosApplication *self)
{
  g_return_if_fail (POS_IS_APPLICATION (self));
  if (self->ready_reported || self->ready_fd < 0)
    return;
  self->ready_reported = TRUE;
  write_ready (self->ready_fd, (g_get_monotonic_time () - self->start_us) / 1000);
}
