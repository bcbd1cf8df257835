#include "pos-version.h"

const char *
pos_version (void)
{
  return POS_VERSION_STRING;
}
