/**
 * Reads the shape of Apex classes (classes, @AuraEnabled methods, their parameter names and
 * types, DTO properties) with the ANTLR Apex grammar from @apexdevtools/apex-parser. It runs
 * in Node with no Java, so the LWC typings and the offline org checks can both use it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import type { ClassDeclarationContext, ModifierContext } from '@apexdevtools/apex-parser';

export interface ApexSyntaxError {
  line: number;
  column: number;
  message: string;
}

export interface ApexParameter {
  name: string;
  /** Apex type as written, without spaces: `List<Partner_Referral__c>`. */
  type: string;
}

export interface ApexMethodSignature {
  name: string;
  line: number;
  auraEnabled: boolean;
  cacheable: boolean;
  isStatic: boolean;
  parameters: ApexParameter[];
  /** `void` for methods that return nothing. */
  returnType: string;
}

export interface ApexPropertySignature {
  name: string;
  type: string;
  auraEnabled: boolean;
}

export interface ApexClassSignature {
  name: string;
  isTest: boolean;
  methods: ApexMethodSignature[];
  properties: ApexPropertySignature[];
  innerClasses: ApexClassSignature[];
}

export interface ParsedApexClass {
  file: string;
  /** Undefined when the file has syntax errors or declares an interface/enum only. */
  signature: ApexClassSignature | undefined;
  errors: ApexSyntaxError[];
}

class CollectingErrorListener extends ApexErrorListener {
  readonly errors: ApexSyntaxError[] = [];

  override apexSyntaxError(line: number, column: number, message: string): void {
    this.errors.push({ line, column, message });
  }
}

function annotationNames(modifiers: ModifierContext[]): Map<string, string> {
  const annotations = new Map<string, string>();
  for (const modifier of modifiers) {
    const annotation = modifier.annotation();
    if (annotation) {
      annotations.set(annotation.id().getText().toLowerCase(), annotation.getText().toLowerCase());
    }
  }
  return annotations;
}

function hasKeyword(modifiers: ModifierContext[], keyword: string): boolean {
  return modifiers.some((modifier) => !modifier.annotation() && modifier.getText().toLowerCase() === keyword);
}

function readClass(declaration: ClassDeclarationContext, modifiers: ModifierContext[]): ApexClassSignature {
  const signature: ApexClassSignature = {
    name: declaration.id().getText(),
    isTest: annotationNames(modifiers).has('istest'),
    methods: [],
    properties: [],
    innerClasses: [],
  };
  for (const bodyDeclaration of declaration.classBody().classBodyDeclaration_list()) {
    const member = bodyDeclaration.memberDeclaration();
    if (!member) continue;
    const memberModifiers = bodyDeclaration.modifier_list();
    const annotations = annotationNames(memberModifiers);
    const auraEnabled = annotations.has('auraenabled');
    const method = member.methodDeclaration();
    const property = member.propertyDeclaration();
    const field = member.fieldDeclaration();
    const innerClass = member.classDeclaration();
    if (method) {
      const parameterList = method.formalParameters().formalParameterList();
      signature.methods.push({
        name: method.id().getText(),
        line: method.start.line,
        auraEnabled,
        cacheable: /cacheable\s*=\s*true/.test(annotations.get('auraenabled') ?? ''),
        isStatic: hasKeyword(memberModifiers, 'static'),
        parameters: (parameterList?.formalParameter_list() ?? []).map((parameter) => ({
          name: parameter.id().getText(),
          type: parameter.typeRef().getText(),
        })),
        returnType: method.typeRef()?.getText() ?? 'void',
      });
    } else if (property) {
      signature.properties.push({ name: property.id().getText(), type: property.typeRef().getText(), auraEnabled });
    } else if (field) {
      for (const declarator of field.variableDeclarators().variableDeclarator_list()) {
        signature.properties.push({ name: declarator.id().getText(), type: field.typeRef().getText(), auraEnabled });
      }
    } else if (innerClass) {
      signature.innerClasses.push(readClass(innerClass, memberModifiers));
    }
  }
  return signature;
}

// Parsing is the slow part of the checks; identical sources (a copied tree) are parsed once.
const parsedBySource = new Map<string, Omit<ParsedApexClass, 'file'>>();

/** Parses one Apex class file; syntax errors are returned, never thrown. */
export function parseApexClass(source: string, file = '<source>'): ParsedApexClass {
  const known = parsedBySource.get(source);
  if (known) return { file, ...known };
  const parsed = parseApexClassUncached(source);
  parsedBySource.set(source, parsed);
  return { file, ...parsed };
}

function parseApexClassUncached(source: string): Omit<ParsedApexClass, 'file'> {
  const listener = new CollectingErrorListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const unit = parser.compilationUnit();
  if (listener.errors.length > 0) return { signature: undefined, errors: listener.errors };
  const typeDeclaration = unit.typeDeclaration();
  const classDeclaration = typeDeclaration.classDeclaration();
  const signature = classDeclaration ? readClass(classDeclaration, typeDeclaration.modifier_list()) : undefined;
  return { signature, errors: [] };
}

/** Parses one trigger file and returns its syntax errors. */
export function parseApexTrigger(source: string): ApexSyntaxError[] {
  const listener = new CollectingErrorListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  parser.triggerUnit();
  return listener.errors;
}

/** Every `*.cls` / `*.trigger` file under a directory, recursively, sorted. */
export function findApexFiles(rootDir: string, extension: '.cls' | '.trigger'): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const entryPath = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) visit(entryPath);
      } else if (entry.name.endsWith(extension)) {
        found.push(entryPath);
      }
    }
  };
  visit(rootDir);
  return found.sort();
}

/** Every Apex class under a force-app directory, parsed. */
export function readApexClasses(forceAppDir: string): ParsedApexClass[] {
  return findApexFiles(forceAppDir, '.cls').map((file) => parseApexClass(readFileSync(file, 'utf8'), file));
}
