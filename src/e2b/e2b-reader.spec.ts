import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type BatchHeader, E2bFileError, type IcsrElement, readIcsrs } from './e2b-reader';
import type { XmlSource } from './e2b-xml';

const DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'e2b-fda');
const FILES = [
  'FAERS2022Scenario1.xml',
  'FAERS2022Scenario2.xml',
  'FAERS2022Scenario3.xml',
  'FAERS2022Scenario4.xml',
  'FAERS2022Scenario5-1.xml',
  'FAERS2022Scenario5-2.xml',
  'FAERS2022Scenario5-3.xml',
  'FAERS2022Scenario6.xml',
  'FAERS2022Scenario7.xml',
  'FAERS2022Scenario8.xml',
];

async function readAll(source: XmlSource, options: Parameters<typeof readIcsrs>[1] = {}): Promise<{ icsrs: IcsrElement[]; header: BatchHeader }> {
  const icsrs: IcsrElement[] = [];
  const generator = readIcsrs(source, options);
  for (;;) {
    const next = await generator.next();
    if (next.done === true) {
      return { icsrs, header: next.value };
    }
    icsrs.push(next.value);
  }
}

async function failure(source: XmlSource, options: Parameters<typeof readIcsrs>[1] = {}): Promise<E2bFileError> {
  try {
    await readAll(source, options);
  } catch (error) {
    if (error instanceof E2bFileError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an E2bFileError');
}

/** The text of the one ICSR message of an FDA example, for building batches and variants. */
function messageOf(file: string): { head: string; message: string; tail: string } {
  const xml = readFileSync(join(DIR, file), 'utf8');
  const start = xml.indexOf('<PORR_IN049016UV>');
  const end = xml.indexOf('</PORR_IN049016UV>') + '</PORR_IN049016UV>'.length;
  return { head: xml.slice(0, start), message: xml.slice(start, end), tail: xml.slice(end) };
}

function idOf(icsr: IcsrElement, root: string): string | undefined {
  const event = icsr.children.find((c) => c.name === 'controlActProcess')?.children.find((c) => c.name === 'subject')?.children[0];
  return event?.children.find((c) => c.name === 'id' && c.attrs.root === root)?.attrs.extension;
}

describe('readIcsrs on the FDA examples', () => {
  it.each(FILES)('reads %s: one ICSR message and the batch header', async (file) => {
    const headers: BatchHeader[] = [];
    const { icsrs, header } = await readAll(createReadStream(join(DIR, file), { highWaterMark: 16 * 1024 }), { onHeader: (h) => headers.push(h) });
    expect(icsrs).toHaveLength(1);
    expect(icsrs[0]?.name).toBe('PORR_IN049016UV');
    expect(icsrs[0]?.index).toBe(0);
    expect(header.root).toBe('MCCI_IN200100UV01');
    expect(header.icsrCount).toBe(1);
    expect(header.batchId).not.toBeNull();
    expect(header.messageType).toBe('1');
    expect(headers).toEqual([header]);
  });

  it('reads the batch header of Scenario 1 (N.1.2–N.1.5, sender and receiver after the messages)', async () => {
    const { header, icsrs } = await readAll(readFileSync(join(DIR, 'FAERS2022Scenario1.xml')));
    expect(header).toEqual({
      root: 'MCCI_IN200100UV01',
      batchId: 'FAERS2022Scenario1-4069-a2dd-08002b30309d',
      messageType: '1',
      creationTime: '20220614101010-0500',
      senderId: '4567AB89012',
      receiverId: 'ZZFDA',
      icsrCount: 1,
    });
    expect(idOf(icsrs[0]!, '2.16.840.1.113883.3.989.2.1.3.1')).toBe('US-APHARMA-8744554B');
  });

  it('strips namespace prefixes from element names and keeps attributes as written', async () => {
    const { icsrs } = await readAll(readFileSync(join(DIR, 'FAERS2022Scenario1.xml'), 'utf8'));
    const text = JSON.stringify(icsrs[0]);
    expect(text).toContain('"xsi:type":"PQ"');
    expect(text).not.toContain('"name":"hl7:');
  });

  it('gives the same tree whatever the chunking, including UTF-8 characters split between chunks', async () => {
    const bytes = readFileSync(join(DIR, 'FAERS2022Scenario7.xml'));
    expect(bytes.toString('utf8')).toContain('“');
    const whole = await readAll(bytes);
    function* sevenBytes(): Generator<Buffer> {
      for (let i = 0; i < bytes.length; i += 7) {
        yield bytes.subarray(i, i + 7);
      }
    }
    const split = await readAll(sevenBytes());
    expect(split.icsrs).toEqual(whole.icsrs);
  });

  it('keeps the order of a source that mixes bytes and strings', async () => {
    const xml = readFileSync(join(DIR, 'FAERS2022Scenario1.xml'), 'utf8');
    const whole = await readAll(xml);
    const mixed = await readAll([Buffer.from(xml.slice(0, 100)), xml.slice(100, 5000), Buffer.from(xml.slice(5000))]);
    expect(mixed.icsrs).toEqual(whole.icsrs);
  });

  it('reads a UTF-16 file with a byte-order mark', async () => {
    const xml = readFileSync(join(DIR, 'FAERS2022Scenario1.xml'), 'utf8').replace('encoding="utf-8"', 'encoding="UTF-16"');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const { icsrs } = await readAll(utf16);
    expect(idOf(icsrs[0]!, '2.16.840.1.113883.3.989.2.1.3.2')).toBe('US-APHARMA-8744554B');
  });

  it('reads a file whose root is a single ICSR message', async () => {
    const { message } = messageOf('FAERS2022Scenario3.xml');
    const { icsrs, header } = await readAll(`<?xml version="1.0" encoding="UTF-8"?>\n${message.replace('<PORR_IN049016UV>', '<PORR_IN049016UV xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">')}`);
    expect(icsrs).toHaveLength(1);
    expect(header).toMatchObject({ root: 'PORR_IN049016UV', batchId: null, senderId: '4567AB89012', receiverId: 'CDER_IND', icsrCount: 1 });
  });

  it('yields every message of a batch in order, each with its index', async () => {
    const { head, message, tail } = messageOf('FAERS2022Scenario1.xml');
    const ids = ['A-1', 'A-2', 'A-3'];
    const batch = head + ids.map((id) => message.replaceAll('US-APHARMA-8744554B', id)).join('\n') + tail;
    const { icsrs } = await readAll(batch);
    expect(icsrs.map((i) => idOf(i, '2.16.840.1.113883.3.989.2.1.3.2'))).toEqual(ids);
    expect(icsrs.map((i) => i.index)).toEqual([0, 1, 2]);
  });

  it('keeps memory flat: Scenario 6 (2 MB) streamed 50 times through a generator', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (() => void) | undefined;
    const { head, message, tail } = messageOf('FAERS2022Scenario6.xml');
    const chunk = Buffer.from(message);
    function* fifty(): Generator<Buffer> {
      yield Buffer.from(head);
      for (let i = 0; i < 50; i++) {
        yield chunk;
      }
      yield Buffer.from(tail);
    }
    gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    for await (const icsr of readIcsrs(fifty(), { limits: { maxBytes: 200 * 1024 * 1024 } })) {
      expect(icsr.name).toBe('PORR_IN049016UV');
      count += 1;
      if (count % 10 === 0) {
        gc?.();
      }
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(count).toBe(50);
    // 100 MB went through; only about one message (2 MB of text plus its tree) is alive at a time.
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('readIcsrs on hostile or broken input', () => {
  it('refuses a DOCTYPE with internal entities ("billion laughs") before expanding anything', async () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<MCCI_IN200100UV01><PORR_IN049016UV><id extension="&lol9;"/></PORR_IN049016UV></MCCI_IN200100UV01>`;
    const error = await failure(laughs);
    expect(error.code).toBe('E2B_DOCTYPE');
    expect(error.line).toBe(8);
  });

  it('refuses an external entity (XXE), with or without its declaration', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><PORR_IN049016UV><id extension="&xxe;"/><text>&xxe;</text></PORR_IN049016UV>';
    expect((await failure(xxe)).code).toBe('E2B_DOCTYPE');
    const undeclared = '<PORR_IN049016UV><text>&xxe;</text></PORR_IN049016UV>';
    const error = await failure(undeclared);
    expect(error.code).toBe('E2B_ENTITY');
    expect(error.element).toBe('PORR_IN049016UV/text');
    expect(error.message).not.toContain('root:');
  });

  it('resolves the five predefined entities and character references', async () => {
    const { icsrs } = await readAll('<PORR_IN049016UV><text>a &lt; b &amp;&amp; c &gt; d &quot;e&quot; &apos;f&apos; &#233;&#x00E9;</text></PORR_IN049016UV>');
    expect(icsrs[0]?.children[0]?.text).toBe(`a < b && c > d "e" 'f' éé`);
  });

  it('refuses nesting deeper than the limit (200 levels)', async () => {
    const deep = `<MCCI_IN200100UV01><PORR_IN049016UV>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</PORR_IN049016UV></MCCI_IN200100UV01>`;
    const error = await failure(deep);
    expect(error.code).toBe('E2B_TOO_DEEP');
    expect(error.element?.split('/')).toHaveLength(65);
  });

  it('refuses a truncated file', async () => {
    const xml = readFileSync(join(DIR, 'FAERS2022Scenario1.xml'), 'utf8');
    const error = await failure(xml.slice(0, Math.floor(xml.length / 2)));
    expect(error.code).toBe('E2B_MALFORMED');
    expect(error.message).toMatch(/unclosed tag/);
  });

  it('refuses an empty file, text after the root and a mismatched tag', async () => {
    expect((await failure('')).code).toBe('E2B_MALFORMED');
    expect((await failure('<PORR_IN049016UV/>trailing')).code).toBe('E2B_MALFORMED');
    expect((await failure('<PORR_IN049016UV><id></code></PORR_IN049016UV>')).code).toBe('E2B_MALFORMED');
  });

  it('refuses a well-formed document that is not an ICSR message, and an acknowledgement', async () => {
    const html = await failure('<?xml version="1.0"?><html><body><p>hello</p></body></html>');
    expect(html.code).toBe('E2B_NOT_ICSR');
    expect(html.message).toContain('not an ICSR message');
    const ack = await failure(readFileSync(join(DIR, 'R3ack-positive.ack')));
    expect(ack.code).toBe('E2B_NOT_ICSR');
    expect(ack.message).toContain('acknowledgement');
  });

  it('refuses a file over the size limit', async () => {
    const error = await failure(readFileSync(join(DIR, 'FAERS2022Scenario6.xml')), { limits: { maxBytes: 1024 * 1024 } });
    expect(error.code).toBe('E2B_TOO_LARGE');
  });

  it('refuses an over-long text node, attribute or comment without buffering all of it', async () => {
    const limits = { maxTextLength: 1000 };
    expect((await failure(`<PORR_IN049016UV><text>${'x'.repeat(2000)}</text></PORR_IN049016UV>`, { limits })).code).toBe('E2B_TOO_LARGE');
    expect((await failure(`<PORR_IN049016UV><id extension="${'x'.repeat(200_000)}"/></PORR_IN049016UV>`, { limits })).code).toBe('E2B_TOO_LARGE');
    expect((await failure(`<MCCI_IN200100UV01><!--${'x'.repeat(200_000)}--></MCCI_IN200100UV01>`, { limits })).code).toBe('E2B_TOO_LARGE');
  });

  it('refuses a message with too many elements', async () => {
    const error = await failure(`<PORR_IN049016UV>${'<a/>'.repeat(2000)}</PORR_IN049016UV>`, { limits: { maxElements: 1000 } });
    expect(error.code).toBe('E2B_TOO_LARGE');
  });

  it('refuses bytes that are not valid in the declared encoding', async () => {
    const bad = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><PORR_IN049016UV><text>'), Buffer.from([0xc3, 0x28]), Buffer.from('</text></PORR_IN049016UV>')]);
    expect((await failure(bad)).code).toBe('E2B_ENCODING');
    expect((await failure(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><PORR_IN049016UV/>'))).code).toBe('E2B_ENCODING');
  });
});
