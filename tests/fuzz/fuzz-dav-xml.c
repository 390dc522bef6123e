/* fuzz-dav-xml.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The WebDAV multistatus reader (sync/resfri-dav-xml.c): whatever a server
 * (or a man in the middle of plain HTTP) answers, it returns responses whose
 * every field is valid UTF-8, or INVALID_INPUT with a UTF-8 message; an
 * href normalised (resfri_caldav_normalize_href) stays so when normalised
 * again, in ASCII.
 */

#include "config.h"

#include <stdint.h>

#include "resfri-core.h"
#include "resfri-caldav.h"
#include "resfri-dav-xml.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_text (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ResfriDavMultistatus) ms = NULL;
  g_autoptr(GError) error = NULL;

  ms = resfri_dav_parse_multistatus ((const char *) data, size, &error);
  if (ms == NULL)
    {
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert_no_error (error);
  check_text (ms->sync_token);
  for (guint i = 0; i < ms->responses->len; i++)
    {
      ResfriDavResponse *response = g_ptr_array_index (ms->responses, i);

      g_assert_nonnull (response->href);
      check_text (response->href);
      check_text (response->etag);
      check_text (response->displayname);
      check_text (response->ctag);
      check_text (response->sync_token);
      check_text (response->calendar_data);
      check_text (response->principal);
      check_text (response->home);
      g_assert_true (response->status == 0 || (response->status >= 100 && response->status <= 999));

      /* The sync stores hrefs normalised: the same twice over, ASCII. */
      {
        g_autofree char *once = resfri_caldav_normalize_href ("https://dav.example/", response->href);
        g_autofree char *twice = NULL;

        check_text (once);
        twice = resfri_caldav_normalize_href ("https://dav.example/", once);
        if (g_str_has_prefix (once, "/"))
          {
            g_assert_cmpstr (once, ==, twice);
            for (const char *p = once; *p != '\0'; p++)
              g_assert_true ((guchar) *p < 0x80);
          }
      }
    }
  return 0;
}
