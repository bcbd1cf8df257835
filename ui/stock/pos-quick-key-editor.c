/* pos-quick-key-editor.c — arranging the quick keys (see pos-quick-key-editor.h). */
#include "pos-quick-key-editor.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-catalog.h"
#include "pos-quick-key-page.h"
#include "sale/pos-quick-key-button.h"

#define GRID_COLUMNS 4

struct _PosQuickKeyEditor
{
  AdwWindow parent_instance;

  PosContext *context;
  GPtrArray *pages; /* PosQuickKeyPage, as last read */
  guint page;       /* the page shown */
  gint64 chosen;    /* the key whose label and colour are edited; 0: none */

  AdwToastOverlay *toasts;
  GtkBox *tabs; /* one line that scrolls sideways when the pages are many */
  GtkFlowBox *grid;
  GtkSearchEntry *add_entry;
  GtkEntry *label_entry;
  GtkWidget *look_box;
};

G_DEFINE_FINAL_TYPE (PosQuickKeyEditor, pos_quick_key_editor, ADW_TYPE_WINDOW)

/* The colours a key can take: a short palette reads better on a busy
 * counter than any colour at all. */
static const struct
{
  const char *colour; /* NULL: the product's own */
  const char *name;
} palette[] = {
  { NULL, N_ ("The product's colour") }, { "#e01b24", N_ ("Red") },   { "#ff7800", N_ ("Orange") },
  { "#f6d32d", N_ ("Yellow") },          { "#33d17a", N_ ("Green") }, { "#3584e4", N_ ("Blue") },
  { "#9141ac", N_ ("Purple") },          { "#986a44", N_ ("Brown") }, { "#77767b", N_ ("Grey") },
};

static void reload (PosQuickKeyEditor *self, gint64 focus_key);

static PosQuickKeyPage *
shown_page (PosQuickKeyEditor *self)
{
  return self->page < self->pages->len ? g_ptr_array_index (self->pages, self->page) : NULL;
}

static PosQuickKey *
find_key (PosQuickKeyEditor *self, gint64 key_id, guint *page_index, guint *key_index)
{
  for (guint p = 0; p < self->pages->len; p++)
    {
      PosQuickKeyPage *page = g_ptr_array_index (self->pages, p);

      for (guint k = 0; k < page->keys->len; k++)
        {
          PosQuickKey *key = g_ptr_array_index (page->keys, k);

          if (key->id != key_id)
            continue;
          if (page_index)
            *page_index = p;
          if (key_index)
            *key_index = k;
          return key;
        }
    }
  return NULL;
}

static void
toast (PosQuickKeyEditor *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* After a change: says why it was refused, else shows it, @focus_key
 * keeping the keyboard. */
static void
done (PosQuickKeyEditor *self, gboolean ok, GError *error, gint64 focus_key)
{
  if (!ok)
    toast (self, error->message);
  reload (self, ok ? focus_key : self->chosen);
}

static const PosUser *
user (PosQuickKeyEditor *self)
{
  return pos_context_get_user (self->context);
}

static PosStore *
store (PosQuickKeyEditor *self)
{
  return pos_context_get_store (self->context);
}

/* Moves key @key_id to @position of page @page_index. */
static void
move_key (PosQuickKeyEditor *self, gint64 key_id, guint page_index, gint position)
{
  g_autoptr (GError) error = NULL;
  PosQuickKeyPage *page = g_ptr_array_index (self->pages, page_index);
  gboolean ok = pos_quick_key_move (store (self), user (self), key_id, page->id, position, &error);

  if (ok)
    self->page = page_index;
  done (self, ok, error, key_id);
}

/* Keys ------------------------------------------------------------------------- */

static gint64
key_of (GtkWidget *widget)
{
  gint64 *id = g_object_get_data (G_OBJECT (widget), "pos-key");

  return id != NULL ? *id : 0;
}

static void
choose (PosQuickKeyEditor *self, gint64 key_id)
{
  PosQuickKey *key = find_key (self, key_id, NULL, NULL);

  self->chosen = key != NULL ? key_id : 0;
  gtk_widget_set_sensitive (self->look_box, key != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->label_entry), key && key->label ? key->label : "");
  gtk_entry_set_placeholder_text (self->label_entry, key ? key->name : NULL);
}

static void
on_key_clicked_cb (GtkButton *button, PosQuickKeyEditor *self)
{
  choose (self, key_of (GTK_WIDGET (button)));
}

static void
on_key_focused_cb (GtkEventControllerFocus *focus, PosQuickKeyEditor *self)
{
  choose (self, key_of (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))));
}

