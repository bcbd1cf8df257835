/* pos-i18n.h — which language a message comes out in.
 *
 * Three languages can be in use at once (docs/ARCHITECTURE.md, Languages):
 * the screen speaks the signed-in cashier's, receipts and reports the
 * shop's, and mainstreet-admin the environment's. glibc's gettext looks a
 * message up in the calling thread's LC_MESSAGES locale (uselocale()), so
 * each of them is a per-thread locale: the GTK thread carries the
 * cashier's, and the code that writes a receipt switches to the shop's for
 * as long as it writes (PosLanguageScope). The LANGUAGE variable would
 * override all of them, so pos_i18n_init() takes it in as the
 * environment's language and removes it from the environment.
 */
#pragma once

#include <gio/gio.h>
#include <glib.h>
#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

/* Binds the message catalogs (the build's when the program runs from its
 * build folder, else the installed ones) and reads the environment's
 * language. Call at the start of main(), before any thread exists: it
 * calls setlocale() and unsets LANGUAGE. */
void pos_i18n_init (void);

/* The environment's language: the first of LANGUAGE, else the locale's
 * LC_MESSAGES ("de_DE.UTF-8", "C"). Returns: (transfer none) */
const char *pos_i18n_environment_language (void);

/* Whether @language looks like a language a user or the shop may be given:
 * "de", "de_CH", "pt_BR" (ISO 639 and 3166 codes), or "" for "as the
 * environment says". */
gboolean pos_i18n_language_is_valid (const char *language);

/* Makes the calling thread speak @language (NULL or "": the environment's).
 * Returns FALSE, and the thread speaks the environment's language, when the
 * system has no locale for @language. */
gboolean pos_i18n_use_language (const char *language);

/* A stretch of code that speaks another language than its thread: a
 * receipt in the shop's language while the screen speaks the cashier's. */
typedef struct
{
  gpointer previous; /* the thread's locale_t before the scope */
} PosLanguageScope;

void pos_language_scope_enter (PosLanguageScope *scope, const char *language);
void pos_language_scope_leave (PosLanguageScope *scope);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosLanguageScope, pos_language_scope_leave)

/* g_task_run_in_thread() for work whose messages reach a person: @func
 * runs on a worker thread speaking the calling thread's language, so an
 * error made there comes back in the cashier's language rather than the
 * environment's. */
void pos_i18n_run_in_thread (GTask *task, GTaskThreadFunc func);

/* g_thread_new() for a thread of its own whose messages reach a person:
 * @func runs speaking the calling thread's language. Returns: (transfer full) */
GThread *pos_i18n_thread_new (const char *name, GThreadFunc func, gpointer data);

G_END_DECLS
