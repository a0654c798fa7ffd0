import { SitegateError } from './SitegateError.js';

/** The thing does not exist, or the caller may not know that it does. */
export class NotFoundError extends SitegateError {
  override name = 'NotFoundError';
  constructor(what: string, id?: string) {
    super('not_found', id === undefined ? `${what} not found` : `${what} ${JSON.stringify(id)} not found`, {
      data: id === undefined ? { what } : { what, id },
    });
  }
}