/* Alt+arrows move the chosen key within its page (a row is GRID_COLUMNS
 * keys), Alt+Page Up / Page Down to the end of the page before or after:
 * bound on the window, so the key moves wherever the keyboard is. */
static gboolean
move_chosen (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  PosQuickKeyEditor *self = POS_QUICK_KEY_EDITOR (widget);
  guint page_index, key_index, to;
  gint step, page_step, last;
  PosQuickKeyPage *page;

  g_variant_get (args, "(ii)", &step, &page_step);
  if (find_key (self, self->chosen, &page_index, &key_index) == NULL)
    return FALSE;
  if (page_step != 0)
    {
      to = page_index + (guint)page_step;
      if (to < self->pages->len)
        {
          page = g_ptr_array_index (self->pages, to);
          move_key (self, self->chosen, to, (gint)page->keys->len);
        }
      return TRUE;
    }
  page = g_ptr_array_index (self->pages, page_index);
  last = (gint)page->keys->len - 1;
  if ((gint)key_index + step >= 0 && (gint)key_index + step <= last)
    move_key (self, self->chosen, page_index, (gint)key_index + step);
  return TRUE;
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source, double x, double y, gpointer user_data)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  return gdk_content_provider_new_typed (G_TYPE_INT64, key_of (button));
}

static void
on_drag_begin_cb (GtkDragSource *source, GdkDrag *drag, gpointer user_data)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr (GdkPaintable) icon = gtk_widget_paintable_new (button);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

/* A key dropped onto another takes its place on that page. */
static gboolean
on_key_dropped_cb (GtkDropTarget *target, const GValue *value, double x, double y, PosQuickKeyEditor *self)
{
  gint64 onto = key_of (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  gint64 dragged = g_value_get_int64 (value);
  guint page_index, key_index;

  if (dragged == onto || find_key (self, onto, &page_index, &key_index) == NULL)
    return FALSE;
  move_key (self, dragged, page_index, (gint)key_index);
  return TRUE;
}

/* A key dropped onto a tab, or below the keys, goes last on that page. */
static gboolean
on_page_dropped_cb (GtkDropTarget *target, const GValue *value, double x, double y, PosQuickKeyEditor *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint to = widget == GTK_WIDGET (self->grid)
                 ? self->page
                 : GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "pos-page"));
  gint64 dragged = g_value_get_int64 (value);
  guint from;
  PosQuickKeyPage *page;

  if (to >= self->pages->len || find_key (self, dragged, &from, NULL) == NULL)
    return FALSE;
  page = g_ptr_array_index (self->pages, to);
  move_key (self, dragged, to, (gint)page->keys->len - (from == to ? 1 : 0));
  return TRUE;
}

static GtkDropTarget *
drop_target_new (GCallback dropped, PosQuickKeyEditor *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  g_signal_connect (target, "drop", dropped, self);
  return target;
}

static GtkWidget *
key_new (PosQuickKeyEditor *self, PosQuickKey *key)
{
  GtkWidget *button = pos_quick_key_button_new (pos_quick_key_shown_label (key),
                                                pos_quick_key_shown_colour (key), key->image_path);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data_full (G_OBJECT (button), "pos-key", g_memdup2 (&key->id, sizeof key->id), g_free);
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));
  gtk_widget_add_controller (button,
                             GTK_EVENT_CONTROLLER (drop_target_new (G_CALLBACK (on_key_dropped_cb), self)));
  g_signal_connect (focus, "enter", G_CALLBACK (on_key_focused_cb), self);
  gtk_widget_add_controller (button, focus);
  g_signal_connect (button, "clicked", G_CALLBACK (on_key_clicked_cb), self);
  if (key->id == self->chosen)
    gtk_widget_add_css_class (button, "chosen");
  return button;
}

/* Pages ------------------------------------------------------------------------ */

static void
clear (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

/* The keys of the page shown; @focus_key (0: none) takes the keyboard. */
static void
fill_grid (PosQuickKeyEditor *self, gint64 focus_key)
{
  PosQuickKeyPage *page = shown_page (self);
  GtkWidget *focus = NULL;

  clear (self->grid);
  for (guint i = 0; page != NULL && i < page->keys->len; i++)
    {
      PosQuickKey *key = g_ptr_array_index (page->keys, i);
      GtkWidget *button = key_new (self, key);

      gtk_flow_box_append (self->grid, button);
      if (key->id == focus_key)
        focus = button;
    }
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
on_tab_toggled_cb (GtkToggleButton *tab, PosQuickKeyEditor *self)
{
  if (!gtk_toggle_button_get_active (tab))
    return;
  self->page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tab), "pos-page"));
  fill_grid (self, 0);
}

