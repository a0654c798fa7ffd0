import { FREQUENCIES } from '../model/notification-lists.js';
import { boolean, object, oneOf } from './check.js';

/** `notifications.get`/`set`: the effective frequency, and whether it is the tenant's default. */
export const WireNotificationPreference = object({ frequency: oneOf(FREQUENCIES), isDefault: boolean });

/** `notifications.unsubscribe`. */
export const WireUnsubscribed = object({ frequency: oneOf(['off'] as const) });
