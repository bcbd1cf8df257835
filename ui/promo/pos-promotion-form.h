/* pos-promotion-form.h — the form a promotion is created and changed with.
 *
 * A modal dialog of titled rows, one per field, and a drop-down of kinds.
 * Each row keeps its title while it holds text, so a promotion shown for
 * changing reads as clearly as an empty form. The answers are texts; the
 * page reads them (app/promo/ checks them).
 */
#pragma once

#include "pos-ask.h"

G_BEGIN_DECLS

/* Asks for the fields @titles (NULL-terminated), filled with @values
 * (nullable; one per title, each nullable), and one of @choices, @choice
 * selected. @callback gets the texts in @titles' order and the choice, or
 * NULL answers when cancelled. */
void pos_promotion_form_present (GtkWidget *parent, const char *heading, const char *body,
                                 const char *const *titles, const char *const *values,
                                 const char *const *choices, guint choice, PosAskFormFunc callback,
                                 gpointer user_data);

G_END_DECLS
