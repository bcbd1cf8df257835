/* pos-ask.h — small questions the till asks: a value, or a supervisor's
 * approval. Each is a modal AdwMessageDialog answered through a callback,
 * so the caller's code reads top to bottom and nothing blocks. */
#pragma once

#include <adwaita.h>

#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

/* @text is NULL when the person cancelled. */
typedef void (*PosAskTextFunc) (const char *text, gpointer user_data);

/* Asks for one line of text; Enter answers. @initial (nullable). */
void pos_ask_text (GtkWidget *parent, const char *heading, const char *body, const char *initial,
                   PosAskTextFunc callback, gpointer user_data);

/* @answers is NULL when the person cancelled, else one text per field;
 * @choice is the index picked in the drop-down (0 when there is none). */
typedef void (*PosAskFormFunc) (const char *const *answers, guint choice, gpointer user_data);

/* Asks for a few values at once: one entry per @fields (NULL-terminated
 * placeholders; one starting with "*" is a secret, typed hidden, the "*"
 * not shown), then a drop-down of @choices (nullable, NULL-terminated)
 * preselected at @initial_choice. Enter in the last entry answers. */
void pos_ask_form (GtkWidget *parent, const char *heading, const char *body, const char *const *fields,
                   const char *const *choices, guint initial_choice, PosAskFormFunc callback,
                   gpointer user_data);

/* @approver is NULL when cancelled; it is a user whose PIN was just checked. */
typedef void (*PosAskApprovalFunc) (const PosUser *approver, gpointer user_data);

/* Asks for a supervisor's or owner's approval because of @reason (the
 * permission error's message): they pick their name from the list of those
 * who may approve and type their PIN, which is checked off the main thread;
 * a wrong PIN asks again. */
void pos_ask_approval (GtkWidget *parent, PosStore *store, const char *reason, PosAskApprovalFunc callback,
                       gpointer user_data);

G_END_DECLS
