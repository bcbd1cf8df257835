/* pos-rksv-replay.h — replaying a BMF test-suite scenario.
 *
 * The BMF publishes cash-box simulations as JSON: a cash box id, the AES
 * key of its turnover counter, a company id, a number of signature devices
 * and a list of receipts (type, number, time, which device, whether that
 * device is out of order, the five sums). A replay issues each through the
 * till's own code (pos-rksv-cashbox.h), signing on real PKCS#11 keys, and
 * writes the DEP export and the cryptographic material container.
 * Device i's key id is "<company id>-K<i>".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *module_path;
  const char *token_label;
  const char *pin;
  const char *const *key_labels; /* one per signature device, NULL-terminated */
} PosRksvDevices;

gboolean pos_rksv_replay (const char *scenario_path, const PosRksvDevices *devices, const char *out_dir,
                          guint *issued, GError **error);

G_END_DECLS
