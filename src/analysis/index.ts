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

// Statistical depth, concept spaces, vector decoding, projection and plots
export { corpusDepths, depthsWithRespectTo, depthOrder, DEPTH_DISTANCES, DEPTH_SUP } from './depth/tte-depth.js';
export type { DepthDistance, DepthOptions, DepthSampling, Depths, CorpusDepths } from './depth/tte-depth.js';
export { compareDepths, depthRankTest, qualityIndex, pooledRankQ } from './depth/depth-comparison.js';
export type { DepthComparison } from './depth/depth-comparison.js';
export { rankTextsByDepth, compareTextCorpora } from './depth/text-depth.js';
export type { TextDepthOptions, TextDepthRanking, TextDepthComparison, RankedText } from './depth/text-depth.js';
export { parseConcepts, readConcepts } from './concepts/concept-set.js';
export type { Concept } from './concepts/concept-set.js';
export { ConceptSpace } from './concepts/concept-space.js';
export type { ConceptAggregate, ConceptSpaceOptions } from './concepts/concept-space.js';
export { explainMatch, explainProfiles } from './concepts/explain.js';
export type { MatchExplanation, ConceptContribution, ExplainOptions } from './concepts/explain.js';
export { fitConceptWeights, scoreProfilePairs, pairFeatures, evaluateSesa, labelsByThreshold } from './concepts/sesa.js';
export type { ConceptWeights, SesaFitOptions, LabelledPairs, PairMetrics, SesaEvaluation } from './concepts/sesa.js';
export { decodeVector, decodeVectors, decodeTexts, meanVector } from './decode/nearest-words.js';
export type { DecodeOptions, DecodedVector } from './decode/nearest-words.js';
export { loadTokenEmbeddings, tokenStrings } from './decode/token-embeddings.js';
export type { TokenEmbeddings, TokenEmbeddingOptions } from './decode/token-embeddings.js';
export { listInitializers, readInitializer } from './decode/onnx-initializers.js';
export type { InitializerInfo } from './decode/onnx-initializers.js';
export { semanticAnchors } from './decode/anchors.js';
export type { Anchor, Anchors, AnchorOptions } from './decode/anchors.js';
export { projectVectors, PROJECTION_METHODS } from './projection/project.js';
export type { Projection, ProjectionMethod, ProjectionOptions } from './projection/project.js';
export { pca } from './projection/pca.js';
export type { PcaResult } from './projection/pca.js';
export { trustworthiness } from './projection/trustworthiness.js';
export { projectionPoints, projectionDocument, writeProjectionJson } from './projection/plot-points.js';
export type { PlotPoint, PointsOptions, ProjectionDocument, MetadataValue } from './projection/plot-points.js';
export { plotSpec } from './projection/plot-spec.js';
export type { PlotSpecOptions } from './projection/plot-spec.js';
export { renderSvg, svgToPng, writePlot, plotFormatOf } from './projection/render-plot.js';
export type { PlotFormat, PngOptions } from './projection/render-plot.js';
export { vocabularySample } from './projection/vocabulary-sample.js';
export type { VocabularySample, VocabularySampleOptions } from './projection/vocabulary-sample.js';
export { conceptProfiles } from './concepts/concept-profile.js';
export type { ConceptScore, TextConcepts } from './concepts/concept-profile.js';
export { parseVector } from './decode/parse-vector.js';
