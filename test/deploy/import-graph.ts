// The static import graph of the sources: what a module loads before any of its code runs. Type-only
// imports are erased by the build and do not count; dynamic import() is followed only where asked.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportGraph {
  /** Source files reached, absolute paths. */
  files: Set<string>;
  /** Bare package names reached (`pg`, `@electric-sql/pglite`), without node: built-ins. */
  packages: Set<string>;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** Specifiers a file imports statically (runtime, not type-only). */
export function staticImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && !st.importClause?.isTypeOnly) {
      out.push((st.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && !st.isTypeOnly) {
      out.push((st.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Specifiers of `import('literal')` expressions anywhere in a file. */
export function dynamicImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      out.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export function resolveRelative(from: string, spec: string): string {
  return resolve(dirname(from), spec);
}

/** Walks the static imports from each root. */
export function importGraph(roots: string[]): ImportGraph {
  const graph: ImportGraph = { files: new Set(), packages: new Set() };
  const todo = [...roots];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) todo.push(resolveRelative(file, spec));
      else if (!spec.startsWith('node:')) graph.packages.add(packageName(spec));
    }
  }
  return graph;
}
