/**
 * embedkit/analysis — embedding spaces as objects of study: bias measurement (WEAT, SEAT, DirectBias) and
 * hard debiasing, retrofitting to a lexicon or a hierarchy, direction and subspace removal (projection,
 * INLP).
 */
export { loadWeatTest, parseWeatTest, listWeatTests, WEFE_WEAT_TESTS, WEAT_ROLES } from './bias/word-sets.js';
export type { WeatTest, WordSet, WeatRole, LoadWeatOptions } from './bias/word-sets.js';
export { weat, weatFromSets, associations } from './bias/weat.js';
export type { WeatOptions, WeatResult, StdKind, ResolvedSet } from './bias/weat.js';
export { permutationPValue, ALTERNATIVES } from './bias/permutation.js';
export type { Alternative, PermutationOptions, PermutationResult } from './bias/permutation.js';
export { seat } from './bias/seat.js';
export type { SeatOptions, SeatResult } from './bias/seat.js';
export { pairDirection, directBias, extremeWords } from './bias/direct-bias.js';
export type { ConceptDirection, DirectBiasOptions, DirectBiasResult, WordProjection } from './bias/direct-bias.js';
export { hardDebias, equalizeCandidates } from './bias/hard-debias.js';
export type { HardDebiasOptions, HardDebiasResult } from './bias/hard-debias.js';
export { loadDebiasweLists, readWordPairs, readWordList, readProfessions } from './bias/debiaswe-lists.js';
export type { DebiasweLists, WordPair, Profession } from './bias/debiaswe-lists.js';
export { retrofit } from './retrofit/retrofit.js';
export type { RetrofitOptions, RetrofitResult } from './retrofit/retrofit.js';
export { Lexicon, readEdgeList, parseEdgeList, readAdjacencyLexicon, parseAdjacencyLexicon } from './retrofit/lexicon.js';
export type { EdgeListOptions } from './retrofit/lexicon.js';
export { loadWordNet, parseWordNetData, parseWordNetIndex, wordnetDbPath } from './retrofit/wordnet.js';
export type { WordNet, Synset, Pointer, WordNetPos } from './retrofit/wordnet.js';
export { wordnetLexicon, WORDNET_RELATIONS } from './retrofit/wordnet-lexicon.js';
export type { WordNetRelation } from './retrofit/wordnet-lexicon.js';
export { hierarchyLexicon } from './retrofit/hierarchy.js';
export type { HierarchyOptions } from './retrofit/hierarchy.js';
export { taxonomyTriples, taxonomyCheck } from './retrofit/taxonomy-check.js';
export type { TaxonomyTriple, TaxonomyCheck } from './retrofit/taxonomy-check.js';
export { subspaceFromSets, subspaceFromVectors, combineSubspaces } from './directions/subspace.js';
export type { Subspace } from './directions/subspace.js';
export { projectOutVectors } from './directions/project-out.js';
export type { ProjectOutVectorsOptions } from './directions/project-out.js';
export { inlp, inlpWords } from './directions/inlp.js';
export type { InlpOptions, InlpResult, InlpRound } from './directions/inlp.js';
