/* resfri-dav-xml.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a WebDAV multistatus (the answer to PROPFIND and to the CalDAV
 * and sync-collection REPORTs) with libxml2 into the few properties the
 * sync uses. Outside data: the parser loads no DTD, reaches no network,
 * substitutes no entity, and has a fuzz target (tests/fuzz/fuzz-dav-xml.c).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "resfri-dav-xml.h"
#include "resfri-error.h"

#define NS_DAV "DAV:"
#define NS_CALDAV "urn:ietf:params:xml:ns:caldav"
#define NS_CS "http://calendarserver.org/ns/"

void
resfri_dav_response_free (ResfriDavResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->href);
  g_free (response->etag);
  g_free (response->displayname);
  g_free (response->ctag);
  g_free (response->sync_token);
  g_free (response->calendar_data);
  g_free (response->principal);
  g_free (response->home);
  g_free (response);
}

void
resfri_dav_multistatus_free (ResfriDavMultistatus *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->responses, g_ptr_array_unref);
  g_free (self->sync_token);
  g_free (self);
}

static gboolean
is (xmlNode    *node,
    const char *ns,
    const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && node->ns->href != NULL &&
         strcmp ((const char *) node->ns->href, ns) == 0 &&
         strcmp ((const char *) node->name, name) == 0;
}

/* The element's text, trimmed, as a GLib string (valid UTF-8: libxml2
 * checks the encoding). */
static char *
dup_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text;

  if (content == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  return text;
}

/* "HTTP/1.1 404 Not Found" → 404; 0 when unreadable. */
static guint
parse_status (xmlNode *node)
{
  g_autofree char *text = dup_text (node);
  const char *space;
  guint64 code;

  if (text == NULL || (space = strchr (text, ' ')) == NULL)
    return 0;
  code = g_ascii_strtoull (space + 1, NULL, 10);
  return code >= 100 && code <= 999 ? (guint) code : 0;
}

static char *
dup_child_href (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is (child, NS_DAV, "href"))
      return dup_text (child);
  return NULL;
}

static void
replace (char **field,
         char  *value)
{
  g_free (*field);
  *field = value;
}

static void
read_prop (ResfriDavResponse *response,
           xmlNode           *prop)
{
  for (xmlNode *node = prop->children; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (is (node, NS_DAV, "getetag"))
        replace (&response->etag, dup_text (node));
      else if (is (node, NS_DAV, "displayname"))
        replace (&response->displayname, dup_text (node));
      else if (is (node, NS_DAV, "sync-token"))
        replace (&response->sync_token, dup_text (node));
      else if (is (node, NS_CS, "getctag"))
        replace (&response->ctag, dup_text (node));
      else if (is (node, NS_CALDAV, "calendar-data"))
        replace (&response->calendar_data, dup_text (node));
      else if (is (node, NS_DAV, "current-user-principal"))
        replace (&response->principal, dup_child_href (node));
      else if (is (node, NS_CALDAV, "calendar-home-set"))
        replace (&response->home, dup_child_href (node));
      else if (is (node, NS_DAV, "resourcetype"))
        {
          for (xmlNode *type = node->children; type != NULL; type = type->next)
            {
              if (is (type, NS_DAV, "collection"))
                response->is_collection = TRUE;
              else if (is (type, NS_CALDAV, "calendar"))
                response->is_calendar = TRUE;
            }
        }
      else if (is (node, NS_CALDAV, "supported-calendar-component-set"))
        {
          response->has_components = TRUE;
          for (xmlNode *comp = node->children; comp != NULL; comp = comp->next)
            if (is (comp, NS_CALDAV, "comp"))
              {
                xmlChar *name = xmlGetProp (comp, (const xmlChar *) "name");

                if (name != NULL && g_ascii_strcasecmp ((const char *) name, "VEVENT") == 0)
                  response->vevent = TRUE;
                xmlFree (name);
              }
        }
    }
}

static ResfriDavResponse *
read_response (xmlNode *node)
{
  ResfriDavResponse *response = g_new0 (ResfriDavResponse, 1);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is (child, NS_DAV, "href") && response->href == NULL)
        response->href = dup_text (child);
      else if (is (child, NS_DAV, "status"))
        response->status = parse_status (child);
      else if (is (child, NS_DAV, "propstat"))
        {
          xmlNode *prop = NULL;
          guint status = 0;

          for (xmlNode *part = child->children; part != NULL; part = part->next)
            {
              if (is (part, NS_DAV, "prop"))
                prop = part;
              else if (is (part, NS_DAV, "status"))
                status = parse_status (part);
            }
          if (prop != NULL && status >= 200 && status < 300)
            read_prop (response, prop);
        }
    }

  if (!response->has_components)
    response->vevent = TRUE;

  return response;
}

ResfriDavMultistatus *
resfri_dav_parse_multistatus (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(ResfriDavMultistatus) result = NULL;
  xmlDoc *doc;
  xmlNode *root;

  if (length > G_MAXINT)
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                           _("the server's answer is too large"));
      return NULL;
    }

  doc = xmlReadMemory (data, (int) length, "multistatus.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *xml_error = xmlGetLastError ();
      /* libxml2's message may quote the answer's bytes, which need not be
       * UTF-8: a message of ours always is. */
      g_autofree char *what = xml_error && xml_error->message
                              ? g_utf8_make_valid (xml_error->message, -1) : g_strdup ("?");

      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("the server's answer is not XML (line %d: %s)"),
                   xml_error ? xml_error->line : 0, g_strstrip (what));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is (root, NS_DAV, "multistatus"))
    {
      xmlFreeDoc (doc);
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                           _("the server's answer is not a WebDAV multistatus"));
      return NULL;
    }

  result = g_new0 (ResfriDavMultistatus, 1);
  result->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_dav_response_free);
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (is (node, NS_DAV, "response"))
        {
          ResfriDavResponse *response = read_response (node);

          if (response->href != NULL)
            g_ptr_array_add (result->responses, response);
          else
            resfri_dav_response_free (response);
        }
      else if (is (node, NS_DAV, "sync-token"))
        replace (&result->sync_token, dup_text (node));
    }

  xmlFreeDoc (doc);
  return g_steal_pointer (&result);
}
