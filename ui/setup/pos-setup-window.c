/* pos-setup-window.c — the first-run assistant (see pos-setup-window.h).
 *
 * Each step is a page of the stack; Next checks the step's fields through
 * pos_setup_check_field() and shows each problem beside its field, Back
 * returns without losing what was typed. The plan is read from the widgets
 * whenever it is needed, so going back and changing a field just works.
 */
#include "pos-setup-window-private.h"

#include <glib/gi18n-lib.h>

#include "pos-country.h"
#include "pos-demo.h"

G_DEFINE_FINAL_TYPE (PosSetupWindow, pos_setup_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  SIGNAL_FINISHED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static const guint backup_minutes[] = { 60, 240, 1440 };

static PosSetupKind
chosen_kind (PosSetupWindow *self)
{
  if (gtk_check_button_get_active (self->kind_join))
    return POS_SETUP_JOIN_SHOP;
  if (gtk_check_button_get_active (self->kind_demo))
    return POS_SETUP_DEMO_SHOP;
  return POS_SETUP_NEW_SHOP;
}

static gboolean
populate_demo (PosStore *store, GError **error)
{
  return pos_demo_populate (store, NULL, error);
}

const char *
pos_setup_window_entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The rates as typed; a rate that does not parse is left out here and
 * reported by check_rate_rows(). */
static void
read_rates (PosSetupWindow *self, PosSetupPlan *plan)
{
  g_ptr_array_set_size (plan->tax_rates, 0);
  for (guint i = 0; i < self->rate_rows->len; i++)
    {
      GObject *row = self->rate_rows->pdata[i];
      gint64 bp;

      if (pos_setup_parse_rate (pos_setup_window_entry_text (ADW_ENTRY_ROW (row)), &bp, NULL))
        pos_setup_plan_add_tax_rate (plan, g_object_get_data (row, "code"), g_object_get_data (row, "name"),
                                     bp);
    }
}

static const char *
chosen_printer (PosSetupWindow *self)
{
  if (gtk_check_button_get_active (self->printer_other_check))
    return gtk_editable_get_text (GTK_EDITABLE (self->printer_uri_entry));
  for (guint i = 0; i < self->printer_rows->len; i++)
    {
      GObject *row = self->printer_rows->pdata[i];
      if (gtk_check_button_get_active (g_object_get_data (row, "check")))
        return g_object_get_data (row, "uri");
    }
  return NULL;
}

/* The plan as the widgets show it now. Returns: (transfer full) */
PosSetupPlan *
pos_setup_window_read_plan (PosSetupWindow *self)
{
  PosSetupPlan *plan = pos_setup_plan_new (chosen_kind (self));
  const PosCountry *country = pos_setup_window_country (self);
  guint interval = adw_combo_row_get_selected (self->backup_interval_row);

  plan->populate_demo = populate_demo;
  plan->printer_uri = g_strdup (chosen_printer (self));
  plan->backup_folder = g_strdup (pos_setup_window_entry_text (self->backup_folder_row));
  plan->backup_interval_minutes = backup_minutes[MIN (interval, G_N_ELEMENTS (backup_minutes) - 1)];
  if (plan->kind == POS_SETUP_JOIN_SHOP)
    {
      plan->hub_conninfo = g_strdup (pos_setup_window_entry_text (self->hub_row));
      plan->hub_password = g_strdup (pos_setup_window_entry_text (self->hub_password_row));
      plan->till_id = g_strstrip (g_strdup (pos_setup_window_entry_text (self->join_till_row)));
      return plan;
    }
  if (plan->kind == POS_SETUP_DEMO_SHOP)
    return plan;
  plan->shop_name = g_strdup (pos_setup_window_entry_text (self->shop_name_row));
  plan->shop_address = g_strdup (pos_setup_window_entry_text (self->shop_address_row));
  plan->shop_tax_id = g_strdup (pos_setup_window_entry_text (self->shop_tax_id_row));
  plan->country = country ? g_strdup (country->code) : NULL;
  plan->currency = country ? g_strdup (country->currency) : NULL;
  plan->language = country ? g_strdup (pos_country_language (country)) : NULL;
  plan->tax_mode = gtk_switch_get_active (self->tax_inclusive_switch) ? POS_TAX_INCLUSIVE : POS_TAX_EXCLUSIVE;
  plan->cash_step = pos_setup_window_cash_step (self);
  if (adw_combo_row_get_selected (self->fiscal_profile_row) != POS_FISCAL_NONE)
    plan->fiscal_profile
        = g_strdup (pos_fiscal_profile_names ()[adw_combo_row_get_selected (self->fiscal_profile_row)]);
  read_rates (self, plan);
  plan->owner_name = g_strdup (pos_setup_window_entry_text (self->owner_name_row));
  plan->owner_pin = g_strdup (pos_setup_window_entry_text (self->owner_pin_row));
  plan->owner_pin_again = g_strdup (pos_setup_window_entry_text (self->owner_pin_again_row));
  if (gtk_check_button_get_active (self->products_csv))
    {
      plan->products = POS_SETUP_PRODUCTS_CSV;
      plan->products_file = g_strdup (self->products_file ? self->products_file : "");
      plan->products_format = adw_combo_row_get_selected (self->products_format_row) == 1 ? POS_IMPORT_OSPOS
                                                                                          : POS_IMPORT_NATIVE;
    }
  else if (gtk_check_button_get_active (self->products_demo))
    {
      plan->products = POS_SETUP_PRODUCTS_DEMO;
      plan->add_demo_catalog = pos_demo_add_catalog;
    }
  return plan;
}

/* Field errors: the row turns red and says what is wrong at its end, and
 * a screen reader hears it as the row's description. */
void
pos_setup_window_show_field_error (PosSetupWindow *self, GtkWidget *row, const char *message)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "error-label");

  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption");
      if (ADW_IS_ENTRY_ROW (row))
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "error-label", label);
    }
  gtk_label_set_text (GTK_LABEL (label), message);
  gtk_widget_set_visible (label, TRUE);
  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  g_ptr_array_add (self->error_rows, row);
}

