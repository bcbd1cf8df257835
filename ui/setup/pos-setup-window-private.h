/* pos-setup-window-private.h — shared by the assistant's files: the
 * window's widgets and what its steps call back into. */
#pragma once

#include "pos-country.h"
#include "pos-fiscal-profile.h"
#include "pos-setup-window.h"
#include "pos-setup.h"

G_BEGIN_DECLS

struct _PosSetupWindow
{
  AdwApplicationWindow parent_instance;

  AdwWindowTitle *title;
  GtkButton *back_button;
  GtkButton *next_button;
  GtkSpinner *spinner;
  GtkStack *stack;
  AdwToastOverlay *toasts;
  GtkCheckButton *kind_new;
  GtkCheckButton *kind_join;
  GtkCheckButton *kind_demo;
  AdwEntryRow *hub_row;
  AdwEntryRow *join_till_row;
  AdwEntryRow *hub_password_row;
  AdwEntryRow *shop_name_row;
  AdwEntryRow *shop_address_row;
  AdwEntryRow *shop_tax_id_row;
  AdwComboRow *country_row;
  AdwActionRow *currency_row;
  GtkSwitch *tax_inclusive_switch;
  AdwComboRow *cash_step_row;
  AdwComboRow *fiscal_profile_row;
  AdwPreferencesGroup *rates_group;
  AdwEntryRow *owner_name_row;
  AdwEntryRow *owner_pin_row;
  AdwEntryRow *owner_pin_again_row;
  AdwPreferencesGroup *printers_group;
  GtkCheckButton *printer_none;
  AdwActionRow *printer_other;
  GtkCheckButton *printer_other_check;
  GtkEntry *printer_uri_entry;
  AdwActionRow *test_print_row;
  GtkCheckButton *products_empty;
  GtkCheckButton *products_csv;
  GtkCheckButton *products_demo;
  GtkPicture *test_print_picture;
  AdwActionRow *products_file_row;
  AdwComboRow *products_format_row;
  AdwPreferencesGroup *preview_group;
  GtkLabel *preview_label;
  AdwEntryRow *backup_folder_row;
  AdwComboRow *backup_interval_row;

  char *store_path;
  GSettings *settings;
  GCancellable *cancellable;
  GPtrArray *rate_rows;    /* AdwEntryRow per tax rate, data "code" and "name" */
  GPtrArray *printer_rows; /* found printers, data "uri" */
  GPtrArray *error_rows;   /* rows showing an error now */
  GQueue history;          /* names of the pages behind the current one */
  char *products_file;
  gboolean preview_ok;
  gboolean printers_searched;
  gboolean busy;
};

/* pos-setup-window.c */
const char *pos_setup_window_entry_text (AdwEntryRow *row);
/* The plan as the widgets show it now. Returns: (transfer full) */
PosSetupPlan *pos_setup_window_read_plan (PosSetupWindow *self);
void pos_setup_window_show_field_error (PosSetupWindow *self, GtkWidget *row, const char *message);
void pos_setup_window_clear_field_errors (PosSetupWindow *self);
gboolean pos_setup_window_check_page (PosSetupWindow *self, const char *page);
void pos_setup_window_set_busy (PosSetupWindow *self, gboolean busy);
void pos_setup_window_on_row_activated_cb (PosSetupWindow *self, AdwEntryRow *row);

/* pos-setup-window-steps.c */
const PosCountry *pos_setup_window_country (PosSetupWindow *self);
PosAmount pos_setup_window_cash_step (PosSetupWindow *self);
void pos_setup_window_fill_countries (PosSetupWindow *self);
void pos_setup_window_find_printers (PosSetupWindow *self);
void pos_setup_window_on_country_row_selected_cb (PosSetupWindow *self);
void pos_setup_window_on_printer_uri_changed_cb (PosSetupWindow *self);
void pos_setup_window_on_test_print_clicked_cb (PosSetupWindow *self);
void pos_setup_window_on_products_changed_cb (PosSetupWindow *self);
void pos_setup_window_on_choose_file_clicked_cb (PosSetupWindow *self);
void pos_setup_window_on_choose_folder_clicked_cb (PosSetupWindow *self);

G_END_DECLS
