/* pos-key-hint.h — a button's text with the key that does the same ("Void
 * Del"), the key named as GTK names it in the cashier's language: "Entf"
 * and "Strg+D" in German, "Suppr" in French. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char *action_name; /* of the button: "sale.void-line" */
  const char *accelerator; /* as gtk_accelerator_parse() reads it: "Delete", "<Control>d" */
} PosKeyHint;

/* "@text @key": @text and the translated name of @accelerator.
 * Returns: (transfer full) */
char *pos_key_hint_label (const char *text, const char *accelerator);

/* Appends its key to the label of each button under @parent whose action
 * is in @hints. Call once, after the template is built. */
void pos_key_hints_apply (GtkWidget *parent, const PosKeyHint *hints, gsize n_hints);

/* The keys of the till's buttons: the sale, payment and refund pages'
 * bindings, in one table for pos_key_hints_apply(). */
extern const PosKeyHint pos_till_key_hints[];
extern const gsize pos_till_n_key_hints;

G_END_DECLS