void
pos_setup_window_clear_field_errors (PosSetupWindow *self)
{
  for (guint i = 0; i < self->error_rows->len; i++)
    {
      GtkWidget *row = self->error_rows->pdata[i];
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "error-label"), FALSE);
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  g_ptr_array_set_size (self->error_rows, 0);
}

static GtkWidget *
field_row (PosSetupWindow *self, PosSetupField field)
{
  switch (field)
    {
      case POS_SETUP_FIELD_SHOP_NAME:
        return GTK_WIDGET (self->shop_name_row);
      case POS_SETUP_FIELD_CURRENCY:
        return GTK_WIDGET (self->country_row);
      case POS_SETUP_FIELD_TAX_RATES:
        return self->rate_rows->len ? self->rate_rows->pdata[0] : GTK_WIDGET (self->country_row);
      case POS_SETUP_FIELD_CASH_STEP:
        return GTK_WIDGET (self->cash_step_row);
      case POS_SETUP_FIELD_TILL_ID:
        return GTK_WIDGET (self->join_till_row);
      case POS_SETUP_FIELD_OWNER_NAME:
        return GTK_WIDGET (self->owner_name_row);
      case POS_SETUP_FIELD_OWNER_PIN:
        return GTK_WIDGET (self->owner_pin_row);
      case POS_SETUP_FIELD_OWNER_PIN_AGAIN:
        return GTK_WIDGET (self->owner_pin_again_row);
      case POS_SETUP_FIELD_PRINTER:
        return GTK_WIDGET (self->printer_other);
      case POS_SETUP_FIELD_PRODUCTS_FILE:
        return GTK_WIDGET (self->products_file_row);
      case POS_SETUP_FIELD_HUB:
        return GTK_WIDGET (self->hub_row);
      case POS_SETUP_FIELD_BACKUP_FOLDER:
        return GTK_WIDGET (self->backup_folder_row);
      case POS_SETUP_FIELD_NONE:
        break;
    }
  g_return_val_if_reached (NULL);
}

