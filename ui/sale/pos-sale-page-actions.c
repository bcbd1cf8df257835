/* pos-sale-page-actions.c — the sale page's actions and their shortcuts.
 *
 * Actions are installed on the widget class with their keys; which of them
 * can run is decided in one place, pos_sale_page_update_actions(), from the
 * cart's state, so handlers do not check it again.
 */
#include "pos-sale-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-permission.h"
#include "pos-till-printer.h"

static void
on_quantity_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  PosQty qty;

  pos_sale_page_focus_search (self);
  if (text == NULL)
    return;
  if (!pos_qty_parse (text, &qty, &error))
    pos_sale_page_refuse (self, error);
  else
    pos_cart_set_multiplier (self->cart, qty);
}

static void
quantity_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_ask_text (widget, _ ("Quantity"),
                _ ("How many of the next item, or its weight, volume or length (kg, l, m)"), NULL,
                on_quantity_answered_cb, g_object_ref (widget));
}

static void
on_park_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  pos_sale_page_focus_search (self);
  if (text == NULL)
    return;
  if (!pos_cart_park (self->cart, pos_context_get_user (self->context), *text ? text : NULL, &id, &error))
    pos_sale_page_refuse (self, error);
  else
    {
      g_autofree char *message = g_strdup_printf (_ ("Sale parked as number %lld"), (long long)id);
      pos_sale_page_toast (self, message);
    }
}

static void
park_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_ask_text (widget, _ ("Park the sale"), _ ("A name to find it again (optional)"), NULL,
                on_park_answered_cb, g_object_ref (widget));
}

static void
on_resume_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;

  pos_sale_page_focus_search (self);
  if (text == NULL || *text == '\0')
    return;
  if (!pos_cart_resume (self->cart, g_ascii_strtoll (text, NULL, 10), &error))
    pos_sale_page_refuse (self, error);
}

/* Lists the parked sales and asks which one, the newest offered first. */
static void
resume_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parked = pos_cart_list_parked (pos_context_get_store (self->context), &error);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *newest = NULL;

  if (parked == NULL || parked->len == 0)
    {
      if (parked == NULL)
        pos_sale_page_refuse (self, error);
      else
        pos_sale_page_toast (self, _ ("No parked sales"));
      return;
    }
  for (guint i = 0; i < parked->len; i++)
    {
      PosParkedSale *p = g_ptr_array_index (parked, i);
      /* TRANSLATORS: a parked sale: its number, when it was parked, its
       * number of lines, then ", " and its name if it has one. */
      g_string_append_printf (
          body,
          dngettext (GETTEXT_PACKAGE, "%lld: %s, %u line%s%s\n", "%lld: %s, %u lines%s%s\n", p->n_lines),
          (long long)p->id, p->parked_at, p->n_lines, p->label ? ", " : "", p->label ? p->label : "");
    }
  newest = g_strdup_printf ("%" G_GINT64_FORMAT,
                            ((PosParkedSale *)g_ptr_array_index (parked, parked->len - 1))->id);
  pos_ask_text (widget, _ ("Resume a parked sale"), body->str, newest, on_resume_answered_cb,
                g_object_ref (self));
}

static void
on_drawer_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_open_drawer_finish (POS_CONTEXT (source), result, &error))
    pos_sale_page_refuse (self, error);
  else
    pos_sale_page_toast (self, _ ("Drawer opened (no sale)"));
}

typedef struct
{
  PosSalePage *self;
  char *reason;
} NoSale;

static void
no_sale_free (NoSale *no_sale)
{
  g_object_unref (no_sale->self);
  g_free (no_sale->reason);
  g_free (no_sale);
}

static void
on_no_sale_approved_cb (const PosUser *approver, gpointer user_data)
{
  NoSale *no_sale = user_data;

  if (approver != NULL)
    pos_till_printer_open_drawer_async (no_sale->self->context, approver, no_sale->reason, NULL,
                                        on_drawer_opened_cb, g_object_ref (no_sale->self));
  pos_sale_page_focus_search (no_sale->self);
  no_sale_free (no_sale);
}

/* A no-sale is the supervisor's, as in the command line: a cashier's is
 * approved first, then the kick and its record happen off the main thread. */
