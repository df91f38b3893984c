import { foldText } from './text.ts';

/**
 * Legal-form words by language, as tokens after folding and acronym joining ("S.A.R.L." →
 * "sarl"). Unambiguous forms are dropped wherever they stand; ambiguous short ones only at
 * the end of a name, where they are a suffix and not a word of the name.
 */
export const LEGAL_FORMS_ANYWHERE = new Set([
  // Japanese, Chinese, Korean, as words of their own ("삼성전자 주식회사"; "(株)" and "㈱" fold to "株")
  ...cjkForms(),
  '株',
  '有',
  foldText('주'),
  // English
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lllp',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'plc',
  'pllc',
  'lp',
  // German, Austrian, Swiss
  'gmbh',
  'mbh',
  'kg',
  'kgaa',
  'ohg',
  'ug',
  // "UG (haftungsbeschränkt)", the form's own words; a charity's GmbH (gGmbH)
  'haftungsbeschrankt',
  'ggmbh',
  'gbr',
  'ev',
  // Dutch, Belgian
  'bv',
  'nv',
  'vof',
  'bvba',
  'sprl',
  // French
  'sarl',
  'sas',
  'sasu',
  'eurl',
  'snc',
  'sca',
  // Italian, Spanish, Portuguese, Latin America
  'srl',
  'srls',
  'sapa',
  'slu',
  'sociedad',
  'ltda',
  'lda',
  'eireli',
  'sab',
  'sapi',
  // Nordic
  'aps',
  'asa',
  'oyj',
  // Swedish: a public company's "AB (publ)"
  'publ',
  'hf',
  'ehf',
  // Central and Eastern Europe
  'sro',
  'zoo',
  'kft',
  'zrt',
  'nyrt',
  'doo',
  'dd',
  'ood',
  'ead',
  'ooo',
  'oao',
  'zao',
  'pao',
  'tov',
  'jsc',
  'pjsc',
  'ojsc',
  'cjsc',
  // The same in Cyrillic ("ООО «Ромашка»", "ПАО Газпром"), and the sole trader's ИП
  ...['ооо', 'оао', 'зао', 'пао', 'ао', 'ип', 'тоо', 'тов'].map(foldText),
  // Greek (Α.Ε., Ε.Π.Ε., Ι.Κ.Ε.)
  ...['αε', 'επε', 'ικε'].map(foldText),
  // Forms written out: German AG and KG; the Nordic AB, A/S, AS, Oy, ApS; Turkish "Şirketi"
  // (company), of "Anonim Şirketi" and "Limited Şirketi".
  'aktiengesellschaft',
  'kommanditgesellschaft',
  'aktiebolag',
  'aktieselskab',
  'aksjeselskap',
  'osakeyhtio',
  'anpartsselskab',
  'sirketi',
  // Asia-Pacific
  'pty',
  'pte',
  // India, Pakistan, Sri Lanka: "Pvt. Ltd.", "(Pvt) Ltd"
  'pvt',
  'bhd',
  'sdn',
  'tbk',
  'kabushiki',
  'kaisha',
  'yugen',
  'gk',
]);

/** Short forms that are also ordinary words or initials: dropped only as the last word(s). */
export const LEGAL_FORMS_AT_END = new Set([
  'co',
  'company',
  // The plural, as US groups name themselves ("Lowe's Companies, Inc.", "The Estée Lauder Companies Inc.")
  'companies',
  'cos',
  'ag',
  'sa',
  'se',
  'ab',
  'as',
  'oy',
  'kk',
  'pt',
  'cv',
  'sl',
  'sc',
  'spa',
  'pc',
  'pa',
  'lc',
  'cie',
  'ltee',
  'sal',
  'me',
  // Polish "Sp. z o.o." ("zoo" goes anywhere), "Sp. k.", "Sp. j."
  'sp',
  // Irish designated activity company; Turkish "Ltd. Şti."
  'dac',
  'sti',
  // A practice's professional designation after its name, which one source writes and the
  // other leaves out ("John Smith MD" / "Dr. John Smith", "Smith Family Dentistry, DDS").
  'md',
  'dds',
  'dmd',
  'dvm',
  'phd',
  'cpa',
  'cpas',
  'esq',
]);

/** Multi-word legal forms, folded; replaced before tokens are looked at. */
export const LEGAL_PHRASES: readonly string[] = [
  'limited liability company',
  'limited liability partnership',
  'limited partnership',
  'unlimited company',
  'public limited company',
  'private limited',
  'sociedad anonima',
  'sociedad limitada',
  'societe anonyme',
  'societa per azioni',
  'gesellschaft mit beschrankter haftung',
  'naamloze vennootschap',
  'besloten vennootschap',
  'kabushiki gaisha',
  'spolka z ograniczona odpowiedzialnoscia',
  'spolka akcyjna',
  'proprietary limited',
  'offene handelsgesellschaft',
  'societe par actions simplifiee',
  'societe a responsabilite limitee',
  'societa a responsabilita limitata',
  'sociedad de responsabilidad limitada',
  'sociedade limitada',
  'sociedade anonima',
  'anonim sirketi',
  'sa de cv',
  'sab de cv',
  'sapi de cv',
  's de rl de cv',
  'and co',
  'and company',
];

/**
 * Japanese, Chinese and Korean legal forms, longest first. Names in these scripts have no
 * spaces, so a form is usually written onto the name ("ソニー株式会社", "株式会社ソニー",
 * "华为技术有限公司"): companyNameTokens cuts it from either end of a word.
 */
export const CJK_LEGAL_FORMS: readonly string[] = cjkForms();

/** Folded as names are (foldText decomposes Hangul syllables), so they compare with folded words. */
function cjkForms(): string[] {
  return [
    '股份有限公司',
    '有限责任公司',
    '有限責任公司',
    '유한책임회사',
    '株式会社',
    '有限会社',
    '合同会社',
    '合資会社',
    '合名会社',
    '有限公司',
    '주식회사',
    '유한회사',
  ].map(foldText);
}