/* The fields each page asks for. */
static const PosSetupField *
page_fields (const char *page)
{
  static const PosSetupField join[] = { POS_SETUP_FIELD_HUB, POS_SETUP_FIELD_TILL_ID, POS_SETUP_FIELD_NONE };
  static const PosSetupField shop[]
      = { POS_SETUP_FIELD_SHOP_NAME, POS_SETUP_FIELD_CURRENCY, POS_SETUP_FIELD_TAX_RATES,
          POS_SETUP_FIELD_CASH_STEP, POS_SETUP_FIELD_NONE };
  static const PosSetupField owner[] = { POS_SETUP_FIELD_OWNER_NAME, POS_SETUP_FIELD_OWNER_PIN,
                                         POS_SETUP_FIELD_OWNER_PIN_AGAIN, POS_SETUP_FIELD_NONE };
  static const PosSetupField printer[] = { POS_SETUP_FIELD_PRINTER, POS_SETUP_FIELD_NONE };
  static const PosSetupField products[] = { POS_SETUP_FIELD_PRODUCTS_FILE, POS_SETUP_FIELD_NONE };
  static const PosSetupField backups[] = { POS_SETUP_FIELD_BACKUP_FOLDER, POS_SETUP_FIELD_NONE };
  static const PosSetupField none[] = { POS_SETUP_FIELD_NONE };

  return g_str_equal (page, "join")       ? join
         : g_str_equal (page, "shop")     ? shop
         : g_str_equal (page, "owner")    ? owner
         : g_str_equal (page, "printer")  ? printer
         : g_str_equal (page, "products") ? products
         : g_str_equal (page, "backups")  ? backups
                                          : none;
}

/* Each rate row's own problem, beside it. */
static gboolean
check_rate_rows (PosSetupWindow *self)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < self->rate_rows->len; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 bp;

      if (!pos_setup_parse_rate (pos_setup_window_entry_text (self->rate_rows->pdata[i]), &bp, &error))
        {
          pos_setup_window_show_field_error (self, self->rate_rows->pdata[i], error->message);
          ok = FALSE;
        }
    }
  return ok;
}

/* Checks the page's fields, showing every problem at once. */
gboolean
pos_setup_window_check_page (PosSetupWindow *self, const char *page)
{
  g_autoptr (PosSetupPlan) plan = pos_setup_window_read_plan (self);
  gboolean ok = TRUE;

  pos_setup_window_clear_field_errors (self);
  for (const PosSetupField *f = page_fields (page); *f != POS_SETUP_FIELD_NONE; f++)
    {
      g_autoptr (GError) error = NULL;

      if (!pos_setup_check_field (plan, *f, &error))
        {
          pos_setup_window_show_field_error (self, field_row (self, *f), error->message);
          ok = FALSE;
        }
    }
  if (g_str_equal (page, "shop"))
    ok = check_rate_rows (self) && ok;
  if (g_str_equal (page, "products") && plan->products == POS_SETUP_PRODUCTS_CSV && ok && !self->preview_ok)
    {
      pos_setup_window_show_field_error (self, GTK_WIDGET (self->products_file_row),
                                         _ ("Fix the lines listed below, or start with no products"));
      ok = FALSE;
    }
  return ok;
}

/* The page after @page for the chosen kind of setup; NULL: time to apply. */
static const char *
next_page (PosSetupWindow *self, const char *page)
{
  PosSetupKind kind = chosen_kind (self);

  if (g_str_equal (page, "start"))
    return kind == POS_SETUP_NEW_SHOP ? "shop" : kind == POS_SETUP_JOIN_SHOP ? "join" : NULL;
  if (g_str_equal (page, "join") || g_str_equal (page, "owner"))
    return "printer";
  if (g_str_equal (page, "shop"))
    return "owner";
  if (g_str_equal (page, "printer"))
    return kind == POS_SETUP_NEW_SHOP ? "products" : "backups";
  if (g_str_equal (page, "products"))
    return "backups";
  return NULL;
}

static guint
count_steps (PosSetupWindow *self)
{
  guint n = 1;

  for (const char *page = "start"; (page = next_page (self, page)) != NULL;)
    n++;
  return n;
}

