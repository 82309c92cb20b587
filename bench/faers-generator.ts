/**
 * A deterministic FAERS-shaped quarter for the benchmarks: N reports (DEMO), about 4 drugs (DRUG) and 3
 * reactions (REAC) each, an outcome for about half (OUTC), with a realistic skew — drug names and PTs drawn
 * from Zipf-like distributions (a few very common, a long tail), a quarter of the reactions being one of five
 * events characteristic of the report's primary suspect drug. Written twice: as FDA's `$`-delimited files
 * (the importer's input) and as tab-separated rows of exactly the stored columns (the plain-COPY baseline).
 * Seeded mulberry32: the same N gives the same files.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom } from '../src/common/seeded-random';
import { ROLE_BITS } from '../src/faers/counted-rows';

const DRUGS = 5_000;
const PTS = 8_000;
const DEMO_HEADER = 'primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country';
const DRUG_HEADER = 'primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq';
const REAC_HEADER = 'primaryid$caseid$pt$drug_rec_act';
const OUTC_HEADER = 'primaryid$caseid$outc_cod';
const COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'JP', 'CA', 'IT', 'ES'];
const OUTCOMES = ['HO', 'OT', 'DE', 'LT', 'DS'];
const ROLES = ['PS', 'SS', 'C', 'C', 'I'];

class Rng extends SeededRandom {
  /** Zipf-like over 0..size−1: index ≈ size^u − 1, so small indexes are far more frequent. */
  zipf(size: number): number {
    return Math.min(size - 1, Math.floor(Math.pow(size, this.next())) - 1);
  }
}

/** The k-th of the five events a drug "causes" (a fixed scatter over the PTs). */
function characteristicEvent(drug: number, k: number): number {
  return (drug * 7919 + k * 104_729) % PTS;
}

/**
 * A background event for a report whose primary suspect is `drug`: Zipf-drawn, kept with a probability
 * between 0.1 and 1 fixed per (drug, event) — so some pairs are reported more, some less than independence
 * predicts, the overdispersion of real data (a rate that is the same for every pair would make EBGM's prior
 * a point mass).
 */
function backgroundEvent(rng: Rng, drug: number): number {
  for (;;) {
    const event = rng.zipf(PTS);
    const affinity = 0.1 + 0.9 * ((Math.imul(drug + 1, 2_654_435_761) ^ Math.imul(event + 1, 40_503)) >>> 0) / 2 ** 32;
    if (rng.next() < affinity) {
      return event;
    }
  }
}

export interface GeneratedQuarter {
  folder: string;
  reports: number;
  drugRows: number;
  reactionRows: number;
  outcomeRows: number;
  /** Tab-separated files of the stored columns, for the plain COPY: table → path. */
  plain: Record<'faers_report' | 'faers_drug' | 'faers_reaction' | 'faers_outcome' | 'faers_product' | 'faers_event', string>;
}

