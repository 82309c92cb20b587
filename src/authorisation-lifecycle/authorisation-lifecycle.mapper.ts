import type { AuthorisationEventResponse, TypeHistoryResponse } from './dto/authorisation-lifecycle.response';
import type { AuthorisationEvent } from '../products/authorisation-event.entity';
import type { MarketingAuthorisation } from '../products/marketing-authorisation.entity';

export function toAuthorisationEventResponse(e: AuthorisationEvent): AuthorisationEventResponse {
  return {
    id: e.id,
    event: e.event,
    fromType: e.fromType,
    toType: e.toType,
    decisionRef: e.decisionRef,
    decidedOn: e.decidedOn,
    notifiedOn: e.notifiedOn,
    procedureRef: e.procedureRef,
    renewalCycle: e.renewalCycle,
    renewalOutcome: e.renewalOutcome,
    expiry: e.expiry === null ? null : { date: e.expiry, source: e.expirySource },
    reason: e.reason,
    recordedBy: e.recordedBy,
    recordedAt: e.recordedAt.toISOString(),
    recordedOn: e.recordedOn,
  };
}

/**
 * The type history: the type granted, then every event with the type before and after it (the current type is
 * the last one's).
 */
export function toTypeHistory(authorisation: MarketingAuthorisation, events: readonly AuthorisationEvent[]): TypeHistoryResponse {
  const granted = events[0]?.fromType ?? authorisation.type;
  return {
    granted: { type: granted, notifiedOn: authorisation.notifiedOn },
    current: { type: authorisation.type, convertedOn: authorisation.convertedOn, endedOn: authorisation.endedOn, ending: authorisation.ending },
    events: events.map(toAuthorisationEventResponse),
  };
}
