/* pos-quick-key-button.h — how a quick key looks, on the sale screen and in
 * the quick-key editor alike. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A quick key's button: @label under the picture @image (nullable, a path
 * on this machine), in @colour ("#rrggbb", nullable), named @label for
 * assistive technology. */
GtkWidget *pos_quick_key_button_new (const char *label, const char *colour, const char *image);

/* Gives @button the colour @colour ("#rrggbb", nullable: none), taking
 * away the one it had. */
void pos_quick_key_button_set_colour (GtkWidget *button, const char *colour);

G_END_DECLS
