import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAcknowledgement } from './e2b-ack';
import { E2bFileError, readIcsrs } from './e2b-reader';
import { icsrToCase } from './e2b-to-case';

const DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'e2b-fda');

async function ackFailure(source: string | Buffer): Promise<E2bFileError> {
  try {
    await readAcknowledgement(source);
  } catch (error) {
    if (error instanceof E2bFileError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an E2bFileError');
}

describe('readAcknowledgement', () => {
  it('reads the positive acknowledgement: batch AA, message CA', async () => {
    const ack = await readAcknowledgement(createReadStream(join(DIR, 'R3ack-positive.ack')));
    expect(ack).toEqual({
      ackBatchId: '33439257',
      senderId: 'ZZFDA',
      receiverId: '4567AB89012',
      createdAt: '20220811135030-0400',
      icsrBatchId: 'FAERS2022Scenario1-4069-a2dd-08002b30309d',
      localMessageNumber: '427032',
      icsrBatchTransmittedAt: '20141214151617-0500',
      code: 'AA',
      messages: ['message successfully processed, no further action'],
      acknowledgements: [
        {
          messageNumber: '21ec1492-3aea-4069-a2ab-08002b30309d US-APHARMA-8744554B',
          referencedIds: ['21ec1492-3aea-4069-a2ab-08002b30309d', 'US-APHARMA-8744554B'],
          safetyReportId: 'US-APHARMA-8744554B',
          worldwideId: null,
          localReportNumber: '19426648',
          receiverId: '4567AB89012',
          senderId: 'CDER',
          icsrCreationTime: '20141214151617-0500',
          code: 'CA',
          accepted: true,
          messages: ['Report Loaded Successfully'],
          acknowledgedAt: '20220811135030',
        },
      ],
      warnings: [],
    });
  });

  it('reads the negative acknowledgement: batch AE, message CR with its error text', async () => {
    const ack = await readAcknowledgement(readFileSync(join(DIR, 'R3ack-negative.ack')));
    expect(ack).toMatchObject({ ackBatchId: '34137236', code: 'AE', icsrBatchId: 'FAERS2022Scenario2-4069-a2dd-08002b30309d', messages: ['some ICSR message(s) need further action'] });
    expect(ack.acknowledgements).toHaveLength(1);
    const [message] = ack.acknowledgements;
    expect(message).toMatchObject({ code: 'CR', accepted: false, safetyReportId: 'US-APHARMA-7644554', localReportNumber: '19426650', acknowledgedAt: '20220815101246' });
    expect(message?.messages[0]).toMatch(/^Element value for SafetyCasePriority With Tag Id FDA\.C\.1\.7\.1 is Mandatory\./);
  });

  it('the negative acknowledgement refers to a case in none of the example files', async () => {
    const known = new Set<string>();
    for (const scenario of ['1', '2', '3', '4', '5-1', '5-2', '5-3', '6', '7', '8']) {
      for await (const el of readIcsrs(createReadStream(join(DIR, `FAERS2022Scenario${scenario}.xml`)))) {
        const imported = icsrToCase(el);
        known.add(imported.safetyReportId).add(imported.worldwideId).add(imported.messageId ?? '');
      }
    }
    const negative = await readAcknowledgement(readFileSync(join(DIR, 'R3ack-negative.ack')));
    expect(negative.acknowledgements[0]?.referencedIds.some((id) => known.has(id))).toBe(false);
    const positive = await readAcknowledgement(readFileSync(join(DIR, 'R3ack-positive.ack')));
    expect(positive.acknowledgements[0]?.referencedIds.every((id) => known.has(id))).toBe(true);
  });

  it('warns on an unknown acknowledgement code instead of guessing', async () => {
    const xml = readFileSync(join(DIR, 'R3ack-positive.ack'), 'utf8').replace('typeCode="CA"', 'typeCode="XX"').replace('typeCode="AA"', 'typeCode="ZZ"');
    const ack = await readAcknowledgement(xml);
    expect(ack.code).toBeNull();
    expect(ack.acknowledgements[0]).toMatchObject({ code: null, accepted: false });
    expect(ack.warnings).toHaveLength(2);
  });

  it('refuses an ICSR file, a non-E2B document, a DOCTYPE and a truncated acknowledgement', async () => {
    expect((await ackFailure(readFileSync(join(DIR, 'FAERS2022Scenario1.xml')))).code).toBe('E2B_NOT_ACK');
    expect((await ackFailure('<root/>')).code).toBe('E2B_NOT_ACK');
    expect((await ackFailure('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><MCCI_IN200101UV01>&e;</MCCI_IN200101UV01>')).code).toBe('E2B_DOCTYPE');
    expect((await ackFailure('<MCCI_IN200101UV01><id extension="&e;"/></MCCI_IN200101UV01>')).code).toBe('E2B_ENTITY');
    const text = readFileSync(join(DIR, 'R3ack-negative.ack'), 'utf8');
    expect((await ackFailure(text.slice(0, 2000))).code).toBe('E2B_MALFORMED');
    expect((await ackFailure(`<MCCI_IN200101UV01>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</MCCI_IN200101UV01>`)).code).toBe('E2B_TOO_DEEP');
  });
});
