/* pos-i18n.c — per-thread message languages over glibc's gettext (see
 * pos-i18n.h). */
#include "pos-i18n.h"

#include <locale.h>
#include <string.h>

static char *environment_language;
static GMutex locales_lock;
static GHashTable *locales; /* language → locale_t, or NULL when the system has none */

/* A program run from its build folder reads the catalogs built beside it,
 * so tests and developers see the strings of the sources they built. */
static const char *
catalog_folder (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, POS_BUILD_DIR "/"))
    return POS_BUILD_LOCALEDIR;
  return POS_LOCALEDIR;
}

/* The locale that carries @language's messages: "de" → "de_DE.UTF-8". A
 * full locale name ("C.UTF-8@pseudo") is taken as it is. */
static char *
locale_name (const char *language)
{
  /* Where a language is spoken in more than one country, the one whose
   * locale every system generates first. */
  static const char *const territories[][2] = {
    { "de", "DE" }, { "en", "US" }, { "es", "ES" }, { "fr", "FR" },
    { "it", "IT" }, { "nl", "NL" }, { "pl", "PL" },
  };
  g_autofree char *upper = NULL;

  if (strchr (language, '.') != NULL || strchr (language, '@') != NULL || g_str_equal (language, "C")
      || g_str_equal (language, "POSIX"))
    return g_strdup (language);
  if (strchr (language, '_') != NULL)
    return g_strconcat (language, ".UTF-8", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (territories); i++)
    if (g_str_equal (language, territories[i][0]))
      return g_strdup_printf ("%s_%s.UTF-8", language, territories[i][1]);
  upper = g_ascii_strup (language, -1);
  return g_strdup_printf ("%s_%s.UTF-8", language, upper);
}

void
pos_i18n_init (void)
{
  const char *language = g_getenv ("LANGUAGE");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, catalog_folder ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* GLib decides once, at its first lookup, whether to translate at all,
   * and in a process whose own locale is C.UTF-8 it would decide not to,
   * which would leave a German cashier's screen in English. Looked up
   * before the domain is set, it decides to translate. */
  (void)g_dgettext (GETTEXT_PACKAGE, "");
  textdomain (GETTEXT_PACKAGE);

  g_free (environment_language);
  if (language == NULL || *language == '\0')
    {
      environment_language = g_strdup (setlocale (LC_MESSAGES, NULL));
      return;
    }
  /* LANGUAGE outranks every thread's locale in gettext, which would leave
   * no room for the cashier's and the shop's languages: its first entry
   * becomes the process's LC_MESSAGES instead, and the variable leaves the
   * environment (there is no thread yet to race with). */
  g_auto (GStrv) parts = g_strsplit (language, ":", 2);
  g_autofree char *name = locale_name (parts[0]);

  environment_language = g_strdup (parts[0]);
  g_unsetenv ("LANGUAGE");
  if (setlocale (LC_MESSAGES, name) == NULL)
    g_warning ("This system has no locale %s: messages stay in English", name);
}

const char *
pos_i18n_environment_language (void)
{
  return environment_language ? environment_language : "C";
}

gboolean
pos_i18n_language_is_valid (const char *language)
{
  static const char pattern[] = "^([a-z]{2,3}(_[A-Z]{2})?)?$";

  g_return_val_if_fail (language != NULL, FALSE);
  return g_regex_match_simple (pattern, language, 0, 0);
}

/* The locale for @language, made once and kept for the process's life
 * (threads hold it while they speak it). */
static locale_t
locale_for (const char *language)
{
  gpointer found = NULL;

  g_mutex_lock (&locales_lock);
  if (locales == NULL)
    locales = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_lookup_extended (locales, language, NULL, &found))
    {
      g_autofree char *name = locale_name (language);
      locale_t base = duplocale (LC_GLOBAL_LOCALE);
      locale_t made = base != (locale_t)0 ? newlocale (LC_MESSAGES_MASK, name, base) : (locale_t)0;

      if (made == (locale_t)0)
        {
          if (base != (locale_t)0)
            freelocale (base);
          g_warning ("This system has no locale %s: messages stay in the environment's language", name);
        }
      found = made;
      g_hash_table_insert (locales, g_strdup (language), found);
    }
  g_mutex_unlock (&locales_lock);
  return (locale_t)found;
}

/* The thread locale for @language: the process's own for the environment's. */
static locale_t
thread_locale (const char *language)
{
  locale_t l;

  if (language == NULL || *language == '\0' || g_strcmp0 (language, environment_language) == 0)
    return LC_GLOBAL_LOCALE;
  l = locale_for (language);
  return l != (locale_t)0 ? l : LC_GLOBAL_LOCALE;
}

gboolean
pos_i18n_use_language (const char *language)
{
  locale_t l = thread_locale (language);

  uselocale (l);
  return l != LC_GLOBAL_LOCALE || language == NULL || *language == '\0'
         || g_strcmp0 (language, environment_language) == 0;
}

void
pos_language_scope_enter (PosLanguageScope *scope, const char *language)
{
  g_return_if_fail (scope != NULL);

  scope->previous = uselocale (thread_locale (language));
}

void
pos_language_scope_leave (PosLanguageScope *scope)
{
  if (scope->previous != NULL)
    uselocale ((locale_t)scope->previous);
  scope->previous = NULL;
}

typedef struct
{
  GTaskThreadFunc func;
  locale_t locale; /* the caller's; made by locale_for(), so it outlives the task */
} SpeakingThread;

static void
speaking_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SpeakingThread *speaking = g_object_get_data (G_OBJECT (task), "pos-i18n-speaking");
  GTaskThreadFunc func = speaking->func;
  /* Pool threads are reused: the next task must not inherit this language. */
  locale_t previous = uselocale (speaking->locale);

  func (task, source, task_data, cancellable);
  uselocale (previous);
}

void
pos_i18n_run_in_thread (GTask *task, GTaskThreadFunc func)
{
  SpeakingThread *speaking;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  speaking = g_new0 (SpeakingThread, 1);
  speaking->func = func;
  speaking->locale = uselocale ((locale_t)0);
  g_object_set_data_full (G_OBJECT (task), "pos-i18n-speaking", speaking, g_free);
  g_task_run_in_thread (task, speaking_thread);
}

typedef struct
{
  GThreadFunc func;
  gpointer data;
  locale_t locale; /* the caller's, as in SpeakingThread */
} SpeakingGThread;

static gpointer
speaking_gthread (gpointer user_data)
{
  SpeakingGThread speaking = *(SpeakingGThread *)user_data;

  g_free (user_data);
  /* The thread ends with the function: no locale to put back. */
  uselocale (speaking.locale);
  return speaking.func (speaking.data);
}

GThread *
pos_i18n_thread_new (const char *name, GThreadFunc func, gpointer data)
{
  SpeakingGThread *speaking;

  g_return_val_if_fail (func != NULL, NULL);

  speaking = g_new0 (SpeakingGThread, 1);
  speaking->func = func;
  speaking->data = data;
  speaking->locale = uselocale ((locale_t)0);
  return g_thread_new (name, speaking_gthread, speaking);
}
