/* pos-owner-page.c — the owner's page (see pos-owner-page.h).
 *
 * The report is worked out by app/ in a worker on its own connection
 * (pos_resilience_report_async()), so the till never waits for it; the
 * page lays its sections out as rows, each figure with its plain
 * explanation and what good looks like, and its charts underneath.
 */
#include "pos-owner-page.h"

#include <glib/gi18n-lib.h>

#include "pos-owner-chart.h"
#include "pos-page.h"
#include "pos-resilience.h"

#define DROP_SETTLE_MS 400 /* the slider settles before the figures are redone */

struct _PosOwnerPage
{
  GtkWidget parent_instance;

  GtkLabel *drop_label;
  GtkScale *drop_scale;
  GtkLabel *status_label;
  GtkBox *content;

  PosContext *context;
  GCancellable *cancellable;
  JsonNode *report;
  guint drop_source;
};

G_DEFINE_FINAL_TYPE (PosOwnerPage, pos_owner_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosOwnerPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

/* This till's backup folder, or NULL when it has none. (transfer full) */
static char *
backup_folder (PosOwnerPage *self)
{
  GSettings *settings = pos_context_get_settings (self->context);
  g_autofree char *folder = settings ? g_strstrip (g_settings_get_string (settings, "backup-folder")) : NULL;

  return folder != NULL && *folder ? g_steal_pointer (&folder) : NULL;
}

static int
drop_pct (PosOwnerPage *self)
{
  return (int)gtk_range_get_value (GTK_RANGE (self->drop_scale));
}

static const char *
status_class (const char *status)
{
  if (g_str_equal (status, "good"))
    return "success";
  if (g_str_equal (status, "watch"))
    return "warning";
  if (g_str_equal (status, "poor"))
    return "error";
  return "dim-label";
}

static GtkWidget *
figure_row (JsonObject *figure)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (json_object_get_string_member (figure, "text"));
  g_autofree char *title = g_markup_escape_text (json_object_get_string_member (figure, "label"), -1);
  g_autofree char *subtitle
      = g_markup_printf_escaped ("%s Good: %s", json_object_get_string_member (figure, "explains"),
                                 json_object_get_string_member (figure, "good"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_label_set_max_width_chars (GTK_LABEL (value), 40);
  gtk_widget_add_css_class (value, status_class (json_object_get_string_member (figure, "status")));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  return row;
}

static GtkWidget *
section_group (JsonObject *section)
{
  GtkWidget *group = adw_preferences_group_new ();
  JsonArray *figures = json_object_get_array_member (section, "figures");
  JsonArray *charts = json_object_get_array_member (section, "charts");
  GtkWidget *chart_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   json_object_get_string_member (section, "title"));
  for (guint i = 0; i < json_array_get_length (figures); i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               figure_row (json_array_get_object_element (figures, i)));
  gtk_box_set_homogeneous (GTK_BOX (chart_box), TRUE);
  gtk_widget_set_margin_top (chart_box, 12);
  for (guint i = 0; i < json_array_get_length (charts); i++)
    gtk_box_append (GTK_BOX (chart_box), pos_owner_chart_new (json_array_get_object_element (charts, i)));
  if (json_array_get_length (charts) > 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), chart_box);
  else
    g_object_ref_sink (chart_box), g_object_unref (chart_box);
  return group;
}

static void
show_report (PosOwnerPage *self)
{
  JsonObject *o = json_node_get_object (self->report);
  JsonArray *sections = json_object_get_array_member (o, "sections");
  g_autofree char *status = g_strdup_printf (_ ("Today %s; monthly figures are for %s, the last full month."),
                                             json_object_get_string_member (o, "today"),
                                             json_object_get_string_member (o, "month"));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  for (guint i = 0; i < json_array_get_length (sections); i++)
    gtk_box_append (self->content, section_group (json_array_get_object_element (sections, i)));
  gtk_label_set_text (self->status_label, status);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "owner.pdf", TRUE);
}

static void
on_report_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (PosOwnerPage) self = data;
  g_autoptr (GError) error = NULL;
  JsonNode *report = pos_resilience_report_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("The figures could not be worked out: %s"), error->message);
      gtk_label_set_text (self->status_label, text);
      return;
    }
  g_clear_pointer (&self->report, json_node_unref);
  self->report = report;
  show_report (self);
}

