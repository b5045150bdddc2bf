// Engage Config DB enumerations as stored in integer columns (reference engage-config-db.md §2).
// Kept in one place so a customer DB that disagrees (verify with cfg_locale) is fixed here only.

/** CfgObjectType: the `object_type` / `owner_type` columns. */
export const CfgObjectType = {
  Switch: 1,
  DN: 2,
  Person: 3,
  Place: 4,
  AgentGroup: 5,
  PlaceGroup: 6,
  Tenant: 7,
  Application: 9,
  Skill: 13,
  AgentLogin: 15,
  Transaction: 16,
  DNGroup: 17,
  Folder: 22,
  Enumerator: 35,
  EnumeratorValue: 36,
} as const;
export type CfgObjectTypeName = keyof typeof CfgObjectType;

const objectTypeNames = new Map<number, CfgObjectTypeName>(
  Object.entries(CfgObjectType).map(([k, v]) => [v, k as CfgObjectTypeName]),
);
export function objectTypeName(code: number): CfgObjectTypeName | undefined {
  return objectTypeNames.get(code);
}

/** CfgObjectState: `state` of every object. */
export const CfgObjectState = { NoObjectState: 0, Enabled: 1, Disabled: 2, Deleted: 3 } as const;

/** CfgFlag: `is_agent`, `is_admin`, `use_override`, `is_default`. */
export const CfgFlag = { Unknown: 0, False: 1, True: 2 } as const;

/** CfgDNType, 0-based as in [PYENUM]: VirtACDQueue (Virtual Queue) is 5. */
export const DN_TYPE_NAMES = [
  'NoDN',
  'Extension',
  'ACDPosition',
  'ACDQueue',
  'RoutingPoint',
  'VirtACDQueue',
  'VirtRoutingPoint',
  'EAPort',
  'VoiceMail',
  'Cellular',
  'CP',
  'FAX',
  'Data',
  'Music',
  'Trunk',
  'TrunkGroup',
  'TieLine',
  'TieLineGroup',
  'Mixed',
  'ExtRoutingPoint',
  'DestinationLabel',
  'ServiceNumber',
  'RoutingQueue',
  'CommDN',
  'Email',
  'VoIP',
  'Video',
  'Chat',
  'CoBrowse',
  'VoIPService',
  'Workflow',
  'AccessResource',
  'GVPDID',
] as const;
export type DnTypeName = (typeof DN_TYPE_NAMES)[number];
export const CfgDNType = Object.fromEntries(DN_TYPE_NAMES.map((n, i) => [n, i])) as {
  readonly [K in DnTypeName]: number;
};
export function dnTypeName(code: number): DnTypeName | undefined {
  return DN_TYPE_NAMES[code];
}

/** CfgDNRegisterFlag (`register_all`). */
export const CfgDNRegisterFlag = { Unknown: 0, False: 1, True: 2, OnDemand: 3 } as const;

/** CfgRouteType (`route_type`), the values the lab uses. */
export const CfgRouteType = { NoRoute: 0, Default: 1, Label: 2 } as const;

/** `cfg_group.group_type` (ICON's GC_GROUP.Type; same values in the Config DB: UNCONFIRMED). */
export const CfgGroupType = { Unknown: 0, AgentGroup: 1, PlaceGroup: 2, DNGroup: 3 } as const;

/** CfgEnumeratorType: business attribute `type`. */
export const CfgEnumeratorType = {
  None: 0,
  InteractionOperationalAttribute: 1,
  Role: 2,
  ContactAttribute: 3,
  Custom: 4,
} as const;

/** CfgTransactionType: `hybrid_integration` is a List (21). */
export const CfgTransactionType = { None: 0, BusinessAttribute: 2, List: 21, Macro: 22 } as const;

/** CfgSwitchType: SIPSwitch = 72 by counting [PYENUM] (UNCONFIRMED). */
export const CfgSwitchType = { SIPSwitch: 72 } as const;

/** CfgFolderClass: numeric value UNCONFIRMED; lab: 1 = Default. */
export const CfgFolderClass = { Default: 1 } as const;

/** History `operation_type` (lab choice, UNCONFIRMED). */
export const HistoryOperation = { Add: 1, Change: 2, Delete: 3 } as const;
export type HistoryOperationName = 'add' | 'change' | 'delete';
export function historyOperationName(code: number): HistoryOperationName | undefined {
  return code === 1 ? 'add' : code === 2 ? 'change' : code === 3 ? 'delete' : undefined;
}

/** cfg_flex_prop.prop_type (lab: 0 section/list, 1 string option; UNCONFIRMED). */
export const FlexPropType = { Section: 0, Option: 1 } as const;
