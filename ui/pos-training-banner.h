/* pos-training-banner.h — the banner that says the till is in training mode.
 *
 * Shown across the window, above every page, for as long as the till is in
 * training mode (pos-training.h), with a button to switch it off. Switching
 * on or off asks a supervisor's approval when the one signed in may not do
 * it; a refusal is sent upward as "add-toast", as pages do.
 */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_TRAINING_BANNER (pos_training_banner_get_type ())
G_DECLARE_FINAL_TYPE (PosTrainingBanner, pos_training_banner, POS, TRAINING_BANNER, GtkWidget)

void pos_training_banner_set_context (PosTrainingBanner *self, PosContext *context);
/* Switches training mode on when it is off and off when it is on. */
void pos_training_banner_toggle (PosTrainingBanner *self);

G_END_DECLS
