import { describe, expect, it } from 'vitest';
import { automaticHolds, checkTransition, nextStages, STAGES, transitionChecks, type CaseFacts, type Stage } from '../../src/domain/stages';

/** The stage rules, one story at a time, on plain facts (no database). */

function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    stage: 'intake',
    familyName: null,
    givenNames: 'Aung Kyaw Moe',
    nativeName: 'အောင်ကျော်မိုး',
    aliases: [],
    sex: 'male',
    birthDate: '1998',
    estimatedAge: null,
    claimedNationality: 'MM',
    confirmedNationality: null,
    rescueSite: 'Shwe Kokko',
    rescueDate: '2026-10-02',
    consentStatus: 'given',
    consentReason: null,
    openHolds: [],
    transfer: null,
    handover: null,
    ...overrides,
  };
}

const rules = (f: CaseFacts, to: Stage, reason: string | null = 'ready') => checkTransition(f, to, reason).map((v) => v.rule);

describe('moving from intake to verification', () => {
  it('is allowed for a complete intake with consent given', () => {
    expect(checkTransition(facts(), 'verification', 'intake complete')).toEqual([]);
  });

  it('accepts a single Burmese name, only in Myanmar script, or only in Latin letters', () => {
    expect(rules(facts({ givenNames: null }), 'verification')).toEqual([]);
    expect(rules(facts({ nativeName: null }), 'verification')).toEqual([]);
  });

  it('names every missing field', () => {
    const [v] = checkTransition(
      facts({ givenNames: null, nativeName: null, sex: 'unknown', birthDate: null, claimedNationality: null, rescueSite: null, rescueDate: null }),
      'verification',
      'x',
    );
    expect(v?.rule).toBe('verification.intake_complete');
    expect(v?.missing).toEqual(['name', 'sex', 'birthDate or estimatedAge', 'claimedNationality', 'rescueSite', 'rescueDate']);
    expect(v?.message).toContain('Missing: name, sex');
  });

  it('an estimated age stands in for a birth date', () => {
    expect(rules(facts({ birthDate: null, estimatedAge: 30 }), 'verification')).toEqual([]);
  });

  it('needs consent recorded; refused consent blocks unless overridden with a reason', () => {
    expect(rules(facts({ consentStatus: null }), 'verification')).toEqual(['verification.consent_recorded']);
    expect(rules(facts({ consentStatus: 'refused' }), 'verification')).toEqual(['verification.consent_refused']);
    expect(rules(facts({ consentStatus: 'overridden', consentReason: null }), 'verification')).toEqual(['verification.consent_override_reason']);
    expect(rules(facts({ consentStatus: 'overridden', consentReason: 'Court order 12/2026' }), 'verification')).toEqual([]);
  });

  it('every transition needs a reason', () => {
    expect(rules(facts(), 'verification', '  ')).toEqual(['transition.reason_required']);
    expect(rules(facts(), 'verification', null)).toEqual(['transition.reason_required']);
  });
});

describe('moving from verification to transfer', () => {
  const inVerification = (o: Partial<CaseFacts> = {}) => facts({ stage: 'verification', ...o });

  it('needs a confirmed nationality', () => {
    const [v] = checkTransition(inVerification(), 'transfer', 'x');
    expect(v?.rule).toBe('transfer.nationality_confirmed');
    expect(rules(inVerification({ confirmedNationality: 'MM' }), 'transfer')).toEqual([]);
  });

  it('a minor without a guardian cannot be transferred', () => {
    const f = inVerification({ confirmedNationality: 'MM', openHolds: [{ kind: 'minor_without_guardian', reason: 'aged 16' }] });
    const [v] = checkTransition(f, 'transfer', 'x');
    expect(v?.rule).toBe('transfer.hold.minor_without_guardian');
    expect(v?.message).toMatch(/minor without a guardian cannot be transferred/);
  });

  it('every open hold blocks, each named', () => {
    const f = inVerification({
      confirmedNationality: 'MM',
      openHolds: [
        { kind: 'medical', reason: 'fracture' },
        { kind: 'legal', reason: 'witness in case 44/2026' },
        { kind: 'protection', reason: 'fears reprisal' },
      ],
    });
    expect(rules(f, 'transfer')).toEqual(['transfer.hold.medical', 'transfer.hold.legal', 'transfer.hold.protection']);
  });
});

