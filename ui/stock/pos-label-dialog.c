/* pos-label-dialog.c — layout, kind, copies, preview; print or save. */
#include "pos-label-dialog.h"

#include <glib/gi18n-lib.h>

#include "pos-label-job.h"
#include "pos-label-render.h"
#include "pos-printers.h"
#include "pos-setup.h"

/* The preview's longer side, in pixels. */
#define PREVIEW_PIXELS 560.0

struct _PosLabelDialog
{
  AdwWindow parent_instance;

  AdwComboRow *media_row;
  AdwComboRow *kind_row;
  GtkSpinButton *copies_spin;
  AdwComboRow *printer_row;
  GtkStringList *printer_names;
  GtkLabel *summary_label;
  GtkLabel *status_label;
  GtkPicture *preview;
  GtkSpinner *spinner;

  PosContext *context;
  GPtrArray *labels;
  GPtrArray *printer_uris; /* beside printer_names; NULL: the shop's printer */
  guint sheet_printer;     /* the one for A4 sheets: the default queue */
  GCancellable *cancellable;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (PosLabelDialog, pos_label_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const PosLabelSheet *
chosen_sheet (PosLabelDialog *self)
{
  return pos_label_job_sheet (
      adw_combo_row_get_selected (self->media_row) == 1 ? POS_LABEL_MEDIA_PRINTER : POS_LABEL_MEDIA_SHEET,
      adw_combo_row_get_selected (self->kind_row) == 1 ? POS_LABEL_KIND_STICKER : POS_LABEL_KIND_SHELF);
}

static guint
chosen_copies (PosLabelDialog *self)
{
  return (guint)CLAMP (gtk_spin_button_get_value_as_int (self->copies_spin), 1, POS_LABEL_MAX_COPIES);
}

/* (nullable): NULL is the shop's printer (setting "printer"). */
static const char *
chosen_printer (PosLabelDialog *self)
{
  guint i = adw_combo_row_get_selected (self->printer_row);

  return i < self->printer_uris->len ? g_ptr_array_index (self->printer_uris, i) : NULL;
}

/* The actions follow whether a run is under way: one place. */
static void
update_actions (PosLabelDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "labels.print", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "labels.save-pdf", !self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

/* An RGB24 cairo image as a texture (premultiplied ARGB, all opaque). */
static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  cairo_surface_t *argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (argb);
  gsize stride = (gsize)cairo_image_surface_get_stride (argb);
  g_autoptr (GBytes) bytes = NULL;

  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (argb);
  bytes = g_bytes_new (cairo_image_surface_get_data (argb), stride * (gsize)height);
  cairo_surface_destroy (argb);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
update_preview (PosLabelDialog *self)
{
  const PosLabelSheet *sheet = chosen_sheet (self);
  guint copies = chosen_copies (self);
  g_autoptr (GPtrArray) all = pos_label_job_expand (self->labels, copies);
  double dpi = CLAMP (PREVIEW_PIXELS * 25.4 / MAX (sheet->page_width, sheet->page_height), 36.0, 600.0);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface = pos_label_render_page (all, sheet, 0, dpi, &error);
  guint pages = pos_label_sheet_pages (sheet, all->len);
  g_autofree char *n_labels
      = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u label", "%u labels", all->len), all->len);
  g_autofree char *n_pages
      = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", pages), pages);
  g_autofree char *summary = g_strdup_printf ("%s, %s — %s", n_labels, n_pages, _ (sheet->description));

  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->status_label, error != NULL ? error->message : "");
  if (surface == NULL)
    {
      gtk_picture_set_paintable (self->preview, NULL);
      return;
    }
  {
    g_autoptr (GdkTexture) texture = texture_from_surface (surface);
    gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  }
  cairo_surface_destroy (surface);
}

static void
on_setting_changed_cb (PosLabelDialog *self)
{
  update_preview (self);
}

/* Sheets go to the office printer, rolls to the till's own by default. */
static void
on_media_changed_cb (PosLabelDialog *self)
{
  gboolean sheet = adw_combo_row_get_selected (self->media_row) == 0;

  adw_combo_row_set_selected (self->printer_row, sheet ? self->sheet_printer : 0);
  update_preview (self);
}

/* --- The printers this till can see ------------------------------------- */

/* Adds the printers found; an office printer is the one to pick for sheets,
 * so the system's default (or the first found) is chosen then. */
static void
on_printers_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GPtrArray) printers = pos_setup_find_printers_finish (result, NULL);
  PosLabelDialog *self = user_data;
  guint chosen = 0;

