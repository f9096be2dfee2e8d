/** Export of selected cases in the fields of the Human Trafficking Case Data Standard (see ./MAPPING.md). */
export { exportHtcds, htcdsExport, htcdsFields, htcdsCell, htcdsCsv, htcdsCsvBytes, htcdsCsvTable } from './export';
export type { HtcdsExport, HtcdsRecord } from './export';
export {
  HTCDS_FIELDS,
  HTCDS_FIELD_NAMES,
  HTCDS_NAME,
  HTCDS_SOURCES,
  HTCDS_VERSION,
  METHODS_OF_CONTROL,
  METHOD_OF_CONTROL_BY_INDICATOR,
  MULTI_SELECT_SEPARATOR,
  htcdsField,
} from './fields';
export type { HtcdsField, HtcdsFieldName, HtcdsFieldType, HtcdsFields, HtcdsValue, MethodOfControl } from './fields';
