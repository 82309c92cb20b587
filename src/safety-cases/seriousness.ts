/**
 * Seriousness of a case version (E2B E.i.3.2, regulatory-rules §6): the union of its reactions' criteria.
 * A fatal outcome counts as "results in death" even when the box was not ticked. Lack of efficacy in a
 * life-threatening condition is not modelled beyond the criteria recorded on the reactions. Pure functions.
 */
import { type CaseContent, type Reaction, SERIOUSNESS_CRITERIA, type SeriousnessCriterion } from './case-content';

export interface SeriousnessAssessment {
  serious: boolean;
  /** Union over the reactions, in the E2B order of SERIOUSNESS_CRITERIA. */
  criteria: SeriousnessCriterion[];
  /** A reaction with outcome fatal or the criterion death. */
  fatal: boolean;
  lifeThreatening: boolean;
  /** Keys of the serious reactions, in the case's order. */
  seriousReactionKeys: string[];
}

/** One reaction's criteria in E2B order, with death added when its outcome is fatal. */
export function reactionSeriousness(reaction: Readonly<Pick<Reaction, 'outcome' | 'seriousness'>>): SeriousnessCriterion[] {
  return SERIOUSNESS_CRITERIA.filter((criterion) => reaction.seriousness.includes(criterion) || (criterion === 'death' && reaction.outcome === 'fatal'));
}

export function assessSeriousness(content: Readonly<CaseContent>): SeriousnessAssessment {
  const perReaction = content.reactions.map((reaction) => ({ key: reaction.key, criteria: reactionSeriousness(reaction) }));
  const criteria = SERIOUSNESS_CRITERIA.filter((criterion) => perReaction.some((reaction) => reaction.criteria.includes(criterion)));
  return {
    serious: criteria.length > 0,
    criteria,
    fatal: criteria.includes('death'),
    lifeThreatening: criteria.includes('life-threatening'),
    seriousReactionKeys: perReaction.filter((reaction) => reaction.criteria.length > 0).map((reaction) => reaction.key),
  };
}
