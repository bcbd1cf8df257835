/* pos-window.c — the till window: sign-in, the header and the pages.
 *
 * The window owns the keyboard-wedge scan controller, so a scan works
 * wherever the focus is, and routes scans to the sale page. Pages talk back
 * through signals ("add-toast"); the window never reaches into them beyond
 * their public functions.
 */
#include "pos-window.h"

#include "pos-i18n.h"

#include "pos-ask.h"
#include "pos-format.h"
#include "pos-page-list.h"
#include "pos-permission.h"
#include "pos-shift.h"
#include "pos-shop.h"
#include "pos-version.h"
#include "pos-scan-controller.h"
#include "pos-training-banner.h"
#include "sale/pos-sale-page.h"
#include "login/pos-login-page.h"
#include "payment/pos-payment-page.h"
#include "payment/pos-refund-page.h"
#include "customers/pos-customers-page.h"
#include "history/pos-history-page.h"
#include "owner/pos-owner-page.h"
#include "promo/pos-promotions-page.h"
#include "reports/pos-reports-page.h"
#include "settings/pos-settings-page.h"
#include "stock/pos-receiving-page.h"
#include "stock/pos-stock-page.h"
#include "stock/pos-stock-take-page.h"

#define SYNC_REFRESH_SECONDS 15
#define CHECK_DELAY_SECONDS 3
/* "Backed up 5 min ago" stays true to the minute, and overdue shows up. */
#define BACKUP_REFRESH_SECONDS 60
/* Narrower than this, the page list is an overlay opened with a button
 * or Alt+0, so the sale page keeps the whole width of a 1024 px screen. */
#define SIDEBAR_MIN_WINDOW_WIDTH 1200

struct _PosWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkToggleButton *pages_button;
  AdwFlap *flap;
  GtkListBox *page_list;
  GtkLabel *till_label;
  GtkLabel *cashier_label;
  GtkImage *printer_image;
  GtkImage *scanner_image;
  GtkImage *sync_image;
  GtkLabel *sync_label;
  GtkLabel *backup_label;
  GtkRevealer *backup_banner;
  GtkLabel *backup_banner_label;
  PosTrainingBanner *training_banner;
  GtkStack *main_stack;
  AdwViewStack *view_stack;
  PosLoginPage *login_page;
  PosSalePage *sale_page;
  PosStockPage *stock_page;
  PosReceivingPage *receiving_page;
  PosStockTakePage *stock_take_page;
  PosPaymentPage *payment_page;
  PosRefundPage *refund_page;
  PosReportsPage *reports_page;
  PosHistoryPage *history_page;
  PosCustomersPage *customers_page;
  PosOwnerPage *owner_page;
  PosSettingsPage *settings_page;

  PosApplication *application;
  PosContext *context;
  PosScanController *scan_controller;
  guint sync_source;
  guint check_source;
  guint backup_source;
  guint fold_source;
  PosBackupStatus backup_status; /* as last shown, to log changes once */
  gint64 default_float;          /* < 0: ask the first cashier */
  char *language;                /* the pages were built in: a user's, or "" for the till's */
};

/* The language the screen speaks now, which the next window is built in. */
static char *screen_language;

