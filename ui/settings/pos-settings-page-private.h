/* pos-settings-page-private.h — what the settings page's sections share.
 *
 * Each group of rows is filled by its own file (users, tax rates,
 * backups), again on every reload: the rows it adds are tracked and
 * removed by the next reload.
 */
#pragma once

#include "pos-settings-page.h"

G_BEGIN_DECLS

void pos_settings_page_toast (PosSettingsPage *self, const char *message);
PosContext *pos_settings_page_get_context (PosSettingsPage *self);
/* Adds @row to @group, removed again by the next reload. */
void pos_settings_page_add (PosSettingsPage *self, AdwPreferencesGroup *group, GtkWidget *row);

void pos_settings_users_fill (PosSettingsPage *self, AdwPreferencesGroup *group);
void pos_settings_taxes_fill (PosSettingsPage *self, AdwPreferencesGroup *group);
void pos_settings_backups_fill (PosSettingsPage *self, AdwPreferencesGroup *group);
/* The fiscal profile as a list to choose from, showing @value. */
void pos_settings_fiscal_fill (PosSettingsPage *self, AdwPreferencesGroup *group, const char *value);

G_END_DECLS
