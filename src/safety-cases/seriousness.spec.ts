import { assessSeriousness, reactionSeriousness } from './seriousness';
import { reaction, content } from '../../test/case-content.fixture';

describe('case seriousness', () => {
  it('should find a case without criteria non-serious', () => {
    expect(assessSeriousness(content())).toEqual({ serious: false, criteria: [], fatal: false, lifeThreatening: false, seriousReactionKeys: [] });
  });

  it('should find a case serious when one reaction has a criterion, and name that reaction', () => {
    const result = assessSeriousness(content({ reactions: [reaction(), reaction({ key: 'r2', seriousness: ['hospitalisation'] })] }));
    expect(result).toMatchObject({ serious: true, criteria: ['hospitalisation'], seriousReactionKeys: ['r2'] });
  });

  it('should list the union of criteria over reactions in the fixed E2B order, once each', () => {
    const reactions = [
      reaction({ seriousness: ['other-medically-important', 'hospitalisation'] }),
      reaction({ key: 'r2', seriousness: ['hospitalisation', 'life-threatening'] }),
    ];
    expect(assessSeriousness(content({ reactions })).criteria).toEqual(['life-threatening', 'hospitalisation', 'other-medically-important']);
  });

  it('should count a fatal outcome as the criterion death even when it was not ticked', () => {
    const result = assessSeriousness(content({ reactions: [reaction({ outcome: 'fatal' })] }));
    expect(result).toMatchObject({ serious: true, criteria: ['death'], fatal: true, seriousReactionKeys: ['r1'] });
  });

  it('should find a case fatal from the ticked criterion death', () => {
    expect(assessSeriousness(content({ reactions: [reaction({ seriousness: ['death'], outcome: 'unknown' })] })).fatal).toBe(true);
  });

  it('should flag life-threatening', () => {
    expect(assessSeriousness(content({ reactions: [reaction({ seriousness: ['life-threatening'] })] }))).toMatchObject({ lifeThreatening: true, fatal: false });
  });

  it('should find a case without reactions non-serious', () => {
    expect(assessSeriousness(content({ reactions: [] })).serious).toBe(false);
  });

  it('should not add death twice when a fatal reaction also has the criterion', () => {
    expect(reactionSeriousness(reaction({ outcome: 'fatal', seriousness: ['death', 'hospitalisation'] }))).toEqual(['death', 'hospitalisation']);
  });
});
