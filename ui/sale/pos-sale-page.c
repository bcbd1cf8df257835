/* pos-sale-page.c — the cashier's screen: cart, total, search, quick keys. */
#include "pos-sale-page.h"

struct _PosSalePage
{
  GtkWidget parent_instance;

  GtkSearchEntry *search_entry;
  GtkLabel *total_label;

  PosContext *context;
};

G_DEFINE_FINAL_TYPE (PosSalePage, pos_sale_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosSalePage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

void
pos_sale_page_add_code (PosSalePage *self, const char *code)
{
  g_autofree char *message = NULL;

  g_return_if_fail (POS_IS_SALE_PAGE (self));
  message = g_strdup_printf ("Unknown code %s", code);
  toast (self, message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_search_entry_activated_cb (PosSalePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (*text != '\0')
    pos_sale_page_add_code (self, text);
}

void
pos_sale_page_focus_search (PosSalePage *self)
{
  g_return_if_fail (POS_IS_SALE_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
pos_sale_page_type (PosSalePage *self, const char *text)
{
  GtkEditable *editable;
  g_autofree char *query = NULL;

  g_return_if_fail (POS_IS_SALE_PAGE (self));
  g_return_if_fail (text != NULL);

  editable = GTK_EDITABLE (self->search_entry);
  query = g_strconcat (gtk_editable_get_text (editable), text, NULL);
  gtk_editable_set_text (editable, query);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_set_position (editable, -1);
}

void
pos_sale_page_set_context (PosSalePage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_SALE_PAGE (self));
  g_set_object (&self->context, context);
}

static void
pos_sale_page_dispose (GObject *object)
{
  PosSalePage *self = POS_SALE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_SALE_PAGE);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (pos_sale_page_parent_class)->dispose (object);
}

static void
pos_sale_page_class_init (PosSalePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_sale_page_dispose;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/sale/pos-sale-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, total_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pos_sale_page_init (PosSalePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
