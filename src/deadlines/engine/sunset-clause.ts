/**
 * The sunset clause (Reg (EC) No 726/2004 Art 14(4)–(6)) and the notice of a cessation of marketing (Art 13(4)),
 * from the authorisation's grant and what is recorded of the product's presence on the market. Marketing in any
 * member state counts: the product is off the market only when it is absent from every one.
 */
import { addMonths, addYears, compareDates, type IsoDate } from '../../common/calendar-date';
import { type ClosureDay, derive, type DerivedDate } from './derived-date';

/** Placed on / ceased from the market of one member state, or an Art 14(6) exemption. */
export interface PresenceEvent {
  kind: 'placed' | 'ceased' | 'exemption';
  /** Member state (ISO 3166 alpha-2, Greece EL) for placed / ceased; null for an exemption. */
  memberState: string | null;
  on: IsoDate;
  /** Exemption only: the last day it covers (null: without end). */
  until: IsoDate | null;
  decisionRef: string | null;
}

export type MarketState = 'never-placed' | 'on-market' | 'off-market' | 'ceased-to-be-valid';

export interface SunsetView {
  state: MarketState;
  firstPlacedOn: IsoDate | null;
  /** Member states where the product is on the market on `today`. */
  marketedIn: string[];
  /** Since when it is absent from every member state (null while on the market or never placed). */
  offMarketSince: IsoDate | null;
  /**
   * The last day on which placing (or returning) the product on the market keeps the authorisation; null while
   * it is on the market.
   */
  sunset: DerivedDate | null;
  /** The Art 14(6) exemption covering that day, when one is recorded. */
  exemption: { on: IsoDate; until: IsoDate | null; decisionRef: string | null } | null;
}

export interface SunsetInput {
  /** Notification of the Commission decision granting the authorisation. */
  grantedOn: IsoDate;
  /** First placing on the market as recorded on the authorisation (used when no placing is recorded by member state). */
  marketedOn: IsoDate | null;
  events: readonly PresenceEvent[];
  today: IsoDate;
  closures?: readonly ClosureDay[];
}

const NOT_RECORDED = 'member state not recorded';

/** Placings and cessations in date order; on one day a cessation comes before a placing, so a switch leaves no gap. */
function marketMoves(input: SunsetInput): PresenceEvent[] {
  const moves = input.events.filter((e) => e.kind !== 'exemption');
  if (!moves.some((e) => e.kind === 'placed') && input.marketedOn !== null) {
    moves.push({ kind: 'placed', memberState: NOT_RECORDED, on: input.marketedOn, until: null, decisionRef: null });
  }
  return moves.sort((a, b) => compareDates(a.on, b.on) || (a.kind === b.kind ? 0 : a.kind === 'ceased' ? -1 : 1));
}

interface Walk {
  firstPlacedOn: IsoDate | null;
  /** Start of the absence from every member state after the last move (null when on the market at the end). */
  gapStart: IsoDate | null;
  /** The first absence of three years or more between two placings: the authorisation ceased then. */
  lapsedGap: IsoDate | null;
  marketedToday: Set<string>;
}

function walk(moves: readonly PresenceEvent[], today: IsoDate): Walk {
  const present = new Set<string>();
  let firstPlacedOn: IsoDate | null = null;
  let gapStart: IsoDate | null = null;
  let lapsedGap: IsoDate | null = null;
  for (const move of moves) {
    const state = move.memberState ?? NOT_RECORDED;
    if (move.kind === 'placed') {
      if (present.size === 0 && gapStart !== null && lapsedGap === null && compareDates(move.on, addYears(gapStart, 3)) > 0) {
        lapsedGap = gapStart;
      }
      firstPlacedOn ??= move.on;
      present.add(state);
      gapStart = null;
    } else {
      present.delete(state);
      if (present.size === 0) {
        gapStart = move.on;
      }
    }
  }
  return { firstPlacedOn, gapStart, lapsedGap, marketedToday: presentAfter(moves.filter((m) => compareDates(m.on, today) <= 0)) };
}

function presentAfter(moves: readonly PresenceEvent[]): Set<string> {
  const present = new Set<string>();
  for (const move of moves) {
    if (move.kind === 'placed') {
      present.add(move.memberState ?? NOT_RECORDED);
    } else {
      present.delete(move.memberState ?? NOT_RECORDED);
    }
  }
  return present;
}

/** The day the authorisation would cease to be valid, with its rule, from the walk of the market moves. */
function sunsetDate(input: SunsetInput, w: Walk): DerivedDate | null {
  const closures = input.closures ?? [];
  const notPlacedBy = addYears(input.grantedOn, 3);
  if (w.firstPlacedOn === null || compareDates(w.firstPlacedOn, notPlacedBy) > 0) {
    const placed = w.firstPlacedOn === null ? 'no placing on the market recorded' : `first placed on the market only on ${w.firstPlacedOn}`;
    return derive('SUNSET-NOT-PLACED', notPlacedBy, `Granted (notified) ${input.grantedOn} + 3 years; ${placed}`, closures);
  }
  if (w.lapsedGap !== null) {
    return derive('SUNSET-ABSENT', addYears(w.lapsedGap, 3), `Off the market in every member state from ${w.lapsedGap} for more than 3 years`, closures);
  }
  if (w.gapStart !== null) {
    return derive('SUNSET-ABSENT', addYears(w.gapStart, 3), `Off the market in every member state since ${w.gapStart} + 3 years`, closures);
  }
  return null;
}

/** Where the product stands under the sunset clause on `today`, and the day it would cease to be valid. */
export function sunsetClause(input: SunsetInput): SunsetView {
  const w = walk(marketMoves(input), input.today);
  const sunset = sunsetDate(input, w);
  const exemption =
    sunset === null
      ? null
      : (input.events.find(
          (e) => e.kind === 'exemption' && compareDates(e.on, sunset.date) <= 0 && (e.until === null || compareDates(e.until, sunset.date) >= 0),
        ) ?? null);
  const marketedIn = [...w.marketedToday].filter((s) => s !== NOT_RECORDED).sort();
  const onMarket = w.marketedToday.size > 0;
  const lapsed = sunset !== null && exemption === null && compareDates(sunset.date, input.today) < 0;
  return {
    state: lapsed ? 'ceased-to-be-valid' : onMarket ? 'on-market' : w.firstPlacedOn === null || compareDates(w.firstPlacedOn, input.today) > 0 ? 'never-placed' : 'off-market',
    firstPlacedOn: w.firstPlacedOn,
    marketedIn,
    offMarketSince: onMarket ? null : w.gapStart,
    sunset,
    exemption: exemption === null ? null : { on: exemption.on, until: exemption.until, decisionRef: exemption.decisionRef },
  };
}

/** The notice of a cessation of marketing: at least 2 months before it (Art 13(4)); never moved later. */
export function cessationNoticeDue(input: { ceasesOn: IsoDate; memberState: string; closures?: readonly ClosureDay[] }): DerivedDate {
  return derive('MARKETING-CESSATION-NOTICE', addMonths(input.ceasesOn, -2), `Cessation in ${input.memberState} on ${input.ceasesOn} − 2 months`, input.closures ?? []);
}
