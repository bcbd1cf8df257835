/* pos-toast.c — a toast whose whole message shows. */
#include "pos-toast.h"

AdwToast *
pos_toast_new_wrapped (const char *text)
{
  AdwToast *toast;
  GtkWidget *label;

  g_return_val_if_fail (text != NULL, NULL);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* The toast gives its title its natural width before its buttons: 30
   * characters leave room for a "Print again" and the close button in
   * the sale page's cart at 1024 px. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  toast = adw_toast_new (text);
  adw_toast_set_custom_title (toast, label);
  return toast;
}
