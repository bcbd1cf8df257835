#include "pos-device-error.h"

G_DEFINE_QUARK (pos - device - error - quark, pos_device_error)
