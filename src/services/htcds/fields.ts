/**
 * The Human Trafficking Case Data Standard (HTCDS, github.com/UNMigration/HTCDS)
 * fields Homeward exports, as data: exact field names (table prefix included),
 * the order of the CSV columns, and the allowed codes of every picklist.
 *
 * HTCDS's normative 2.0 field list is a spreadsheet (`HTCDS Field Standards
 * 2.0.ods`, and the 2.0 Excel templates); names and codes here come from the
 * repository's text files listed in HTCDS_SOURCES, newest definition first.
 * Which Homeward column fills which field, and why the others stay empty, is
 * in ./MAPPING.md.
 */
import { COUNTRY_CODES } from '../../domain/reference/countries';
import type { ControlIndicator } from '../../domain/reference/indicators';

export const HTCDS_NAME = 'HTCDS';
/** The version the repository's README names as current ("CURRENT VERSION: 2.0"). */
export const HTCDS_VERSION = '2.0';

/** The files read, at the commits read; `fields` below cite them by key. */
export const HTCDS_SOURCES = {
  readme: { path: 'README.md', commit: 'dd87d0d952778d5edd4210f44bb3f3270ab1ea5f', holds: 'current version 2.0; the normative list is HTCDS Field Standards 2.0.ods' },
  definitions: {
    path: 'Field Definitions.md',
    commit: '26ef6a63eab9d7a2517f0d9fffb5f5c20d7544b1',
    holds: '2.0 definitions: the 17 methods of control, trafficking status, labour industry (ISIC) codes; vulnerabilities field deprecated',
  },
  xlsform: {
    path: 'Toolkit/Survey/htcds_xlsform.xml',
    commit: '260644828a9cd21e432091da8c87f792e51d92cf',
    holds: 'the survey toolkit after the 1.0 changes: prs_Citizenship, IOM gender codes, con_Consent, vic_TraffickingStatus, exploitation and recruitment codes',
  },
  reference: {
    path: 'HTCDS Field Reference.md',
    commit: 'af4f8478d0c451c7a9c363fde761a4677694ebb5',
    holds: 'the data dictionary with table prefixes (prs_, vic_, cas_), field types and value names',
  },
  revisions: { path: 'Revision History.md', commit: '5115df13f27495a4e4b51c6cb1c250f31ab3450c', holds: '1.0 changes: Nationality became Citizenship, IOM gender, consent section' },
  excel: { path: 'Toolkit/Excel/README.md', commit: '17b177e442c0542b40aacc79018c456aa56bb64b', holds: 'multi-select values in one cell, separated by a semicolon' },
} as const;
export type HtcdsSource = keyof typeof HTCDS_SOURCES;

/** Homeward writes HTCDS checkboxes as the survey toolkit's choice values. */
export const HTCDS_TRUE = 'TRUE';
export const HTCDS_FALSE = 'FALSE';
/** Between the codes of a multi-select field in one CSV cell (HTCDS Excel toolkit). */
export const MULTI_SELECT_SEPARATOR = ';';

/** HTCDS 2.0 methods of control (Field Definitions.md: MethodsOfControl<Code>). */
export const METHODS_OF_CONTROL = [
  'DebtBondage',
  'TakesEarnings',
  'RestrictsFinancialAccess',
  'Threats',
  'PsychologicalAbuse',
  'PhysicalAbuse',
  'SexualAbuse',
  'FalsePromises',
  'PsychoactiveSubstances',
  'RestrictsMovement',
  'RestrictsMedicalCare',
  'ExcessiveWorkingHours',
  'UsesChildren',
  'ThreatOfLawEnforcement',
  'WithholdsNecessities',
  'WithholdsDocuments',
  'Other',
] as const;
export type MethodOfControl = (typeof METHODS_OF_CONTROL)[number];

/** Homeward's control indicators were modelled on these; every one has its HTCDS code (checked by the compiler). */
export const METHOD_OF_CONTROL_BY_INDICATOR: Readonly<Record<ControlIndicator, MethodOfControl>> = {
  debt_bondage: 'DebtBondage',
  takes_earnings: 'TakesEarnings',
  restricts_financial_access: 'RestrictsFinancialAccess',
  threats: 'Threats',
  psychological_abuse: 'PsychologicalAbuse',
  physical_abuse: 'PhysicalAbuse',
  sexual_abuse: 'SexualAbuse',
  false_promises: 'FalsePromises',
  psychoactive_substances: 'PsychoactiveSubstances',
  restricts_movement: 'RestrictsMovement',
  restricts_medical_care: 'RestrictsMedicalCare',
  excessive_working_hours: 'ExcessiveWorkingHours',
  uses_children: 'UsesChildren',
  threat_of_law_enforcement: 'ThreatOfLawEnforcement',
  withholds_necessities: 'WithholdsNecessities',
  withholds_documents: 'WithholdsDocuments',
  other: 'Other',
};

