/** Small stylesheet builders for the runner tests. */
export const XSL_OPEN = '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema" exclude-result-prefixes="xs">\n';

/** A stylesheet whose template for "/" has `body` as content (body starts on line 3). */
export function xsl(body: string, top = ''): string {
  return `${XSL_OPEN}${top}<xsl:template match="/">\n${body}\n</xsl:template>\n</xsl:stylesheet>\n`;
}
