/**
 * Trafficking indicators ("means of control", after the Human Trafficking Case
 * Data Standard) and vulnerabilities. Codes are stable identifiers stored in
 * the database; `htcds` names the HTCDS field each maps to for export.
 */
export const CONTROL_INDICATORS = {
  debt_bondage: { label: 'Debt bondage', htcds: 'meansOfControlDebtBondage' },
  takes_earnings: { label: 'Takes earnings', htcds: 'meansOfControlTakesEarnings' },
  restricts_financial_access: { label: 'Restricts access to money', htcds: 'meansOfControlRestrictsFinancialAccess' },
  threats: { label: 'Threats', htcds: 'meansOfControlThreats' },
  psychological_abuse: { label: 'Psychological abuse', htcds: 'meansOfControlPsychologicalAbuse' },
  physical_abuse: { label: 'Physical abuse', htcds: 'meansOfControlPhysicalAbuse' },
  sexual_abuse: { label: 'Sexual abuse', htcds: 'meansOfControlSexualAbuse' },
  false_promises: { label: 'False promises (fake job offer)', htcds: 'meansOfControlFalsePromises' },
  psychoactive_substances: { label: 'Psychoactive substances', htcds: 'meansOfControlPsychoactiveSubstances' },
  restricts_movement: { label: 'Restricts movement', htcds: 'meansOfControlRestrictsMovement' },
  restricts_medical_care: { label: 'Restricts medical care', htcds: 'meansOfControlRestrictsMedicalCare' },
  excessive_working_hours: { label: 'Excessive working hours', htcds: 'meansOfControlExcessiveWorkingHours' },
  uses_children: { label: 'Uses children', htcds: 'meansOfControlUsesChildren' },
  threat_of_law_enforcement: { label: 'Threat of law enforcement', htcds: 'meansOfControlThreatOfLawEnforcement' },
  withholds_necessities: { label: 'Withholds food, water or sleep', htcds: 'meansOfControlWithholdsNecessities' },
  withholds_documents: { label: 'Withholds documents', htcds: 'meansOfControlWithholdsDocuments' },
  other: { label: 'Other means of control', htcds: 'meansOfControlOther' },
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
