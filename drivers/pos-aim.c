/* pos-aim.c — splitting off AIM symbology identifiers. */
#include "pos-aim.h"

#include <string.h>

const char *
pos_aim_split (const char *text, char symbology[POS_AIM_ID_LEN + 1])
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (symbology != NULL, NULL);

  symbology[0] = '\0';
  if (text[0] != ']' || !g_ascii_isalpha (text[1]) || !g_ascii_isalnum (text[2]))
    return text;
  memcpy (symbology, text, POS_AIM_ID_LEN);
  symbology[POS_AIM_ID_LEN] = '\0';
  return text + POS_AIM_ID_LEN;
}

const char *
pos_aim_describe (const char *symbology)
{
  static const struct
  {
    char letter;
    const char *name;
  } names[] = {
    { 'A', "Code 39" },     { 'C', "Code 128" }, { 'd', "Data Matrix" }, { 'E', "EAN/UPC" },
    { 'e', "GS1 DataBar" }, { 'F', "Codabar" },  { 'G', "Code 93" },     { 'I', "Interleaved 2 of 5" },
    { 'L', "PDF417" },      { 'Q', "QR Code" },  { 'z', "Aztec" },
  };

  g_return_val_if_fail (symbology != NULL, NULL);

  if (strlen (symbology) != POS_AIM_ID_LEN || symbology[0] != ']')
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i].letter == symbology[1])
      return names[i].name;
  return NULL;
}
