/**
 * The intake form is partner-facing: whatever the duplicate check says, it must never show
 * another partner's name. This test gathers every partner name in every component's fixtures
 * and renders the form with every hint fixture, reading all the text on screen (every shadow
 * tree included).
 */
import { createElement } from 'lwc';
import PartnerReferralIntake from 'c/partnerReferralIntake';
import getIntakeContext from '@salesforce/apex/ReferralIntakeController.getIntakeContext';
import checkForConflicts from '@salesforce/apex/ReferralIntakeController.checkForConflicts';

type IntakeContext = Apex.ReferralIntakeController.IntakeContext;
type ConflictHint = Apex.ReferralIntakeController.ConflictHint;

declare const __dirname: string;
interface FileSystem {
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
  existsSync(path: string): boolean;
}
const fs = jest.requireActual<FileSystem>('fs');
const path = jest.requireActual<{ join(...parts: string[]): string }>('path');

jest.mock(
  '@salesforce/apex/ReferralIntakeController.getIntakeContext',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex/ReferralIntakeController.checkForConflicts', () => ({ default: jest.fn() }), { virtual: true });

const LWC_DIR = path.join(__dirname, '..', '..');
const OWN_CONTEXT = jest.requireActual<IntakeContext>('./data/getIntakeContext.json');

interface Fixture {
  file: string;
  data: unknown;
}

function allFixtures(): Fixture[] {
  return fs.readdirSync(LWC_DIR).flatMap((bundle) => {
    const dataDir = path.join(LWC_DIR, bundle, '__tests__', 'data');
    if (!fs.existsSync(dataDir)) return [];
    return fs
      .readdirSync(dataDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({ file: `${bundle}/${file}`, data: JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')) as unknown }));
  });
}

/** Every value under a partner-name key, and every label of the partner filter options. */
function partnerNamesIn(value: unknown, file: string, names: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((item) => partnerNamesIn(item, file, names));
    if (file.endsWith('getPartnerOptions.json')) value.forEach((option) => names.add((option as { label: string }).label));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'partnerName' && typeof inner === 'string') names.add(inner);
    else if (key === 'partnerNames' && Array.isArray(inner)) inner.forEach((name) => names.add(String(name)));
    else partnerNamesIn(inner, file, names);
  }
}

function allText(root: ShadowRoot | null): string {
  if (!root) return '';
  const nested = Array.from(root.querySelectorAll('*')).map((node) => allText(node.shadowRoot));
  return [root.textContent ?? '', ...nested].join('\n');
}

const fixtures = allFixtures();
const otherPartnerNames = (() => {
  const names = new Set<string>();
  fixtures.forEach(({ file, data }) => partnerNamesIn(data, file, names));
  names.delete(OWN_CONTEXT.partnerName ?? '');
  return [...names];
})();
const hintFixtures = fixtures.filter(({ file }) => file.startsWith('partnerReferralIntake/checkForConflicts'));

const contextAdapter = getIntakeContext as unknown as { emit(value: unknown): void };
const checkMock = checkForConflicts as unknown as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function screenTextWithHint(hint: ConflictHint): Promise<string> {
  checkMock.mockResolvedValue(hint);
  const element = createElement('c-partner-referral-intake', { is: PartnerReferralIntake });
  document.body.appendChild(element);
  contextAdapter.emit(OWN_CONTEXT);
  await flush();
  const company = element.shadowRoot!.querySelector('[data-field="companyName"]')!;
  company.dispatchEvent(new CustomEvent('change', { detail: { value: 'Globex Corporation' } }));
  company.dispatchEvent(new CustomEvent('blur'));
  await flush();
  return allText(element.shadowRoot);
}

describe('partner-facing intake never shows another partner', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('has other partners in the fixtures and hints to check against', () => {
    expect(otherPartnerNames.length).toBeGreaterThanOrEqual(2);
    expect(hintFixtures.length).toBeGreaterThanOrEqual(3);
  });

  it.each(hintFixtures.map(({ file, data }) => [file, data as ConflictHint]))('%s names no other partner', async (_file, hint) => {
    const text = await screenTextWithHint(hint);

    // A "none" hint is not shown at all; any other is, so its text really was on screen.
    expect(text.includes(hint.message ?? '')).toBe(hint.severity !== 'none');
    for (const name of otherPartnerNames) expect(text).not.toContain(name);
  });

  it('would catch a leak (the check itself works)', async () => {
    const leakingHint: ConflictHint = { severity: 'warning', message: `Registered by ${otherPartnerNames[0]}`, details: [] };
    const text = await screenTextWithHint(leakingHint);

    expect(otherPartnerNames.some((name) => text.includes(name))).toBe(true);
  });
});