/* Where keyboard input goes on each page. */
static GtkWidget *
first_field (PosSetupWindow *self, const char *page)
{
  if (g_str_equal (page, "join"))
    return GTK_WIDGET (self->hub_row);
  if (g_str_equal (page, "shop"))
    return GTK_WIDGET (self->shop_name_row);
  if (g_str_equal (page, "owner"))
    return GTK_WIDGET (self->owner_name_row);
  if (g_str_equal (page, "printer"))
    return GTK_WIDGET (self->printer_none);
  if (g_str_equal (page, "products"))
    return GTK_WIDGET (self->products_empty);
  if (g_str_equal (page, "backups"))
    return GTK_WIDGET (self->backup_folder_row);
  return GTK_WIDGET (self->kind_new);
}

/* Buttons, title and focus follow the page shown. */
static void
pos_setup_window_update (PosSetupWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean last = next_page (self, page) == NULL;
  g_autofree char *step = g_strdup_printf (_ ("Step %u of %u"), self->history.length + 1, count_steps (self));

  adw_window_title_set_subtitle (self->title, step);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->history.length > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), !self->busy);
  gtk_button_set_label (self->next_button,
                        !last                                       ? _ ("_Next")
                        : chosen_kind (self) == POS_SETUP_DEMO_SHOP ? _ ("_Open the Demo Shop")
                        : chosen_kind (self) == POS_SETUP_JOIN_SHOP ? _ ("_Join the Shop")
                                                                    : _ ("_Create the Shop"));
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  if (g_str_equal (page, "printer"))
    pos_setup_window_find_printers (self);
}

static void
show_page (PosSetupWindow *self, const char *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  pos_setup_window_update (self);
  gtk_widget_grab_focus (first_field (self, page));
}

void
pos_setup_window_set_busy (PosSetupWindow *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !busy);
  pos_setup_window_update (self);
}

static void
show_toast (PosSetupWindow *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
on_applied_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSetupWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_setup_apply_finish (result, &error))
    {
      pos_setup_window_set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

/* The one write: everything the steps gathered, at once. */
static void
apply_plan (PosSetupWindow *self)
{
  g_autoptr (PosSetupPlan) plan = pos_setup_window_read_plan (self);

  pos_setup_window_set_busy (self, TRUE);
  pos_setup_apply_async (plan, self->store_path, self->settings, self->cancellable, on_applied_cb,
                         g_object_ref (self));
}

static void
go_forward (PosSetupWindow *self, const char *page)
{
  const char *next = next_page (self, page);

  if (next == NULL)
    {
      apply_plan (self);
      return;
    }
  g_queue_push_tail (&self->history, g_strdup (page));
  show_page (self, next);
}

static void
on_hub_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSetupWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  pos_setup_window_set_busy (self, FALSE);
  if (!pos_setup_check_hub_finish (result, &error))
    pos_setup_window_show_field_error (self, GTK_WIDGET (self->hub_row), error->message);
  else
    go_forward (self, "join");
}

static void
on_next_button_clicked_cb (PosSetupWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (self->busy || !pos_setup_window_check_page (self, page))
    return;
  /* Joining: the hub must answer before anything else is asked. */
  if (g_str_equal (page, "join"))
    {
      g_autoptr (PosSetupPlan) plan = pos_setup_window_read_plan (self);
      pos_setup_window_set_busy (self, TRUE);
      pos_setup_check_hub_async (plan, self->cancellable, on_hub_checked_cb, g_object_ref (self));
      return;
    }
  go_forward (self, page);
}

static void
on_back_button_clicked_cb (PosSetupWindow *self)
{
  g_autofree char *page = g_queue_pop_tail (&self->history);

  if (page == NULL || self->busy)
    return;
  pos_setup_window_clear_field_errors (self);
  show_page (self, page);
}

/* Enter in a field moves to the next field of its group, and from the
 * last one on to the next step. */
void
pos_setup_window_on_row_activated_cb (PosSetupWindow *self, AdwEntryRow *row)
{
  GtkWidget *next = gtk_widget_get_next_sibling (GTK_WIDGET (row));

  if (next != NULL && ADW_IS_ENTRY_ROW (next))
    gtk_widget_grab_focus (next);
  else
    on_next_button_clicked_cb (self);
}

static void
on_kind_toggled_cb (PosSetupWindow *self)
{
  pos_setup_window_update (self);
}

