// libxml2 through a shim header.
//
// xmlversion.h first, then ICU switched off: with LIBXML_ICU_ENABLED the libxml2 headers pull
// in ICU's headers, whose UErrorCode clashes with Foundation's copy of ICU in debug builds
// ("'UErrorCode' has different definitions in different modules").
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/entities.h>
