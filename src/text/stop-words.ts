/**
 * English stop words for keyword queries: the function words of the Snowball English list (the list
 * PostgreSQL's `english` text search configuration uses), so BM25 over SQLite FTS5 drops the same words as
 * `websearch_to_tsquery('english', …)` does on Postgres. "electricity from sunlight" searches
 * `electricity`, `sunlight`; a query made only of stop words keeps them (it would otherwise match nothing).
 */
const WORDS = `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
hers herself it its itself they them their theirs themselves what which who whom this that these those am is
are was were be been being have has had having do does did doing a an the and but if or because as until while
of at by for with about against between into through during before after above below to from up down in out on
off over under again further then once here there when where why how all any both each few more most other some
such no nor not only own same so than too very s t can will just don should now d ll m o re ve y ain aren couldn
didn doesn hadn hasn haven isn ma mightn mustn needn shan shouldn wasn weren won wouldn`;

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w.length > 0));

/** The words that are not stop words (all of them when every word is one). */
export function withoutStopWords(words: readonly string[]): string[] {
  const kept = words.filter((w) => !ENGLISH_STOP_WORDS.has(w.toLowerCase()));
  return kept.length > 0 ? kept : [...words];
}
