/** Texts of the "value in sample" line that the mapper's texts do not have (JSON value types). */
import { makeT } from '../i18n.ts';

export const useSampleValueT = makeT(
  {
    typeNumber: 'Zahl (JSON)',
    typeBoolean: 'Wahrheitswert (JSON)',
    typeNull: 'null (JSON)',
    typeString: 'Text (JSON)',
  },
  {
    typeNumber: 'number (JSON)',
    typeBoolean: 'boolean (JSON)',
    typeNull: 'null (JSON)',
    typeString: 'string (JSON)',
  },
);
