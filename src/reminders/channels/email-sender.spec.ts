import { createServer, type AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { EmailSender, emailDomain, type OutgoingEmail } from './email-sender';

const FROM = 'CMA tracker <reminders@example.org>';
const REJECTED_RECIPIENT = 'nobody@example.net';

function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    deliveryId: '3f6c1f0e-8d0b-4c64-9a57-0c2f1f7d2b11',
    to: 'qppv@example.com',
    subject: 'Reminder — PSUR due in 7 days: Zemcelpro® – Überprüfung',
    text: 'The PSUR for Zemcelpro® is due on 2025-03-01.\nBitte prüfen — danke.',
    ...overrides,
  };
}

function header(parsed: PostalMime.Email, name: string): string | undefined {
  return parsed.headers.find((h) => h.key === name.toLowerCase())?.value;
}

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => probe.close((error) => (error ? reject(error) : resolve())));
  return port;
}

describe('EmailSender against a real SMTP server', () => {
  const received: Buffer[] = [];
  const senders: EmailSender[] = [];
  let server: SMTPServer;
  let port: number;

  function sender(): EmailSender {
    const created = new EmailSender({ url: `smtp://127.0.0.1:${port}`, from: FROM });
    senders.push(created);
    return created;
  }

  async function lastReceived(): Promise<PostalMime.Email> {
    const raw = received.at(-1);
    expect(raw).toBeDefined();
    return PostalMime.parse(raw!);
  }

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address === REJECTED_RECIPIENT) {
          callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
          return;
        }
        callback();
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    for (const created of senders) {
      created.close();
    }
    await new Promise<void>((resolve) => server.close(resolve));
  });

  it('should deliver the From, To, UTF-8 subject and plain-text body unchanged', async () => {
    const mail = email();

    await sender().send(mail);

    const parsed = await lastReceived();
    expect(parsed.from).toEqual({ name: 'CMA tracker', address: 'reminders@example.org' });
    expect(parsed.to).toEqual([{ name: '', address: 'qppv@example.com' }]);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.text?.trimEnd()).toBe(mail.text);
    expect(parsed.html).toBeUndefined();
  });

  it('should set Message-ID from the delivery id and the From domain, plus X-Delivery-Id and Auto-Submitted', async () => {
    const result = await sender().send(email({ deliveryId: 'delivery-42' }));

    const parsed = await lastReceived();
    expect(parsed.messageId).toBe('<delivery-42@example.org>');
    expect(result.messageId).toBe('<delivery-42@example.org>');
    expect(result.response).toMatch(/^250 /);
    expect(header(parsed, 'X-Delivery-Id')).toBe('delivery-42');
    expect(header(parsed, 'Auto-Submitted')).toBe('auto-generated');
  });

  it('should give a resent delivery the same Message-ID, even from a new sender after a restart', async () => {
    const mail = email({ deliveryId: 'resent-1' });

    await sender().send(mail);
    const first = await lastReceived();
    await sender().send(mail);
    const second = await lastReceived();

    expect(first.messageId).toBe('<resent-1@example.org>');
    expect(second.messageId).toBe(first.messageId);
  });

  it('should reject, naming the problem, when the server refuses the recipient', async () => {
    const before = received.length;

    await expect(sender().send(email({ to: REJECTED_RECIPIENT }))).rejects.toThrow(/recipients were rejected: 550 5\.1\.1 mailbox unavailable/);
    expect(received).toHaveLength(before);
  });

  it('should reject when the SMTP server cannot be reached', async () => {
    const unreachable = new EmailSender({ url: `smtp://127.0.0.1:${await closedPort()}`, from: FROM });
    senders.push(unreachable);

    await expect(unreachable.send(email())).rejects.toThrow(/ECONNREFUSED/);
  });

  it('should refuse a delivery id that cannot form a Message-ID', async () => {
    await expect(sender().send(email({ deliveryId: 'bad id>' }))).rejects.toThrow('cannot be used in a Message-ID');
  });
});

describe('emailDomain', () => {
  it.each([
    ['CMA tracker <reminders@example.org>', 'example.org'],
    ['reminders@Example.ORG', 'example.org'],
    ['"Pharmacovigilance, EU" <pv@mail.example.co.uk>', 'mail.example.co.uk'],
    ['"team@old.example" <reminders@new.example>', 'new.example'],
    ['Erinnerungen <erinnerung@bücher.example>', 'xn--bcher-kva.example'],
  ])('should take the domain of %s', (from, domain) => {
    expect(emailDomain(from)).toBe(domain);
  });

  it.each([[''], ['CMA tracker'], ['<@example.org>'], ['reminders@'], ['x <reminders@bad domain>'], ['reminders@example.org.']])(
    'should fall back to cma-tracker.invalid for %j',
    (from) => {
      expect(emailDomain(from)).toBe('cma-tracker.invalid');
    },
  );
});
