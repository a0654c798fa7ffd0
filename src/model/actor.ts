import * as z from 'zod';
import { Id } from './ids.js';

export const StaffActor = z.object({ type: z.literal('staff'), tenantId: Id, userId: Id });
export type StaffActor = z.infer<typeof StaffActor>;

export const ClientActor = z.object({ type: z.literal('client'), tenantId: Id, clientId: Id });
export type ClientActor = z.infer<typeof ClientActor>;

/** Who is calling: builder staff (authenticated by the host) or a client (by sitegate). */
export const Actor = z.discriminatedUnion('type', [StaffActor, ClientActor]);
export type Actor = z.infer<typeof Actor>;