class Buffered {
  private text = '';
  constructor(private readonly stream: WriteStream) {}
  async add(line: string): Promise<void> {
    this.text += line;
    if (this.text.length > 1 << 20) {
      await this.flush();
    }
  }
  async flush(): Promise<void> {
    if (this.text !== '' && !this.stream.write(this.text)) {
      await once(this.stream, 'drain');
    }
    this.text = '';
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

export async function generateQuarter(folder: string, reports: number, seed = 20251001): Promise<GeneratedQuarter> {
  const rng = new Rng(seed);
  const open = (name: string): Buffered => new Buffered(createWriteStream(join(folder, name)));
  const demo = open('DEMO25Q3.txt');
  const drug = open('DRUG25Q3.txt');
  const reac = open('REAC25Q3.txt');
  const outc = open('OUTC25Q3.txt');
  const plain = {
    faers_report: join(folder, 'plain-report.tsv'),
    faers_drug: join(folder, 'plain-drug.tsv'),
    faers_reaction: join(folder, 'plain-reaction.tsv'),
    faers_outcome: join(folder, 'plain-outcome.tsv'),
    faers_product: join(folder, 'plain-product.tsv'),
    faers_event: join(folder, 'plain-event.tsv'),
  };
  const products = new Buffered(createWriteStream(plain.faers_product));
  const events = new Buffered(createWriteStream(plain.faers_event));
  for (let i = 0; i < DRUGS; i++) {
    await products.add(`${i + 1}\tDRUG${i} AI\n`);
  }
  for (let i = 0; i < PTS; i++) {
    await events.add(`${i + 1}\tpt ${i}\n`);
  }
  await Promise.all([products.close(), events.close()]);
  const pReport = new Buffered(createWriteStream(plain.faers_report));
  const pDrug = new Buffered(createWriteStream(plain.faers_drug));
  const pReac = new Buffered(createWriteStream(plain.faers_reaction));
  const pOutc = new Buffered(createWriteStream(plain.faers_outcome));
  await demo.add(`${DEMO_HEADER}\n`);
  await drug.add(`${DRUG_HEADER}\n`);
  await reac.add(`${REAC_HEADER}\n`);
  await outc.add(`${OUTC_HEADER}\n`);
  let drugRows = 0;
  let reactionRows = 0;
  let outcomeRows = 0;
  for (let i = 1; i <= reports; i++) {
    const caseid = 10_000_000 + i;
    const version = rng.int(1, 3);
    const primaryid = `${caseid}${version}`;
    const country = COUNTRIES[rng.int(0, COUNTRIES.length - 1)] ?? 'US';
    const sex = rng.next() < 0.55 ? 'F' : 'M';
    const age = String(rng.int(1, 95));
    const fdaDt = `2025${String(rng.int(7, 9)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
    await demo.add(`${primaryid}$${caseid}$${version}$${version === 1 ? 'I' : 'F'}$2025$$$${fdaDt}$EXP$$$MFR${rng.int(1, 300)}$$${age}$YR$$${sex}$Y$$$$$MD$${country}$${country}\n`);
    await pReport.add(`${primaryid}\t${caseid}\t${version}\t2025Q3\t${version === 1 ? 'I' : 'F'}\t2025\t${fdaDt}\tEXP\tMFR${rng.int(1, 300)}\t${age}\tYR\t${sex}\t${country}\t${country}\n`);
    // The plain rows carry the marks the importer stores (counted-rows.ts): every report here has a reaction,
    // so each product's first row holds the roles of all its rows; each event's first row counts.
    const drugs = rng.int(1, 7);
    const drawn: { index: number; role: string }[] = [];
    const roles = new Map<number, number>();
    for (let d = 1; d <= drugs; d++) {
      const index = rng.zipf(DRUGS);
      const role = d === 1 ? 'PS' : (ROLES[rng.int(1, ROLES.length - 1)] ?? 'C');
      drawn.push({ index, role });
      roles.set(index, (roles.get(index) ?? 0) | (ROLE_BITS[role] ?? 0));
    }
    for (const [d, { index, role }] of drawn.entries()) {
      const name = `DRUG${index}`;
      const mask = roles.get(index);
      roles.delete(index);
      await drug.add(`${primaryid}$${caseid}$${d + 1}$${role}$${name}$${name} AI$1$ORAL$$$$U$U$$$$$$$\n`);
      await pDrug.add(`${primaryid}\t${d + 1}\t${role}\t${name}\t${name} AI\tORAL\t${index + 1}\t${mask ?? '\\N'}\n`);
    }
    const reactions = rng.int(1, 5);
    const counted = new Set<number>();
    const suspect = drawn[0]?.index ?? 0;
    for (let r = 0; r < reactions; r++) {
      // A quarter of the reactions are among the five the primary suspect drug "causes": pairs reported
      // more than independence predicts, as in real data (without them EBGM's prior has nothing to fit).
      const ptIndex = rng.next() < 0.25 ? characteristicEvent(suspect, rng.int(0, 4)) : backgroundEvent(rng, suspect);
      const pt = `PT ${ptIndex}`;
      await reac.add(`${primaryid}$${caseid}$${pt}$\n`);
      await pReac.add(`${primaryid}\t${pt}\t\\N\t${ptIndex + 1}\t${counted.has(ptIndex) ? 'f' : 't'}\n`);
      counted.add(ptIndex);
    }
    if (rng.next() < 0.5) {
      const outcome = OUTCOMES[rng.int(0, OUTCOMES.length - 1)] ?? 'OT';
      await outc.add(`${primaryid}$${caseid}$${outcome}\n`);
      await pOutc.add(`${primaryid}\t${outcome}\n`);
      outcomeRows++;
    }
    drugRows += drugs;
    reactionRows += reactions;
  }
  await Promise.all([demo, drug, reac, outc, pReport, pDrug, pReac, pOutc].map((f) => f.close()));
  return { folder, reports, drugRows, reactionRows, outcomeRows, plain };
}
