import { describe, expect, it } from 'vitest';
import { checkStatusChange, nextStatuses } from '../../src/domain/caseStatus';

describe('case states', () => {
  it('moves forward only', () => {
    expect(nextStatuses('new')).toEqual(['acknowledged', 'referred', 'closed']);
    expect(checkStatusChange('new', { status: 'acknowledged' })).toBeNull();
    expect(checkStatusChange('acknowledged', { status: 'in_progress' })).toBeNull();
    expect(checkStatusChange('in_progress', { status: 'acknowledged' })).toMatch(/cannot/);
    expect(checkStatusChange('closed', { status: 'in_progress' })).toMatch(/cannot/);
    expect(checkStatusChange('referred', { status: 'acknowledged' })).toMatch(/cannot/);
  });
  it('closes only with an outcome, refers only with a partner and a reason', () => {
    expect(checkStatusChange('in_progress', { status: 'closed', outcome: 'helped' })).toBeNull();
    expect(checkStatusChange('in_progress', { status: 'closed', outcome: 'maybe' as never })).toMatch(/outcome/);
    expect(checkStatusChange('new', { status: 'referred', to: 'x', reason: ' ' })).toMatch(/reason/);
    expect(checkStatusChange('new', { status: 'referred', to: 'x', reason: 'closer to them' })).toBeNull();
  });
});
