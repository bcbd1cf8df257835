/* pos-login-page.c — who is at the till: user tiles and a PIN pad.
 *
 * The PIN is checked off the main thread (pos_users_authenticate_async):
 * an Argon2id verification takes a noticeable moment and the till must not
 * freeze meanwhile. Wrong PINs and lockouts are counted by app/, which this
 * page only reports; a locked user is unlocked here by a supervisor or owner
 * through the approval dialog.
 *
 * Everything works from the keyboard too: typing the first letters of a
 * name picks that tile (PINs are digits, so letters never belong in the
 * PIN), then the PIN and Enter sign in.
 */
#include "pos-login-page.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-sign-in.h"
#include "pos-users.h"
#include "pos-page.h"

struct _PosLoginPage
{
  GtkWidget parent_instance;

  GtkFlowBox *user_box;
  GtkPasswordEntry *pin_entry;
  GtkLabel *message_label;
  GtkGrid *pin_pad;
  GtkButton *unlock_button;

  PosContext *context;
  GPtrArray *users; /* PosUser, in tile order */
  GCancellable *cancellable;
  gboolean busy;
  GString *typed_name; /* letters typed so far, casefolded */
  gint64 typed_at_us;  /* when the last one was typed */
};

/* A pause longer than this starts a new name. */
#define TYPED_NAME_PAUSE_US (1500 * G_TIME_SPAN_MILLISECOND)

G_DEFINE_FINAL_TYPE (PosLoginPage, pos_login_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const PosUser *
selected_user (PosLoginPage *self)
{
  g_autoptr (GList) selected = gtk_flow_box_get_selected_children (self->user_box);
  int index;

  if (selected == NULL)
    return NULL;
  index = gtk_flow_box_child_get_index (selected->data);
  if (index < 0 || (guint)index >= self->users->len)
    return NULL;
  return g_ptr_array_index (self->users, index);
}

static void
set_busy (PosLoginPage *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_pad), !busy);
  /* Not insensitive: a focused text made insensitive never sees its
   * focus-out (its cursor keeps blinking and GTK warns); read-only is enough. */
  gtk_editable_set_editable (GTK_EDITABLE (self->pin_entry), !busy);
}

static void
on_authenticated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosLoginPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = pos_users_authenticate_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  if (user == NULL)
    {
      gtk_label_set_text (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_button),
                              g_error_matches (error, POS_ERROR, POS_ERROR_LOCKED_OUT));
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_label_set_text (self->message_label, "");
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0, user);
}

/* Checks the typed PIN for the selected user in a worker thread. */
static void
sign_in (PosLoginPage *self)
{
  const PosUser *user = selected_user (self);
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_entry));

  if (self->busy)
    return;
  if (user == NULL)
    {
      gtk_label_set_text (self->message_label, _ ("Choose your name first"));
      return;
    }
  if (*pin == '\0')
    return;
  set_busy (self, TRUE);
  pos_users_authenticate_async (pos_context_get_store (self->context), user->name, pin, self->cancellable,
                                on_authenticated_cb, g_object_ref (self));
}

static void
on_pin_entry_activated_cb (PosLoginPage *self)
{
  sign_in (self);
}

static gboolean
focus_pin_cb (gpointer user_data)
{
  PosLoginPage *self = user_data;

  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
  return G_SOURCE_REMOVE;
}

/* The Unlock button shows while the selected user is locked out. */
static void
update_unlock_button (PosLoginPage *self)
{
  const PosUser *user = selected_user (self);
  gboolean locked
      = user != NULL && pos_users_is_locked (pos_context_get_store (self->context), user->name, NULL, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button), locked);
}

typedef struct
{
  PosLoginPage *self; /* (owned) */
  char *name;         /* the locked user */
} Unlock;

static void
unlock_free (Unlock *unlock)
{
  g_object_unref (unlock->self);
  g_free (unlock->name);
  g_free (unlock);
}

