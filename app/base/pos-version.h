#pragma once

#define POS_VERSION_STRING "0.1.0"

const char *pos_version (void);
