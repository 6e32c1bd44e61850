// talisman ships CommonJS without type declarations; only what CDM uses is declared here.
declare module 'talisman/metrics/jaro-winkler' {
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
declare module 'talisman/phonetics/double-metaphone' {
  const doubleMetaphone: (word: string) => [string, string];
  export default doubleMetaphone;
}
declare module 'talisman/phonetics/soundex' {
  const soundex: (word: string) => string;
  export default soundex;
}
