/* pos-setup-window-steps.c — the steps with more to them than fields: the
 * country's presets, the printers found, the products preview (see
 * pos-setup-window.c for the navigation and the plan). */
#include "pos-setup-window-private.h"

#include <glib/gi18n-lib.h>

#include "pos-country.h"
#include "pos-printers.h"

/* "the smallest coin", "5 cents", "10 cents" in the cash rounding row. */
static const PosAmount cash_steps[] = { 0, 5, 10 };

const PosCountry *
pos_setup_window_country (PosSetupWindow *self)
{
  guint i = adw_combo_row_get_selected (self->country_row);

  return i == GTK_INVALID_LIST_POSITION ? NULL : pos_country_list ()[i];
}

PosAmount
pos_setup_window_cash_step (PosSetupWindow *self)
{
  return cash_steps[MIN (adw_combo_row_get_selected (self->cash_step_row), G_N_ELEMENTS (cash_steps) - 1)];
}

/* One entry row per tax rate of the country, the percent editable. */
static void
fill_rate_rows (PosSetupWindow *self, const PosCountry *country)
{
  for (guint i = 0; i < self->rate_rows->len; i++)
    adw_preferences_group_remove (self->rates_group, self->rate_rows->pdata[i]);
  g_ptr_array_set_size (self->rate_rows, 0);
  for (guint i = 0; i < pos_country_rate_count (country); i++)
    {
      const PosCountryRate *rate = &country->rates[i];
      GtkWidget *row = adw_entry_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s, %%", rate->code, rate->name);
      g_autofree char *percent = pos_setup_format_rate (rate->rate_bp);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), percent);
      g_object_set_data_full (G_OBJECT (row), "code", g_strdup (rate->code), g_free);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (rate->name), g_free);
      g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (pos_setup_window_on_row_activated_cb),
                                self);
      adw_preferences_group_add (self->rates_group, row);
      g_ptr_array_add (self->rate_rows, row);
    }
}

void
pos_setup_window_on_country_row_selected_cb (PosSetupWindow *self)
{
  const PosCountry *country = pos_setup_window_country (self);
  const PosCurrency *currency;
  guint step = 0;

  if (country == NULL || self->rate_rows == NULL)
    return;
  currency = pos_currency_lookup (country->currency);
  adw_action_row_set_subtitle (self->currency_row, currency ? currency->code : country->currency);
  gtk_switch_set_active (self->tax_inclusive_switch, country->tax_mode == POS_TAX_INCLUSIVE);
  for (guint i = 0; i < G_N_ELEMENTS (cash_steps); i++)
    if (cash_steps[i] == country->cash_step)
      step = i;
  adw_combo_row_set_selected (self->cash_step_row, step);
  fill_rate_rows (self, country);
}

/* The country of the session's locale ("de_CH.UTF-8" → CH), if we have it. */
static guint
locale_country (void)
{
  const char *const *names = g_get_language_names ();
  const PosCountry *const *list = pos_country_list ();

  for (; *names != NULL; names++)
    {
      const char *sep = strchr (*names, '_');
      g_autofree char *code = sep ? g_strndup (sep + 1, 2) : NULL;

      for (guint i = 0; code != NULL && list[i] != NULL; i++)
        if (g_ascii_strcasecmp (list[i]->code, code) == 0)
          return i;
    }
  return 0;
}

void
pos_setup_window_fill_countries (PosSetupWindow *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_auto (GStrv) profile_titles = pos_fiscal_profile_titles ();
  g_autoptr (GtkStringList) profiles = gtk_string_list_new ((const char *const *)profile_titles);

  for (const PosCountry *const *c = pos_country_list (); *c != NULL; c++)
    gtk_string_list_append (names, _ ((*c)->name));
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->country_row, locale_country ());
  pos_setup_window_on_country_row_selected_cb (self);
  adw_combo_row_set_model (self->fiscal_profile_row, G_LIST_MODEL (profiles));
  adw_combo_row_set_selected (self->fiscal_profile_row, POS_FISCAL_NONE);
}

static void
add_printer_row (PosSetupWindow *self, const PosPrinterInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->printer_none);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 info->description ? info->description : info->uri);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), info->uri);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (info->uri), g_free);
  g_object_set_data (G_OBJECT (row), "check", check);
  adw_preferences_group_add (self->printers_group, row);
  g_ptr_array_add (self->printer_rows, row);
}

static void
on_printers_found_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSetupWindow) self = user_data;
  g_autoptr (GPtrArray) printers = pos_setup_find_printers_finish (result, NULL);

  if (printers == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  for (guint i = 0; i < printers->len; i++)
    add_printer_row (self, printers->pdata[i]);
}

/* Looks once, when the step is first shown: CUPS may take a moment. */
void
pos_setup_window_find_printers (PosSetupWindow *self)
{
  if (self->printers_searched)
    return;
  self->printers_searched = TRUE;
  pos_setup_find_printers_async (self->cancellable, on_printers_found_cb, g_object_ref (self));
}