G_DEFINE_FINAL_TYPE (PosWindow, pos_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  SIGNAL_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
pos_window_add_toast (PosWindow *self, AdwToast *toast)
{
  g_return_if_fail (POS_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_page_add_toast_cb (PosWindow *self, AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static gboolean
signed_in (PosWindow *self)
{
  return !g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "login");
}

/* Enables the window's actions for what the till shows: switching user
 * and pages needs someone signed in. The one place that decides it, so
 * handlers need not check. */
static void
update_actions (PosWindow *self)
{
  gboolean in = signed_in (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-user", in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-pages", in);
  gtk_widget_set_visible (GTK_WIDGET (self->pages_button), in);
  /* The next cashier starts on a sale page with nothing over it. */
  if (!in && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.training", in);
}

/* Shows the pages the signed-in user's role may use. */
static void
update_pages_for_role (PosWindow *self)
{
  const PosUser *user = pos_context_get_user (self->context);
  static const struct
  {
    const char *name;
    PosAction action;
  } gated[] = {
    { "stock", POS_ACTION_EDIT_CATALOG },      { "customers", POS_ACTION_CUSTOMER_DATA },
    { "reports", POS_ACTION_CLOSE_DAY },       { "owner", POS_ACTION_SETTINGS },
    { "settings", POS_ACTION_SETTINGS },       { "receiving", POS_ACTION_ADJUST_STOCK },
    { "stock-take", POS_ACTION_ADJUST_STOCK }, { "promotions", POS_ACTION_EDIT_CATALOG },
  };

  for (guint i = 0; i < G_N_ELEMENTS (gated); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, gated[i].name);
      gboolean may = user != NULL && pos_role_may (user->role, gated[i].action);

      if (child != NULL)
        adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, child), may);
    }
  /* A group's heading goes with its first page the role may use. */
  gtk_list_box_invalidate_headers (self->page_list);
}

/* "10:42" today, "27 Nov 10:42" before; "never" for 0. (transfer full) */
static char *
format_sync_time (gint64 real_us)
{
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (real_us <= 0)
    return g_strdup ("never");
  when = g_date_time_new_from_unix_local (real_us / G_USEC_PER_SEC);
  if (g_date_time_get_year (when) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  return g_date_time_format (when, "%d %b %H:%M");
}

/* The hub's state in the header: online or offline, the last sync and
 * what is still to send; without a hub, just that there is none. */
static void
update_sync_status (PosWindow *self)
{
  gint64 unsynced = pos_context_get_unsynced (self->context);
  gboolean hub = pos_context_get_hub_configured (self->context);
  gboolean online = pos_context_get_online (self->context);
  const char *error = pos_context_get_sync_error (self->context);
  g_autofree char *when = format_sync_time (pos_context_get_last_sync (self->context));
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->sync_image), hub);
  if (!hub)
    {
      /* Nothing is ever sent without a hub: a count to send would alarm. */
      text = g_strdup (_ ("No hub"));
      tip = g_strdup (_ ("No hub is set up for this till: sales are kept here"));
    }
  else
    {
      /* TRANSLATORS: the hub's state, when it last synced, and how many
       * sales wait to be sent: "Online · synced 09:15 · 3 unsynced" */
      text = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%s · %s %s · %d unsynced",
                                         "%s · %s %s · %d unsynced", (gulong)unsynced),
                              online ? _ ("Online") : _ ("Offline"), online ? _ ("synced") : _ ("last sync"),
                              when, (int)unsynced);
      tip = error != NULL
                ? g_strdup_printf (_ ("Hub: %s\nSales are kept here and sent when it answers"), error)
                : g_strdup (_ ("Connected to the hub"));
    }
  gtk_image_set_from_icon_name (self->sync_image,
                                online ? "network-transmit-receive-symbolic" : "network-offline-symbolic");
  gtk_label_set_text (self->sync_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_label), tip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_image), tip);
  if (hub && !online)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "warning");
}

/* The owner sees how fresh the newest backup is; everybody sees a backup
 * that failed or is overdue, until it is put right. */
static void
update_backup_status (PosWindow *self)
{
  PosBackupScheduler *backups = pos_context_get_backups (self->context);
  const PosUser *user = pos_context_get_user (self->context);
  PosBackupStatus status = pos_backup_scheduler_get_status (backups);
  g_autofree char *text = pos_backup_scheduler_describe (backups);
  gboolean warn = status == POS_BACKUP_STATUS_FAILED || status == POS_BACKUP_STATUS_OVERDUE;
  GtkWidget *banner_box = gtk_revealer_get_child (self->backup_banner);

  /* The header has room for a few words; the whole sentence is the
   * tooltip and, when something is wrong, the banner. */
  gtk_label_set_text (self->backup_label, status == POS_BACKUP_STATUS_OK        ? text
                                          : status == POS_BACKUP_STATUS_FAILED  ? _ ("Backup failed")
                                          : status == POS_BACKUP_STATUS_OVERDUE ? _ ("Backup overdue")
                                                                                : _ ("Backups off"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->backup_label), text);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_label), user != NULL && user->role == POS_ROLE_OWNER);
  if (status == POS_BACKUP_STATUS_OK)
    gtk_widget_remove_css_class (GTK_WIDGET (self->backup_label), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->backup_label), "warning");
  gtk_label_set_text (self->backup_banner_label, text);
  if (status == POS_BACKUP_STATUS_FAILED)
    gtk_widget_add_css_class (banner_box, "failed");
  else
    gtk_widget_remove_css_class (banner_box, "failed");
  gtk_revealer_set_reveal_child (self->backup_banner, warn);
  /* In the till's log too, once per change, for whoever looks after it. */
  if (warn && status != self->backup_status)
    g_message ("Backups: %s", text);
  self->backup_status = status;
}

