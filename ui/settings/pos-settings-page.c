/* pos-settings-page.c — the owner's settings.
 *
 * Shop settings are listed from app/'s own table of settings
 * (pos_shop_settings), so a new setting appears here without UI work; each
 * is validated, audited and journalled by pos_shop_setting_set. Device
 * choices are per machine and live in GSettings.
 */
#include "pos-settings-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-hub-secret.h"
#include "pos-till-printer.h"
#include "pos-shop.h"

struct _PosSettingsPage
{
  GtkWidget parent_instance;

  AdwPreferencesPage *page;
  AdwPreferencesGroup *shop_group;
  AdwPreferencesGroup *till_group;
  AdwPreferencesGroup *taxes_group;
  AdwPreferencesGroup *backups_group;
  AdwPreferencesGroup *users_group;
  GPtrArray *rows; /* rows added by reload, removed by the next one */

  PosContext *context;
};

G_DEFINE_FINAL_TYPE (PosSettingsPage, pos_settings_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosSettingsPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

static void
on_shop_row_applied_cb (AdwEntryRow *row, PosSettingsPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "pos-key");
  PosStore *store = pos_context_get_store (self->context);
  g_autoptr (GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *message = NULL;

  if (pos_shop_setting_set (store, pos_context_get_user (self->context), key,
                            gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      toast (self, _ ("Saved: it applies from the next sale"));
      return;
    }
  /* A refused value must not stay on screen looking saved: show what the
   * shop still uses, and why the new one was refused. */
  stored = pos_shop_setting_get (store, key);
  gtk_editable_set_text (GTK_EDITABLE (row), stored ? stored : "");
  message = g_strdup_printf (_ ("Not saved: %s"), error->message);
  toast (self, message);
}

static void
on_till_row_applied_cb (AdwEntryRow *row, PosSettingsPage *self)
{
  GSettings *settings = pos_context_get_settings (self->context);
  const char *key = g_object_get_data (G_OBJECT (row), "pos-key");

  if (settings == NULL)
    {
      toast (self, _ ("This till's settings are not installed"));
      return;
    }
  if (g_str_equal (key, "quick-keys"))
    {
      g_auto (GStrv) skus = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (row)), ", ", -1);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) list = NULL;

      for (guint i = 0; skus[i] != NULL; i++)
        if (*skus[i] != '\0')
          g_strv_builder_add (builder, skus[i]);
      list = g_strv_builder_end (builder);
      g_settings_set_strv (settings, key, (const char *const *)list);
      toast (self, _ ("Quick keys saved"));
      return;
    }
  g_settings_set_string (settings, key, gtk_editable_get_text (GTK_EDITABLE (row)));
  if (g_str_equal (key, "scanner"))
    pos_context_open_scanner (self->context);
  toast (self, _ ("Saved for this till"));
}

static const char *
hub_password_place (PosHubSecretPlace place)
{
  return place == POS_HUB_SECRET_KEYRING
             ? _ ("the hub password is in the keyring")
             : _ ("this machine has no keyring: the hub password is in a file only this user can read");
}

static void
hub_saved (PosSettingsPage *self, gboolean with_password, PosHubSecretPlace place)
{
  g_autofree char *message = NULL;

  pos_context_start_sync (self->context);
  if (!pos_context_get_hub_configured (self->context))
    message = g_strdup (_ ("No hub: this till works on its own"));
  else if (with_password)
    message = g_strdup_printf (_ ("Hub saved (%s): syncing in the background"), hub_password_place (place));
  else
    message = g_strdup (_ ("Hub saved: syncing in the background"));
  toast (self, message);
}

/* The connection string never stays in the settings with a password in
 * it: one typed into it moves to the keyring. */
static void
on_hub_row_applied_cb (AdwEntryRow *row, PosSettingsPage *self)
{
  GSettings *settings = pos_context_get_settings (self->context);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *password = NULL;
  g_autofree char *stripped = pos_hub_secret_split (text, &password, NULL, NULL);
  g_autofree char *shown = NULL;
  g_autoptr (GError) error = NULL;
  PosHubSecretPlace place = POS_HUB_SECRET_KEYRING;

  if (!pos_hub_secret_save_conninfo (settings, pos_context_get_till_id (self->context), text, &place, &error))
    {
      g_autofree char *message = g_strdup_printf (_ ("Not saved: %s"), error->message);

      shown = g_settings_get_string (settings, "hub-conninfo");
      gtk_editable_set_text (GTK_EDITABLE (row), shown);
      toast (self, message);
      return;
    }
  shown = g_settings_get_string (settings, "hub-conninfo");
  gtk_editable_set_text (GTK_EDITABLE (row), shown);
  hub_saved (self, password != NULL, place);
}

