/* pos-open-items-dialog.c — completing open items (see pos-open-items-dialog.h). */
#include "pos-open-items-dialog.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-catalog.h"
#include "pos-open-item.h"
#include "pos-product-dialog.h"

struct _PosOpenItemsDialog
{
  AdwWindow parent_instance;

  PosContext *context;
  AdwPreferencesGroup *group;
  GPtrArray *rows; /* the rows in the group, to take them out again */
};

G_DEFINE_FINAL_TYPE (PosOpenItemsDialog, pos_open_items_dialog, ADW_TYPE_WINDOW)

static void reload (PosOpenItemsDialog *self);

static void
on_product_saved_cb (PosProductDialog *dialog, gint64 product_id, PosOpenItemsDialog *self)
{
  reload (self);
}

static void
edit_product (PosOpenItemsDialog *self, gint64 product_id, const char *code)
{
  PosProductDialog *dialog = pos_product_dialog_present (GTK_WIDGET (self), self->context, product_id, code);

  if (dialog != NULL)
    g_signal_connect_object (dialog, "saved", G_CALLBACK (on_product_saved_cb), self, 0);
}

static void
on_create_clicked_cb (GtkButton *button, PosOpenItemsDialog *self)
{
  edit_product (self, 0, g_object_get_data (G_OBJECT (button), "pos-code"));
}

typedef struct
{
  PosOpenItemsDialog *self;
  char *code;
} LinkAsk;

static void
show_message (PosOpenItemsDialog *self, const char *heading, const char *body)
{
  GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (message));
}

/* The product the owner named takes the code as one more barcode: its
 * dialog opens with the code added, and saving it checks and journals it
 * as any edit. */
static void
on_link_answered_cb (const char *text, gpointer user_data)
{
  LinkAsk *ask = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) product = NULL;

  if (text != NULL && *text != '\0')
    {
      product = pos_catalog_lookup (pos_context_get_store (ask->self->context), text, &error);
      if (product != NULL)
        edit_product (ask->self, product->id, ask->code);
      else
        show_message (ask->self, _ ("No such product"), error->message);
    }
  g_object_unref (ask->self);
  g_free (ask->code);
  g_free (ask);
}

static void
on_link_clicked_cb (GtkButton *button, PosOpenItemsDialog *self)
{
  LinkAsk *ask = g_new0 (LinkAsk, 1);

  ask->self = g_object_ref (self);
  ask->code = g_strdup (g_object_get_data (G_OBJECT (button), "pos-code"));
  pos_ask_text (GTK_WIDGET (self), _ ("Add to a product"),
                _ ("The SKU or a barcode of the product this code is"), NULL, on_link_answered_cb, ask);
}

static GtkWidget *
row_button (PosOpenItemsDialog *self, const char *label, const char *code, GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "pos-code", g_strdup (code), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
item_row (PosOpenItemsDialog *self, const PosOpenItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *create = row_button (self, _ ("Create product…"), item->code, G_CALLBACK (on_create_clicked_cb));
  g_autofree char *price = pos_context_format_amount (self->context, item->price);
  g_autofree char *times = g_strdup_printf ("%lld", (long long)item->times);
  g_autofree char *title = g_markup_printf_escaped ("%s — %s", item->code, item->department);
  g_autofree char *subtitle
      = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "sold %s time, last at %s, tax %s",
                                      "sold %s times, last at %s, tax %s", (gulong)item->times),
                         times, price, item->tax_code);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Every row has the same two buttons, so no mnemonics: Enter on a row
   * creates its product, Tab reaches its buttons. */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), create);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, _ ("Add to product…"), item->code,
                                                               G_CALLBACK (on_link_clicked_cb)));
  return row;
}

/* Lists the open items again: one that has become a product is gone. The
 * list is read through the index of open-item lines, a handful of rows. */
static void
reload (PosOpenItemsDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = pos_open_items_list (pos_context_get_store (self->context), &error);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (items == NULL)
    {
      adw_preferences_group_set_description (self->group, error->message);
      return;
    }
  adw_preferences_group_set_description (
      self->group, items->len == 0
                       ? _ ("Every code sold as an open item has a product now.")
                       : _ ("Codes sold at the till that the catalog did not know, most sold first."));
  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *row = item_row (self, g_ptr_array_index (items, i));

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  if (self->rows->len > 0) /* the keyboard starts on the code sold most */
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
}

static void
build (PosOpenItemsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _ ("Open items"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Open items"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 480);
}

static void
pos_open_items_dialog_finalize (GObject *object)
{
  PosOpenItemsDialog *self = POS_OPEN_ITEMS_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (pos_open_items_dialog_parent_class)->finalize (object);
}

static void
pos_open_items_dialog_class_init (PosOpenItemsDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pos_open_items_dialog_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pos_open_items_dialog_init (PosOpenItemsDialog *self)
{
  self->rows = g_ptr_array_new ();
}

PosOpenItemsDialog *
pos_open_items_dialog_present (GtkWidget *parent, PosContext *context)
{
  PosOpenItemsDialog *self = g_object_new (POS_TYPE_OPEN_ITEMS_DIALOG, "modal", TRUE, "transient-for",
                                           gtk_widget_get_root (parent), NULL);

  self->context = g_object_ref (context);
  build (self);
  reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
