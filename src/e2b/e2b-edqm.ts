/**
 * EDQM Standard Terms for routes of administration (ISO 11239), as EudraVigilance requires them in
 * G.k.4.r.10.2a/b since 30 June 2022 (EU ICSR implementation guide EMA/51938/2013 Rev 2; ICH user guide
 * "Use of EDQM terminologies for dose forms and routes of administration in E2B(R3)"). Pure.
 *
 * Source of the codes and terms: the EDQM Standard Terms "Route of administration" (ROA) class as
 * published in HL7 Europe's UNICOM implementation guide value set `route-of-administration`
 * (hl7-eu/unicom-ig, input/fsh/value-set/edqm/RouteOfAdministration.fsh). Only the routes used for
 * medicines for human use that a case is likely to name are listed; anything else is sent as free text
 * (G.k.4.r.10.1). The aliases are the E2B(R2)/ICH M2 route names (FDA files still use them, e.g.
 * "Intravenous (not otherwise specified)") and common abbreviations, mapped as in the ICH user guide
 * (e.g. R2 "Topical" → "Cutaneous use", "Intravenous drip" → "Intravenous use": EDQM has no separate
 * infusion route, the method of administration is not a route).
 */

/**
 * Code system of G.k.4.r.10.2b in E2B(R3) messages: the route-of-administration OID, as in the FDA
 * examples and in EMA-profile submissions. (`0.4.0.127.0.16.1.1.2.1` is the dose-form one, G.k.4.r.9.2b;
 * our case content has no dose form, so none is written.)
 */
export const EDQM_ROUTE_OID = '0.4.0.127.0.16.1.1.2.6';

/**
 * G.k.4.r.10.2a, required with a TermID. EDQM versions terms one by one; this names the release of the
 * list above. Check it against the EU guide before the first production submission.
 */
export const EDQM_ROUTE_TERMS_VERSION = '2.0';

export interface EdqmRoute {
  /** EDQM term code (8 digits; EDQM's API also writes it "ROA-20053000"). */
  code: string;
  /** EDQM English term. */
  term: string;
}

