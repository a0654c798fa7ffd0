/**
 * What a request id may look like: short, and nothing that could forge a log line or read as
 * words on a page. The server takes a host's own id only in this shape; the api client keeps
 * only an id in this shape from an answer (a proxy in between may send anything).
 */
export const REQUEST_ID_SHAPE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
