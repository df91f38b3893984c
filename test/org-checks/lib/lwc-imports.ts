/**
 * Reads what each shipped LWC module imports from `@salesforce/schema/...` and
 * `@salesforce/apex/...`, and the parameter names its Apex call sites pass, by parsing the
 * TypeScript sources (or plain .js modules that have no .ts) with the TypeScript compiler API.
 */
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { bundleScripts, bundleSources, listBundles } from '../../../scripts/lwc/bundles.ts';

export interface ModuleImport {
  file: string;
  line: number;
  specifier: string;
  /** Local name of the default import, if any. */
  localName: string | undefined;
}

export interface ApexCallSite {
  file: string;
  line: number;
  /** `Class.method` from the import. */
  apexMethod: string;
  /** Keys of the object literal passed (imperative call) or the @wire config. */
  parameterNames: string[];
  kind: 'call' | 'wire';
}

export interface LwcModuleScan {
  imports: ModuleImport[];
  apexCalls: ApexCallSite[];
}

/** Shipped modules: the .ts sources, and .js modules that are not emitted from a .ts. */
export function lwcModuleFiles(lwcDir: string): string[] {
  return listBundles(lwcDir).flatMap((bundle) => {
    const sources = bundleSources(bundle);
    const plainScripts = bundleScripts(bundle).filter((script) => !existsSync(script.replace(/\.js$/, '.ts')));
    return [...sources, ...plainScripts];
  });
}

function objectLiteralKeys(node: ts.Expression | undefined): string[] | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  const keys: string[] = [];
  for (const property of node.properties) {
    if (
      (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property) || ts.isMethodDeclaration(property)) &&
      property.name
    ) {
      if (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) keys.push(property.name.text);
    }
  }
  return keys;
}

export function scanLwcModule(file: string): LwcModuleScan {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const imports: ModuleImport[] = [];
  const apexByLocalName = new Map<string, string>();

  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.importClause?.isTypeOnly) continue;
    const specifier = statement.moduleSpecifier.text;
    const localName = statement.importClause?.name?.text;
    imports.push({ file, line: lineOf(statement), specifier, localName });
    if (specifier.startsWith('@salesforce/apex/') && localName) apexByLocalName.set(localName, specifier.slice('@salesforce/apex/'.length));
  }

  const apexCalls: ApexCallSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const callee = node.expression.text;
      const [firstArgument, secondArgument] = node.arguments;
      const imperative = apexByLocalName.get(callee);
      if (imperative) {
        apexCalls.push({
          file,
          line: lineOf(node),
          apexMethod: imperative,
          parameterNames: objectLiteralKeys(firstArgument) ?? [],
          kind: 'call',
        });
      } else if (callee === 'wire' && firstArgument && ts.isIdentifier(firstArgument)) {
        const wired = apexByLocalName.get(firstArgument.text);
        if (wired)
          apexCalls.push({
            file,
            line: lineOf(node),
            apexMethod: wired,
            parameterNames: objectLiteralKeys(secondArgument) ?? [],
            kind: 'wire',
          });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, apexCalls };
}

export function scanLwc(lwcDir: string): LwcModuleScan {
  const scans = lwcModuleFiles(lwcDir).map(scanLwcModule);
  return { imports: scans.flatMap((scan) => scan.imports), apexCalls: scans.flatMap((scan) => scan.apexCalls) };
}