/** [code, term, other names it is known by]. */
const ROUTES: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['20053000', 'Oral use', ['oral', 'po', 'p o', 'per os', 'by mouth', 'orally']],
  ['20045000', 'Intravenous use', ['intravenous', 'iv', 'i v', 'intravenous not otherwise specified', 'intravenous bolus', 'intravenous drip', 'intravenous infusion', 'iv infusion', 'iv bolus', 'iv drip', 'intravenous injection', 'intravenously']],
  ['20066000', 'Subcutaneous use', ['subcutaneous', 'sc', 's c', 'sq', 'subcut', 'sub cutaneous', 'subcutaneous injection', 'subcutaneous infusion', 'subcutaneously']],
  ['20035000', 'Intramuscular use', ['intramuscular', 'im', 'i m', 'intramuscular injection', 'intramuscularly']],
  ['20042000', 'Intrathecal use', ['intrathecal', 'intrathecal injection']],
  ['20003000', 'Cutaneous use', ['cutaneous', 'topical', 'dermal', 'skin', 'epicutaneous']],
  ['20020000', 'Inhalation use', ['inhalation', 'inhaled', 'respiratory', 'respiratory inhalation', 'oral inhalation']],
  ['20049000', 'Nasal use', ['nasal', 'intranasal']],
  ['20061000', 'Rectal use', ['rectal', 'pr', 'per rectum']],
  ['20070000', 'Transdermal use', ['transdermal', 'transdermal patch']],
  ['20047000', 'Intravitreal use', ['intravitreal', 'intravitreous', 'intravitreal injection']],
  ['20067000', 'Sublingual use', ['sublingual', 'sl']],
  ['20002500', 'Buccal use', ['buccal']],
  ['20054000', 'Oromucosal use', ['oromucosal']],
  ['20055000', 'Oropharyngeal use', ['oropharyngeal', 'oropharingeal']],
  ['20051000', 'Ocular use', ['ocular', 'ophthalmic', 'eye']],
  ['20036000', 'Intraocular use', ['intraocular']],
  ['20065000', 'Subconjunctival use', ['subconjunctival']],
  ['20061500', 'Retrobulbar use', ['retrobulbar']],
  ['20081000', 'Subretinal use', ['subretinal']],
  ['20001000', 'Auricular use', ['auricular', 'auricular otic', 'otic', 'ear']],
  ['20072000', 'Vaginal use', ['vaginal']],
  ['20071000', 'Urethral use', ['urethral']],
  ['20046000', 'Intravesical use', ['intravesical']],
  ['20030000', 'Intradermal use', ['intradermal']],
  ['20023000', 'Intraarterial use', ['intraarterial', 'intra arterial']],
  ['20024000', 'Intraarticular use', ['intraarticular', 'intra articular']],
  ['20009000', 'Epidural use', ['epidural']],
  ['20038000', 'Intraperitoneal use', ['intraperitoneal']],
  ['20039000', 'Intrapleural use', ['intrapleural']],
  ['20026000', 'Intracardiac use', ['intracardiac']],
  ['20029000', 'Intracoronary use', ['intracoronary']],
  ['20027000', 'Intracavernous use', ['intracavernous', 'intra corpus cavernosum']],
  ['20044000', 'Intrauterine use', ['intrauterine', 'intra uterine']],
  ['20032000', 'Intralesional use', ['intralesional']],
  ['20043000', 'Intratumoral use', ['intratumoral', 'intratumor']],
  ['20033000', 'Intralymphatic use', ['intralymphatic']],
  ['20036500', 'Intraosseous use', ['intraosseous']],
  ['20080000', 'Intracerebroventricular use', ['intracerebroventricular']],
  ['20027010', 'Intracerebral use', ['intracerebral']],
  ['20028500', 'Intracisternal use', ['intracisternal']],
  ['20031000', 'Intradiscal use', ['intradiscal', 'intradiscal intraspinal']],
  ['20008000', 'Endotracheopulmonary use', ['endotracheopulmonary', 'endotracheal', 'intratracheal']],
  ['20057000', 'Periarticular use', ['periarticular']],
  ['20058000', 'Perineural use', ['perineural']],
  ['20047500', 'Iontophoresis', ['iontophoresis']],
  ['20015000', 'Haemodialysis', ['haemodialysis', 'hemodialysis']],
  ['20015500', 'Implantation', ['implantation', 'implant']],
  ['20050000', 'Nebulisation use', ['nebulisation', 'nebulization']],
  ['20013500', 'Gastric use', ['gastric', 'nasogastric']],
  ['20021000', 'Intestinal use', ['intestinal']],
  ['20004000', 'Dental use', ['dental']],
];

/** Lower case, letters and digits only, single spaces, without a trailing "use" or "route". */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/ (use|route)$/, '');
}

export const EDQM_ROUTES: readonly EdqmRoute[] = ROUTES.map(([code, term]) => ({ code, term }));

const BY_CODE = new Map<string, EdqmRoute>(EDQM_ROUTES.map((r) => [r.code, r]));
const BY_NAME = new Map<string, EdqmRoute>();
for (const [code, term, aliases] of ROUTES) {
  const route = BY_CODE.get(code) as EdqmRoute;
  for (const name of [term, ...aliases]) {
    const key = normalise(name);
    if (BY_NAME.has(key) && BY_NAME.get(key) !== route) {
      throw new Error(`EDQM route alias "${name}" names two routes`);
    }
    BY_NAME.set(key, route);
  }
}

/** The EDQM route a free-text route names (case, punctuation and a trailing "use" ignored); null when none. */
export function edqmRouteFor(text: string): EdqmRoute | null {
  return BY_NAME.get(normalise(text)) ?? null;
}

/** The EDQM route of a TermID, "20053000" or "ROA-20053000"; null when not in the table. */
export function edqmRouteByCode(code: string): EdqmRoute | null {
  return BY_CODE.get(code.trim().replace(/^ROA-/i, '')) ?? null;
}
