// Virtual Agent Group scripts (reference: engage-config-db.md §4): `Skill("X")<op>N`, `SkillExists("X")`,
// `LoggedIn(...)`, combined with `&`, `|`, `~` and parentheses. Evaluated against a person's Config DB
// skills. A skill the person lacks fails every comparison; LoggedIn depends on run-time state the DB does
// not hold, so it is false (and the parse result says it was seen, for a warning).

export type VagExpr =
  | { kind: 'skill'; name: string; op: '=' | '!=' | '>=' | '<=' | '>' | '<'; value: number }
  | { kind: 'exists'; name: string }
  | { kind: 'loggedIn'; target: string }
  | { kind: 'not'; expr: VagExpr }
  | { kind: 'and' | 'or'; left: VagExpr; right: VagExpr };

export class VagParseError extends Error {
  override readonly name = 'VagParseError';
}

export function parseVagScript(src: string): VagExpr {
  let i = 0;
  const ws = (): void => {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
  };
  const fail = (what: string): never => {
    throw new VagParseError(`${what} at position ${i} of ${JSON.stringify(src)}`);
  };
  const str = (): string => {
    ws();
    if (src[i] !== '"') fail('expected "');
    const end = src.indexOf('"', i + 1);
    if (end < 0) fail('unterminated string');
    const s = src.slice(i + 1, end);
    i = end + 1;
    return s;
  };
  const expect = (c: string): void => {
    ws();
    if (src[i] !== c) fail(`expected ${c}`);
    i++;
  };
  const primary = (): VagExpr => {
    ws();
    if (src[i] === '(') {
      i++;
      const e = or();
      expect(')');
      return e;
    }
    if (src[i] === '~' || src[i] === '!') {
      i++;
      return { kind: 'not', expr: primary() };
    }
    const m = /^[A-Za-z]+/.exec(src.slice(i));
    if (!m) return fail('expected Skill, SkillExists or LoggedIn');
    const fn = m[0];
    i += fn.length;
    expect('(');
    const arg = str();
    expect(')');
    if (fn === 'SkillExists') return { kind: 'exists', name: arg };
    if (fn === 'LoggedIn') return { kind: 'loggedIn', target: arg };
    if (fn !== 'Skill') return fail(`unknown function ${fn}`);
    ws();
    const om = /^(>=|<=|!=|=|>|<)/.exec(src.slice(i));
    if (!om) return fail('expected a comparison');
    i += (om[0] as string).length;
    ws();
    const nm = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (!nm) return fail('expected a number');
    i += nm[0].length;
    return { kind: 'skill', name: arg, op: om[0] as '=', value: Number(nm[0]) };
  };
  const and = (): VagExpr => {
    let left = primary();
    for (ws(); src[i] === '&'; ws()) {
      i++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): VagExpr => {
    let left = and();
    for (ws(); src[i] === '|'; ws()) {
      i++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const e = or();
  ws();
  if (i !== src.length) fail('unexpected text');
  return e;
}

export function usesLoggedIn(e: VagExpr): boolean {
  switch (e.kind) {
    case 'loggedIn':
      return true;
    case 'not':
      return usesLoggedIn(e.expr);
    case 'and':
    case 'or':
      return usesLoggedIn(e.left) || usesLoggedIn(e.right);
    default:
      return false;
  }
}

export function evalVag(e: VagExpr, levels: ReadonlyMap<string, number>): boolean {
  switch (e.kind) {
    case 'exists':
      return levels.has(e.name);
    case 'loggedIn':
      return false;
    case 'not':
      return !evalVag(e.expr, levels);
    case 'and':
      return evalVag(e.left, levels) && evalVag(e.right, levels);
    case 'or':
      return evalVag(e.left, levels) || evalVag(e.right, levels);
    case 'skill': {
      const l = levels.get(e.name);
      if (l === undefined) return false;
      switch (e.op) {
        case '=':
          return l === e.value;
        case '!=':
          return l !== e.value;
        case '>=':
          return l >= e.value;
        case '<=':
          return l <= e.value;
        case '>':
          return l > e.value;
        case '<':
          return l < e.value;
      }
    }
  }
}