/** prs_Gender after the 1.0 move to IOM's gender values. */
export const GENDERS = ['Feminine', 'Masculine', 'TransgenderFeminine', 'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown'] as const;
export type HtcdsGender = (typeof GENDERS)[number];

export const CASE_STATUSES = ['Active', 'FollowUp', 'Closed', 'ClosedReferred'] as const;
export type HtcdsCaseStatus = (typeof CASE_STATUSES)[number];

const WEBSITES_AND_APPS = [
  'Facebook',
  'Instagram',
  'WhatsApp',
  'Telegram',
  'FacebookMessenger',
  'Viber',
  'SnapChat',
  'Line',
  '4Sale',
  'WeChat',
  'QQ',
  'QZone',
  'TikTok',
  'Twitter',
  'Other',
] as const;

const REFERRAL_REASONS = ['AdditionalServicesRequired', 'MigrationOrChangeOfLocation', 'Other'] as const;

/** ISIC v4 sections (Field Definitions.md, "Labour Industry (TIER 1)"). */
const LABOUR_INDUSTRIES = [
  'A_AgricultureForestryAndFishing',
  'B_MiningAndQuarrying',
  'C_Manufacturing',
  'D_ElectricityGasSteamAndAirConditioningSupply',
  'E_WaterSupplySewerageWasteManagement',
  'F_Construction',
  'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
  'H_TransportationAndStorage',
  'I_AccommodationAndFoodServiceActivities',
  'J_InformationAndCommunication',
  'K_FinancialAndInsuranceActivities',
  'L_RealEstateActivities',
  'M_ProfessionalScientificAndTechnicalActivities',
  'N_AdministrativeAndSupportServiceActivities',
  'O_PublicAdministrationAndDefence',
  'P_Education',
  'Q_HumanHealthAndSocialWorkActivities',
  'R_ArtsEntertainmentAndRecreation',
  'S_OtherServiceActivities',
  'T_ActivitiesOfHouseholdsAsEmployers',
  'U_ActivitiesOfExtraterritorialOrganizations',
] as const;

/**
 * text: free text; number: decimal digits; date: YYYY-MM-DD; checkbox: true/false (CSV TRUE/FALSE);
 * picklist: one code; multipicklist: a list of codes (CSV: joined by ";").
 */
export type HtcdsFieldType = 'text' | 'number' | 'date' | 'checkbox' | 'picklist' | 'multipicklist';

export interface HtcdsField {
  /** exact HTCDS field name, table prefix included */
  readonly name: string;
  readonly label: string;
  readonly type: HtcdsFieldType;
  /** allowed codes of a picklist or multipicklist */
  readonly codes?: readonly string[];
  /** where the name (and codes) were read */
  readonly source: HtcdsSource;
}

