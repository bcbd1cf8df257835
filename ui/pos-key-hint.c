/* pos-key-hint.c — buttons that name their key in the cashier's language.
 *
 * The key's name comes from GTK's own translations (its "keyboard label"
 * messages), which read the calling thread's language like ours do, so a
 * key is named the way the rest of the desktop names it.
 */
#include "pos-key-hint.h"

#include "pos-i18n.h"

/* As the pages bind them in their class_init: keep the two in step. */
const PosKeyHint pos_till_key_hints[] = {
  { "sale.quantity", "F4" },
  { "sale.discount", "F6" },
  { "sale.customer", "F7" },
  { "sale.park", "F8" },
  { "sale.resume", "F9" },
  { "sale.void-line", "Delete" },
  { "sale.refund", "F10" },
  { "sale.price", "F11" },
  { "sale.line-qty", "F5" },
  { "sale.no-sale", "<Control>d" },
  { "sale.pay", "F12" },
  { "payment.card", "F5" },
  { "payment.points", "F6" },
  { "payment.gift-card", "F8" },
  { "payment.account", "F9" },
  { "payment.cancel", "Escape" },
  { "refund.cash", "F12" },
  { "refund.card", "F5" },
  { "refund.cancel", "Escape" },
  { "sale.layaway", "<Shift>F9" },
  { "sale.layaways", "<Shift>F12" },
};
const gsize pos_till_n_key_hints = G_N_ELEMENTS (pos_till_key_hints);

char *
pos_key_hint_label (const char *text, const char *accelerator)
{
  guint key = 0;
  GdkModifierType mods = 0;
  g_autofree char *key_label = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (accelerator != NULL, NULL);

  if (!gtk_accelerator_parse (accelerator, &key, &mods))
    g_return_val_if_reached (g_strdup (text));
  key_label = gtk_accelerator_get_label (key, mods);
  /* TRANSLATORS: a button's action and the key that does it, as in
   * "Void Del" or "Pay F12"; swap them if your language puts keys first. */
  return g_strdup_printf (C_ ("key hint", "%s %s"), text, key_label);
}

static const PosKeyHint *
find_hint (const char *action_name, const PosKeyHint *hints, gsize n_hints)
{
  for (gsize i = 0; action_name != NULL && i < n_hints; i++)
    if (g_str_equal (hints[i].action_name, action_name))
      return &hints[i];
  return NULL;
}

void
pos_key_hints_apply (GtkWidget *parent, const PosKeyHint *hints, gsize n_hints)
{
  g_return_if_fail (GTK_IS_WIDGET (parent));

  for (GtkWidget *child = gtk_widget_get_first_child (parent); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const PosKeyHint *hint;

      if (!GTK_IS_BUTTON (child))
        {
          pos_key_hints_apply (child, hints, n_hints);
          continue;
        }
      hint = find_hint (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), hints, n_hints);
      if (hint != NULL && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        {
          g_autofree char *label
              = pos_key_hint_label (gtk_button_get_label (GTK_BUTTON (child)), hint->accelerator);

          GtkWidget *text;

          gtk_button_set_label (GTK_BUTTON (child), label);
          /* A long word and its key take two lines rather than widen the
           * row of keys past the screen. */
          text = gtk_button_get_child (GTK_BUTTON (child));
          if (GTK_IS_LABEL (text))
            {
              gtk_label_set_wrap (GTK_LABEL (text), TRUE);
              gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
              gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
            }
        }
    }
}
