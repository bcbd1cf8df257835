/* pos-toast.h — a toast whose whole message shows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing @text on as many lines as it takes. A toast's own title
 * is one line, cut off at the overlay's edge; a label that only breaks
 * between words is as wide as its longest word, so a printer's device
 * path or a file name would push the toast, and its button, past the edge.
 * Returns: (transfer full) */
AdwToast *pos_toast_new_wrapped (const char *text);

G_END_DECLS