static gboolean
on_backup_refresh_cb (gpointer user_data)
{
  update_backup_status (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_header (PosWindow *self)
{
  const PosUser *user = pos_context_get_user (self->context);
  const char *printer = pos_context_get_printer_state (self->context);
  g_autofree char *printer_tip = g_strdup_printf (_ ("Printer: %s"), printer);
  g_autofree char *scanner_tip
      = g_strdup_printf (_ ("Scanner: %s"), pos_context_get_scanner_state (self->context));

  gtk_label_set_text (self->till_label, pos_context_get_till_id (self->context));
  gtk_label_set_text (self->cashier_label, user ? user->name : _ ("Nobody"));
  update_sync_status (self);
  update_backup_status (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->printer_image), printer_tip);
  gtk_widget_set_opacity (GTK_WIDGET (self->printer_image), g_str_equal (printer, "ready") ? 1.0 : 0.4);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->scanner_image), scanner_tip);
}

/* A damaged store refuses every sale: say so until the till is closed. */
static void
on_store_problem_cb (PosWindow *self)
{
  const char *problem = pos_context_get_store_problem (self->context);
  AdwToast *toast;

  if (problem == NULL)
    return;
  toast = adw_toast_new (problem);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_context_changed_cb (PosWindow *self)
{
  update_header (self);
}

/* The store's integrity check starts once the till is up, or after a few
 * seconds on the sign-in screen, so it never competes with start-up. */
static gboolean
on_check_store_cb (gpointer user_data)
{
  PosWindow *self = user_data;

  self->check_source = 0;
  pos_context_check_store (self->context);
  return G_SOURCE_REMOVE;
}

static gboolean
on_sync_refresh_cb (gpointer user_data)
{
  pos_context_refresh_unsynced (POS_CONTEXT (user_data));
  return G_SOURCE_CONTINUE;
}

static void
show_sale_page (PosWindow *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "sale");
  pos_sale_page_focus_search (self->sale_page);
}

/* The sale screen is up and takes scans from here on. */
static void
till_ready (PosWindow *self)
{
  show_sale_page (self);
  pos_application_report_ready (self->application);
  g_signal_emit (self, signals[SIGNAL_READY], 0);
  pos_context_check_store (self->context);
}

/* Cash sales need an open shift unless the shop turned that off. */
static gboolean
shift_required (PosWindow *self)
{
  g_auto (PosShopRules) rules = { 0 };

  pos_shop_rules_load (pos_context_get_store (self->context), &rules);
  return rules.shift_required;
}

/* Back to the sign-in screen; the sale page and its cart stay as they are
 * for the next cashier. */
static void
sign_out (PosWindow *self)
{
  pos_context_set_user (self->context, NULL);
  pos_login_page_reset (self->login_page);
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "login");
}

static void
toast (PosWindow *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void ask_float (PosWindow *self);

static void
on_float_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = NULL;
  PosAmount amount;

  if (text == NULL && shift_required (self))
    {
      /* Selling goes on only in a shift: no float, no till. */
      sign_out (self);
      toast (self, _ ("Selling needs an open shift: sign in again to count the float in"));
      return;
    }
  if (text != NULL)
    {
      if (!pos_amount_parse_local (*text ? text : "0", pos_context_get_currency (self->context), &amount,
                                   &error)
          || (shift = pos_shift_open (pos_context_get_store (self->context),
                                      pos_context_get_user (self->context), amount, &error))
                 == NULL)
        {
          toast (self, error->message);
          if (shift_required (self))
            {
              ask_float (self);
              return;
            }
        }
      pos_context_refresh_unsynced (self->context);
    }
  till_ready (self);
}

