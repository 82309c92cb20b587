import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  WebhookDeliveryError,
  isAcceptableWebhookUrl,
  sendWebhook,
  signWebhook,
  verifyWebhookSignature,
  type OutgoingWebhook,
} from './webhook-sender';

const SECRET = 'whsec_test_9d2f4c1a';
const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z

interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

function hook(baseUrl: string, overrides: Partial<OutgoingWebhook> = {}): OutgoingWebhook {
  return {
    deliveryId: '0b7e4a52-5f3c-4d8e-a1a4-6c1d9e2f7a30',
    url: `${baseUrl}/flaky`,
    secret: SECRET,
    event: 'reminder.due',
    payload: { deadlineId: 'd-1', dueDate: '2026-01-08', subject: 'PSUR — Zemcelpro®' },
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<WebhookDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WebhookDeliveryError);
  return error as WebhookDeliveryError;
}

describe('sendWebhook against a real HTTP server', () => {
  const requests: ReceivedRequest[] = [];
  let flakyCalls = 0;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '';
        requests.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        switch (path) {
          case '/flaky':
            flakyCalls += 1;
            response.writeHead(flakyCalls <= 2 ? 503 : 204).end();
            return;
          case '/redirect':
            response.writeHead(302, { Location: '/flaky' }).end();
            return;
          case '/hang':
            return; // never answers
          default:
            response.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  describe('three attempts of one delivery, as retries would make them', () => {
    const outcomes: Array<{ status: number } | WebhookDeliveryError> = [];
    let attempts: ReceivedRequest[] = [];

    beforeAll(async () => {
      const delivery = hook(baseUrl);
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const nowSeconds = NOW + attempt * 60;
        outcomes.push(await sendWebhook(delivery, { timeoutMs: 5_000, nowSeconds }).catch((error: WebhookDeliveryError) => error));
      }
      attempts = requests.filter((r) => r.path === '/flaky');
    });

    it('should fail the first two with status 503 and succeed on the third', () => {
      expect(outcomes[0]).toBeInstanceOf(WebhookDeliveryError);
      expect(outcomes[0]).toMatchObject({ status: 503, failure: 'status', message: 'webhook answered 503 Service Unavailable' });
      expect(outcomes[1]).toBeInstanceOf(WebhookDeliveryError);
      expect(outcomes[1]).toMatchObject({ status: 503 });
      expect(outcomes[2]).toEqual({ status: 204 });
    });

    it('should send the same X-Delivery-Id and body id on every attempt', () => {
      expect(attempts).toHaveLength(3);
      for (const request of attempts) {
        expect(request.headers['x-delivery-id']).toBe('0b7e4a52-5f3c-4d8e-a1a4-6c1d9e2f7a30');
        expect(JSON.parse(request.body)).toMatchObject({ id: '0b7e4a52-5f3c-4d8e-a1a4-6c1d9e2f7a30', event: 'reminder.due' });
      }
    });

    it('should post the documented JSON body and headers', () => {
      const first = attempts[0]!;
      expect(JSON.parse(first.body)).toEqual({
        id: '0b7e4a52-5f3c-4d8e-a1a4-6c1d9e2f7a30',
        event: 'reminder.due',
        timestamp: NOW,
        data: { deadlineId: 'd-1', dueDate: '2026-01-08', subject: 'PSUR — Zemcelpro®' },
      });
      expect(first.headers['content-type']).toBe('application/json');
      expect(first.headers['user-agent']).toBe('cma-tracker-webhooks/1');
      expect(first.headers['x-webhook-timestamp']).toBe(String(NOW));
    });

    it('should sign each attempt so that it verifies over the raw body received', () => {
      for (const request of attempts) {
        const timestamp = Number(request.headers['x-webhook-timestamp']);
        const signature = String(request.headers['x-webhook-signature-256']);
        expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(verifyWebhookSignature(SECRET, signature, timestamp, request.body, timestamp + 5)).toBe(true);
      }
    });

    it('should fail verification for a tampered body, a wrong secret or a stale timestamp', () => {
      const request = attempts[0]!;
      const timestamp = Number(request.headers['x-webhook-timestamp']);
      const signature = String(request.headers['x-webhook-signature-256']);
      const tampered = request.body.replace('2026-01-08', '2026-02-08');

      expect(tampered).not.toBe(request.body);
      expect(verifyWebhookSignature(SECRET, signature, timestamp, tampered, timestamp)).toBe(false);
      expect(verifyWebhookSignature('another-secret', signature, timestamp, request.body, timestamp)).toBe(false);
      expect(verifyWebhookSignature(SECRET, signature, timestamp, request.body, timestamp + 301)).toBe(false);
      expect(verifyWebhookSignature(SECRET, signature, timestamp, request.body, timestamp - 301)).toBe(false);
      expect(verifyWebhookSignature(SECRET, signature, timestamp + 1, request.body, timestamp)).toBe(false);
    });
  });

  it('should throw a timed-out error when the server never answers', async () => {
    const error = await failure(sendWebhook(hook(baseUrl, { url: `${baseUrl}/hang` }), { timeoutMs: 200, nowSeconds: NOW }));

    expect(error.message).toBe('webhook timed out after 200ms');
    expect(error).toMatchObject({ status: null, failure: 'timeout' });
  });

  it('should count a redirect as a failure and not follow it', async () => {
    const flakyBefore = flakyCalls;

    const error = await failure(sendWebhook(hook(baseUrl, { url: `${baseUrl}/redirect` }), { timeoutMs: 5_000, nowSeconds: NOW }));

    expect(error).toMatchObject({ status: 302, failure: 'status' });
    expect(error.message).toBe('webhook answered 302 Found (redirects are not followed)');
    expect(flakyCalls).toBe(flakyBefore);
  });

  it('should report an unreachable endpoint without the secret in the message', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await failure(sendWebhook(hook(baseUrl, { url: `http://127.0.0.1:${port}/x` }), { timeoutMs: 5_000, nowSeconds: NOW }));

    expect(error.message).toMatch(/^webhook unreachable: .*ECONNREFUSED/);
    expect(error).toMatchObject({ status: null, failure: 'unreachable' });
    expect(error.message).not.toContain(SECRET);
  });

  it.each([
    ['ftp://example.org/hook', 'uses ftp:'],
    ['http://u:p@127.0.0.1/hook', 'credentials'],
    ['not a url', 'not a valid absolute URL'],
  ])('should refuse %s before sending anything', async (url, problem) => {
    const before = requests.length;

    const error = await failure(sendWebhook(hook(baseUrl, { url }), { timeoutMs: 5_000, nowSeconds: NOW }));

    expect(error.message).toContain(problem);
    expect(error).toMatchObject({ status: null, failure: 'refused' });
    expect(error.message).not.toContain('u:p');
    expect(requests).toHaveLength(before);
  });

  it('should refuse a delivery without a signing secret', async () => {
    const error = await failure(sendWebhook(hook(baseUrl, { secret: '' }), { timeoutMs: 5_000, nowSeconds: NOW }));

    expect(error).toMatchObject({ failure: 'refused', message: 'webhook refused: no signing secret' });
  });
});

