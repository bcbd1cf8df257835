/* pos-fiscal-profile.c — the shop's fiscal profile (see pos-fiscal-profile.h). */
#include "pos-fiscal-profile.h"

#include <glib/gi18n-lib.h>

#include "pos-store-private.h"

static const char *const names[] = { "none", "AT-RKSV", "DE-KassenSichV", "FR-NF525", NULL };

const char *
pos_fiscal_profile_to_string (PosFiscalProfile profile)
{
  g_return_val_if_fail (profile <= POS_FISCAL_FR_NF525, NULL);
  return names[profile];
}

gboolean
pos_fiscal_profile_parse (const char *text, PosFiscalProfile *profile)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *profile = (PosFiscalProfile)i;
        return TRUE;
      }
  return FALSE;
}

const char *const *
pos_fiscal_profile_names (void)
{
  return names;
}

GStrv
pos_fiscal_profile_titles (void)
{
  g_autoptr (GStrvBuilder) titles = g_strv_builder_new ();

  /* TRANSLATORS: the fiscal profile of a shop that follows no country's fiscal law */
  g_strv_builder_add (titles, C_ ("fiscal profile", "None"));
  for (guint i = 1; names[i] != NULL; i++)
    g_strv_builder_add (titles, names[i]);
  return g_strv_builder_end (titles);
}

PosFiscalProfile
pos_fiscal_profile_get (PosStore *store)
{
  g_autofree char *text = pos_store_dup_setting (store, POS_FISCAL_PROFILE_SETTING);
  PosFiscalProfile profile = POS_FISCAL_NONE;

  if (text != NULL)
    pos_fiscal_profile_parse (text, &profile);
  return profile;
}
