/**
 * The deadline rule catalogue as data; docs/rules.md is generated from it (`npm run docs:rules`).
 * Every computed date carries one of these ids and its source, so a user can ask "why is this due then?".
 *
 * `direction` says how the period is counted:
 * - `forward`: counted forward from an event ("within 12 months of …");
 * - `backward`: counted back from a later date ("at least 6 months before expiry") — such a date must never be
 *   moved later (Reg (EEC) 1182/71 Art 3(4) does not roll these over);
 * - `calendar-days`: counted forward in calendar days with weekends and holidays counting and no roll-over
 *   (ICSR and SUSAR clocks, GVP VI.B.7).
 */
export interface DeadlineRule {
  id: string;
  title: string;
  source: string;
  direction: 'backward' | 'forward' | 'calendar-days';
}

/**
 * The 70/90-day PSUR submission timelines: no EU article contains them (Directive 2001/83/EC Art 107c sets only the
 * frequency); they are ICH E2C(R2)'s, repeated in GVP Module VII Rev 1 and in EMA's procedural advice.
 */
const PSUR_TIMELINES =
  'ICH E2C(R2) §2.8.3 (submission within 70 calendar days of the data lock point for reports covering intervals up to and including 12 months, within 90 calendar days for longer intervals); repeated in GVP Module VII Rev 1 and in EMA post-authorisation procedural advice, PSUR questions and answers ("What are the timelines for submission of PSURs?")';

