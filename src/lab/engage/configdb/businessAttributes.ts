// Business attributes: the three the seeds select (DispositionCode by name, two by annex
// htcc/contains=dispositions) with overlapping value names, and three that must not be selected
// (no annex, type Custom, "Dispositions" in the wrong case).
import { CfgEnumeratorType, CfgFlag, CfgObjectType } from '../../../engage/configdb/enums.ts';
import { TENANT_DBID, type DatasetBuilder } from './dataset.ts';

const IOA = CfgEnumeratorType.InteractionOperationalAttribute;

export const BUSINESS_ATTRIBUTES: readonly {
  name: string;
  type: number;
  contains: string | null;
  values: string[];
}[] = [
  {
    name: 'DispositionCode',
    type: IOA,
    contains: null,
    values: ['Resolved', 'Escalated', 'Callback_Requested', 'No_Answer', 'Wrong_Number'],
  },
  {
    name: 'Tech Support Disposition Codes',
    type: IOA,
    contains: 'dispositions',
    values: ['Resolved', 'Not_Resolved', 'Escalated', 'Replaced_Device'],
  },
  {
    name: 'Billing Disputes Disposition Codes',
    type: IOA,
    contains: 'dispositions',
    values: ['Resolved', 'Refund_Issued', 'Payment_Plan'],
  },
  { name: 'Service Type', type: IOA, contains: null, values: ['Sales', 'Support'] },
  {
    name: 'Survey Outcome',
    type: CfgEnumeratorType.Custom,
    contains: 'dispositions',
    values: ['Promoter', 'Detractor'],
  },
  { name: 'Legacy Dispositions', type: IOA, contains: 'Dispositions', values: ['Old_Code'] },
];

export function seedBusinessAttributes(b: DatasetBuilder, nameClashes: boolean): void {
  let valueDbid = 501;
  BUSINESS_ATTRIBUTES.forEach((ba, i) => {
    const dbid = 401 + i;
    b.add('cfg_enumerator', {
      dbid,
      tenant_dbid: TENANT_DBID,
      name: ba.name,
      display_name: ba.name,
      description: null,
      type: ba.type,
      state: 1,
      csid: dbid,
      tenant_csid: TENANT_DBID,
    });
    if (ba.contains !== null) b.annex(CfgObjectType.Enumerator, dbid, 'htcc', 'contains', ba.contains);
    const values = [...ba.values, ...(nameClashes && i === 2 ? ['escalated'] : [])];
    values.forEach((name, k) => {
      const v = valueDbid++;
      b.add('cfg_enumerator_value', {
        dbid: v,
        tenant_dbid: TENANT_DBID,
        enumerator_dbid: dbid,
        name,
        display_name: name.replace(/_/g, ' '),
        description: null,
        is_default: k === 0 ? CfgFlag.True : CfgFlag.False,
        state: 1,
        csid: v,
        tenant_csid: TENANT_DBID,
      });
    });
  });
}