describe('handover', () => {
  const arrived = { batch: 'TB-1', memberStatus: 'arrived', batchStatus: 'arrived' };
  const inTransfer = (o: Partial<CaseFacts> = {}) => facts({ stage: 'transfer', confirmedNationality: 'TH', ...o });

  it('needs the person arrived and a handover recorded', () => {
    expect(rules(inTransfer(), 'handover')).toEqual(['handover.arrived', 'handover.recorded']);
    expect(rules(inTransfer({ transfer: { ...arrived, memberStatus: 'boarded' } }), 'handover')).toContain('handover.arrived');
  });

  it('a person with a confirmed Thai nationality cannot be handed over to Vietnam', () => {
    const f = inTransfer({ transfer: arrived, handover: { receivingCountry: 'VN', officialName: 'Officer Tran', manifestHash: 'ab12' } });
    expect(rules(f, 'handover')).toEqual(['handover.country_matches_nationality']);
  });

  it('needs the receiving official named and the manifest produced', () => {
    const f = inTransfer({ transfer: arrived, handover: { receivingCountry: 'TH', officialName: null, manifestHash: null } });
    expect(rules(f, 'handover')).toEqual(['handover.official_named', 'handover.manifest_produced']);
    const ok = inTransfer({ transfer: arrived, handover: { receivingCountry: 'TH', officialName: 'Pol. Col. Somchai', manifestHash: 'ab12' } });
    expect(rules(ok, 'handover')).toEqual([]);
  });

  it('closing needs a recorded handover', () => {
    expect(rules(facts({ stage: 'handover' }), 'closed')).toEqual(['closed.handover_recorded']);
  });
});

describe('exits and the shape of the stage graph', () => {
  it('open cases can leave as absconded, deceased or remaining in the country', () => {
    for (const from of ['intake', 'verification', 'transfer'] as const) {
      for (const to of ['absconded', 'deceased', 'remains_in_country'] as const) {
        expect(rules(facts({ stage: from, consentStatus: null }), to)).toEqual([]);
      }
    }
  });

  it('nobody is merged except by a merge', () => {
    expect(rules(facts(), 'merged')).toEqual(['transition.merge_only']);
  });

  it('final stages stay final, and skipping stages is refused with the allowed steps', () => {
    expect(rules(facts({ stage: 'deceased' }), 'intake')).toEqual(['transition.not_allowed']);
    expect(rules(facts({ stage: 'closed' }), 'intake')).toEqual(['transition.not_allowed']);
    const [v] = checkTransition(facts(), 'transfer', 'x');
    expect(v?.rule).toBe('transition.not_allowed');
    expect(v?.message).toContain('it can move to: verification');
  });

  it('stepping back needs only a reason', () => {
    expect(rules(facts({ stage: 'verification', sex: 'unknown' }), 'intake')).toEqual([]);
    expect(rules(facts({ stage: 'transfer' }), 'verification')).toEqual([]);
    expect(rules(facts({ stage: 'absconded' }), 'intake')).toEqual([]);
  });

  it('moving to the stage the case is in is refused', () => {
    expect(rules(facts(), 'intake')).toEqual(['transition.same_stage']);
  });

  it('every stage has a defined set of next steps', () => {
    for (const s of STAGES) expect(Array.isArray(nextStages(s))).toBe(true);
    const checks = transitionChecks(facts({ consentStatus: null }));
    expect(checks.map((c) => c.to)).toEqual(['verification', 'absconded', 'deceased', 'remains_in_country']);
    expect(checks[0]).toMatchObject({ allowed: false, violations: [{ rule: 'verification.consent_recorded' }] });
  });
});

describe('automatic holds', () => {
  it('a person registered under 18 gets a minor hold; an adult does not', () => {
    expect(automaticHolds({ birthDate: '2010-05-01', estimatedAge: null }, '2026-11-01')).toMatchObject([{ kind: 'minor_without_guardian' }]);
    expect(automaticHolds({ birthDate: null, estimatedAge: 16 }, '2026-11-01')).toMatchObject([{ kind: 'minor_without_guardian' }]);
    expect(automaticHolds({ birthDate: '2008-11-01', estimatedAge: null }, '2026-11-01')).toEqual([]);
    expect(automaticHolds({ birthDate: null, estimatedAge: null }, '2026-11-01')).toEqual([]);
  });
});
