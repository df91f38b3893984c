/** The `jaro-winkler` npm package (no published types): the benchmark's baseline scorer. */
declare module 'jaro-winkler' {
  export default function distance(a: string, b: string, options?: { caseSensitive?: boolean }): number;
}