static void
on_hub_password_stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSettingsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  PosHubSecretPlace place = POS_HUB_SECRET_KEYRING;

  if (!pos_hub_secret_store_finish (result, &place, &error))
    {
      g_autofree char *message = g_strdup_printf (_ ("Hub password not saved: %s"), error->message);
      toast (self, message);
      return;
    }
  hub_saved (self, TRUE, place);
}

static void
on_hub_password_applied_cb (AdwEntryRow *row, PosSettingsPage *self)
{
  GSettings *settings = pos_context_get_settings (self->context);
  g_autofree char *conninfo = g_strstrip (g_settings_get_string (settings, "hub-conninfo"));
  g_autofree char *host = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  /* Off the screen at once: it is kept in the keyring, not in the row. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  if (*conninfo == '\0' || (stripped = pos_hub_secret_split (conninfo, NULL, &host, NULL)) == NULL)
    {
      toast (self, _ ("Enter the hub connection first"));
      return;
    }
  pos_hub_secret_store_async (pos_context_get_till_id (self->context), host, password, NULL,
                              on_hub_password_stored_cb, g_object_ref (self));
}

/* Adds @row (an AdwEntryRow) to @group showing @value, saved by @applied. */
static GtkWidget *
add_row (PosSettingsPage *self, GtkWidget *row, AdwPreferencesGroup *group, const char *key,
         const char *title, const char *value, GCallback applied)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  /* Row titles are markup: "<till>-<n>" must be shown, not parsed. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_object_set_data_full (G_OBJECT (row), "pos-key", g_strdup (key), g_free);
  g_signal_connect (row, "apply", applied, self);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static GtkWidget *
add_entry_row (PosSettingsPage *self, AdwPreferencesGroup *group, const char *key, const char *title,
               const char *value, GCallback applied)
{
  return add_row (self, adw_entry_row_new (), group, key, title, value, applied);
}

/* The hub's connection string, without a password, and the password in
 * its own row: saved to the keyring, never shown again. */
static void
add_hub_row (PosSettingsPage *self, GSettings *settings)
{
  g_autofree char *conninfo = g_settings_get_string (settings, "hub-conninfo");
  GtkWidget *row = add_row (self, adw_entry_row_new (), self->till_group, "hub-conninfo",
                            _ ("Hub connection (empty: no hub; keep sslmode=verify-full)"), conninfo,
                            G_CALLBACK (on_hub_row_applied_cb));

  gtk_widget_set_tooltip_text (row, _ ("A PostgreSQL connection string with this till's own role. Keep "
                                       "sslmode=verify-full so the till checks the hub's certificate."));
  row = add_row (self, adw_password_entry_row_new (), self->till_group, "hub-password",
                 _ ("Hub password of this till (kept in the keyring)"), NULL,
                 G_CALLBACK (on_hub_password_applied_cb));
  gtk_widget_set_tooltip_text (row, _ ("Saved in the desktop's keyring; on a machine without one, in a file "
                                       "only this user can read."));
}

static void
on_test_print_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSettingsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pos_till_printer_test_finish (POS_CONTEXT (source), result, &error))
    message = g_strdup_printf (_ ("Test print failed: %s"), error->message);
  toast (self, message ? message : _ ("Test page sent to the printer"));
}

/* Prints a test page on the printer saved for this till (or the shop's). */
static void
on_test_print_clicked_cb (GtkButton *button, PosSettingsPage *self)
{
  pos_till_printer_test_async (self->context, NULL, on_test_print_done_cb, g_object_ref (self));
}