static void
refresh (PosOwnerPage *self)
{
  g_autofree char *folder = NULL;
  PosResilienceOptions options = { 0 };

  if (self->context == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  folder = backup_folder (self);
  options.drop_pct = drop_pct (self);
  options.backup_folder = folder;
  gtk_label_set_text (self->status_label, _ ("Working out the figures…"));
  pos_resilience_report_async (pos_context_get_store_path (self->context), &options, self->cancellable,
                               on_report_done_cb, g_object_ref (self));
}

static void
refresh_action (GtkWidget *widget, const char *name, GVariant *param)
{
  refresh (POS_OWNER_PAGE (widget));
}

static gboolean
on_drop_settled_cb (gpointer data)
{
  PosOwnerPage *self = data;

  self->drop_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_drop_scale_value_changed_cb (PosOwnerPage *self)
{
  g_autofree char *text = g_strdup_printf (_ ("Stress test: sales drop %d %%"), drop_pct (self));

  gtk_label_set_text (self->drop_label, text);
  g_clear_handle_id (&self->drop_source, g_source_remove);
  self->drop_source = g_timeout_add (DROP_SETTLE_MS, on_drop_settled_cb, self);
}

static void
on_drill_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (PosOwnerPage) self = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = pos_resilience_restore_drill_finish (result, &error);
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "owner.drill", TRUE);
  text = name != NULL ? g_strdup_printf (_ ("Restore drill passed: %s restored and checked"), name)
                      : g_strdup (error->message);
  toast (self, text);
  refresh (self);
}

static void
drill_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PosOwnerPage *self = POS_OWNER_PAGE (widget);
  g_autofree char *folder = backup_folder (self);

  if (folder == NULL)
    {
      toast (self, _ ("Choose a backup folder in Settings first: there is no backup to restore"));
      return;
    }
  gtk_widget_action_set_enabled (widget, "owner.drill", FALSE);
  toast (self, _ ("Restore drill running…"));
  pos_resilience_restore_drill_async (pos_context_get_store_path (self->context), folder, NULL,
                                      on_drill_done_cb, g_object_ref (self));
}

/* The PDF goes to the owner's Documents as owner-report-DAY.pdf. */
static void
pdf_action (GtkWidget *widget, const char *name, GVariant *param)
{
  PosOwnerPage *self = POS_OWNER_PAGE (widget);
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *file = NULL, *path = NULL, *text = NULL;
  g_autoptr (GError) error = NULL;

  if (self->report == NULL)
    return;
  file = g_strdup_printf ("owner-report-%s.pdf",
                          json_object_get_string_member (json_node_get_object (self->report), "today"));
  path = g_build_filename (documents ? documents : g_get_home_dir (), file, NULL);
  text = pos_resilience_write_pdf (self->report, path, &error) ? g_strdup_printf (_ ("Saved %s"), path)
                                                               : g_strdup (error->message);
  toast (self, text);
}

void
pos_owner_page_set_context (PosOwnerPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_OWNER_PAGE (self));
  g_set_object (&self->context, context);
}

/* Fresh figures each time the owner opens the page. */
static void
pos_owner_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pos_owner_page_parent_class)->map (widget);
  refresh (POS_OWNER_PAGE (widget));
}

static void
pos_owner_page_dispose (GObject *object)
{
  PosOwnerPage *self = POS_OWNER_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->drop_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_OWNER_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->report, json_node_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (pos_owner_page_parent_class)->dispose (object);
}

static void
pos_owner_page_class_init (PosOwnerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_owner_page_dispose;
  widget_class->map = pos_owner_page_map;
  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/owner/pos-owner-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosOwnerPage, drop_label);
  gtk_widget_class_bind_template_child (widget_class, PosOwnerPage, drop_scale);
  gtk_widget_class_bind_template_child (widget_class, PosOwnerPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, PosOwnerPage, content);
  gtk_widget_class_bind_template_callback (widget_class, on_drop_scale_value_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "owner.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "owner.drill", NULL, drill_action);
  gtk_widget_class_install_action (widget_class, "owner.pdf", NULL, pdf_action);
}

static void
pos_owner_page_init (PosOwnerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "owner.pdf", FALSE);
}
