/* pos-settings-users.c — the users group of the settings page: who may
 * sign in, their roles and PINs.
 *
 * Adding a user and setting a PIN hash the PIN with Argon2id, slow on
 * purpose, so both run in a worker thread (app/people/pos-users-async.h);
 * a role change is a quick update and runs at once. app/people/pos-users.h
 * checks that the one asking is an owner.
 */
#include "pos-settings-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-users-async.h"

static const char *const role_names[] = { N_ ("Cashier"), N_ ("Supervisor"), N_ ("Owner"), NULL };

/* The roles in the signed-in cashier's language, into @labels. */
static void
role_labels (const char *labels[G_N_ELEMENTS (role_names)])
{
  for (gsize i = 0; i < G_N_ELEMENTS (role_names); i++)
    labels[i] = role_names[i] ? _ (role_names[i]) : NULL;
}

static void
on_user_added_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSettingsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) added = pos_users_add_finish (result, &error);
  g_autofree char *message = NULL;

  if (added == NULL)
    {
      pos_settings_page_toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_ ("%s can sign in now"), added->name);
  pos_settings_page_toast (self, message);
  pos_settings_page_reload (self);
}

typedef struct
{
  PosSettingsPage *self;
  char *name;
} PinAsk;

static void
pin_ask_free (PinAsk *ask)
{
  g_object_unref (ask->self);
  g_free (ask->name);
  g_free (ask);
}

static void
on_pin_set_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PinAsk *ask = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pos_users_set_pin_finish (result, &error))
    pos_settings_page_toast (ask->self, error->message);
  else
    {
      message = g_strdup_printf (_ ("PIN of %s changed"), ask->name);
      pos_settings_page_toast (ask->self, message);
    }
  pin_ask_free (ask);
}

static void
on_pin_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  PinAsk *ask = user_data;
  PosContext *context = pos_settings_page_get_context (ask->self);

  if (answers == NULL)
    {
      pin_ask_free (ask);
      return;
    }
  pos_users_set_pin_async (pos_context_get_store (context), pos_context_get_user (context), ask->name,
                           answers[0], NULL, on_pin_set_cb, ask);
}

static void
on_pin_button_clicked_cb (GtkButton *button, PosSettingsPage *self)
{
  const char *const fields[] = { _ ("*New PIN, 4 to 8 digits"), NULL };
  PinAsk *ask = g_new0 (PinAsk, 1);

  ask->self = g_object_ref (self);
  ask->name = g_strdup (g_object_get_data (G_OBJECT (button), "pos-user"));
  pos_ask_form (GTK_WIDGET (self), _ ("New PIN"), ask->name, fields, NULL, 0, on_pin_answered_cb, ask);
}

static void
on_add_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  g_autoptr (PosSettingsPage) self = user_data;
  PosContext *context = pos_settings_page_get_context (self);
  g_autofree char *name = NULL;

  if (answers == NULL)
    return;
  name = g_strstrip (g_strdup (answers[0]));
  pos_users_add_async (pos_context_get_store (context), pos_context_get_user (context), name,
                       (PosRole)MIN (choice, POS_ROLE_OWNER), answers[1], NULL, on_user_added_cb,
                       g_object_ref (self));
}

static void
on_add_button_clicked_cb (GtkButton *button, PosSettingsPage *self)
{
  const char *const fields[] = { _ ("Name"), _ ("*PIN, 4 to 8 digits"), NULL };

  const char *roles[G_N_ELEMENTS (role_names)];

  role_labels (roles);
  pos_ask_form (GTK_WIDGET (self), _ ("Add a user"), _ ("They sign in with their name and this PIN"), fields,
                (const char *const *)roles, POS_ROLE_CASHIER, on_add_answered_cb, g_object_ref (self));
}

/* A role picked in a user's drop-down: saved at once, or put back. */
static void
on_role_selected_cb (GtkDropDown *drop_down, GParamSpec *pspec, PosSettingsPage *self)
{
  PosContext *context = pos_settings_page_get_context (self);
  const char *name = g_object_get_data (G_OBJECT (drop_down), "pos-user");
  PosRole was = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (drop_down), "pos-role"));
  PosRole role = (PosRole)gtk_drop_down_get_selected (drop_down);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (role == was)
    return;
  if (!pos_users_set_role (pos_context_get_store (context), pos_context_get_user (context), name, role,
                           &error))
    {
      pos_settings_page_toast (self, error->message);
      gtk_drop_down_set_selected (drop_down, was);
      return;
    }
  g_object_set_data (G_OBJECT (drop_down), "pos-role", GINT_TO_POINTER (role));
  /* TRANSLATORS: a user's name and their new role: "Ana is now Supervisor" */
  message = g_strdup_printf (_ ("%s is now %s"), name, _ (role_names[MIN (role, POS_ROLE_OWNER)]));
  pos_settings_page_toast (self, message);
}

