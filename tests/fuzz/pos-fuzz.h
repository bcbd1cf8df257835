/* pos-fuzz.h — what the libFuzzer targets share: the input as text, and a
 * small store opened once per process in a folder of its own. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "pos-store.h"
#include "pos-users.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (it may hold NULs of its own).
 * Returns: (transfer full) */
char *pos_fuzz_text (const uint8_t *data, size_t size);

/* A store with till T1, currency EUR, tax rates A (20 %) and B (5 %) and an
 * owner, made on first use and kept until exit. */
PosStore *pos_fuzz_store (void);
const PosUser *pos_fuzz_owner (void);
const char *pos_fuzz_dir (void);

/* Ends the process with a message: a property the target checks is broken. */
G_NORETURN void pos_fuzz_fail (const char *format, ...) G_GNUC_PRINTF (1, 2);
