#include "pos-error.h"

G_DEFINE_QUARK (pos - error - quark, pos_error)