static GtkWidget *
new_role_drop_down (PosSettingsPage *self, const PosUser *user)
{
  const char *roles[G_N_ELEMENTS (role_names)];
  GtkWidget *drop_down = NULL;

  role_labels (roles);
  drop_down = gtk_drop_down_new_from_strings (roles);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), user->role);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (drop_down, _ ("Role: what they may do"));
  g_object_set_data_full (G_OBJECT (drop_down), "pos-user", g_strdup (user->name), g_free);
  g_object_set_data (G_OBJECT (drop_down), "pos-role", GINT_TO_POINTER (user->role));
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_role_selected_cb), self);
  return drop_down;
}

/* The languages the screen can speak, each in its own words; "" follows
 * the till. */
static const char *const languages[][2] = {
  { "", NULL },         { "de", "Deutsch" },  { "en", "English" },    { "es", "Español" },
  { "fr", "Français" }, { "it", "Italiano" }, { "nl", "Nederlands" }, { "pl", "Polski" },
};

/* A language picked in a user's drop-down: saved at once (their screen
 * speaks it from their next sign-in), or put back. */
static void
on_language_selected_cb (GtkDropDown *drop_down, GParamSpec *pspec, PosSettingsPage *self)
{
  PosContext *context = pos_settings_page_get_context (self);
  const char *name = g_object_get_data (G_OBJECT (drop_down), "pos-language-of");
  GStrv codes = g_object_get_data (G_OBJECT (drop_down), "pos-codes");
  guint was = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "pos-selected"));
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (selected == was || selected >= g_strv_length (codes))
    return;
  if (!pos_users_set_language (pos_context_get_store (context), pos_context_get_user (context), name,
                               codes[selected], &error))
    {
      pos_settings_page_toast (self, error->message);
      gtk_drop_down_set_selected (drop_down, was);
      return;
    }
  g_object_set_data (G_OBJECT (drop_down), "pos-selected", GUINT_TO_POINTER (selected));
  /* TRANSLATORS: a user's name; their screen changes at their next sign-in. */
  message = g_strdup_printf (_ ("%s sees the new language from their next sign-in"), name);
  pos_settings_page_toast (self, message);
}

static GtkWidget *
new_language_drop_down (PosSettingsPage *self, const PosUser *user)
{
  g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = user->language ? user->language : "";
  guint selected = G_MAXUINT;
  GtkWidget *drop_down;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_strv_builder_add (codes, languages[i][0]);
      gtk_string_list_append (names, languages[i][1] ? languages[i][1] : _ ("The till's language"));
      if (g_str_equal (languages[i][0], current))
        selected = i;
    }
  if (selected == G_MAXUINT) /* one set elsewhere, such as "de_CH" */
    {
      g_strv_builder_add (codes, current);
      gtk_string_list_append (names, current);
      selected = G_N_ELEMENTS (languages);
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (drop_down, _ ("Language of their screen"));
  /* Not "pos-user": that names the role drop-down's user. */
  g_object_set_data_full (G_OBJECT (drop_down), "pos-language-of", g_strdup (user->name), g_free);
  g_object_set_data_full (G_OBJECT (drop_down), "pos-codes", g_strv_builder_end (codes),
                          (GDestroyNotify)g_strfreev);
  g_object_set_data (G_OBJECT (drop_down), "pos-selected", GUINT_TO_POINTER (selected));
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_language_selected_cb), self);
  return drop_down;
}

static GtkWidget *
new_user_row (PosSettingsPage *self, const PosUser *user)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_ ("Change PIN"));
  g_autofree char *escaped = g_markup_escape_text (user->name, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (!user->active)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("inactive"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "pos-user", g_strdup (user->name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_pin_button_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_language_drop_down (self, user));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_role_drop_down (self, user));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

void
pos_settings_users_fill (PosSettingsPage *self, AdwPreferencesGroup *group)
{
  PosContext *context = pos_settings_page_get_context (self);
  g_autoptr (GPtrArray) users = pos_users_list (pos_context_get_store (context), NULL);
  GtkWidget *add = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_ ("Add a user…"));

  for (guint i = 0; users != NULL && i < users->len; i++)
    pos_settings_page_add (self, group, new_user_row (self, g_ptr_array_index (users, i)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _ ("New cashier, supervisor or owner"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_button_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add), button);
  pos_settings_page_add (self, group, add);
}
