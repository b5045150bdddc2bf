// Virtual Agent Group scripts (reference: engage-config-db.md §4): `Skill("X")<op>N`, `SkillExists("X")`,
// `LoggedIn(...)`, combined with `&`, `|`, `~` and parentheses. Evaluated against a person's Config DB
// skills. A skill the person lacks fails every comparison; LoggedIn depends on run-time state the DB does
// not hold, so it is false (and the parse result says it was seen, for a warning).
//
// Scripts come from the Config DB, so they may be hostile: `&` and `|` chains are n-ary (a chain of
// 100,000 terms is one node, not a tree that deep), nesting of parentheses and `~` is limited to
// MAX_VAG_DEPTH (deeper is a parse error naming the position, so only that group is skipped), and tokens
// are read with sticky regular expressions in place (no copies of the rest of the script).

export type Comparison = '=' | '!=' | '>=' | '<=' | '>' | '<';

export type VagExpr =
  | { kind: 'skill'; name: string; op: Comparison; value: number }
  | { kind: 'exists'; name: string }
  | { kind: 'loggedIn'; target: string }
  | { kind: 'not'; expr: VagExpr }
  | { kind: 'and' | 'or'; terms: VagExpr[] };

/** Parentheses and `~` nest at most this deep (real scripts nest a few levels). */
export const MAX_VAG_DEPTH = 100;

export class VagParseError extends Error {
  override readonly name = 'VagParseError';
}

const WORD = /[A-Za-z]+/y;
const COMPARISON = />=|<=|!=|=|>|</y;
const NUMBER = /-?\d+(?:\.\d+)?/y;
const BLANK = /\s*/y;

class VagParser {
  private i = 0;
  private depth = 0;

  constructor(private readonly src: string) {}

  parse(): VagExpr {
    const e = this.or();
    this.ws();
    if (this.i !== this.src.length) this.fail('unexpected text');
    return e;
  }

  private fail(what: string): never {
    const shown =
      this.src.length > 80 ? `${JSON.stringify(this.src.slice(0, 80))}…` : JSON.stringify(this.src);
    throw new VagParseError(`${what} at position ${this.i} of ${shown}`);
  }

  private ws(): void {
    BLANK.lastIndex = this.i;
    BLANK.exec(this.src);
    this.i = BLANK.lastIndex;
  }

  private token(re: RegExp): string | undefined {
    re.lastIndex = this.i;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.i = re.lastIndex;
    return m[0];
  }

  private expect(c: string): void {
    this.ws();
    if (this.src[this.i] !== c) this.fail(`expected ${c}`);
    this.i++;
  }

  private str(): string {
    this.ws();
    if (this.src[this.i] !== '"') this.fail('expected "');
    const end = this.src.indexOf('"', this.i + 1);
    if (end < 0) this.fail('unterminated string');
    const s = this.src.slice(this.i + 1, end);
    this.i = end + 1;
    return s;
  }

  private enter(): void {
    if (++this.depth > MAX_VAG_DEPTH) this.fail(`nested deeper than ${MAX_VAG_DEPTH} levels`);
  }

  private primary(): VagExpr {
    this.ws();
    const c = this.src[this.i];
    if (c === '(' || c === '~' || c === '!') {
      this.i++;
      this.enter();
      const e = c === '(' ? this.or() : { kind: 'not' as const, expr: this.primary() };
      if (c === '(') this.expect(')');
      this.depth--;
      return e;
    }
    const fn = this.token(WORD);
    if (fn === undefined) return this.fail('expected Skill, SkillExists or LoggedIn');
    this.expect('(');
    const arg = this.str();
    this.expect(')');
    if (fn === 'SkillExists') return { kind: 'exists', name: arg };
    if (fn === 'LoggedIn') return { kind: 'loggedIn', target: arg };
    if (fn !== 'Skill') return this.fail(`unknown function ${fn}`);
    this.ws();
    const op = this.token(COMPARISON) as Comparison | undefined;
    if (op === undefined) return this.fail('expected a comparison');
    this.ws();
    const n = this.token(NUMBER);
    if (n === undefined) return this.fail('expected a number');
    return { kind: 'skill', name: arg, op, value: Number(n) };
  }

  private chain(kind: 'and' | 'or', sep: string, term: () => VagExpr): VagExpr {
    const terms = [term()];
    for (this.ws(); this.src[this.i] === sep; this.ws()) {
      this.i++;
      terms.push(term());
    }
    return terms.length === 1 ? (terms[0] as VagExpr) : { kind, terms };
  }

  private and(): VagExpr {
    return this.chain('and', '&', () => this.primary());
  }

  private or(): VagExpr {
    return this.chain('or', '|', () => this.and());
  }
}

export function parseVagScript(src: string): VagExpr {
  return new VagParser(src).parse();
}

export function usesLoggedIn(e: VagExpr): boolean {
  switch (e.kind) {
    case 'loggedIn':
      return true;
    case 'not':
      return usesLoggedIn(e.expr);
    case 'and':
    case 'or':
      return e.terms.some(usesLoggedIn);
    default:
      return false;
  }
}

function compare(level: number, op: Comparison, value: number): boolean {
  switch (op) {
    case '=':
      return level === value;
    case '!=':
      return level !== value;
    case '>=':
      return level >= value;
    case '<=':
      return level <= value;
    case '>':
      return level > value;
    case '<':
      return level < value;
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
      return e.terms.every((t) => evalVag(t, levels));
    case 'or':
      return e.terms.some((t) => evalVag(t, levels));
    case 'skill': {
      const l = levels.get(e.name);
      return l !== undefined && compare(l, e.op, e.value);
    }
  }
}
