/* pos-fiscal-profile.h — which country's fiscal law the shop's tills follow.
 *
 * A shop setting ("fiscal_profile"), chosen in Settings or at first-run
 * setup: none, AT-RKSV (Austria: every receipt signed on a signature device
 * with the machine-readable code as a QR code), DE-KassenSichV (Germany)
 * or FR-NF525 (France). "none" adds nothing to receipts.
 */
#pragma once

#include <glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

typedef enum
{
  POS_FISCAL_NONE,
  POS_FISCAL_AT_RKSV,
  POS_FISCAL_DE_KASSENSICHV,
  POS_FISCAL_FR_NF525,
} PosFiscalProfile;

#define POS_FISCAL_PROFILE_SETTING "fiscal_profile"

const char *pos_fiscal_profile_to_string (PosFiscalProfile profile);
gboolean pos_fiscal_profile_parse (const char *text, PosFiscalProfile *profile);
/* The profiles' names in order, NULL-terminated, for choosers. */
const char *const *pos_fiscal_profile_names (void);
/* What a chooser shows for each profile, in the same order: "none" in the
 * reader's language, the others by the names their laws go by. (transfer full) */
GStrv pos_fiscal_profile_titles (void);
/* The store's profile; POS_FISCAL_NONE when unset. */
PosFiscalProfile pos_fiscal_profile_get (PosStore *store);

G_END_DECLS