void
pos_setup_window_on_printer_uri_changed_cb (PosSetupWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->printer_uri_entry)) != '\0')
    gtk_check_button_set_active (self->printer_other_check, TRUE);
}

static void
on_test_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSetupWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = pos_setup_test_print_finish (result, &error);
  g_autoptr (GdkTexture) page = NULL;
  g_autoptr (PosSetupPlan) plan = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  pos_setup_window_set_busy (self, FALSE);
  pos_setup_window_clear_field_errors (self);
  if (png != NULL)
    page = gdk_texture_new_from_bytes (png, &error);
  gtk_picture_set_paintable (self->test_print_picture, GDK_PAINTABLE (page));
  gtk_widget_set_visible (GTK_WIDGET (self->test_print_picture), page != NULL);
  if (page == NULL)
    {
      pos_setup_window_show_field_error (self, GTK_WIDGET (self->test_print_row), error->message);
      return;
    }
  plan = pos_setup_window_read_plan (self);
  adw_action_row_set_subtitle (self->test_print_row, plan->printer_uri == NULL || *plan->printer_uri == '\0'
                                                         ? _ ("No printer: this is how the page would look")
                                                         : _ ("Sent to the printer: check the page"));
}

void
pos_setup_window_on_test_print_clicked_cb (PosSetupWindow *self)
{
  g_autoptr (PosSetupPlan) plan = pos_setup_window_read_plan (self);

  if (self->busy || !pos_setup_window_check_page (self, "printer"))
    return;
  pos_setup_window_set_busy (self, TRUE);
  pos_setup_test_print_async (plan, self->cancellable, on_test_printed_cb, g_object_ref (self));
}

static void
show_preview (PosSetupWindow *self, const PosImportReport *report)
{
  g_autoptr (GString) text = g_string_new (NULL);

  /* TRANSLATORS: the first part of an import's preview; ", %u updated"
   * and a full stop may follow. */
  g_string_append_printf (text, dngettext (GETTEXT_PACKAGE, "%u line read", "%u lines read", report->rows),
                          report->rows);
  g_string_append_printf (
      text,
      dngettext (GETTEXT_PACKAGE, ": %u product will be added", ": %u products will be added", report->added),
      report->added);
  if (report->updated > 0)
    g_string_append_printf (
        text, dngettext (GETTEXT_PACKAGE, ", %u updated", ", %u updated", report->updated), report->updated);
  g_string_append (text, ".");
  for (guint i = 0; i < report->row_errors->len && i < 20; i++)
    g_string_append_printf (text, "\n%s", (const char *)report->row_errors->pdata[i]);
  if (report->row_errors->len > 20)
    g_string_append_printf (text,
                            dngettext (GETTEXT_PACKAGE, "\n… and %u more problem", "\n… and %u more problems",
                                       report->row_errors->len - 20),
                            report->row_errors->len - 20);
  gtk_label_set_text (self->preview_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), TRUE);
}

static void
on_preview_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSetupWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = pos_setup_preview_products_finish (result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  pos_setup_window_set_busy (self, FALSE);
  pos_setup_window_clear_field_errors (self);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), report != NULL);
  if (report == NULL)
    {
      pos_setup_window_show_field_error (self, GTK_WIDGET (self->products_file_row), error->message);
      return;
    }
  self->preview_ok = report->row_errors->len == 0;
  show_preview (self, report);
}

/* Every change of file or format is checked at once, so the owner sees
 * each line's problem before anything is written. */
void
pos_setup_window_on_products_changed_cb (PosSetupWindow *self)
{
  g_autoptr (PosSetupPlan) plan = NULL;

  self->preview_ok = FALSE;
  if (self->products_file == NULL || self->rate_rows == NULL)
    return;
  gtk_check_button_set_active (self->products_csv, TRUE);
  plan = pos_setup_window_read_plan (self);
  pos_setup_window_set_busy (self, TRUE);
  pos_setup_preview_products_async (plan, self->cancellable, on_preview_done_cb, g_object_ref (self));
}

static void
on_file_chosen_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  PosSetupWindow *self = user_data;
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gboolean folder
      = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (response == GTK_RESPONSE_ACCEPT && file != NULL && folder)
    {
      g_autofree char *path = g_file_get_path (file);
      gtk_editable_set_text (GTK_EDITABLE (self->backup_folder_row), path ? path : "");
    }
  else if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      g_free (self->products_file);
      self->products_file = g_file_get_path (file);
      adw_action_row_set_subtitle (self->products_file_row, self->products_file);
      pos_setup_window_on_products_changed_cb (self);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose (PosSetupWindow *self, const char *title, GtkFileChooserAction action)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, NULL, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
pos_setup_window_on_choose_file_clicked_cb (PosSetupWindow *self)
{
  choose (self, _ ("Products to Import"), GTK_FILE_CHOOSER_ACTION_OPEN);
}

void
pos_setup_window_on_choose_folder_clicked_cb (PosSetupWindow *self)
{
  choose (self, _ ("Backup Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}
