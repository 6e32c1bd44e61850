/**
 * Every regular expression written in src/core, found with the TypeScript parser: literals
 * (`/…/g`) and `new RegExp('…')` with a literal pattern. Shared by the static ReDoS check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface RegexSite { file: string; line: number; source: string; flags: string }

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

export function regexSites(root: string): RegexSite[] {
  const sites: RegexSite[] = [];
  for (const file of filesUnder(root)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
    const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = (n as ts.RegularExpressionLiteral).text;
        const end = lit.lastIndexOf('/');
        sites.push({ file, line: at(n), source: lit.slice(1, end), flags: lit.slice(end + 1) });
      } else if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp' && n.arguments?.length) {
        const [p, f] = n.arguments;
        if (ts.isStringLiteralLike(p)) sites.push({ file, line: at(n), source: p.text, flags: f && ts.isStringLiteralLike(f) ? f.text : '' });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return sites;
}
