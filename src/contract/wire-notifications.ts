import { FREQUENCIES } from '../model/notification-lists.js';
import { boolean, object, oneOf } from './check.js';

/** `notifications.get`/`set`: the effective frequency, whether it is the tenant's default, and that default. */
export const WireNotificationPreference = object({ frequency: oneOf(FREQUENCIES), isDefault: boolean, tenantDefault: oneOf(FREQUENCIES) });

/** `notifications.unsubscribe`. */
export const WireUnsubscribed = object({ frequency: oneOf(['off'] as const) });
