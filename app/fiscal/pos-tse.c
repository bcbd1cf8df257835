/* pos-tse.c — the TSE driver slot (see pos-tse.h). */
#include "pos-tse.h"

static const PosTseDriver *current;

void
pos_tse_signature_clear (PosTseSignature *signature)
{
  g_clear_pointer (&signature->serial, g_free);
  g_clear_pointer (&signature->start_time, g_free);
  g_clear_pointer (&signature->end_time, g_free);
  g_clear_pointer (&signature->signature, g_free);
}

void
pos_tse_set_driver (const PosTseDriver *driver)
{
  current = driver;
}

const PosTseDriver *
pos_tse_get_driver (void)
{
  return current;
}