export const RULES = {
  'CMA-EXPIRY-FIRST': {
    id: 'CMA-EXPIRY-FIRST',
    title: 'Conditional marketing authorisation expires 1 year after notification of the Commission decision',
    source: 'Regulation (EC) No 726/2004 Art 14-a; Commission Regulation (EC) No 507/2006 Art 5',
    direction: 'forward',
  },
  'CMA-EXPIRY-NEXT': {
    id: 'CMA-EXPIRY-NEXT',
    title: 'Each renewed CMA validity period runs 1 year from the previous expiry date',
    source: 'Commission Regulation (EC) No 507/2006 Art 5(1); EMA Q&A on the annual renewal of conditional marketing authorisations (Q1)',
    direction: 'forward',
  },
  'CMA-RENEWAL-WINDOW-OPENS': {
    id: 'CMA-RENEWAL-WINDOW-OPENS',
    title: 'CMA renewal application not to be submitted more than 7 months before expiry',
    source: 'EMA pre-submission checklist for the annual renewal of conditional marketing authorisations (EMA/198337/2016)',
    direction: 'backward',
  },
  'CMA-RENEWAL-DUE': {
    id: 'CMA-RENEWAL-DUE',
    title: 'CMA renewal application (with interim report on every specific obligation) due at least 6 months before expiry',
    source: 'Commission Regulation (EC) No 507/2006 Art 6(1); Regulation (EC) No 726/2004 Art 14-a',
    direction: 'backward',
  },
  'CMA-RENEWAL-VALIDATION-ANSWERS': {
    id: 'CMA-RENEWAL-VALIDATION-ANSWERS',
    title: 'Answers to CMA renewal validation questions due within 5 working days',
    source: 'EMA pre-submission checklist for the annual renewal of conditional marketing authorisations (EMA/198337/2016)',
    direction: 'forward',
  },
  'STD-EXPIRY': {
    id: 'STD-EXPIRY',
    title: 'Marketing authorisation valid for 5 years from notification',
    source: 'Regulation (EC) No 726/2004 Art 14(1)',
    direction: 'forward',
  },
  'STD-RENEWAL-DUE': {
    id: 'STD-RENEWAL-DUE',
    title: '5-year renewal application due at least 9 months before expiry',
    source: 'Regulation (EC) No 726/2004 Art 14(2); GVP Module VII.C.8',
    direction: 'backward',
  },
  'EC-EXPIRY': {
    id: 'EC-EXPIRY',
    title: 'Marketing authorisation under exceptional circumstances valid for 5 years from notification',
    source:
      'Regulation (EC) No 726/2004 Art 14(1) ("a marketing authorisation shall be valid for five years") and Art 14(8); EMA post-authorisation procedural advice, "Renewal of marketing authorisation": "MAs under exceptional circumstances granted under Article 14(8) of Regulation (EC) No 726/2004 are also valid for 5 years"',
    direction: 'forward',
  },
  'EC-RENEWAL-DUE': {
    id: 'EC-RENEWAL-DUE',
    title: 'Renewal application of an authorisation under exceptional circumstances due at least 9 months before expiry (as for a standard authorisation)',
    source: 'Regulation (EC) No 726/2004 Art 14(2) (application "at least nine months before the marketing authorisation ceases to be valid")',
    direction: 'backward',
  },
  'EC-REASSESSMENT-ANNIVERSARY': {
    id: 'EC-REASSESSMENT-ANNIVERSARY',
    title: 'Annual reassessment of the conditions of an authorisation under exceptional circumstances, on each anniversary of notification (continues after validity becomes unlimited)',
    source:
      'Regulation (EC) No 726/2004 Art 14(8), last sentence: "Continuation of the authorisation shall be linked to the annual reassessment of these conditions."; EMA post-authorisation procedural advice (EMEA-H-19984/03), chapter "Annual re-assessment", Q "What is the annual re-assessment?"',
    direction: 'forward',
  },
  'EC-REASSESSMENT-DUE': {
    id: 'EC-REASSESSMENT-DUE',
    title: 'Annual reassessment application due before the anniversary it belongs to (lead time: see the date’s assumption)',
    source:
      'EMA post-authorisation procedural advice for users of the centralised procedure (EMEA-H-19984/03), chapter 10 "Annual re-assessment", Q 10.6 "When, how and to whom shall I submit my annual re-assessment application?" (Rev. 99, 20 June 2022); eCTD submission type annual-reassessment',
    direction: 'backward',
  },
  'CONVERSION-EXPIRY': {
    id: 'CONVERSION-EXPIRY',
    title: 'A conditional authorisation converted into a standard one: 5 years from the notification of the conversion decision, only when no expiry is recorded from the decision or the Union Register',
    source:
      'Regulation (EC) No 726/2004 Art 14(1) ("a marketing authorisation shall be valid for five years") and Art 14-a (conditional marketing authorisation, converted once its specific obligations are fulfilled); the anchor (notification of the conversion decision) is this project’s fallback, marked as an assumption on the date: the decision or the Union Register gives the expiry',
    direction: 'forward',
  },
  'STD-ADDITIONAL-RENEWAL': {
    id: 'STD-ADDITIONAL-RENEWAL',
    title: 'One additional five-year renewal decided on pharmacovigilance grounds: 5 years from the previous expiry',
    source: 'Regulation (EC) No 726/2004 Art 14(3) ("unless the Commission decides, on justified grounds relating to pharmacovigilance … to proceed with one additional five-year renewal")',
    direction: 'forward',
  },
  'SUNSET-NOT-PLACED': {
    id: 'SUNSET-NOT-PLACED',
    title: 'Sunset clause: the authorisation ceases to be valid unless the product is placed on the market in a member state within 3 years of its grant',
    source:
      'Regulation (EC) No 726/2004 Art 14(4) ("Any authorisation which is not followed by the actual placing on the market of the medicinal product for human use in the Community within three years after its granting shall cease to be valid"); exemptions: Art 14(6)',
    direction: 'forward',
  },
  'SUNSET-ABSENT': {
    id: 'SUNSET-ABSENT',
    title: 'Sunset clause: the authorisation ceases to be valid after 3 consecutive years off the market in every member state',
    source:
      'Regulation (EC) No 726/2004 Art 14(5) ("If an authorised medicinal product, previously placed on the market, is no longer actually present on the market for three consecutive years, the authorisation for that medicinal product shall cease to be valid"); exemptions: Art 14(6)',
    direction: 'forward',
  },
  'MARKETING-CESSATION-NOTICE': {
    id: 'MARKETING-CESSATION-NOTICE',
    title: 'Notify the Agency of a cessation of marketing in a member state at least 2 months before it',
    source:
      'Regulation (EC) No 726/2004 Art 13(4) ("Such notification shall, other than in exceptional circumstances, be made no less than two months before the interruption in the placing on the market of the product")',
    direction: 'backward',
  },
  'PSUR-FIRST-DLP': {
    id: 'PSUR-FIRST-DLP',
    title: 'Data lock point of the first PSUR 6 months after authorisation',
    source:
      'Annex II.C of the authorisation, standard wording for a new active substance ("The marketing authorisation holder shall submit the first periodic safety update report for this product within 6 months following authorisation"), read as a 6-month reporting interval: data lock point = authorisation + 6 months, submission within 70 calendar days of it as for every interval up to 12 months (ICH E2C(R2) §2.8.3; EMA post-authorisation procedural advice, PSUR questions and answers, "What are the timelines for submission of PSURs?")',
    direction: 'forward',
  },
  'PSUR-SUBMIT-70': {
    id: 'PSUR-SUBMIT-70',
    title: 'PSUR due 70 calendar days after the data lock point (interval up to and including 12 months)',
    source: PSUR_TIMELINES,
    direction: 'forward',
  },
  'PSUR-SUBMIT-90': {
    id: 'PSUR-SUBMIT-90',
    title: 'PSUR due 90 calendar days after the data lock point (interval over 12 months)',
    source: PSUR_TIMELINES,
    direction: 'forward',
  },
  'PSUR-EURD': {
    id: 'PSUR-EURD',
    title: 'PSUR frequency and data lock point from the EURD list (changes take effect 6 months after publication)',
    source: 'Directive 2001/83/EC Art 107c(4); EMA list of EU reference dates and frequency of submission of PSURs (EURD list); GVP Module VII Rev 1 VII.C.3',
    direction: 'forward',
  },
  'PSUR-DEFAULT-CYCLE': {
    id: 'PSUR-DEFAULT-CYCLE',
    title: 'Default PSUR cycle: 6-monthly until marketed; then 6-monthly for 2 years, yearly for 2 years, 3-yearly after',
    source:
      'Directive 2001/83/EC Art 107c(2) (the frequency where neither the authorisation nor the EURD list sets one; GVP Module VII Rev 1 VII.C.2 applies it to products authorised before July 2012); Regulation (EC) No 726/2004 Art 28(2)',
    direction: 'forward',
  },
  'PASS-FINAL-REPORT': {
    id: 'PASS-FINAL-REPORT',
    title: 'Final report of an imposed non-interventional PASS within 12 months of the end of data collection',
    source: 'Directive 2001/83/EC Art 107p; GVP Module VIII Rev 3',
    direction: 'forward',
  },
  'PASS-WAIVER-REQUEST': {
    id: 'PASS-WAIVER-REQUEST',
    title: 'Waiver of the PASS final report to be requested at least 3 months before it is due',
    source: 'Directive 2001/83/EC Art 107p; GVP Module VIII Rev 3',
    direction: 'backward',
  },
  'ANNEX-II': {
    id: 'ANNEX-II',
    title: 'Date given by Annex II or by the regulator; wins over any computed date',
    source: 'Annex II to the Commission decision / regulator correspondence; Regulation (EC) No 726/2004 Art 14-a',
    direction: 'forward',
  },
  'RECORDED-EXPIRY': {
    id: 'RECORDED-EXPIRY',
    title: 'Expiry recorded from the Commission decision / Union Register; wins over the computed chain',
    source: 'Commission decision; Union Register of medicinal products for human use',
    direction: 'forward',
  },
  'ICSR-SERIOUS-15': {
    id: 'ICSR-SERIOUS-15',
    title: 'Serious ICSR (EEA or not) to EudraVigilance within 15 calendar days of day 0',
    source: 'Directive 2001/83/EC Art 107(3); Commission Implementing Regulation (EU) No 520/2012; GVP Module VI Rev 2 VI.B.7.1',
    direction: 'calendar-days',
  },
  'ICSR-NON-SERIOUS-90': {
    id: 'ICSR-NON-SERIOUS-90',
    title: 'Non-serious ICSR from the EEA to EudraVigilance within 90 calendar days of day 0',
    source: 'Directive 2001/83/EC Art 107(3); GVP Module VI Rev 2 VI.B.7.1, VI.C.3',
    direction: 'calendar-days',
  },
  'ICSR-UPGRADED-TO-SERIOUS': {
    id: 'ICSR-UPGRADED-TO-SERIOUS',
    title: 'A non-serious case that becomes serious before its first submission: the earlier of its original due date and follow-up day 0 + 15 days',
    source: 'GVP Module VI Rev 2 VI.C.6.2.2.7 (follow-up), VI.B.7.1',
    direction: 'calendar-days',
  },
  'ICSR-NOT-DUE-NON-SERIOUS-NON-EEA': {
    id: 'ICSR-NOT-DUE-NON-SERIOUS-NON-EEA',
    title: 'Non-serious ICSRs from outside the EEA are not submitted to EudraVigilance',
    source: 'Directive 2001/83/EC Art 107(3) second subparagraph; GVP Module VI Rev 2 VI.C.3',
    direction: 'calendar-days',
  },
  'ICSR-NOT-DUE-SOLICITED-UNRELATED': {
    id: 'ICSR-NOT-DUE-SOLICITED-UNRELATED',
    title: 'Solicited reports (registries, patient-support programmes, non-interventional studies) are reportable only when a causal relationship is at least reasonably possible',
    source: 'GVP Module VI Rev 2 VI.B.1.2, VI.C.1.2.1',
    direction: 'calendar-days',
  },
  'ICSR-NOT-DUE-EV-DOWNLOAD': {
    id: 'ICSR-NOT-DUE-EV-DOWNLOAD',
    title: 'Cases downloaded from EudraVigilance (EEA cases, EMA literature monitoring) have no clock and are never re-submitted',
    source: 'Regulation (EC) No 726/2004 Art 27; GVP Module VI Rev 2 VI.C.2.2.3, VI.C.4',
    direction: 'calendar-days',
  },
  'SUSAR-7': {
    id: 'SUSAR-7',
    title: 'Fatal or life-threatening SUSAR in an interventional clinical trial within 7 days of awareness',
    source: 'Regulation (EU) No 536/2014 Art 42(2)(a)',
    direction: 'calendar-days',
  },
  'SUSAR-15': {
    id: 'SUSAR-15',
    title: 'Other SUSAR in an interventional clinical trial within 15 days of awareness',
    source: 'Regulation (EU) No 536/2014 Art 42(2)(b)',
    direction: 'calendar-days',
  },
  'SUSAR-NOT-DUE-NON-SERIOUS': {
    id: 'SUSAR-NOT-DUE-NON-SERIOUS',
    title: 'Non-serious reactions in an interventional clinical trial are not expedited (annual safety report)',
    source: 'Regulation (EU) No 536/2014 Art 42, Art 43',
    direction: 'calendar-days',
  },
} as const satisfies Record<string, DeadlineRule>;

export type RuleId = keyof typeof RULES;