static void
on_no_sale_reason_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  NoSale *no_sale;

  pos_sale_page_focus_search (self);
  if (text == NULL)
    return;
  if (pos_permission_check (pos_context_get_user (self->context), POS_ACTION_NO_SALE, NULL, &error))
    {
      pos_till_printer_open_drawer_async (self->context, NULL, text, NULL, on_drawer_opened_cb,
                                          g_object_ref (self));
      return;
    }
  no_sale = g_new0 (NoSale, 1);
  no_sale->self = g_object_ref (self);
  no_sale->reason = g_strdup (text);
  pos_ask_approval (GTK_WIDGET (self), pos_context_get_store (self->context), error->message,
                    on_no_sale_approved_cb, no_sale);
}

/* Without any printer there is no drawer to open: the cashier hears so
 * before anyone is asked for a reason or a supervisor's PIN. */
static void
no_sale_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_check (self->context, &error))
    {
      pos_sale_page_refuse (self, error);
      return;
    }
  pos_ask_text (widget, _ ("Open the drawer (no sale)"), _ ("Why is the drawer opened?"), NULL,
                on_no_sale_reason_cb, g_object_ref (widget));
}

static void
line_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);

  if (g_str_equal (action_name, "sale.void-line"))
    pos_sale_page_void_line (self);
  else if (g_str_equal (action_name, "sale.line-qty"))
    pos_sale_page_ask_line_qty (self);
  else if (g_str_equal (action_name, "sale.price"))
    pos_sale_page_ask_price (self);
  else
    pos_sale_page_ask_discount (self, g_str_equal (action_name, "sale.cart-discount"));
}

static void
customer_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_sale_page_ask_customer (POS_SALE_PAGE (widget));
}

static void
pay_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_signal_emit_by_name (widget, "pay-requested");
}

static void
refund_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_signal_emit_by_name (widget, "refund-requested");
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_sale_page_focus_search (POS_SALE_PAGE (widget));
}

/* Which actions can run now: line actions and paying need lines, resuming
 * a parked sale needs an empty cart. */
void
pos_sale_page_update_actions (PosSalePage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->cart != NULL;
  gboolean has_lines = ready && !pos_cart_is_empty (self->cart);
  const char *line_actions[] = { "sale.line-qty",  "sale.price", "sale.discount", "sale.cart-discount",
                                 "sale.void-line", "sale.park",  "sale.pay",      "sale.layaway" };

  for (guint i = 0; i < G_N_ELEMENTS (line_actions); i++)
    gtk_widget_action_set_enabled (widget, line_actions[i], has_lines);
  gtk_widget_action_set_enabled (widget, "sale.resume", ready && !has_lines);
  gtk_widget_action_set_enabled (widget, "sale.quantity", ready);
  gtk_widget_action_set_enabled (widget, "sale.customer", ready);
  gtk_widget_action_set_enabled (widget, "sale.no-sale", ready);
  gtk_widget_action_set_enabled (widget, "sale.layaways", ready && !has_lines);
}

void
pos_sale_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sale.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "sale.quantity", NULL, quantity_action);
  gtk_widget_class_install_action (widget_class, "sale.line-qty", NULL, line_action);
  gtk_widget_class_install_action (widget_class, "sale.price", NULL, line_action);
  gtk_widget_class_install_action (widget_class, "sale.discount", NULL, line_action);
  gtk_widget_class_install_action (widget_class, "sale.cart-discount", NULL, line_action);
  gtk_widget_class_install_action (widget_class, "sale.void-line", NULL, line_action);
  gtk_widget_class_install_action (widget_class, "sale.customer", NULL, customer_action);
  gtk_widget_class_install_action (widget_class, "sale.park", NULL, park_action);
  gtk_widget_class_install_action (widget_class, "sale.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "sale.refund", NULL, refund_action);
  gtk_widget_class_install_action (widget_class, "sale.pay", NULL, pay_action);
  gtk_widget_class_install_action (widget_class, "sale.no-sale", NULL, no_sale_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "sale.price", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "sale.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "sale.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, 0, "sale.quantity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "sale.line-qty", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "sale.discount", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "sale.cart-discount", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "sale.customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "sale.park", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "sale.resume", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, 0, "sale.refund", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, 0, "sale.pay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sale.void-line", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "sale.no-sale", NULL);
}