/** Every exported field, in CSV column order: person, consent, victim context, case. */
export const HTCDS_FIELDS = [
  { name: 'prs_Salutation', label: 'Salutation', type: 'text', source: 'reference' },
  { name: 'prs_FirstName', label: 'First Name', type: 'text', source: 'reference' },
  { name: 'prs_MiddleName', label: 'Middle Name', type: 'text', source: 'reference' },
  { name: 'prs_SecondName', label: 'Second Name', type: 'text', source: 'reference' },
  { name: 'prs_Birthdate', label: 'Birthdate', type: 'date', source: 'reference' },
  { name: 'prs_Gender', label: 'Gender', type: 'picklist', codes: GENDERS, source: 'xlsform' },
  { name: 'prs_Deceased', label: 'Deceased', type: 'checkbox', source: 'reference' },
  { name: 'prs_Citizenship', label: 'Citizenship', type: 'picklist', codes: COUNTRY_CODES, source: 'xlsform' },
  { name: 'prs_Title', label: 'Title', type: 'text', source: 'reference' },
  { name: 'prs_Email', label: 'Email', type: 'text', source: 'reference' },
  { name: 'prs_HomePhone', label: 'Home Phone', type: 'text', source: 'reference' },
  { name: 'prs_MobilePhone', label: 'Mobile Phone', type: 'text', source: 'reference' },
  { name: 'prs_MailingCity', label: 'Mailing City', type: 'text', source: 'reference' },
  { name: 'prs_MailingCountry', label: 'Mailing Country', type: 'picklist', codes: COUNTRY_CODES, source: 'reference' },
  { name: 'prs_MailingState', label: 'Mailing State/Province', type: 'text', source: 'reference' },
  { name: 'prs_MailingStreet', label: 'Mailing Street', type: 'text', source: 'reference' },
  { name: 'prs_MailingPostalCode', label: 'Mailing Zip/Postal Code', type: 'text', source: 'reference' },
  { name: 'prs_MailingLongitude', label: 'Longitude', type: 'number', source: 'reference' },
  { name: 'prs_MailingLatitude', label: 'Latitude', type: 'number', source: 'reference' },
  { name: 'con_Consent', label: 'Consent', type: 'checkbox', source: 'xlsform' },
  { name: 'vic_RecruitmentWebsitesAndApps', label: 'Recruitment Websites and Apps', type: 'multipicklist', codes: WEBSITES_AND_APPS, source: 'reference' },
  {
    name: 'vic_MethodOfRecruitment',
    label: 'Method of Recruitment',
    type: 'multipicklist',
    codes: [
      'AtAPlaceOfBusiness',
      'AtAnEducationalInstitution',
      'AtWork',
      'ThroughOnlineSocialNetworks',
      'ThroughAnOnlineAdvertisement',
      'ThroughATelevisionAdvert',
      'ThroughANewspaperAdvert',
      'ThroughFamilyOrFamilyEvents',
      'ThroughFriendsOrSocialEvents',
      'Other',
    ],
    source: 'xlsform',
  },
  { name: 'vic_LocationOfRecruitment', label: 'Location of Recruitment', type: 'text', source: 'reference' },
  {
    name: 'vic_TraffickingStatus',
    label: 'Trafficking Status',
    type: 'picklist',
    codes: ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'],
    source: 'xlsform',
  },
  {
    name: 'vic_TraffickingStatusDecisionMakingOrg',
    label: 'Trafficking Status Decision Making Organization',
    type: 'picklist',
    codes: ['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'],
    source: 'xlsform',
  },
  { name: 'vic_MethodsOfControl', label: 'Methods of Control', type: 'multipicklist', codes: METHODS_OF_CONTROL, source: 'definitions' },
  {
    name: 'vic_TypeOfExploitation',
    label: 'Type of Exploitation',
    type: 'multipicklist',
    codes: [
      'ForcedLabour',
      'SexualExploitation',
      'ChildLabour',
      'ForcedMarriage',
      'Servitude',
      'ForcedMilitaryByNonStateActors',
      'OrganRemoval',
      'ForcedBegging',
      'ForcedAdoption',
      'Surrogacy',
      'Other',
    ],
    source: 'xlsform',
  },
  { name: 'vic_ForcedLabourIndustry', label: 'Forced Labour Industry', type: 'multipicklist', codes: LABOUR_INDUSTRIES, source: 'definitions' },
  {
    name: 'vic_TypeOfSexExploitation',
    label: 'Type of Sex Exploitation',
    type: 'multipicklist',
    codes: ['Prostitution', 'Pornography', 'RemoteInteractiveServices', 'PrivateSexualServices'],
    source: 'xlsform',
  },
  { name: 'vic_LocationOfExploitation', label: 'Location of Exploitation', type: 'text', source: 'reference' },
  { name: 'vic_ExploitationWebsitesAndApps', label: 'Exploitation Websites and Apps', type: 'multipicklist', codes: WEBSITES_AND_APPS, source: 'reference' },
  { name: 'cas_Status', label: 'Status', type: 'picklist', codes: CASE_STATUSES, source: 'reference' },
  { name: 'cas_ReferringOrganisation', label: 'Referring Organisation', type: 'text', source: 'reference' },
  { name: 'cas_IncomingReferralDate', label: 'Incoming Referral Date', type: 'date', source: 'reference' },
  { name: 'cas_ReferringPrimaryCaseWorker', label: 'Referring Primary Case Worker', type: 'text', source: 'reference' },
  { name: 'cas_ReasonForIncomingReferral', label: 'Reason for Incoming Referral', type: 'picklist', codes: REFERRAL_REASONS, source: 'reference' },
  { name: 'cas_IncomingReferralDetails', label: 'Incoming Referral Details', type: 'text', source: 'reference' },
  { name: 'cas_ReferredOrganisation', label: 'Referred Organisation', type: 'text', source: 'reference' },
  { name: 'cas_ReferredPrimaryCaseWorker', label: 'Referred Primary Case Worker', type: 'text', source: 'reference' },
  { name: 'cas_ReasonForOutgoingReferral', label: 'Reason for Outgoing Referral', type: 'picklist', codes: REFERRAL_REASONS, source: 'reference' },
  { name: 'cas_OutgoingReferralDate', label: 'Outgoing Referral Date', type: 'date', source: 'reference' },
  { name: 'cas_OutgoingReferralDetails', label: 'Outgoing Referral Details', type: 'text', source: 'reference' },
  { name: 'cas_ReasonForCaseClosure', label: 'Reason for Case Closure', type: 'text', source: 'reference' },
] as const satisfies readonly HtcdsField[];

export type HtcdsFieldName = (typeof HTCDS_FIELDS)[number]['name'];
export const HTCDS_FIELD_NAMES: readonly HtcdsFieldName[] = HTCDS_FIELDS.map((f) => f.name);

/** A field's value: null where Homeward holds nothing for it (never a guess). */
export type HtcdsValue = string | boolean | readonly string[] | null;
export type HtcdsFields = { [K in HtcdsFieldName]: HtcdsValue };

const byName = new Map<string, HtcdsField>(HTCDS_FIELDS.map((f) => [f.name, f]));

export function htcdsField(name: HtcdsFieldName): HtcdsField {
  return byName.get(name) as HtcdsField;
}
