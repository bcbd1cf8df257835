/* pos-login-page.h — who is at the till: user tiles and a PIN pad. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_LOGIN_PAGE (pos_login_page_get_type ())
G_DECLARE_FINAL_TYPE (PosLoginPage, pos_login_page, POS, LOGIN_PAGE, GtkWidget)

void pos_login_page_set_context (PosLoginPage *self, PosContext *context);

/* Re-reads the users and clears the PIN; call each time the page is shown. */
void pos_login_page_reset (PosLoginPage *self);

/* Signs @name in with @pin as if tapped and typed (the check runs in the
 * background as usual; "signed-in" follows). FALSE when no such user. */
gboolean pos_login_page_sign_in_as (PosLoginPage *self, const char *name, const char *pin);

/* Keys typed anywhere on the page: letters pick the user whose name starts
 * with them (PINs are digits), anything else is appended to the PIN, which
 * takes the focus. */
void pos_login_page_type (PosLoginPage *self, const char *text);

G_END_DECLS
