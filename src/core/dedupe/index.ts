/**
 * Deduplication, as the rest of CDM uses it. dedupe.ts runs a whole table; incoming.ts matches
 * one arriving row (a form submission); one-pair.ts serves the formulas; keys.ts holds the
 * match keys; comparisons.ts the comparison levels as data; engine.ts the one set of bands,
 * guards and rules they all score with.
 */
export { dedupeTable, MAX_REVIEW_PAIRS } from './dedupe';
export type { Decision, DedupeOptions, DedupeReport, MatchPair, ModelField } from './dedupe';
export { FLAG_COLUMNS } from './flags';
export { recordKey } from './record-key';
export { dedupeKey, matchScore } from './one-pair';
export type { FieldExplanation, Engine } from './engine';
export { buildMatcher, matchOne } from './matcher';
export type { Matcher } from './matcher';
export { candidateRows, matchIncoming } from './incoming';
export type { IncomingMatch, IncomingOptions } from './incoming';
export { mergeIncoming } from './merge';
export type { IncomingMergeChange } from './merge';
export { matchColumns } from './keys';
export { MISSING } from './comparisons';
