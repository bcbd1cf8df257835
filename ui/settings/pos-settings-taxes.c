/* pos-settings-taxes.c — the tax rates group of the settings page.
 *
 * Rates are listed as the receipts print them (code, name, percent); a new
 * one is added through app/pos-shop.h, which checks, audits and journals
 * it. A rate is never edited in place: past sales keep the rate they used.
 */
#include "pos-settings-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-shop.h"
#include "pos-tax-rate.h"

/* "20", "5.5" or "7.25 %" → basis points; FALSE for anything else. */
static gboolean
parse_percent (const char *text, gint64 *out_bp, GError **error)
{
  g_autofree char *clean = g_strstrip (g_strdelimit (g_strdup (text), "%", ' '));
  PosQty thousandths;

  /* A percent with at most two decimals is a whole number of basis
   * points: read it as a quantity (thousandths) and check the last digit. */
  if (!pos_qty_parse (clean, &thousandths, NULL) || thousandths < 0 || thousandths % 10 != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("\"%s\" is no tax rate: give a percent such as 20 or 5.5"), text);
      return FALSE;
    }
  *out_bp = thousandths / 10;
  return TRUE;
}

static void
on_add_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  g_autoptr (PosSettingsPage) self = user_data;
  PosContext *context = pos_settings_page_get_context (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  gint64 bp = 0;

  if (answers == NULL)
    return;
  code = g_strstrip (g_strdup (answers[0]));
  name = g_strstrip (g_strdup (answers[1]));
  if (!parse_percent (answers[2], &bp, &error)
      || !pos_shop_add_tax_rate (pos_context_get_store (context), pos_context_get_user (context), code, name,
                                 bp, &error))
    {
      pos_settings_page_toast (self, error->message);
      return;
    }
  pos_settings_page_toast (self, _ ("Tax rate added"));
  pos_settings_page_reload (self);
}

static void
on_add_button_clicked_cb (GtkButton *button, PosSettingsPage *self)
{
  const char *const fields[]
      = { _ ("Code printed on receipts (A, B, …)"), _ ("Name"), _ ("Rate in %"), NULL };

  pos_ask_form (GTK_WIDGET (self), _ ("Add a tax rate"),
                _ ("Products use it once it is chosen in the catalog"), fields, NULL, 0, on_add_answered_cb,
                g_object_ref (self));
}

/* One row per rate, "A · Standard" and "20 %". */
static void
add_rate_rows (PosSettingsPage *self, AdwPreferencesGroup *group)
{
  PosContext *context = pos_settings_page_get_context (self);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rates = pos_tax_rate_list (pos_context_get_store (context), TRUE, &error);

  if (rates == NULL)
    {
      pos_settings_page_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < rates->len; i++)
    {
      const PosTaxRate *rate = g_ptr_array_index (rates, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_printf_escaped ("%s · %s", rate->code, rate->name);
      g_autofree char *text
          = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %%%s", rate->rate_bp / 100,
                             rate->rate_bp % 100, rate->active ? "" : _ (" (inactive)"));
      GtkWidget *label = gtk_label_new (text);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      pos_settings_page_add (self, group, row);
    }
}

void
pos_settings_taxes_fill (PosSettingsPage *self, AdwPreferencesGroup *group)
{
  GtkWidget *add = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_ ("Add a rate…"));

  add_rate_rows (self, group);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _ ("New tax rate"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_button_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add), button);
  pos_settings_page_add (self, group, add);
}
