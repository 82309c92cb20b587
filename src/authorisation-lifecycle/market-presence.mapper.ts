import { toDate } from '../products/product.mapper';
import type { MarketPresenceEvent } from '../products/market-presence-event.entity';
import type { MarketPresenceEventResponse, MarketPresenceResponse } from './dto/market-presence.response';
import type { MarketPresence } from './market-presence.service';

export function toMarketPresenceEvent(e: MarketPresenceEvent): MarketPresenceEventResponse {
  return {
    id: e.id,
    kind: e.kind,
    memberState: e.memberState,
    on: e.on,
    until: e.until,
    decisionRef: e.decisionRef,
    noticeMilestoneId: e.noticeMilestoneId,
    reason: e.reason,
    recordedBy: e.recordedBy,
    recordedAt: e.recordedAt.toISOString(),
  };
}

export function toMarketPresence({ product, sunset, events }: MarketPresence): MarketPresenceResponse {
  return {
    product: { id: product.id, name: product.name },
    sunset: { ...sunset, sunset: toDate(sunset.sunset) },
    events: events.map(toMarketPresenceEvent),
  };
}