/* Alt+Left / Alt+Right move the page of the focused tab. */
static gboolean
on_tab_key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                       PosQuickKeyEditor *self)
{
  GtkWidget *tab = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tab), "pos-page"));
  g_autoptr (GError) error = NULL;
  gint to;
  gboolean ok;

  if (!(state & GDK_ALT_MASK) || (keyval != GDK_KEY_Left && keyval != GDK_KEY_Right))
    return FALSE;
  to = (gint)index + (keyval == GDK_KEY_Left ? -1 : 1);
  if (to < 0 || to >= (gint)self->pages->len)
    return TRUE;
  ok = pos_quick_key_page_move (store (self), user (self),
                                ((PosQuickKeyPage *)g_ptr_array_index (self->pages, index))->id, to, &error);
  if (ok)
    self->page = (guint)to;
  done (self, ok, error, 0);
  return TRUE;
}

static GtkWidget *
tab_new (PosQuickKeyEditor *self, guint index, GtkToggleButton *group)
{
  PosQuickKeyPage *page = g_ptr_array_index (self->pages, index);
  GtkWidget *tab = gtk_toggle_button_new_with_label (page->name);
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (tab), group);
  g_object_set_data (G_OBJECT (tab), "pos-page", GUINT_TO_POINTER (index));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tab), index == self->page);
  g_signal_connect (tab, "toggled", G_CALLBACK (on_tab_toggled_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_tab_key_pressed_cb), self);
  gtk_widget_add_controller (tab, keys);
  gtk_widget_add_controller (tab,
                             GTK_EVENT_CONTROLLER (drop_target_new (G_CALLBACK (on_page_dropped_cb), self)));
  return tab;
}

/* Reads the layout again and shows it. */
static void
reload (PosQuickKeyEditor *self, gint64 focus_key)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *pages = pos_quick_key_pages_read (store (self), &error);
  GtkToggleButton *group = NULL;
  GtkWidget *child;

  if (pages == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  self->pages = pages;
  self->page = MIN (self->page, pages->len ? pages->len - 1 : 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tabs))) != NULL)
    gtk_box_remove (self->tabs, child);
  for (guint i = 0; i < pages->len; i++)
    {
      GtkWidget *tab = tab_new (self, i, group);

      group = group ? group : GTK_TOGGLE_BUTTON (tab);
      gtk_box_append (self->tabs, tab);
    }
  choose (self, self->chosen);
  fill_grid (self, focus_key);
}

static void
on_page_named_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosQuickKeyEditor) self = user_data;
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (text == NULL)
    return;
  id = pos_quick_key_page_add (store (self), user (self), text, &error);
  if (id != 0)
    self->page = self->pages->len;
  done (self, id != 0, error, 0);
}

static void
on_new_page_clicked_cb (GtkButton *button, PosQuickKeyEditor *self)
{
  pos_ask_text (GTK_WIDGET (self), _ ("New page"), _ ("A name for the page, such as Bakery or Drinks"), NULL,
                on_page_named_cb, g_object_ref (self));
}

static void
on_page_renamed_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosQuickKeyEditor) self = user_data;
  g_autoptr (GError) error = NULL;
  PosQuickKeyPage *page = shown_page (self);
  gboolean ok;

  if (text == NULL || page == NULL)
    return;
  ok = pos_quick_key_page_rename (store (self), user (self), page->id, text, &error);
  done (self, ok, error, 0);
}

static void
on_rename_page_clicked_cb (GtkButton *button, PosQuickKeyEditor *self)
{
  PosQuickKeyPage *page = shown_page (self);

  if (page != NULL)
    pos_ask_text (GTK_WIDGET (self), _ ("Rename page"), NULL, page->name, on_page_renamed_cb,
                  g_object_ref (self));
}

static void
on_remove_answered_cb (AdwMessageDialog *dialog, const char *response, PosQuickKeyEditor *self)
{
  g_autoptr (GError) error = NULL;
  PosQuickKeyPage *page = shown_page (self);
  gboolean ok;

  if (!g_str_equal (response, "remove") || page == NULL)
    return;
  ok = pos_quick_key_page_remove (store (self), user (self), page->id, &error);
  done (self, ok, error, 0);
}

