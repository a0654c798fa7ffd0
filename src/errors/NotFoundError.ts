import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/** The thing does not exist, or the caller may not know that it does (404). `data` names it. */
export class NotFoundError extends SitegateError {
  override name = 'NotFoundError';
  declare readonly data?: { what?: string; id?: string };
  constructor(message: string, options: SitegateErrorOptions<{ what?: string; id?: string }> = {}) {
    super(message, { ...options, code: 'not_found' });
  }
}

/** `Client "c_1" not found`, with `data: { what: 'Client', id: 'c_1' }`. */
export function notFound(what: string, id?: string): NotFoundError {
  const message = id === undefined ? `${what} not found` : `${what} ${JSON.stringify(id)} not found`;
  return new NotFoundError(message, { data: id === undefined ? { what } : { what, id } });
}
