/* pos-settings-backups.c — the backups group of the settings page: where
 * this till backs up its store, how many copies it keeps, how often, a
 * "Back up now" button and how the last backup went. */
#include "pos-settings-page-private.h"

#include <glib/gi18n-lib.h>

static void
on_folder_applied_cb (AdwEntryRow *row, PosSettingsPage *self)
{
  GSettings *settings = pos_context_get_settings (pos_settings_page_get_context (self));
  g_autofree char *folder = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*folder != '\0' && !g_path_is_absolute (folder))
    {
      pos_settings_page_toast (self, _ ("Give the backup folder as a full path, such as /media/usb/backups"));
      return;
    }
  g_settings_set_string (settings, "backup-folder", folder);
  pos_settings_page_toast (self, *folder ? _ ("Backups go to that folder") : _ ("No automatic backups"));
}

static void
on_spin_changed_cb (GtkSpinButton *spin, PosSettingsPage *self)
{
  GSettings *settings = pos_context_get_settings (pos_settings_page_get_context (self));

  g_settings_set_uint (settings, g_object_get_data (G_OBJECT (spin), "pos-key"),
                       (guint)gtk_spin_button_get_value_as_int (spin));
}

/* A row with a spin button for the unsigned setting @key. */
static GtkWidget *
new_spin_row (PosSettingsPage *self, GSettings *settings, const char *key, const char *title, guint min,
              guint max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), g_settings_get_uint (settings, key));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (spin), "pos-key", g_strdup (key), g_free);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

/* Shows the scheduler's last result and whether it is busy on @row. */
static void
on_backups_changed_cb (PosBackupScheduler *backups, GParamSpec *pspec, GtkWidget *row)
{
  const char *result = pos_backup_scheduler_get_last_result (backups);
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "pos-button");
  g_autofree char *escaped
      = g_markup_escape_text (result ? result : _ ("No backup taken yet by this till"), -1);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_set_sensitive (button, !pos_backup_scheduler_get_busy (backups));
  if (result != NULL && !pos_backup_scheduler_get_last_ok (backups))
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
on_backup_now_clicked_cb (GtkButton *button, PosSettingsPage *self)
{
  pos_backup_scheduler_run_now (pos_context_get_backups (pos_settings_page_get_context (self)));
}

static GtkWidget *
new_now_row (PosSettingsPage *self, PosBackupScheduler *backups)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_ ("Back up now"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Last backup"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_backup_now_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "pos-button", button);
  g_signal_connect_object (backups, "notify", G_CALLBACK (on_backups_changed_cb), row, 0);
  on_backups_changed_cb (backups, NULL, row);
  return row;
}

void
pos_settings_backups_fill (PosSettingsPage *self, AdwPreferencesGroup *group)
{
  PosContext *context = pos_settings_page_get_context (self);
  GSettings *settings = pos_context_get_settings (context);
  g_autofree char *folder = NULL;
  GtkWidget *row;

  if (settings == NULL)
    return;
  folder = g_settings_get_string (settings, "backup-folder");
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _ ("Backup folder (a USB stick or a network share)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), folder);
  g_signal_connect (row, "apply", G_CALLBACK (on_folder_applied_cb), self);
  pos_settings_page_add (self, group, row);
  pos_settings_page_add (self, group,
                         new_spin_row (self, settings, "backup-keep", _ ("Backups to keep"), 1, 1000));
  pos_settings_page_add (
      self, group, new_spin_row (self, settings, "backup-interval", _ ("Minutes between backups"), 5, 10080));
  pos_settings_page_add (self, group, new_now_row (self, pos_context_get_backups (context)));
}