static void
on_remove_page_clicked_cb (GtkButton *button, PosQuickKeyEditor *self)
{
  PosQuickKeyPage *page = shown_page (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (page == NULL)
    return;
  heading = g_strdup_printf (_ ("Remove the page “%s” and its keys?"), page->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "remove",
                                    _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Adding and the key's look ------------------------------------------------------ */

/* The product a scan or the search text names: its SKU or barcode, else
 * the first product the search finds. */
static gint64
product_for (PosQuickKeyEditor *self, const char *text)
{
  g_autoptr (PosProduct) product = pos_catalog_lookup (store (self), text, NULL);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (product != NULL)
    return product->id;
  if (pos_catalog_search_ids (store (self), text, 1, ids, NULL) && ids->len > 0)
    return g_array_index (ids, gint64, 0);
  return 0;
}

static void
on_add_entry_activated_cb (GtkSearchEntry *entry, PosQuickKeyEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr (GError) error = NULL;
  PosQuickKeyPage *page = shown_page (self);
  gint64 product, id;

  if (*text == '\0')
    return;
  if (page == NULL)
    {
      toast (self, _ ("Add a page first"));
      return;
    }
  if ((product = product_for (self, text)) == 0)
    {
      g_autofree char *message = g_strdup_printf (_ ("No product matches “%s”"), text);
      toast (self, message);
      return;
    }
  id = pos_quick_key_add (store (self), user (self), page->id, product, NULL, NULL, &error);
  if (id != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  self->chosen = id != 0 ? id : self->chosen;
  done (self, id != 0, error, 0);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static void
set_look (PosQuickKeyEditor *self, const char *colour)
{
  g_autoptr (GError) error = NULL;
  gboolean ok
      = pos_quick_key_set_look (store (self), user (self), self->chosen,
                                gtk_editable_get_text (GTK_EDITABLE (self->label_entry)), colour, &error);

  done (self, ok, error, self->chosen);
}

static void
on_label_activated_cb (GtkEntry *entry, PosQuickKeyEditor *self)
{
  PosQuickKey *key = find_key (self, self->chosen, NULL, NULL);

  if (key != NULL)
    set_look (self, key->colour);
}

static void
on_swatch_clicked_cb (GtkButton *button, PosQuickKeyEditor *self)
{
  if (self->chosen != 0)
    set_look (self, g_object_get_data (G_OBJECT (button), "pos-colour"));
}

static void
on_remove_key_clicked_cb (GtkButton *button, PosQuickKeyEditor *self)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = pos_quick_key_remove (store (self), user (self), self->chosen, &error);

  if (ok)
    self->chosen = 0;
  done (self, ok, error, 0);
}

/* Building ------------------------------------------------------------------------ */

static GtkWidget *
button_new (const char *label, GCallback clicked, PosQuickKeyEditor *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_signal_connect (button, "clicked", clicked, self);
  return button;
}

static GtkWidget *
flow_box_new (guint per_line)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), per_line);
  return box;
}

static GtkWidget *
page_row (PosQuickKeyEditor *self)
{
  GtkWidget *row = flow_box_new (4);

  /* One line at the least: a flow box measured without a width would
   * otherwise stack its children and make the window taller than a till's
   * screen. */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (row), 3);

  gtk_flow_box_append (GTK_FLOW_BOX (row),
                       button_new (_ ("_New page…"), G_CALLBACK (on_new_page_clicked_cb), self));
  gtk_flow_box_append (GTK_FLOW_BOX (row),
                       button_new (_ ("_Rename page…"), G_CALLBACK (on_rename_page_clicked_cb), self));
  gtk_flow_box_append (GTK_FLOW_BOX (row),
                       button_new (_ ("Remove _page…"), G_CALLBACK (on_remove_page_clicked_cb), self));
  return row;
}

static GtkWidget *
grid_new (PosQuickKeyEditor *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *grid = flow_box_new (GRID_COLUMNS);

  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (grid), GRID_COLUMNS);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (grid), TRUE);
  gtk_widget_set_valign (grid, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Keys of the page"), -1);
  gtk_widget_add_controller (grid,
                             GTK_EVENT_CONTROLLER (drop_target_new (G_CALLBACK (on_page_dropped_cb), self)));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_widget_set_vexpand (scroller, TRUE);
  self->grid = GTK_FLOW_BOX (grid);
  return scroller;
}