/* No shift open at this till: the first cashier counts the float in. */
static void
ask_float (PosWindow *self)
{
  pos_ask_text (GTK_WIDGET (self), _ ("Open the shift"), _ ("Cash in the drawer to start with (the float)"),
                NULL, on_float_answered_cb, g_object_ref (self));
}

/* The cash count closed the shift: whoever sells next opens a new one. */
static void
on_reports_page_shift_closed_cb (PosWindow *self)
{
  if (!shift_required (self))
    return;
  sign_out (self);
  toast (self, _ ("Shift closed: sign in to open a new shift"));
}

static void on_login_page_signed_in_cb (PosWindow *self, PosUser *user);

static gboolean
destroy_window_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* GTK cannot relabel what its templates built, so a cashier who reads
 * another language gets the pages built anew in theirs: a new window on
 * the same context, holding the same cart, signed in as them. The old one
 * goes once the sign-in that asked for this has returned. */
static void
rebuild_for_language (PosWindow *self, PosUser *user, const char *language)
{
  PosWindow *rebuilt;

  pos_i18n_use_language (language);
  g_free (screen_language);
  screen_language = g_strdup (language);
  rebuilt = pos_window_new (self->application, self->context);
  rebuilt->default_float = self->default_float;
  g_signal_handlers_disconnect_by_data (self->context, self);
  g_signal_handlers_disconnect_by_data (pos_context_get_backups (self->context), self);
  pos_sale_page_adopt_cart (rebuilt->sale_page, pos_sale_page_get_cart (self->sale_page));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_window_present (GTK_WINDOW (rebuilt));
  on_login_page_signed_in_cb (rebuilt, user);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_window_cb, g_object_ref (self), g_object_unref);
}

static void
on_login_page_signed_in_cb (PosWindow *self, PosUser *user)
{
  g_autoptr (PosShift) shift = NULL;
  const char *language = user->language != NULL ? user->language : "";

  if (g_strcmp0 (language, self->language) != 0)
    {
      rebuild_for_language (self, user, language);
      return;
    }
  pos_context_set_user (self->context, user);
  update_pages_for_role (self);
  /* The PIN field is about to be hidden: let it lose the focus first. */
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "till");
  shift = pos_shift_current (pos_context_get_store (self->context), NULL);
  if (shift != NULL)
    {
      till_ready (self);
      return;
    }
  if (self->default_float >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, self->default_float);
      /* The float is in major units as typed; the bench opens with none. */
      on_float_answered_cb (text, g_object_ref (self));
      return;
    }
  ask_float (self);
}

static void
on_sale_page_pay_requested_cb (PosWindow *self)
{
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "payment");
  pos_payment_page_begin (self->payment_page, pos_sale_page_get_cart (self->sale_page));
}

static void
on_sale_page_refund_requested_cb (PosWindow *self)
{
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "refund");
  pos_refund_page_begin (self->refund_page);
}

/* A refund from a receipt found in the history: the refund page opens on it. */
static void
on_history_page_refund_requested_cb (PosWindow *self, const char *receipt_no)
{
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "refund");
  pos_refund_page_begin (self->refund_page);
  pos_refund_page_load (self->refund_page, receipt_no);
}

static void
on_payment_page_completed_cb (PosWindow *self, const char *receipt_no)
{
  pos_context_refresh_unsynced (self->context);
  pos_context_sync_now (self->context);
}

static void
on_payment_page_finished_cb (PosWindow *self)
{
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "till");
  pos_sale_page_new_sale (self->sale_page);
}

static void
on_payment_page_cancelled_cb (PosWindow *self)
{
  pos_context_refresh_unsynced (self->context);
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "till");
  show_sale_page (self);
}

/* The header names the open page, as the tabs did. */
static void
update_title (PosWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);

  if (child != NULL)
    adw_window_title_set_subtitle (
        self->window_title,
        adw_view_stack_page_get_title (adw_view_stack_get_page (self->view_stack, child)));
}

