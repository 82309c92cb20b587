import { domainToASCII } from 'node:url';
import { createTransport } from 'nodemailer';
import type { SMTPPoolOptions, SMTPPoolSentMessageInfo, Transporter } from 'nodemailer';

/** Where reminder e-mail goes out: an SMTP URL (`smtp://user:pass@host:587`, `smtps://…`) and the From line. */
export interface SmtpSettings {
  url: string;
  from: string;
}

/** One reminder e-mail; `deliveryId` is the delivery record's id and makes the Message-ID. */
export interface OutgoingEmail {
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Extra nodemailer pool options for what an SMTP URL cannot say (timeouts, TLS details). Values in the URL
 * win over these, as nodemailer merges them.
 */
export type SmtpTransportOptions = Omit<SMTPPoolOptions, 'url' | 'pool'>;

/** Used for the Message-ID when the From line has no usable domain; `.invalid` is reserved (RFC 2606). */
export const FALLBACK_MESSAGE_ID_DOMAIN = 'cma-tracker.invalid';

// Letters, digits and hyphens per label, as a Message-ID's right side needs; IDNs arrive here in punycode.
const DOMAIN_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
// The left side of a msg-id is a dot-atom; delivery ids are UUIDs, so this stricter set is enough.
const DELIVERY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const DEFAULT_TRANSPORT_OPTIONS: SmtpTransportOptions = {
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
  // Reminders are plain text built by us: nodemailer never needs to read a file or fetch a URL for them.
  disableFileAccess: true,
  disableUrlAccess: true,
};

/**
 * The domain of the address in a From line (`CMA tracker <reminders@example.org>` → `example.org`), lower-case
 * and in ASCII (punycode), or `cma-tracker.invalid` when there is no usable domain. Pure.
 */
export function emailDomain(from: string): string {
  const bracketed = /<([^<>]*)>\s*$/.exec(from);
  const address = (bracketed?.[1] ?? from).trim();
  const at = address.lastIndexOf('@');
  if (at <= 0) {
    return FALLBACK_MESSAGE_ID_DOMAIN;
  }
  const domain = domainToASCII(address.slice(at + 1));
  return DOMAIN_NAME.test(domain) ? domain : FALLBACK_MESSAGE_ID_DOMAIN;
}

/** The Message-ID for a delivery: the same for every attempt, so receivers can drop a resent duplicate. Pure. */
export function deliveryMessageId(deliveryId: string, from: string): string {
  if (!DELIVERY_ID.test(deliveryId)) {
    throw new Error(`delivery id "${deliveryId}" cannot be used in a Message-ID`);
  }
  return `<${deliveryId}@${emailDomain(from)}>`;
}

/**
 * Sends reminder e-mail over one pooled SMTP transport. Delivery is at-least-once: a retry after a crash may
 * send the same reminder again, but with the same `Message-ID` (`<deliveryId@from-domain>`) and
 * `X-Delivery-Id`, so receivers and mail stores can drop the duplicate. Failures reject with nodemailer's own
 * error (e.g. `Can't send mail - all recipients were rejected: 550 …`), never swallowed.
 */
export class EmailSender {
  private readonly transport: Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;

  constructor(
    private readonly settings: SmtpSettings,
    transportOptions: SmtpTransportOptions = {},
  ) {
    this.transport = createTransport({ ...DEFAULT_TRANSPORT_OPTIONS, ...transportOptions, url: settings.url, pool: true });
  }

  /** Hands one reminder to the SMTP server; resolves once the server accepted it, with its reply line. */
  async send(mail: OutgoingEmail): Promise<{ messageId: string; response: string }> {
    const info = await this.transport.sendMail({
      from: this.settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: deliveryMessageId(mail.deliveryId, this.settings.from),
      headers: {
        'X-Delivery-Id': mail.deliveryId,
        // RFC 3834: machine-generated, so auto-responders must not answer it.
        'Auto-Submitted': 'auto-generated',
        // Exchange/Outlook ignore Auto-Submitted; this stops their out-of-office replies.
        'X-Auto-Response-Suppress': 'All',
      },
    });
    return { messageId: info.messageId, response: info.response };
  }

  /** Closes the pooled connections (messages still being sent finish first). */
  close(): void {
    this.transport.close();
  }
}