static void
add_test_print_row (PosSettingsPage *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_ ("Test print"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Check the receipt printer"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("Prints a short page on the printer saved above"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_test_print_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  pos_settings_page_add (self, self->till_group, row);
}

void
pos_settings_page_toast (PosSettingsPage *self, const char *message)
{
  g_return_if_fail (POS_IS_SETTINGS_PAGE (self));
  toast (self, message);
}

PosContext *
pos_settings_page_get_context (PosSettingsPage *self)
{
  g_return_val_if_fail (POS_IS_SETTINGS_PAGE (self), NULL);
  return self->context;
}

void
pos_settings_page_add (PosSettingsPage *self, AdwPreferencesGroup *group, GtkWidget *row)
{
  g_return_if_fail (POS_IS_SETTINGS_PAGE (self));
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

/* Without its settings schema the till works with defaults, but its own
 * settings cannot be kept: say so where they would be, and what to do. */
static void
add_missing_schema_row (PosSettingsPage *self, AdwPreferencesGroup *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("This till's settings cannot be kept"));
  adw_action_row_set_subtitle (
      ADW_ACTION_ROW (row), _ ("Mainstreet's settings schema (org.mainstreet.Mainstreet) is not installed. "
                               "Reinstall Mainstreet, or start it with packaging/dev.sh run."));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "warning");
  pos_settings_page_add (self, group, row);
}

void
pos_settings_page_reload (PosSettingsPage *self)
{
  PosStore *store;
  GSettings *settings;

  g_return_if_fail (POS_IS_SETTINGS_PAGE (self));
  if (self->context == NULL)
    return;
  store = pos_context_get_store (self->context);
  settings = pos_context_get_settings (self->context);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      adw_preferences_group_remove (
          ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  for (const PosShopSetting *s = pos_shop_settings (); s->key != NULL; s++)
    {
      g_autofree char *value = pos_shop_setting_get (store, s->key);

      if (g_str_equal (s->key, "fiscal_profile"))
        pos_settings_fiscal_fill (self, self->shop_group, value);
      else
        add_entry_row (self, self->shop_group, s->key, _ (s->description), value,
                       G_CALLBACK (on_shop_row_applied_cb));
    }
  if (settings != NULL)
    {
      g_autofree char *printer = g_settings_get_string (settings, "printer");
      g_autofree char *scanner = g_settings_get_string (settings, "scanner");
      add_entry_row (self, self->till_group, "printer",
                     _ ("Receipt printer of this till (empty: the shop's)"), printer,
                     G_CALLBACK (on_till_row_applied_cb));
      g_auto (GStrv) quick = g_settings_get_strv (settings, "quick-keys");
      g_autofree char *quick_text = g_strjoinv (", ", quick);

      add_entry_row (self, self->till_group, "quick-keys",
                     _ ("Quick keys on the sale screen (SKUs, in order)"), quick_text,
                     G_CALLBACK (on_till_row_applied_cb));
      add_entry_row (self, self->till_group, "scanner",
                     _ ("Scanner of this till (keyboard, serial:/dev/ttyACM0, hid:VVVV:PPPP)"), scanner,
                     G_CALLBACK (on_till_row_applied_cb));
      add_test_print_row (self);
      add_hub_row (self, settings);
    }
  else
    {
      add_missing_schema_row (self, self->till_group);
      add_missing_schema_row (self, self->backups_group);
    }
  pos_settings_taxes_fill (self, self->taxes_group);
  pos_settings_backups_fill (self, self->backups_group);
  pos_settings_users_fill (self, self->users_group);
}

void
pos_settings_page_set_context (PosSettingsPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_SETTINGS_PAGE (self));
  g_set_object (&self->context, context);
}

static void
pos_settings_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pos_settings_page_parent_class)->map (widget);
  pos_settings_page_reload (POS_SETTINGS_PAGE (widget));
}

static void
pos_settings_page_dispose (GObject *object)
{
  PosSettingsPage *self = POS_SETTINGS_PAGE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (pos_settings_page_parent_class)->dispose (object);
}

static void
pos_settings_page_class_init (PosSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_settings_page_dispose;
  widget_class->map = pos_settings_page_map;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static AdwPreferencesGroup *
new_group (AdwPreferencesPage *page, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static void
pos_settings_page_init (PosSettingsPage *self)
{
  self->rows = g_ptr_array_new ();
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->page), GTK_WIDGET (self));
  self->shop_group
      = new_group (self->page, _ ("Shop"),
                   _ ("Shop details, currency, taxes, rounding, loyalty and receipts: press the tick "
                      "to save a field"));
  self->taxes_group = new_group (self->page, _ ("Tax rates"), _ ("The rates products can use"));
  self->till_group = new_group (self->page, _ ("This till"), _ ("Devices and hub of this machine"));
  self->backups_group
      = new_group (self->page, _ ("Backups"), _ ("Copies of this till's store, taken while it sells"));
  self->users_group = new_group (self->page, _ ("Users"), _ ("Who may sign in, their roles and PINs"));
}