/* The approver's PIN was checked: the unlock is recorded in their name. */
static void
on_unlock_approved_cb (const PosUser *approver, gpointer user_data)
{
  Unlock *unlock = user_data;
  PosLoginPage *self = unlock->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  if (approver != NULL
      && !pos_users_unlock (pos_context_get_store (self->context), approver, unlock->name, &error))
    gtk_label_set_text (self->message_label, error->message);
  else if (approver != NULL)
    {
      done = g_strdup_printf (_ ("%s is unlocked: sign in with your PIN"), unlock->name);
      gtk_label_set_text (self->message_label, done);
    }
  update_unlock_button (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
  unlock_free (unlock);
}

static void
on_unlock_button_clicked_cb (PosLoginPage *self)
{
  const PosUser *user = selected_user (self);
  g_autofree char *reason = NULL;
  Unlock *unlock;

  if (user == NULL || self->busy)
    return;
  unlock = g_new0 (Unlock, 1);
  unlock->self = g_object_ref (self);
  unlock->name = g_strdup (user->name);
  reason = g_strdup_printf (
      _ ("%s is locked after too many wrong PINs. A supervisor or owner can unlock them."), user->name);
  pos_ask_approval (GTK_WIDGET (self), pos_context_get_store (self->context), reason, on_unlock_approved_cb,
                    unlock);
}

/* After a tap on a tile the flow box takes the focus once the click ends;
 * the PIN entry takes it back from an idle so typing and Enter go there. */
static void
on_user_box_selection_changed_cb (PosLoginPage *self)
{
  gtk_label_set_text (self->message_label, "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  update_unlock_button (self);
  if (selected_user (self) != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_pin_cb, g_object_ref (self), g_object_unref);
}

static void
on_pin_key_clicked_cb (GtkButton *button, PosLoginPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "pos-key");
  GtkEditable *editable = GTK_EDITABLE (self->pin_entry);
  g_autofree char *text = NULL;

  if (g_str_equal (key, "ok"))
    {
      sign_in (self);
      return;
    }
  if (g_str_equal (key, "clear"))
    {
      gtk_editable_set_text (editable, "");
      return;
    }
  text = g_strconcat (gtk_editable_get_text (editable), key, NULL);
  gtk_editable_set_text (editable, text);
  gtk_editable_set_position (editable, -1);
}

/* Builds the 4×3 touch PIN pad: 1–9, Clear, 0, OK. */
static void
build_pin_pad (PosLoginPage *self)
{
  static const char *const keys[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *label = g_str_equal (keys[i], "clear") ? C_ ("PIN pad", "Clear")
                          : g_str_equal (keys[i], "ok")  ? C_ ("PIN pad", "OK")
                                                         : keys[i];
      GtkWidget *button = gtk_button_new_with_label (label);

      g_object_set_data (G_OBJECT (button), "pos-key", (gpointer)keys[i]);
      gtk_widget_add_css_class (button, "pin-key");
      if (g_str_equal (keys[i], "ok"))
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_set_focus_on_click (button, FALSE);
      g_signal_connect (button, "clicked", G_CALLBACK (on_pin_key_clicked_cb), self);
      gtk_grid_attach (self->pin_pad, button, (int)(i % 3), (int)(i / 3), 1, 1);
    }
}

/* Selects the first tile whose name starts with what was typed. */
static void
select_typed_name (PosLoginPage *self)
{
  for (guint i = 0; i < self->users->len; i++)
    {
      PosUser *user = g_ptr_array_index (self->users, i);
      g_autofree char *folded = g_utf8_casefold (user->name, -1);
      GtkFlowBoxChild *tile;

      if (!g_str_has_prefix (folded, self->typed_name->str))
        continue;
      tile = gtk_flow_box_get_child_at_index (self->user_box, (int)i);
      if (!gtk_flow_box_child_is_selected (tile))
        gtk_flow_box_select_child (self->user_box, tile);
      return;
    }
}

static GtkWidget *
create_user_tile (PosUser *user)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *avatar = adw_avatar_new (64, user->name, TRUE);
  GtkWidget *label = gtk_label_new (user->name);
  /* The roles' names as the settings show them (pos-settings-users.c). */
  static const char *const role_names[] = { N_ ("Cashier"), N_ ("Supervisor"), N_ ("Owner") };
  GtkWidget *role = gtk_label_new (_ (role_names[MIN (user->role, POS_ROLE_OWNER)]));

  gtk_widget_add_css_class (role, "dim-label");
  gtk_widget_add_css_class (box, "user-tile");
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), role);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, user->name, -1);
  return box;
}