static void
on_view_stack_page_changed_cb (PosWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  update_title (self);
  if (g_strcmp0 (name, "sale") == 0)
    pos_sale_page_focus_search (self->sale_page);
  else if (g_strcmp0 (name, "history") == 0)
    pos_history_page_focus_search (self->history_page);
  else if (g_strcmp0 (name, "settings") == 0)
    /* Not the first field with its text selected, where a stray key or
     * scan would overwrite the shop's name. */
    gtk_root_set_focus (GTK_ROOT (self), NULL);
}

/* A scan goes to the page that is open, whichever field has the focus: the
 * sale adds it, the stock list shows its product, a delivery being
 * received or a stock take counts it, a refund loads its receipt. A page with no use for a scan refuses it
 * with a message, and so does sign-in: a scan is never typed, and never lands in a sale unseen. */
static void
on_scan_controller_scanned_cb (PosWindow *self, const char *code)
{
  const char *page;

  if (!signed_in (self))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_ ("Sign in before scanning")));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "refund"))
    {
      /* The receipt's barcode carries its number. */
      pos_refund_page_load (self->refund_page, code);
      return;
    }
  if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "payment"))
    {
      /* A gift card being paid with. */
      pos_payment_page_scan (self->payment_page, code);
      return;
    }
  page = adw_view_stack_get_visible_child_name (self->view_stack);
  if (g_strcmp0 (page, "stock") == 0)
    pos_stock_page_scan (self->stock_page, code);
  else if (g_strcmp0 (page, "receiving") == 0)
    pos_receiving_page_scan (self->receiving_page, code);
  else if (g_strcmp0 (page, "stock-take") == 0)
    pos_stock_take_page_scan (self->stock_take_page, code);
  else if (g_strcmp0 (page, "sale") == 0)
    pos_sale_page_add_code (self->sale_page, code);
  else
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new ("This page takes no scans: open the Sale page to sell"));
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
}

/* Typing still means something with the focus outside any text field:
 * anything on the sale page is a search. The sign-in screen takes all it
 * is typed, its PIN field included: letters pick a user by name, digits
 * are the PIN. @focus had the focus when the keys were typed. Returns
 * FALSE to let that field take the text. */
static gboolean
on_scan_controller_typed_cb (PosWindow *self, const char *text, GtkWidget *focus)
{
  if (!signed_in (self))
    pos_login_page_type (self->login_page, text);
  else if (focus != NULL && GTK_IS_EDITABLE (focus))
    return FALSE;
  else if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "till")
           && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "sale") == 0)
    pos_sale_page_type (self->sale_page, text);
  else
    return FALSE;
  return TRUE;
}

static void
switch_user_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  sign_out (POS_WINDOW (widget));
}

/* A page picked from the overlaid list: the list makes way for it. */
static void
on_page_list_row_activated_cb (PosWindow *self)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
toggle_pages_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosWindow *self = POS_WINDOW (widget);
  gboolean reveal = !adw_flap_get_reveal_flap (self->flap);

  adw_flap_set_reveal_flap (self->flap, reveal);
  /* From the keyboard, the list takes the focus to pick a page with. */
  if (reveal)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->page_list);

      gtk_widget_grab_focus (row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (self->page_list));
    }
}

/* The page list sits beside the pages on a wide window and over them on a
 * narrow one. Decided after the allocation, which must not change what it
 * allocates. */
static gboolean
update_fold_cb (gpointer user_data)
{
  PosWindow *self = user_data;
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (self)) < SIDEBAR_MIN_WINDOW_WIDTH;

  self->fold_source = 0;
  adw_flap_set_fold_policy (self->flap, narrow ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_NEVER);
  adw_flap_set_reveal_flap (self->flap, !narrow);
  return G_SOURCE_REMOVE;
}

static void
pos_window_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  PosWindow *self = POS_WINDOW (widget);
  AdwFlapFoldPolicy policy
      = width < SIDEBAR_MIN_WINDOW_WIDTH ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_NEVER;

  GTK_WIDGET_CLASS (pos_window_parent_class)->size_allocate (widget, width, height, baseline);
  if (adw_flap_get_fold_policy (self->flap) != policy && self->fold_source == 0)
    self->fold_source = g_idle_add (update_fold_cb, self);
}

