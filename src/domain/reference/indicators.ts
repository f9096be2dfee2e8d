/**
 * Trafficking indicators ("means of control", after the Human Trafficking Case
 * Data Standard) and vulnerabilities. Codes are stable identifiers stored in
 * the database; their HTCDS "methods of control" codes are in src/services/htcds/fields.ts.
 */
export const CONTROL_INDICATORS = {
  debt_bondage: { label: 'Debt bondage' },
  takes_earnings: { label: 'Takes earnings' },
  restricts_financial_access: { label: 'Restricts access to money' },
  threats: { label: 'Threats' },
  psychological_abuse: { label: 'Psychological abuse' },
  physical_abuse: { label: 'Physical abuse' },
  sexual_abuse: { label: 'Sexual abuse' },
  false_promises: { label: 'False promises (fake job offer)' },
  psychoactive_substances: { label: 'Psychoactive substances' },
  restricts_movement: { label: 'Restricts movement' },
  restricts_medical_care: { label: 'Restricts medical care' },
  excessive_working_hours: { label: 'Excessive working hours' },
  uses_children: { label: 'Uses children' },
  threat_of_law_enforcement: { label: 'Threat of law enforcement' },
  withholds_necessities: { label: 'Withholds food, water or sleep' },
  withholds_documents: { label: 'Withholds documents' },
  other: { label: 'Other means of control' },
} as const;

export type ControlIndicator = keyof typeof CONTROL_INDICATORS;
export const CONTROL_INDICATOR_CODES = Object.keys(CONTROL_INDICATORS) as [ControlIndicator, ...ControlIndicator[]];

export const VULNERABILITIES = {
  minor: { label: 'Minor (under 18)' },
  unaccompanied: { label: 'Unaccompanied' },
  pregnant: { label: 'Pregnant' },
  injured: { label: 'Injured' },
  medical: { label: 'Medical need' },
  disability: { label: 'Disability' },
  mental_health: { label: 'Mental health need' },
} as const;

export type Vulnerability = keyof typeof VULNERABILITIES;
export const VULNERABILITY_CODES = Object.keys(VULNERABILITIES) as [Vulnerability, ...Vulnerability[]];
