/* pos-settings-fiscal.c — the shop's fiscal profile, chosen from a list.
 *
 * Saved through pos_shop_setting_set like any shop setting (checked,
 * audited, journalled). A refused choice goes back to the stored one.
 */
#include "pos-settings-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-fiscal-profile.h"
#include "pos-shop.h"

static void
on_profile_selected_cb (AdwComboRow *row, GParamSpec *pspec, PosSettingsPage *self)
{
  PosContext *context = pos_settings_page_get_context (self);
  PosStore *store = pos_context_get_store (context);
  const char *chosen = pos_fiscal_profile_names ()[adw_combo_row_get_selected (row)];
  g_autofree char *stored = pos_shop_setting_get (store, POS_FISCAL_PROFILE_SETTING);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  PosFiscalProfile profile = POS_FISCAL_NONE;

  if (g_strcmp0 (stored, chosen) == 0)
    return;
  if (pos_shop_setting_set (store, pos_context_get_user (context), POS_FISCAL_PROFILE_SETTING, chosen,
                            &error))
    {
      pos_settings_page_toast (self, _ ("Fiscal profile saved: it applies from the next sale"));
      return;
    }
  pos_fiscal_profile_parse (stored, &profile);
  adw_combo_row_set_selected (row, profile);
  message = g_strdup_printf (_ ("Not saved: %s"), error->message);
  pos_settings_page_toast (self, message);
}

void
pos_settings_fiscal_fill (PosSettingsPage *self, AdwPreferencesGroup *group, const char *value)
{
  g_auto (GStrv) titles = pos_fiscal_profile_titles ();
  g_autoptr (GtkStringList) names = gtk_string_list_new ((const char *const *)titles);
  GtkWidget *row = adw_combo_row_new ();
  PosFiscalProfile profile = POS_FISCAL_NONE;

  pos_fiscal_profile_parse (value, &profile);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Fiscal profile"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _ ("The fiscal law receipts follow. AT-RKSV needs its signature device set up "
                                  "(mainstreet-admin fiscal setup-at)"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), profile);
  g_object_set_data (G_OBJECT (row), "pos-key", (gpointer)POS_FISCAL_PROFILE_SETTING);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_profile_selected_cb), self);
  pos_settings_page_add (self, group, row);
}
