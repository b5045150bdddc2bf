// Virtual Queue DNs → ACD queues (seed 003, "Mapping Queue Parameters").

/**
 * `<DN>__<SWITCH>__<suffix>`. The seeds set EXCS_GC_QUEUE_NAME_SUFFIX to `-Engage-external` and show
 * `VQ_Sales_Leads__VQ-Switch__Engage-external`: the suffix's leading `-`/`_` characters stand for the
 * separator, so they are replaced by `__`. An empty suffix gives `<DN>__<SWITCH>`.
 */
export function queueName(dn: string, switchName: string, suffix: string): string {
  const tail = suffix.replace(/^[-_]+/, '');
  return tail ? `${dn}__${switchName}__${tail}` : `${dn}__${switchName}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `hh:mm:ss MM/DD/YYYY` in UTC (24-hour clock, as the seed's 13:05:25 example). */
export function formatLastModified(d: Date): string {
  return (
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ` +
    `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`
  );
}

/** `Engage Reference: <tenant>-<switch>-<dn>; Last modified: <…>;`, without the last part when no history. */
export function queueDescription(
  tenant: string,
  switchName: string,
  dn: string,
  lastModified: Date | undefined,
): string {
  const ref = `Engage Reference: ${tenant}-${switchName}-${dn};`;
  return lastModified ? `${ref} Last modified: ${formatLastModified(lastModified)};` : ref;
}
