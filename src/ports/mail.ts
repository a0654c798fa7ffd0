/** One email as sitegate hands it to a mail adapter. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. `X-Sitegate-Invite`. */
  headers?: Record<string, string>;
  /**
   * Unique per send attempt (`<jobId.attempt@sitegate.invalid>`): each attempt carries a freshly
   * minted token, so two attempts are different messages. The `X-Sitegate-Job` header links the
   * attempts of one outbox job. An adapter that knows its sending domain may put it in place of
   * `sitegate.invalid` (`smtpMail` does).
   */
  messageId: string;
}

export interface MailReceipt {
  /** The provider's id for the message (SMTP: the server's queue id / response). */
  providerId?: string;
}

/**
 * A mail adapter. `send` resolves once the message is accepted for delivery and throws a
 * `MailError` whose `permanent` flag says whether retrying could help.
 */
export interface Mail {
  readonly name: string;
  send(message: MailMessage): Promise<MailReceipt>;
}