  /* Cancelled when the dialog went away: then there is no self to fill. */
  if (printers == NULL)
    return;
  for (guint i = 0; i < printers->len; i++)
    {
      const PosPrinterInfo *info = g_ptr_array_index (printers, i);
      g_autofree char *name = g_strdup_printf ("%s (%s)", info->description, info->uri);

      gtk_string_list_append (self->printer_names, name);
      g_ptr_array_add (self->printer_uris, g_strdup (info->uri));
      if (chosen == 0 || info->is_default)
        chosen = self->printer_uris->len - 1;
    }
  self->sheet_printer = chosen;
  if (adw_combo_row_get_selected (self->media_row) == 0)
    adw_combo_row_set_selected (self->printer_row, chosen);
}

static void
list_printers (PosLabelDialog *self)
{
  gtk_string_list_append (self->printer_names, _ ("The till's receipt printer"));
  g_ptr_array_add (self->printer_uris, NULL);
  pos_setup_find_printers_async (self->cancellable, on_printers_listed_cb, self);
}

/* --- Printing and saving ------------------------------------------------ */

typedef struct
{
  PosLabelDialog *self;
  char *done;
} RunData;

static void
on_run_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RunData *run = user_data;
  PosLabelDialog *self = run->self;
  g_autoptr (GError) error = NULL;

  if (!pos_label_job_run_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->busy = FALSE;
          update_actions (self);
          gtk_label_set_text (self->status_label, error->message);
        }
    }
  else
    {
      self->busy = FALSE;
      g_signal_emit (self, signals[SIGNAL_DONE], 0, run->done);
      gtk_window_close (GTK_WINDOW (self));
    }
  g_object_unref (run->self);
  g_free (run->done);
  g_free (run);
}

static void
run (PosLabelDialog *self, const char *printer_uri, const char *pdf_path, const char *done)
{
  RunData *data = g_new0 (RunData, 1);

  data->self = g_object_ref (self);
  data->done = g_strdup (done);
  self->busy = TRUE;
  update_actions (self);
  gtk_label_set_text (self->status_label, "");
  pos_label_job_run_async (pos_context_get_store (self->context), self->labels, chosen_copies (self),
                           chosen_sheet (self), printer_uri, pdf_path, self->cancellable, on_run_done_cb,
                           data);
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosLabelDialog *self = POS_LABEL_DIALOG (widget);

  run (self, chosen_printer (self), NULL, _ ("Labels sent to the printer"));
}

static void
on_pdf_chosen_cb (GtkNativeDialog *chooser, int response, PosLabelDialog *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    run (self, NULL, path, _ ("Labels saved as PDF"));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_pdf_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosLabelDialog *self = POS_LABEL_DIALOG (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Save Labels as PDF"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _ ("labels.pdf"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_pdf_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- The dialog --------------------------------------------------------- */

static void
pos_label_dialog_dispose (GObject *object)
{
  PosLabelDialog *self = POS_LABEL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (pos_label_dialog_parent_class)->dispose (object);
}

static void
pos_label_dialog_finalize (GObject *object)
{
  PosLabelDialog *self = POS_LABEL_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->printer_uris, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (pos_label_dialog_parent_class)->finalize (object);
}

static void
pos_label_dialog_class_init (PosLabelDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_label_dialog_dispose;
  object_class->finalize = pos_label_dialog_finalize;

  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/stock/pos-label-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PosLabelDialog, media_row);
  gtk_widget_class_bind_template_child (widget_class, PosLabelDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PosLabelDialog, copies_spin);
  gtk_widget_class_bind_template_child (widget_class, PosLabelDialog, printer_row);
  gtk_widget_class_bind_template_child (widget_class, PosLabelDialog, printer_names);
  gtk_widget_class_bind_template_child (widget_class, PosLabelDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PosLabelDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PosLabelDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, PosLabelDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_media_changed_cb);

  gtk_widget_class_install_action (widget_class, "labels.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "labels.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "labels.print", NULL);
}

static void
pos_label_dialog_init (PosLabelDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->printer_uris = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

PosLabelDialog *
pos_label_dialog_present (GtkWidget *parent, PosContext *context, GPtrArray *labels)
{
  PosLabelDialog *self;

  g_return_val_if_fail (GTK_IS_WIDGET (parent) && POS_IS_CONTEXT (context) && labels != NULL, NULL);

  self = g_object_new (POS_TYPE_LABEL_DIALOG, "transient-for", gtk_widget_get_root (parent), NULL);
  self->context = g_object_ref (context);
  self->labels = g_ptr_array_ref (labels);
  update_actions (self);
  update_preview (self);
  list_printers (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