static GtkWidget *
swatches_new (PosQuickKeyEditor *self)
{
  GtkWidget *box = flow_box_new (G_N_ELEMENTS (palette));

  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), G_N_ELEMENTS (palette));

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *swatch = gtk_button_new ();

      pos_quick_key_button_set_colour (swatch, palette[i].colour);
      if (palette[i].colour == NULL)
        gtk_button_set_icon_name (GTK_BUTTON (swatch), "edit-clear-symbolic");
      gtk_widget_set_size_request (swatch, 32, 32);
      gtk_widget_set_tooltip_text (swatch, _ (palette[i].name));
      gtk_accessible_update_property (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ (palette[i].name), -1);
      g_object_set_data (G_OBJECT (swatch), "pos-colour", (gpointer)palette[i].colour);
      g_signal_connect (swatch, "clicked", G_CALLBACK (on_swatch_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (box), swatch);
    }
  return box;
}

/* The chosen key's label and colour, and its removal. */
static GtkWidget *
look_new (PosQuickKeyEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_ ("_Label"));

  self->label_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (self->label_entry, POS_QUICK_KEY_TEXT_MAX);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label_entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->label_entry));
  g_signal_connect (self->label_entry, "activate", G_CALLBACK (on_label_activated_cb), self);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->label_entry));
  gtk_box_append (GTK_BOX (row), button_new (_ ("Remove _key"), G_CALLBACK (on_remove_key_clicked_cb), self));
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), swatches_new (self));
  gtk_widget_set_sensitive (box, FALSE);
  self->look_box = box;
  return box;
}

static GtkWidget *
hint_new (void)
{
  GtkWidget *hint
      = gtk_label_new (_ ("Drag a key onto another to move it, or onto a tab for that page. "
                          "With the keyboard: Alt and the arrows, Alt+Page Up or Down for the "
                          "page before or after; Alt and Left or Right on a tab moves the page."));

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  /* Wide enough that a window measured at its least width stays short. */
  gtk_label_set_width_chars (GTK_LABEL (hint), 60);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  return hint;
}

/* @child in a scroller that scrolls sideways only. */
static GtkWidget *
sideways (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  return scroller;
}

/* "Add a product" and the entry a search or a scan goes into. */
static GtkWidget *
add_row (PosQuickKeyEditor *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_ ("_Add a product"));

  self->add_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->add_entry, "placeholder-text", _ ("Name, code or scan"), NULL);
  g_signal_connect (self->add_entry, "activate", G_CALLBACK (on_add_entry_activated_cb), self);
  gtk_widget_set_hexpand (GTK_WIDGET (self->add_entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->add_entry));
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->add_entry));
  return row;
}

static void
build (PosQuickKeyEditor *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->tabs = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tabs), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Pages"),
                                  -1);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_box_append (GTK_BOX (content), sideways (GTK_WIDGET (self->tabs)));
  gtk_box_append (GTK_BOX (content), page_row (self));
  gtk_box_append (GTK_BOX (content), add_row (self));
  gtk_box_append (GTK_BOX (content), grid_new (self));
  gtk_box_append (GTK_BOX (content), look_new (self));
  gtk_box_append (GTK_BOX (content), hint_new ());
  adw_toast_overlay_set_child (self->toasts, content);
  gtk_box_append (GTK_BOX (outer), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), outer);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Quick keys"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 600);
}

static void
pos_quick_key_editor_dispose (GObject *object)
{
  PosQuickKeyEditor *self = POS_QUICK_KEY_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  G_OBJECT_CLASS (pos_quick_key_editor_parent_class)->dispose (object);
}

static void
pos_quick_key_editor_class_init (PosQuickKeyEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct
  {
    guint keyval;
    gint step, page_step;
  } moves[] = {
    { GDK_KEY_Left, -1, 0 },           { GDK_KEY_Right, 1, 0 },    { GDK_KEY_Up, -GRID_COLUMNS, 0 },
    { GDK_KEY_Down, GRID_COLUMNS, 0 }, { GDK_KEY_Page_Up, 0, -1 }, { GDK_KEY_Page_Down, 0, 1 },
  };

  G_OBJECT_CLASS (klass)->dispose = pos_quick_key_editor_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding (widget_class, moves[i].keyval, GDK_ALT_MASK, move_chosen, "(ii)",
                                  moves[i].step, moves[i].page_step);
}

static void
pos_quick_key_editor_init (PosQuickKeyEditor *self)
{
  build (self);
}

PosQuickKeyEditor *
pos_quick_key_editor_present (GtkWidget *parent, PosContext *context)
{
  PosQuickKeyEditor *self = g_object_new (POS_TYPE_QUICK_KEY_EDITOR, "modal", TRUE, "transient-for",
                                          gtk_widget_get_root (parent), NULL);

  self->context = g_object_ref (context);
  reload (self, 0);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->add_entry));
  return self;
}