describe('isAcceptableWebhookUrl', () => {
  it.each(['https://hooks.example.org/cma?team=pv', 'http://127.0.0.1:8080/hook'])('should accept %s', (url) => {
    expect(isAcceptableWebhookUrl(url)).toEqual({ ok: true });
  });

  it.each(['ftp://example.org/x', 'file:///etc/passwd', 'https://user@example.org/x', 'https://:pw@example.org/x', '/relative/path', ''])(
    'should refuse %j',
    (url) => {
      expect(isAcceptableWebhookUrl(url)).toMatchObject({ ok: false, problem: expect.any(String) });
    },
  );
});

// HMAC-SHA256(key "secret", "1700000000.{\"a\":1}"), computed with openssl dgst -sha256 -hmac secret.
const PINNED_SIGNATURE = 'sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686';

describe('signWebhook', () => {
  it('should give sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">', () => {
    // Pinned vector: changing it breaks every receiver.
    expect(signWebhook('secret', 1700000000, '{"a":1}')).toBe(PINNED_SIGNATURE);
  });

  it('should refuse a signature of another length without throwing', () => {
    expect(verifyWebhookSignature('secret', 'sha256=abc', 1700000000, '{"a":1}', 1700000000)).toBe(false);
    expect(verifyWebhookSignature('secret', 'sha256=ü', 1700000000, '{"a":1}', 1700000000)).toBe(false);
  });
});
