/* pos-training-banner.c — the training mode banner (see pos-training-banner.h). */
#include "pos-training-banner.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-permission.h"
#include "pos-training.h"

struct _PosTrainingBanner
{
  GtkWidget parent_instance;

  PosContext *context;
  GtkRevealer *revealer;
};

G_DEFINE_FINAL_TYPE (PosTrainingBanner, pos_training_banner, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update (PosTrainingBanner *self)
{
  PosStore *store = self->context ? pos_context_get_store (self->context) : NULL;

  gtk_revealer_set_reveal_child (self->revealer, store != NULL && pos_training_is_on (store));
}

static void
toast (PosTrainingBanner *self, const char *text)
{
  g_autoptr (AdwToast) toast = adw_toast_new (text);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

static void
switch_mode (PosTrainingBanner *self, const PosUser *approver)
{
  PosStore *store = pos_context_get_store (self->context);
  gboolean on = !pos_training_is_on (store);
  g_autoptr (GError) error = NULL;

  if (!pos_training_set (store, pos_context_get_user (self->context), approver, on, &error))
    toast (self, error->message);
  else
    toast (self, on ? _ ("Training mode is on: sales are not recorded") : _ ("Training mode is off"));
  update (self);
}

static void
on_approved_cb (const PosUser *approver, gpointer user_data)
{
  g_autoptr (PosTrainingBanner) self = user_data;

  if (approver != NULL)
    switch_mode (self, approver);
}

void
pos_training_banner_toggle (PosTrainingBanner *self)
{
  g_autoptr (GError) error = NULL;
  const PosUser *user;

  g_return_if_fail (POS_IS_TRAINING_BANNER (self));
  if (self->context == NULL || pos_context_get_store (self->context) == NULL
      || (user = pos_context_get_user (self->context)) == NULL)
    return;
  if (pos_permission_check (user, POS_ACTION_TRAINING, NULL, &error))
    {
      switch_mode (self, NULL);
      return;
    }
  pos_ask_approval (GTK_WIDGET (self), pos_context_get_store (self->context), error->message, on_approved_cb,
                    g_object_ref (self));
}

static void
on_switch_off_clicked_cb (PosTrainingBanner *self)
{
  pos_training_banner_toggle (self);
}

void
pos_training_banner_set_context (PosTrainingBanner *self, PosContext *context)
{
  g_return_if_fail (POS_IS_TRAINING_BANNER (self));

  g_set_object (&self->context, context);
  /* The mode outlives the app: whoever signs in sees it at once. */
  g_signal_connect_object (context, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static GtkWidget *
build_content (PosTrainingBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_ ("TRAINING MODE: sales are not recorded, receipts say TRAINING"));
  GtkWidget *button = gtk_button_new_with_label (_ ("Switch Off Training"));

  gtk_widget_add_css_class (box, "training-banner");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_focusable (button, FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_switch_off_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("dialog-information-symbolic"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
pos_training_banner_dispose (GObject *object)
{
  PosTrainingBanner *self = POS_TRAINING_BANNER (object);

  if (self->revealer != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->revealer)));
  g_clear_object (&self->context);
  G_OBJECT_CLASS (pos_training_banner_parent_class)->dispose (object);
}

static void
pos_training_banner_class_init (PosTrainingBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_training_banner_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
pos_training_banner_init (PosTrainingBanner *self)
{
  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->revealer, build_content (self));
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
}