void
pos_login_page_reset (PosLoginPage *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (POS_IS_LOGIN_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->user_box))) != NULL)
    gtk_flow_box_remove (self->user_box, child);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = pos_users_list (pos_context_get_store (self->context), &error);
  if (self->users == NULL)
    {
      gtk_label_set_text (self->message_label, error->message);
      self->users = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_user_free);
    }
  /* Inactive users cannot sign in: no tile for them. */
  for (guint i = self->users->len; i > 0; i--)
    if (!((PosUser *)g_ptr_array_index (self->users, i - 1))->active)
      g_ptr_array_remove_index (self->users, i - 1);
  for (guint i = 0; i < self->users->len; i++)
    gtk_flow_box_append (self->user_box, create_user_tile (g_ptr_array_index (self->users, i)));
  /* As many columns as tiles (up to six), so a few tiles sit centred
   * above the PIN pad instead of at the start of an empty row. */
  gtk_flow_box_set_min_children_per_line (self->user_box, CLAMP (self->users->len, 1, 2));
  gtk_flow_box_set_max_children_per_line (self->user_box, CLAMP (self->users->len, 1, 6));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  gtk_label_set_text (self->message_label, "");
  if (self->users->len == 1)
    gtk_flow_box_select_child (self->user_box, gtk_flow_box_get_child_at_index (self->user_box, 0));
  update_unlock_button (self);
}

/* One letter of a name: a pause longer than TYPED_NAME_PAUSE_US starts a
 * new one. */
static void
type_name_letter (PosLoginPage *self, gunichar c)
{
  gint64 now = g_get_monotonic_time ();
  char utf8[7] = { 0 };
  g_autofree char *folded = NULL;

  if (now - self->typed_at_us > TYPED_NAME_PAUSE_US)
    g_string_truncate (self->typed_name, 0);
  self->typed_at_us = now;
  g_unichar_to_utf8 (c, utf8);
  folded = g_utf8_casefold (utf8, -1);
  g_string_append (self->typed_name, folded);
  select_typed_name (self);
}

void
pos_login_page_type (PosLoginPage *self, const char *text)
{
  GtkEditable *editable;

  g_return_if_fail (POS_IS_LOGIN_PAGE (self));
  g_return_if_fail (text != NULL);

  editable = GTK_EDITABLE (self->pin_entry);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char utf8[7] = { 0 };
      g_autofree char *pin = NULL;

      if (g_unichar_isalpha (c))
        {
          type_name_letter (self, c);
          continue;
        }
      g_string_truncate (self->typed_name, 0);
      g_unichar_to_utf8 (c, utf8);
      pin = g_strconcat (gtk_editable_get_text (editable), utf8, NULL);
      gtk_editable_set_text (editable, pin);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
  gtk_editable_set_position (editable, -1);
}

gboolean
pos_login_page_sign_in_as (PosLoginPage *self, const char *name, const char *pin)
{
  g_return_val_if_fail (POS_IS_LOGIN_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL && pin != NULL, FALSE);

  for (guint i = 0; i < self->users->len; i++)
    {
      PosUser *user = g_ptr_array_index (self->users, i);

      if (g_ascii_strcasecmp (user->name, name) != 0)
        continue;
      gtk_flow_box_select_child (self->user_box, gtk_flow_box_get_child_at_index (self->user_box, (int)i));
      gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), pin);
      sign_in (self);
      return TRUE;
    }
  return FALSE;
}

void
pos_login_page_set_context (PosLoginPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_LOGIN_PAGE (self));
  g_return_if_fail (POS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  pos_login_page_reset (self);
}

static void
pos_login_page_dispose (GObject *object)
{
  PosLoginPage *self = POS_LOGIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_LOGIN_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  if (self->typed_name != NULL)
    g_string_free (g_steal_pointer (&self->typed_name), TRUE);
  G_OBJECT_CLASS (pos_login_page_parent_class)->dispose (object);
}

static void
pos_login_page_class_init (PosLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_login_page_dispose;

  /* Emitted with the user whose PIN was just verified. */
  signals[SIGNAL_SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, POS_TYPE_USER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/login/pos-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosLoginPage, user_box);
  gtk_widget_class_bind_template_child (widget_class, PosLoginPage, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, PosLoginPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PosLoginPage, pin_pad);
  gtk_widget_class_bind_template_child (widget_class, PosLoginPage, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_box_selection_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pos_login_page_init (PosLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->typed_name = g_string_new (NULL);
  build_pin_pad (self);
}
