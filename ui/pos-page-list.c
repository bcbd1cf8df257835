/* pos-page-list.c — the till's pages as a sidebar list.
 *
 * The rows come from adw_view_stack_get_pages(), sorted by group (the
 * stack keeps its own order, which Alt+1… follow), a selection model whose
 * selected item is the open page: activating a row opens its page, and
 * opening a page by a shortcut selects its row.
 */
#include "pos-page-list.h"

#include "pos-i18n.h"

typedef enum
{
  GROUP_TILL,
  GROUP_STOCK,
  GROUP_OFFICE,
} PageGroup;

static PageGroup
group_of (const char *name)
{
  static const struct
  {
    const char *name;
    PageGroup group;
  } groups[] = {
    { "sale", GROUP_TILL },      { "customers", GROUP_TILL },  { "history", GROUP_TILL },
    { "stock", GROUP_STOCK },    { "receiving", GROUP_STOCK }, { "stock-take", GROUP_STOCK },
    { "reports", GROUP_OFFICE }, { "owner", GROUP_OFFICE },    { "settings", GROUP_OFFICE },
  };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i].name, name))
      return groups[i].group;
  return GROUP_OFFICE;
}

const char *
pos_page_list_group_title (const char *name)
{
  switch (group_of (name))
    {
      case GROUP_TILL:
        return C_ ("page group", "Till");
      case GROUP_STOCK:
        return C_ ("page group", "Stock");
      case GROUP_OFFICE:
      default:
        return C_ ("page group", "Office");
    }
}

/* A row showing @item's icon and title, shown while the page is. */
static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  AdwViewStackPage *page = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* A long title in a long language ends in "…" rather than widening the
   * sidebar; the whole title is the row's accessible name. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_bind_property (page, "icon-name", icon, "icon-name", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "title", label, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "title", row, "tooltip-text", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "visible", row, "visible", G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (row), "pos-page-name", g_strdup (adw_view_stack_page_get_name (page)),
                          g_free);
  g_object_set_data_full (G_OBJECT (row), "pos-page", g_object_ref (page), g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_view_stack_page_get_title (page), -1);
  return row;
}

/* A heading above the first visible row of each group. */
static void
update_header (GtkListBoxRow *row, GtkListBoxRow *before, gpointer user_data)
{
  const char *name = g_object_get_data (G_OBJECT (row), "pos-page-name");
  const char *before_name = before ? g_object_get_data (G_OBJECT (before), "pos-page-name") : NULL;
  GtkWidget *heading;

  if (before != NULL && group_of (name) == group_of (before_name))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  heading = gtk_label_new (pos_page_list_group_title (name));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_top (heading, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_list_box_row_set_header (row, heading);
}

static int
compare_groups (gconstpointer a, gconstpointer b, gpointer user_data)
{
  PageGroup group_a = group_of (adw_view_stack_page_get_name ((AdwViewStackPage *)a));
  PageGroup group_b = group_of (adw_view_stack_page_get_name ((AdwViewStackPage *)b));

  return group_a < group_b   ? GTK_ORDERING_SMALLER
         : group_a > group_b ? GTK_ORDERING_LARGER
                             : GTK_ORDERING_EQUAL;
}

/* The open page's row is the selected one. */
static void
on_pages_selection_changed_cb (GtkSelectionModel *pages, guint position, guint n_items, GtkListBox *list)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      AdwViewStackPage *page = g_object_get_data (G_OBJECT (row), "pos-page");
      guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

      for (guint j = 0; j < n; j++)
        {
          g_autoptr (AdwViewStackPage) item = g_list_model_get_item (G_LIST_MODEL (pages), j);

          if (item == page && gtk_selection_model_is_selected (pages, j))
            {
              gtk_list_box_select_row (list, row);
              return;
            }
        }
    }
  gtk_list_box_unselect_all (list);
}

static void
on_row_activated_cb (GtkListBox *list, GtkListBoxRow *row, GtkSelectionModel *pages)
{
  AdwViewStackPage *page = g_object_get_data (G_OBJECT (row), "pos-page");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AdwViewStackPage) item = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (item == page)
        gtk_selection_model_select_item (pages, i, TRUE);
    }
}

void
pos_page_list_bind (GtkListBox *list, AdwViewStack *stack)
{
  g_autoptr (GtkSelectionModel) pages = NULL;
  GtkSortListModel *sorted;

  g_return_if_fail (GTK_IS_LIST_BOX (list));
  g_return_if_fail (ADW_IS_VIEW_STACK (stack));

  pages = adw_view_stack_get_pages (stack);
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_SINGLE);
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (pages)),
                                    GTK_SORTER (gtk_custom_sorter_new (compare_groups, NULL, NULL)));
  gtk_list_box_bind_model (list, G_LIST_MODEL (sorted), create_row, NULL, NULL);
  g_object_unref (sorted);
  gtk_list_box_set_header_func (list, update_header, NULL, NULL);
  g_signal_connect_object (pages, "selection-changed", G_CALLBACK (on_pages_selection_changed_cb), list, 0);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_row_activated_cb), pages, 0);
  /* The list holds the model: the signal handlers need it alive. */
  g_object_set_data_full (G_OBJECT (list), "pos-pages", g_object_ref (pages), g_object_unref);
  on_pages_selection_changed_cb (pages, 0, 0, list);
}