/* The app's settings, when its schema is installed (or found next to the
 * build); without, backups are set later in Settings. */
static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source == NULL
      || (schema = g_settings_schema_source_lookup (source, "org.mainstreet.Mainstreet", TRUE)) == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
pos_setup_window_dispose (GObject *object)
{
  PosSetupWindow *self = POS_SETUP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_SETUP_WINDOW);
  G_OBJECT_CLASS (pos_setup_window_parent_class)->dispose (object);
}

static void
pos_setup_window_finalize (GObject *object)
{
  PosSetupWindow *self = POS_SETUP_WINDOW (object);

  g_queue_clear_full (&self->history, g_free);
  g_clear_pointer (&self->rate_rows, g_ptr_array_unref);
  g_clear_pointer (&self->printer_rows, g_ptr_array_unref);
  g_clear_pointer (&self->error_rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_free (self->store_path);
  g_free (self->products_file);
  G_OBJECT_CLASS (pos_setup_window_parent_class)->finalize (object);
}

static void
pos_setup_window_class_init (PosSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_setup_window_dispose;
  object_class->finalize = pos_setup_window_finalize;
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                           NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/setup/pos-setup-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PosSetupWindow, name)
  BIND (title);
  BIND (back_button);
  BIND (next_button);
  BIND (spinner);
  BIND (stack);
  BIND (toasts);
  BIND (kind_new);
  BIND (kind_join);
  BIND (kind_demo);
  BIND (hub_row);
  BIND (join_till_row);
  BIND (hub_password_row);
  BIND (shop_name_row);
  BIND (shop_address_row);
  BIND (shop_tax_id_row);
  BIND (country_row);
  BIND (currency_row);
  BIND (tax_inclusive_switch);
  BIND (cash_step_row);
  BIND (fiscal_profile_row);
  BIND (rates_group);
  BIND (owner_name_row);
  BIND (owner_pin_row);
  BIND (owner_pin_again_row);
  BIND (printers_group);
  BIND (printer_none);
  BIND (printer_other);
  BIND (printer_other_check);
  BIND (printer_uri_entry);
  BIND (test_print_row);
  BIND (products_empty);
  BIND (products_csv);
  BIND (products_demo);
  BIND (test_print_picture);
  BIND (products_file_row);
  BIND (products_format_row);
  BIND (preview_group);
  BIND (preview_label);
  BIND (backup_folder_row);
  BIND (backup_interval_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_next_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_row_activated_cb",
                                                G_CALLBACK (pos_setup_window_on_row_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_country_row_selected_cb",
                                                G_CALLBACK (pos_setup_window_on_country_row_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_printer_uri_changed_cb",
                                                G_CALLBACK (pos_setup_window_on_printer_uri_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_test_print_clicked_cb",
                                                G_CALLBACK (pos_setup_window_on_test_print_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_products_changed_cb",
                                                G_CALLBACK (pos_setup_window_on_products_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_choose_file_clicked_cb",
                                                G_CALLBACK (pos_setup_window_on_choose_file_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_choose_folder_clicked_cb",
                                                G_CALLBACK (pos_setup_window_on_choose_folder_clicked_cb));
}

static void
pos_setup_window_init (PosSetupWindow *self)
{
  self->rate_rows = g_ptr_array_new ();
  self->printer_rows = g_ptr_array_new ();
  self->error_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->history);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = lookup_settings ();
  pos_setup_window_fill_countries (self);
  g_signal_connect_swapped (self->kind_new, "toggled", G_CALLBACK (on_kind_toggled_cb), self);
  g_signal_connect_swapped (self->kind_join, "toggled", G_CALLBACK (on_kind_toggled_cb), self);
  g_signal_connect_swapped (self->kind_demo, "toggled", G_CALLBACK (on_kind_toggled_cb), self);
  show_page (self, "start");
}

PosSetupWindow *
pos_setup_window_new (GtkApplication *application, const char *store_path)
{
  PosSetupWindow *self = g_object_new (POS_TYPE_SETUP_WINDOW, "application", application, NULL);

  g_return_val_if_fail (store_path != NULL, NULL);
  self->store_path = g_strdup (store_path);
  return self;
}
