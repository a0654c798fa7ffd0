/**
 * The host's `emails` option as the portal's context holds it: checked at `createPortal`
 * (`checkEmailOptions`), read with its full types by src/mail (`EmailOptions`). Declared loosely
 * here so the context need not import the mail folder, which imports the context.
 */
export interface EmailSettings {
  readonly strings?: object;
  readonly render?: Readonly<Record<string, unknown>>;
}
