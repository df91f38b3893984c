/**
 * Turns an LWC TypeScript module into the JavaScript the org runs: types are removed, and
 * decorators (@api, @wire, @track) and class fields are left exactly as written, because the
 * LWC compiler on the platform reads them. TypeScript's own emit would rewrite decorators
 * into helper calls, so Babel's TypeScript preset does the stripping (as @lwc/jest-transformer does).
 */
import { transformSync } from '@babel/core';

export function stripTypes(source: string, filename: string): string {
  const result = transformSync(source, {
    filename,
    babelrc: false,
    configFile: false,
    sourceMaps: false,
    comments: true,
    retainLines: false,
    plugins: [['@babel/plugin-syntax-decorators', { decoratorsBeforeExport: true }]],
    presets: [['@babel/preset-typescript', { allowDeclareFields: true, onlyRemoveTypeImports: true }]],
  });
  if (!result?.code) throw new Error(`${filename}: Babel produced no output`);
  return result.code;
}