static void
show_page_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosWindow *self = POS_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);
  GtkWidget *child;

  /* A page the role may not use is hidden, and stays so. */
  child = adw_view_stack_get_child_by_name (self->view_stack, name);
  if (child != NULL && adw_view_stack_page_get_visible (adw_view_stack_get_page (self->view_stack, child)))
    adw_view_stack_set_visible_child (self->view_stack, child);
}

static void
training_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_training_banner_toggle (POS_WINDOW (widget)->training_banner);
}

static void
about_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  static const char *const developers[] = { "The Mainstreet developers", NULL };

  adw_show_about_window (
      GTK_WINDOW (widget), "application-name", "Mainstreet", "application-icon", "org.mainstreet.Mainstreet",
      "developer-name", "The Mainstreet developers", "version", pos_version (), "developers", developers,
      "license-type", GTK_LICENSE_GPL_3_0, "comments", _ ("Point of sale and stock for small shops"), NULL);
}

/* Remembers the window size per machine. */
static gboolean
pos_window_close_request (GtkWindow *window)
{
  PosWindow *self = POS_WINDOW (window);
  GSettings *settings = pos_context_get_settings (self->context);
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (settings, "window-size", "(ii)", width, height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (pos_window_parent_class)->close_request (window);
}

static void
pos_window_dispose (GObject *object)
{
  PosWindow *self = POS_WINDOW (object);

  g_clear_handle_id (&self->sync_source, g_source_remove);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->backup_source, g_source_remove);
  g_clear_handle_id (&self->fold_source, g_source_remove);
  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (pos_context_get_backups (self->context), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_WINDOW);
  g_clear_object (&self->scan_controller);
  g_clear_object (&self->context);
  g_clear_pointer (&self->language, g_free);
  G_OBJECT_CLASS (pos_window_parent_class)->dispose (object);
}

static void
pos_window_class_init (PosWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char *const pages[] = { "sale",    "stock", "customers", "reports",   "settings",
                                       "history", "owner", "receiving", "stock-take" };

  object_class->dispose = pos_window_dispose;
  window_class->close_request = pos_window_close_request;
  widget_class->size_allocate = pos_window_size_allocate;

  /* The sale screen is up after a sign-in and takes scans from now on. */
  signals[SIGNAL_READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 0);

  g_type_ensure (POS_TYPE_TRAINING_BANNER);
  g_type_ensure (POS_TYPE_LOGIN_PAGE);
  g_type_ensure (POS_TYPE_SALE_PAGE);
  g_type_ensure (POS_TYPE_STOCK_PAGE);
  g_type_ensure (POS_TYPE_RECEIVING_PAGE);
  g_type_ensure (POS_TYPE_STOCK_TAKE_PAGE);
  g_type_ensure (POS_TYPE_PAYMENT_PAGE);
  g_type_ensure (POS_TYPE_REFUND_PAGE);
  g_type_ensure (POS_TYPE_REPORTS_PAGE);
  g_type_ensure (POS_TYPE_HISTORY_PAGE);
  g_type_ensure (POS_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (POS_TYPE_OWNER_PAGE);
  g_type_ensure (POS_TYPE_PROMOTIONS_PAGE);
  g_type_ensure (POS_TYPE_SETTINGS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/mainstreet/Mainstreet/pos-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PosWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, pages_button);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, page_list);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, till_label);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, cashier_label);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, printer_image);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, scanner_image);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, sync_image);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, backup_label);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, backup_banner);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, backup_banner_label);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, training_banner);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, login_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, sale_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, stock_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, receiving_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, stock_take_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, payment_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, refund_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, owner_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, history_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, PosWindow, settings_page);
  gtk_widget_class_bind_template_callback (widget_class, on_sale_page_refund_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reports_page_shift_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_history_page_refund_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sale_page_pay_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_payment_page_completed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_payment_page_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_payment_page_cancelled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_login_page_signed_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_add_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.switch-user", NULL, switch_user_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-pages", NULL, toggle_pages_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.switch-user", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_ALT_MASK, "win.toggle-pages", NULL);
  gtk_widget_class_install_action (widget_class, "win.training", NULL, training_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.training", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-page", "s",
                                         pages[i]);
}

static void
pos_window_init (PosWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->default_float = -1;
  pos_page_list_bind (self->page_list, self->view_stack);
  update_title (self);
  self->scan_controller = pos_scan_controller_new ();
  pos_scan_controller_attach (self->scan_controller, GTK_WIDGET (self));
  g_signal_connect_object (self->scan_controller, "scanned", G_CALLBACK (on_scan_controller_scanned_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scan_controller, "typed", G_CALLBACK (on_scan_controller_typed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->main_stack, "notify::visible-child-name", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

/* Restores the size saved by pos_window_close_request(). */
static void
restore_size (PosWindow *self)
{
  GSettings *settings = pos_context_get_settings (self->context);
  int width, height;

  if (settings == NULL)
    return;
  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

PosWindow *
pos_window_new (PosApplication *application, PosContext *context)
{
  PosWindow *self;

  g_return_val_if_fail (POS_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (POS_IS_CONTEXT (context), NULL);

  self = g_object_new (POS_TYPE_WINDOW, "application", application, NULL);
  self->application = application;
  self->context = g_object_ref (context);
  self->language = g_strdup (screen_language ? screen_language : "");
  g_signal_connect_object (context, "notify", G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::store-problem", G_CALLBACK (on_store_problem_cb), self,
                           G_CONNECT_SWAPPED);
  restore_size (self);
  pos_training_banner_set_context (self->training_banner, context);
  pos_login_page_set_context (self->login_page, context);
  pos_sale_page_set_context (self->sale_page, context);
  pos_stock_page_set_context (self->stock_page, context);
  pos_receiving_page_set_context (self->receiving_page, context);
  pos_stock_take_page_set_context (self->stock_take_page, context);
  pos_payment_page_set_context (self->payment_page, context);
  pos_refund_page_set_context (self->refund_page, context);
  pos_reports_page_set_context (self->reports_page, context);
  pos_owner_page_set_context (self->owner_page, context);
  pos_history_page_set_context (self->history_page, context);
  pos_customers_page_set_context (self->customers_page, context);
  pos_settings_page_set_context (self->settings_page, context);
  g_signal_connect_object (context, "scanned", G_CALLBACK (on_scan_controller_scanned_cb), self,
                           G_CONNECT_SWAPPED);
  pos_context_open_scanner (context);
  pos_context_start_sync (context);
  g_signal_connect_object (pos_context_get_backups (context), "notify", G_CALLBACK (update_backup_status),
                           self, G_CONNECT_SWAPPED);
  pos_backup_scheduler_start (pos_context_get_backups (context));
  update_header (self);
  update_pages_for_role (self);
  self->sync_source = g_timeout_add_seconds (SYNC_REFRESH_SECONDS, on_sync_refresh_cb, context);
  self->check_source = g_timeout_add_seconds (CHECK_DELAY_SECONDS, on_check_store_cb, self);
  self->backup_source = g_timeout_add_seconds (BACKUP_REFRESH_SECONDS, on_backup_refresh_cb, self);
  return self;
}

PosContext *
pos_window_get_context (PosWindow *self)
{
  g_return_val_if_fail (POS_IS_WINDOW (self), NULL);
  return self->context;
}

void
pos_window_set_default_float (PosWindow *self, gint64 major_units)
{
  g_return_if_fail (POS_IS_WINDOW (self));
  self->default_float = major_units;
}

gboolean
pos_window_sign_in (PosWindow *self, const char *name, const char *pin)
{
  g_return_val_if_fail (POS_IS_WINDOW (self), FALSE);
  return pos_login_page_sign_in_as (self->login_page, name, pin);
}

PosScanController *
pos_window_get_scan_controller (PosWindow *self)
{
  g_return_val_if_fail (POS_IS_WINDOW (self), NULL);
  return self->scan_controller;
}

GtkWidget *
pos_window_show_page (PosWindow *self, const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (POS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  child = adw_view_stack_get_child_by_name (self->view_stack, name);
  if (child != NULL)
    adw_view_stack_set_visible_child (self->view_stack, child);
  return child;
}

const char *
pos_window_get_screen (PosWindow *self)
{
  const char *name;

  g_return_val_if_fail (POS_IS_WINDOW (self), NULL);
  name = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (name, "till") == 0)
    return adw_view_stack_get_visible_child_name (self->view_stack);
  return name;
}
